import WBillSupport

/// Opens a card for a card-meter account (rule 8): a blank card on the reader is written with the
/// account, its meter and a new card number, read back, given its own security code, and bound to
/// the account — journaled before it is written and confirmed after.
///
/// The steps, each database step its own short transaction so that no lock is held while the card
/// is written:
///
/// 1. Check the account (open, card-meter, its meter) and the card (blank, all 3 code tries left),
///    presenting no code.
/// 2. Journal: a `cards` row `opening`, code `factory`, with the next card number (an account's
///    earlier openings that never finished are abandoned).
/// 3. Present the factory code; write the identity area, the purchase area and its copy (no
///    purchase yet) and the meter's write-back area (never swiped); read each back.
/// 4. Journal the code as `changing`, give the card its own code, read it back.
/// 5. Confirm: the row `active`, with an audit entry.
///
/// A write that fails (card pulled, reader silent) marks the row `failed` and is reported. Opening
/// again with that card finishes the same card number: the card is recognised by its card number,
/// and its code is the factory one unless step 4 had begun — then it cannot be known, and the card
/// is refused rather than risked. A blank card instead abandons the unfinished one.
public struct CardIssuer {
    let database: Database
    let context: AuditContext

    /// An issuer writing to `database` as `context` says.
    public init(database: Database, context: AuditContext) {
        self.database = database
        self.context = context
    }

    /// Opens a card for `accountNumber` on the card in `reader`.
    /// - Parameter meterSerial: the meter the card is for; needed when the account has several.
    /// - Returns: the card issued, active.
    /// - Throws: `CardError` (the account, the meter, a card that is not blank, another live card),
    ///   `AccountError.notFound`, `CardReaderError` and `SerialPortError` from the card and the line.
    /// - Parameter replacing: replace the account's active card (marked `replaced`) or its lost one;
    ///   without it an account with an active card is refused.
    public func open(accountNumber: String, meterSerial: String?, reader: CardReader, replacing: Bool = false) throws -> IssuedCard {
        let keys = try CardKeys.stored(in: database)
        let accounts = AccountStore(database: database)
        let account = try accounts.find(accountNumber)
        guard account.status != .closed else { throw CardError.accountClosed(account.number) }
        guard account.isCardMeter else { throw CardError.notCardMeterAccount(account: account.number, businessMode: account.businessMode) }
        let meter = try chooseMeter(meterSerial, installed: try accounts.installedMeters(of: account), account: account.number)

        let session = try SLE4442Session.start(on: reader)
        defer { session.powerOff() }
        let memory = try session.readAll()
        let resumed = try interruptedOpening(on: memory, keys: keys, account: account)
        if resumed == nil, (try? CardLayout.decode(memory)) != .blank {
            throw CardError.notBlank(try describe(memory, keys: keys))
        }
        let tries = try session.triesLeft()
        guard tries == SLE4442Session.allTries else {
            throw tries == 0 ? CardReaderError.cardLocked : CardReaderError.codeTriesUsed(triesLeft: tries)
        }
        if let resumed, resumed.codeState == .changing { throw CardError.codeUnknown(cardNumber: resumed.number) }

        let store = CardStore(database: database)
        let writer = CardWriter(database: database)
        let journal = BulkWrite(database, .connectionDefaults)
        let card: IssuedCard = try journal.run { _ in
            let audit = AuditTrail(database: database, context: context)
            if let resumed {
                try writer.markOpening(resumed.id)
                try audit.record(entity: "card", id: String(resumed.number), action: "resume opening")
                return try store.card(numbered: resumed.number)!
            }
            if let live = try store.liveCard(of: account.id), live.state == .active {
                guard replacing else { throw CardError.accountHasCard(account: account.number, cardNumber: live.number, state: live.state) }
                try writer.retire(live.id, as: .replaced)
                try audit.record(entity: "card", id: String(live.number), action: "replace",
                                 changes: [AuditChange("state", old: CardState.active.rawValue, new: CardState.replaced.rawValue)])
            } else if replacing {
                guard let last = try store.lastIssued(of: account.id), last.state == .lost else {
                    throw CardError.nothingToReplace(account: account.number)
                }
            }
            for number in try writer.abandonUnfinished(of: account.id) {
                try audit.record(entity: "card", id: String(number), action: "abandon",
                                 changes: [AuditChange("state", old: "opening", new: CardState.abandoned.rawValue)])
            }
            let number = try store.nextNumber()
            // Every card issued before (replaced, lost) makes this one a replacement: the meter knows the
            // newest by its count, and it must be swiped there before it is recharged (rule 9).
            let issuedBefore = try store.issuedCount(of: account.id)
            _ = try writer.insertOpening(number: number, accountID: account.id, meterID: meter.id, replacementCount: issuedBefore,
                                         audit: audit)
            try audit.record(entity: "card", id: String(number), action: "start opening", changes: [
                AuditChange("account", old: nil, new: account.number), AuditChange("meter", old: nil, new: meter.serial),
            ])
            return try store.card(numbered: number)!
        }

        var unlocked = false
        do {
            try session.unlock(with: SLE4442Session.factoryCode)
            unlocked = true
            try write(card, keys: keys, session: session, journal: journal, writer: writer)
        } catch {
            _ = try? journal.run { _ in
                try writer.markFailed(card.id, reason: "\(error)")
                try AuditTrail(database: database, context: context).record(entity: "card", id: String(card.number), action: "opening failed",
                                                                             changes: [AuditChange("reason", old: nil, new: "\(error)")])
            }
            // Refused before anything was written (the code): said as it is.
            guard unlocked else { throw error }
            let kind = (error as? ClassifiedError)?.failureKind ?? .internalError
            throw CardError.openingStopped(cardNumber: card.number, reason: "\(error)", kind: kind)
        }
        return try journal.run { _ in
            try writer.confirm(card.id, audit: AuditTrail(database: database, context: context))
            try confirmPendingCarried(by: card)
            try AuditTrail(database: database, context: context).record(entity: "card", id: String(card.number), action: "open", changes: [
                AuditChange("account", old: nil, new: card.accountNumber), AuditChange("meter", old: nil, new: card.meterSerial),
                AuditChange("state", old: CardState.opening.rawValue, new: CardState.active.rawValue),
            ])
            return try store.card(numbered: card.number)!
        }
    }

