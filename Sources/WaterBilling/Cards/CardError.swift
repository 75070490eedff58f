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

    public var failureKind: FailureKind {
        switch self {
        case .openingStopped(_, _, let kind): return kind
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
        case .codeUnknown(let number):
            return "the card in the reader is card \(number), whose opening stopped while it was being given its security code: "
                + "which code it holds cannot be known, and a wrong one could lock it"
        }
    }
}
