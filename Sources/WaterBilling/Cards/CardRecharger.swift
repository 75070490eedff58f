import WBillSupport

/// What a recharge did.
public struct CardRechargeOutcome: Sendable, Equatable {
    /// The purchase written (or, for a retry, the one written the first time).
    public let purchase: CardPurchaseRecord
    /// Money asked for and not spent (an amount buys whole thousandths only); zero for a volume.
    public let unspent: Money
    /// Whether this was a retry of a purchase already made (nothing new was charged).
    public let isRetry: Bool
}

/// Recharges a card-meter account's card (DOMAIN rules 7–9): money → volume by the account's
/// `meter-prepaid` tariff (`CardPurchasePricing`), ledger entries (the money in as a `recharge`, spent
/// as a `card-purchase`), and the card
/// written, as one journaled operation:
///
/// 1. Check the account (open, card-meter), its active card, and the card on the reader: this
///    utility's, that card number (a card that is not the account's is refused before any code).
/// 2. Settle a pending purchase of the account first (`PendingPurchaseSettlement`: finished with the
///    same sequence, never a second purchase).
/// 3. A replacement card must carry the meter's mark (write-back status bit 0) before it is
///    recharged (rule 9); the card's purchase must be the database's last, and taken by the meter
///    (its write-back's last sequence): a card carries one purchase at a time.
/// 4. Journal: the purchase `pending` with the next sequence, and its ledger entry, in one short
///    transaction (a reference already used returns the first purchase, charging nothing).
/// 5. Write the purchase area and its copy, each read back; then confirm, with an audit entry.
///
/// A write that stops (card pulled, reader silent, the process killed) leaves the purchase pending:
/// charged and journaled, finished by the next card command with that card, or rolled back if the
/// card does not hold it.
public struct CardRecharger {
    let database: Database
    let context: AuditContext

    /// A recharger writing to `database` as `context` says.
    public init(database: Database, context: AuditContext) {
        self.database = database
        self.context = context
    }

