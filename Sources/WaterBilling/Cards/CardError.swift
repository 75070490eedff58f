import WBillSupport

/// Why a card could not be read as this utility's card, or a card operation was refused.
public enum CardError: ClassifiedError, Equatable {
    /// The database has no card secret (it was not migrated).
    case noSecret
    /// A wbill card of a layout version this build does not know.
    case unsupportedLayoutVersion(found: Int, known: Int)
    /// A wbill card of a kind this build does not know.
    case unknownCardKind(UInt8)
    /// An area whose CRC does not match its bytes (both copies, for the purchase area).
    case damaged(area: String)
    /// A value that does not fit its field on the card.
    case doesNotFit(field: String, value: String, reason: String)
    /// Cards are for card-meter (meter-prepaid) accounts only.
    case notCardMeterAccount(account: String, businessMode: BusinessMode)
    /// The account is closed.
    case accountClosed(String)
    /// The account has no installed meter to write on the card.
    case noMeter(account: String)
    /// The account has several installed meters and none was chosen.
    case severalMeters(account: String, serials: [String])
    /// The meter chosen is not installed on the account.
    case meterNotOnAccount(meter: String, account: String)
    /// The account already has a live card.
    case accountHasCard(account: String, cardNumber: UInt32, state: CardState)
    /// A card is opened only on a blank card: what the card on the reader is instead.
    case notBlank(String)
    /// The card holds an interrupted opening whose security code cannot be known (the card was
    /// being given its own code when it stopped); trying the wrong one could lock it.
    case codeUnknown(cardNumber: UInt32)
    /// Writing a card stopped part-way: why, and the kind of that failure.
    case openingStopped(cardNumber: UInt32, reason: String, kind: FailureKind)
    /// The account has no active card to recharge.
    case noActiveCard(account: String)
    /// The card on the reader is not the account's active card: what it is instead.
    case notAccountsCard(account: String, cardNumber: UInt32, found: String)
    /// A replacement card not yet swiped at the meter (rule 9).
    case swipeRequired(account: String, cardNumber: UInt32)
    /// The card still carries a purchase the meter has not taken; it holds one purchase at a time.
    case purchaseNotTaken(cardNumber: UInt32, sequence: UInt32, lastTaken: UInt32)
    /// The card's last purchase is not the one the database has for the account.
    case cardOutOfStep(cardNumber: UInt32, onCard: UInt32, journaled: UInt32)
    /// The account's tariff cannot price a card purchase: why.
    case notPriced(account: String, tariff: String?, reason: String)
    /// A volume typed that is not one.
    case invalidVolume(String, reason: String)
    /// The amount does not buy one thousandth of the volume unit.
    case amountBuysNothing(amount: Money, smallest: Money)
    /// Writing a purchase stopped part-way: it stays pending (charged, journaled).
    case purchaseStopped(cardNumber: UInt32, sequence: UInt32, reason: String, kind: FailureKind)
    /// Nothing on the card can be refunded: why.
    case nothingToRefund(cardNumber: UInt32, reason: String)
    /// A refund of more than the card carries.
    case refundTooLarge(cardNumber: UInt32, carried: Volume, asked: Volume)
    /// A replacement needs an active or lost card to replace.
    case nothingToReplace(account: String)
    /// The card on the reader is not a card this database issued: what it is.
    case notThisUtilitysCard(found: String)
    /// A reference already used by another purchase: what differs.
    case referenceReused(reference: String, purchaseID: Int64, differences: [String])
    /// A reference already on a recharge receipt that is not a card purchase.
    case referenceOnReceipt(reference: String, receipt: Int64, account: String)
    /// A reference whose purchase was rolled back.
    case referenceRolledBack(reference: String, purchaseID: Int64)
    /// Nothing pending to recover on the account.
    case nothingPending(account: String)
    /// A pending purchase is rolled back only when the card does not hold it.
    case cardHoldsPurchase(cardNumber: UInt32, sequence: UInt32)

    public var failureKind: FailureKind {
        switch self {
        case .openingStopped(_, _, let kind), .purchaseStopped(_, _, _, let kind): return kind
        case .invalidVolume: return .usage
        case .noActiveCard, .notAccountsCard, .swipeRequired, .cardOutOfStep, .notPriced, .amountBuysNothing, .referenceReused,
             .referenceRolledBack, .nothingPending, .cardHoldsPurchase, .notThisUtilitysCard, .purchaseNotTaken, .nothingToReplace, .referenceOnReceipt, .nothingToRefund, .refundTooLarge:
            return .refused
        case .noSecret: return .refused
        case .unsupportedLayoutVersion, .unknownCardKind, .damaged: return .badInput
        case .doesNotFit, .notCardMeterAccount, .accountClosed, .noMeter, .severalMeters, .meterNotOnAccount, .accountHasCard,
             .notBlank, .codeUnknown:
            return .refused
        }
    }