    /// Steps 3 and 4, once the factory code was taken: the areas, read back, then the card's own code.
    private func write(_ card: IssuedCard, keys: CardKeys, session: SLE4442Session, journal: BulkWrite, writer: CardWriter) throws {
        let identity = CardIdentity(utilityCode: keys.utilityCode, cardNumber: card.number, replacementCount: UInt16(card.replacementCount),
                                    accountNumber: card.accountNumber, meterSerial: card.meterSerial)
        try session.write(try CardLayout.encode(identity), at: CardLayout.identity.lowerBound)
        // A replacement carries the account's last purchase (pending or confirmed): the meter takes it
        // once, from whichever card brings it first.
        let purchase = try CardLayout.encode(try CardPurchaseStore(database: database).carried(of: card.accountID) ?? CardPurchase.none)
        try session.write(purchase, at: CardLayout.purchase.lowerBound)
        try session.write(purchase, at: CardLayout.purchaseCopy.lowerBound)
        try session.write(try CardLayout.encode(MeterWriteBack.none), at: CardLayout.writeBack.lowerBound)
        try journal.run { _ in try writer.markCodeChanging(card.id) }
        try session.changeCode(to: keys.securityCode(forCard: card.number))
    }

    /// A pending purchase (or refund) the new card was written with is on a card now: confirmed.
    private func confirmPendingCarried(by card: IssuedCard) throws {
        if let refund = try CardRefundStore(database: database).pending(of: card.accountID) {
            let audit = AuditTrail(database: database, context: context)
            try CardRefundWriter(database: database).confirm(refund.id, audit: audit)
            try audit.record(entity: "card", id: String(card.number), action: "refund confirmed", changes: [
                AuditChange("refund", old: nil, new: String(refund.id)),
                AuditChange("state", old: CardPurchaseState.pending.rawValue, new: CardPurchaseState.confirmed.rawValue),
                AuditChange("how", old: nil, new: "written on replacement card \(card.number)"),
            ])
        }
        guard let pending = try CardPurchaseStore(database: database).pending(of: card.accountID),
              try CardPurchaseStore(database: database).last(of: card.accountID)?.id == pending.id else { return }
        let audit = AuditTrail(database: database, context: context)
        try CardPurchaseWriter(database: database).confirm(pending.id, audit: audit)
        try audit.record(entity: "card", id: String(card.number), action: "purchase finished", changes: [
            AuditChange("purchase", old: nil, new: String(pending.id)),
            AuditChange("sequence", old: nil, new: String(pending.purchase.sequence)),
            AuditChange("state", old: CardPurchaseState.pending.rawValue, new: CardPurchaseState.confirmed.rawValue),
            AuditChange("how", old: nil, new: "written on replacement card \(card.number)"),
        ])
    }

    /// The journaled opening of this account that the card on the reader is, if it is one.
    private func interruptedOpening(on memory: [UInt8], keys: CardKeys, account: Account) throws -> IssuedCard? {
        guard let peeked = CardLayout.peekCardNumber(memory), peeked.utilityCode == keys.utilityCode,
              let card = try CardStore(database: database).card(numbered: peeked.cardNumber),
              card.accountID == account.id, card.state == .opening || card.state == .failed else { return nil }
        return card
    }

    /// What a card that is not blank is, for the refusal.
    private func describe(_ memory: [UInt8], keys: CardKeys) throws -> String {
        switch try? CardLayout.decode(memory) {
        case .wbill(let record)? where record.identity.utilityCode != keys.utilityCode:
            return "is another utility's card"
        case .wbill(let record)?:
            return "is card \(record.identity.cardNumber) of account \(record.identity.accountNumber)"
        case .foreign?:
            return "holds data that is not a wbill card"
        default:
            return "holds a wbill card that cannot be read"
        }
    }

    private func chooseMeter(_ serial: String?, installed: [Meter], account: String) throws -> Meter {
        if let serial {
            let wanted = serial.trimmed.uppercased()
            guard let meter = installed.first(where: { $0.serial == wanted }) else { throw CardError.meterNotOnAccount(meter: wanted, account: account) }
            return meter
        }
        guard let first = installed.first else { throw CardError.noMeter(account: account) }
        guard installed.count == 1 else { throw CardError.severalMeters(account: account, serials: installed.map(\.serial)) }
        return first
    }
}