    /// Performs `request` with the card in `reader`.
    /// - Throws: `CardError`, `AccountError` (account, amount, channel, limit), `CardReaderError`,
    ///   `SerialPortError`.
    /// - Parameter settledFirst: told at once when a pending purchase was settled first (it stays
    ///   settled even when this recharge is then refused).
    public func recharge(_ request: CardMoneyRequest, reader: CardReader,
                         settledFirst: (SettledCardWrite) -> Void = { _ in }) throws -> CardRechargeOutcome {
        let keys = try CardKeys.stored(in: database)
        let account = try AccountStore(database: database).find(request.accountNumber)
        let reference = try request.reference.map(Cashier.validReference)
        let purchases = CardPurchaseStore(database: database)
        var original: CardPurchaseRecord?
        if let reference, let used = try purchases.purchase(reference: reference) {
            try checkRetry(used, of: request, account: account)
            if used.state == .confirmed { return CardRechargeOutcome(purchase: used, unspent: .zero(account.currency), isRetry: true) }
            original = used
        } else if let reference, let receipt = try Ledger(database: database).entry(kind: .recharge, reference: reference) {
            throw CardError.referenceOnReceipt(reference: reference, receipt: receipt.id, account: receipt.accountNumber)
        }
        guard account.status != .closed else { throw CardError.accountClosed(account.number) }
        guard account.isCardMeter else { throw CardError.notCardMeterAccount(account: account.number, businessMode: account.businessMode) }
        guard let card = try CardStore(database: database).liveCard(of: account.id), card.state == .active else {
            throw CardError.noActiveCard(account: account.number)
        }

        let session = try SLE4442Session.start(on: reader)
        defer { session.powerOff() }
        var record = try AccountCard.read(session, keys: keys, expected: card, database: database)
        if try PendingCardWrites(database: database, context: context, keys: keys)
            .settle(accountID: account.id, record: record, session: session, rollBack: false, told: settledFirst) {
            record = try AccountCard.read(session, keys: keys, expected: card, database: database)
        }
        if let original {
            return CardRechargeOutcome(purchase: try purchases.purchase(id: original.id)!, unspent: .zero(account.currency), isRetry: true)
        }
        let journal = BulkWrite(database, .connectionDefaults)
        if card.swipeRequired {
            guard let writeBack = record.writeBack, writeBack.status & CardRecharger.writtenByMeter != 0 else {
                throw CardError.swipeRequired(account: account.number, cardNumber: card.number)
            }
            try journal.run { _ in
                try CardWriter(database: database).clearSwipeRequired(card.id)
                try AuditTrail(database: database, context: context).record(entity: "card", id: String(card.number), action: "swiped at meter",
                                                                            changes: [AuditChange("meter last sequence", old: nil,
                                                                                                  new: String(writeBack.lastSequenceConsumed))])
            }
        }
        let last = try purchases.last(of: account.id)
        let cardPurchase = record.purchase
        guard cardPurchase.sequence == (last?.purchase.sequence ?? 0) else {
            throw CardError.cardOutOfStep(cardNumber: card.number, onCard: cardPurchase.sequence, journaled: last?.purchase.sequence ?? 0)
        }

        let lastTaken = record.writeBack?.lastSequenceConsumed ?? 0
        guard cardPurchase.sequence == 0 || lastTaken >= cardPurchase.sequence else {
            throw CardError.purchaseNotTaken(cardNumber: card.number, sequence: cardPurchase.sequence, lastTaken: lastTaken)
        }
        let quote = try price(request, account: account, card: card, cumulative: try purchases.carried(of: account.id)?.cumulative ?? .zero,
                              sequence: (last?.purchase.sequence ?? 0) + 1)
        let pending: CardPurchaseRecord = try journal.run { _ in
            let audit = AuditTrail(database: database, context: context)
            let writer = CardPurchaseWriter(database: database)
            let id = try writer.insertPending(accountID: account.id, cardID: card.id, purchase: quote.purchase, asked: quote.asked, amount: quote.amount,
                                              tariff: quote.tariff, pricedOn: quote.day, channel: request.channel, reference: reference, audit: audit)
            var receipt: String?
            if !quote.amount.isZero {
                // Money in, then spent on the water: a card-meter account holds no money balance.
                let ledger = Ledger(database: database)
                let what = "card \(card.number) purchase \(quote.purchase.sequence): \(quote.purchase.volume) by \(quote.tariff)"
                let paid = try ledger.append(LedgerPosting(kind: .recharge, amount: quote.amount, channel: request.channel, reference: reference,
                                                           reason: what), to: account, audit: audit)
                let spent = try ledger.append(LedgerPosting(kind: .cardPurchase, amount: try quote.amount.negated(), reference: reference,
                                                            reason: what), to: account, audit: audit)
                try writer.setLedgerEntries(id, receipt: paid.id, purchase: spent.id)
                receipt = String(paid.id)
            }
            try audit.record(entity: "card", id: String(card.number), action: "purchase pending", changes: [
                AuditChange("purchase", old: nil, new: String(id)),
                AuditChange("sequence", old: nil, new: String(quote.purchase.sequence)),
                AuditChange("volume", old: nil, new: quote.purchase.volume.description),
                AuditChange("amount", old: nil, new: quote.amount.description),
                AuditChange("channel", old: nil, new: request.channel.rawValue),
            ] + [("receipt", receipt), ("reference", reference)].compactMap { field, value in value.map { AuditChange(field, old: nil, new: $0) } })
            return try CardPurchaseStore(database: database).purchase(id: id)!
        }

        do {
            try PurchaseAreas.write(quote.purchase, cardNumber: card.number, keys: keys, session: session)
        } catch {
            let kind = (error as? ClassifiedError)?.failureKind ?? .internalError
            throw CardError.purchaseStopped(cardNumber: card.number, sequence: quote.purchase.sequence, reason: "\(error)", kind: kind)
        }
        let confirmed: CardPurchaseRecord = try journal.run { _ in
            let audit = AuditTrail(database: database, context: context)
            try CardPurchaseWriter(database: database).confirm(pending.id, audit: audit)
            try audit.record(entity: "card", id: String(card.number), action: "recharge", changes: [
                AuditChange("purchase", old: nil, new: String(pending.id)),
                AuditChange("sequence", old: nil, new: String(quote.purchase.sequence)),
                AuditChange("state", old: CardPurchaseState.pending.rawValue, new: CardPurchaseState.confirmed.rawValue),
            ])
            return try CardPurchaseStore(database: database).purchase(id: pending.id)!
        }
        return CardRechargeOutcome(purchase: confirmed, unspent: quote.unspent, isRetry: false)
    }

    /// The status bit a meter sets in the write-back area when it writes it.
    public static let writtenByMeter: UInt16 = 0x0001

    private struct Quote {
        let purchase: CardPurchase
        let amount: Money
        let unspent: Money
        let asked: String
        let tariff: String
        let day: CivilDate
    }