    public var description: String {
        switch self {
        case .noSecret:
            return "the database has no card secret; its schema must be brought up to date first"
        case .unsupportedLayoutVersion(let found, let known):
            return "the card is written in card layout version \(found), and this wbill knows version \(known) only"
        case .unknownCardKind(let kind):
            return "the card is of kind \(kind), which this wbill does not know"
        case .damaged(let area):
            return "the card's \(area) is damaged (its CRC does not match)"
        case .doesNotFit(let field, let value, let reason):
            return "the \(field) '\(value)' does not fit on a card: \(reason)"
        case .notCardMeterAccount(let account, let mode):
            return "account \(account) is \(mode.rawValue): IC cards are for card-meter (meter-prepaid) accounts"
        case .accountClosed(let account):
            return "account \(account) is closed"
        case .noMeter(let account):
            return "account \(account) has no meter installed to write on a card"
        case .severalMeters(let account, let serials):
            return "account \(account) has \(serials.count) meters installed (\(serials.joined(separator: ", "))): say which one the card is for"
        case .meterNotOnAccount(let meter, let account):
            return "meter \(meter) is not installed on account \(account)"
        case .accountHasCard(let account, let number, let state):
            return "account \(account) already has card \(number) (\(state.rawValue)); an account has one card at a time"
        case .notBlank(let what):
            return "a card is opened on a blank card, and the card in the reader \(what)"
        case .openingStopped(let number, let reason, _):
            return "card \(number) was not opened: \(reason); the card may hold part of it, and opening again with the same card finishes card \(number)"
        case .noActiveCard(let account):
            return "account \(account) has no active card"
        case .notAccountsCard(let account, let number, let found):
            return "the card in the reader \(found), not account \(account)'s card \(number)"
        case .swipeRequired(let account, let number):
            return "card \(number) of account \(account) replaced a card and has not been swiped at the meter yet: "
                + "it is recharged once the meter has taken it (rule 9)"
        case .purchaseNotTaken(let number, let sequence, let lastTaken):
            return "card \(number) still carries purchase \(sequence), which the meter has not taken "
                + (lastTaken == 0 ? "(it has taken none from this card)" : "(it last took purchase \(lastTaken))")
                + ": a card carries one purchase at a time, and is recharged again once the meter has taken it"
        case .cardOutOfStep(let number, let onCard, let journaled):
            return "card \(number) holds purchase \(onCard), and the database's last purchase for its account is \(journaled)"
        case .notPriced(let account, let tariff, let reason):
            return "account \(account)'s purchase cannot be priced" + (tariff.map { " by tariff '\($0)'" } ?? "") + ": \(reason)"
        case .invalidVolume(let text, let reason):
            return "invalid volume '\(text)': \(reason)"
        case .amountBuysNothing(let amount, let smallest):
            return "\(amount) does not buy any water: the smallest purchase, 0.001, costs \(smallest)"
        case .purchaseStopped(let number, let sequence, let reason, _):
            return "purchase \(sequence) was not written to card \(number): \(reason); it stays pending (journaled and charged), "
                + "to be finished with the same card or rolled back if the card does not hold it"
        case .referenceReused(let reference, let id, let differences):
            return "reference '\(reference)' was used by card purchase \(id), with another \(differences.joined(separator: ", "))"
        case .referenceOnReceipt(let reference, let receipt, let account):
            return "reference '\(reference)' is on recharge receipt \(receipt) of account \(account), which is not a card purchase"
        case .referenceRolledBack(let reference, let id):
            return "reference '\(reference)' was used by card purchase \(id), which was rolled back"
        case .nothingToRefund(let number, let reason):
            return "card \(number) has no credit to refund: \(reason)"
        case .refundTooLarge(let number, let carried, let asked):
            return "card \(number) carries \(carried) the meter has not taken, so no more than that is refunded, not \(asked)"
        case .nothingToReplace(let account):
            return "account \(account) has no active or lost card to replace"
        case .notThisUtilitysCard(let found):
            return "the card in the reader \(found)"
        case .nothingPending(let account):
            return "account \(account) has no pending card purchase or refund"
        case .cardHoldsPurchase(let number, let sequence):
            return "card \(number) holds purchase \(sequence): it cannot be rolled back, only confirmed"
        case .codeUnknown(let number):
            return "the card in the reader is card \(number), whose opening stopped while it was being given its security code: "
                + "which code it holds cannot be known, and a wrong one could lock it"
        }
    }
}