    private func price(_ request: CardMoneyRequest, account: Account, card: IssuedCard, cumulative: Volume, sequence: UInt32) throws -> Quote {
        let type = try CustomerTypeStore(database: database).withID(account.customerTypeID)
        guard type.channels.contains(request.channel) else {
            throw AccountError.channelNotAccepted(channel: request.channel, customerType: type.name, accepted: type.channels)
        }
        guard type.charges, let tariffName = type.tariff else {
            throw CardError.notPriced(account: account.number, tariff: nil, reason: "its customer type '\(type.name)' charges nothing")
        }
        let day = context.time.date
        let pricing: CardPurchasePricing
        let tariffs = TariffStore(database: database)
        do {
            let tariff = try tariffs.pricingTariff(named: tariffName)
            guard tariff.kind == .meterPrepaid else {
                throw CardError.notPriced(account: account.number, tariff: tariffName, reason: "it is a \(tariff.kind.rawValue) tariff, not meter-prepaid")
            }
            let persons = try database.scalarInt("SELECT persons FROM customers WHERE id = ?", [account.holderID]).map(Int.init)
            let caliber = try database.scalarInt("SELECT caliber FROM meters WHERE id = ?", [card.meterID]).map(Int.init)
            let cycle = TariffEngine.defaultSpan(for: tariff, on: day)
            pricing = try CardPurchasePricing(tariff: tariff, context: PricingContext(persons: persons, caliber: caliber), day: day, cycle: cycle,
                                              boughtBefore: try CardPurchaseStore(database: database).volumeBought(by: account.id, in: cycle),
                                              resolve: tariffs.tariff(named:))
        } catch let error as PricingError {
            throw CardError.notPriced(account: account.number, tariff: tariffName, reason: error.description)
        } catch let error as TariffStoreError {
            throw CardError.notPriced(account: account.number, tariff: tariffName, reason: error.description)
        }
        let volume: Volume
        let amount: Money
        var unspent = Money.zero(account.currency)
        if let text = request.amount?.trimmed {
            let asked = try Cashier.parsePositive(text, currency: account.currency, action: .recharge)
            try checkLimit(asked, account: account)
            volume = try pricing.volume(for: asked, largest: Volume(litres: CardLayout.largestShortVolume))
            guard volume.litres > 0 else { throw CardError.amountBuysNothing(amount: asked, smallest: try pricing.price(of: Volume(litres: 1))) }
            amount = try pricing.price(of: volume)
            unspent = try asked.subtracting(amount)
        } else {
            let text = (request.volume ?? "").trimmed
            do {
                volume = try Volume(parsing: text)
            } catch {
                throw CardError.invalidVolume(text, reason: "expected a volume such as 10 or 2.5 (at most 3 decimals)")
            }
            guard volume.litres > 0 else { throw CardError.invalidVolume(text, reason: "a purchase must be more than zero") }
            guard volume.litres <= CardLayout.largestShortVolume else {
                throw CardError.invalidVolume(text, reason: "at most \(Volume(litres: CardLayout.largestShortVolume)) in one purchase")
            }
            amount = try pricing.price(of: volume)
            try checkLimit(amount, account: account)
        }
        let purchase = CardPurchase(sequence: sequence, volume: volume, cumulative: try cumulative.adding(volume))
        return Quote(purchase: purchase, amount: amount, unspent: unspent,
                     asked: try CardRecharger.asked(request, currency: account.currency), tariff: pricing.tariffName, day: day)
    }

    private func checkLimit(_ amount: Money, account: Account) throws {
        let limit = try TransactionLimit.current(in: database, currency: account.currency)
        guard amount.minorUnits <= limit.minorUnits else {
            throw AccountError.aboveTransactionLimit(action: .recharge, amount: amount, limit: limit)
        }
    }

    private func checkRetry(_ used: CardPurchaseRecord, of request: CardMoneyRequest, account: Account) throws {
        var differences: [String] = []
        if used.accountID != account.id { differences.append("account (\(used.accountNumber))") }
        if used.channel != request.channel { differences.append("channel (\(used.channel.rawValue))") }
        if used.asked != (try? CardRecharger.asked(request, currency: account.currency)) { differences.append("request (\(used.asked))") }
        guard differences.isEmpty else { throw CardError.referenceReused(reference: used.reference ?? "", purchaseID: used.id, differences: differences) }
        if used.state == .rolledBack { throw CardError.referenceRolledBack(reference: used.reference ?? "", purchaseID: used.id) }
    }

    /// What was asked for, as journaled: `amount 100.00` or `volume 10.000`.
    static func asked(_ request: CardMoneyRequest, currency: Currency) throws -> String {
        if let text = request.amount {
            return "amount \(try Cashier.parsePositive(text.trimmed, currency: currency, action: .recharge))"
        }
        guard let volume = try? Volume(parsing: (request.volume ?? "").trimmed) else { return "volume \(request.volume ?? "")" }
        return "volume \(volume)"
    }
}

/// The account's card on the reader, read and checked: this utility's wbill card with the number
/// the database has for the account (no code is presented to anything else).
enum AccountCard {
    static func read(_ session: SLE4442Session, keys: CardKeys, expected card: IssuedCard, database: Database) throws -> CardRecord {
        let contents = try CardLayout.decode(try session.readAll())
        let found: String
        switch contents {
        case .blank: found = "is blank"
        case .foreign: found = "holds data that is not a wbill card"
        case .wbill(let record) where record.identity.utilityCode != keys.utilityCode: found = "is another utility's card"
        case .wbill(let record) where record.identity.cardNumber == card.number: return record
        case .wbill(let record):
            let other = try CardStore(database: database).card(numbered: record.identity.cardNumber)
            found = "is card \(record.identity.cardNumber)" + (other.map { " of account \($0.accountNumber), \($0.state.rawValue)" } ?? "")
        }
        throw CardError.notAccountsCard(account: card.accountNumber, cardNumber: card.number, found: found)
    }
}
