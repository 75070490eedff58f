import WBillSupport

/// What a refund did.
public struct CardRefundOutcome: Sendable, Equatable {
    /// The refund made (or, for a retry, the one made the first time).
    public let refund: CardRefundRecord
    /// What the card carries now.
    public let carried: CardPurchase
    /// Whether this was a retry (nothing new was paid back).
    public let isRetry: Bool
}

/// Pays back credit still on a card — only the purchase the card carries and the meter has not
/// taken (its write-back's last sequence is before it), never more than its volume:
///
/// 1. Check the account, its active card and the card on the reader, as a recharge does, and
///    settle a pending purchase or refund first.
/// 2. The volume: as asked, or the largest one an amount pays back. Its money is what that last
///    volume of the tariff cycle's purchases was worth: price(bought) − price(bought − volume)
///    (`CardPurchasePricing.refundValue`), every line rounded by the tariff's rule, so a purchase
///    refunded whole pays back exactly what it cost.
/// 3. Journal the refund `pending` with its ledger entries (the water's money returned as a
///    `card-purchase`, paid out as a `refund`: the balance stays zero); rewrite the purchase area
///    and its copy with the same sequence and the volume less; confirm.
public struct CardRefunder {
    let database: Database
    let context: AuditContext

    /// A refunder writing to `database` as `context` says.
    public init(database: Database, context: AuditContext) {
        self.database = database
        self.context = context
    }

    /// Performs `request` with the card in `reader`.
    /// - Throws: `CardError`, `AccountError`, `CardReaderError`, `SerialPortError`.
    public func refund(_ request: CardMoneyRequest, reader: CardReader, settledFirst: (SettledCardWrite) -> Void = { _ in }) throws -> CardRefundOutcome {
        let keys = try CardKeys.stored(in: database)
        let account = try AccountStore(database: database).find(request.accountNumber)
        let reference = try request.reference.map(Cashier.validReference)
        let refunds = CardRefundStore(database: database)
        let purchases = CardPurchaseStore(database: database)
        let asked = try CardRefunder.asked(request, currency: account.currency)
        var original: CardRefundRecord?
        if let reference, let used = try refunds.refund(reference: reference) {
            var differences: [String] = []
            if used.accountID != account.id { differences.append("account (\(used.accountNumber))") }
            if used.channel != request.channel { differences.append("channel (\(used.channel.rawValue))") }
            if used.asked != asked { differences.append("request (\(used.asked))") }
            guard differences.isEmpty else { throw CardError.referenceReused(reference: reference, purchaseID: used.purchaseID, differences: differences) }
            if used.state == .rolledBack { throw CardError.referenceRolledBack(reference: reference, purchaseID: used.purchaseID) }
            if used.state == .confirmed {
                return CardRefundOutcome(refund: used, carried: try purchases.carried(of: account.id) ?? .none, isRetry: true)
            }
            original = used
        } else if let reference, let receipt = try Ledger(database: database).entry(kind: .refund, reference: reference) {
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
            return CardRefundOutcome(refund: try refunds.refund(id: original.id)!, carried: try purchases.carried(of: account.id) ?? .none, isRetry: true)
        }
        guard let last = try purchases.last(of: account.id), let carried = try purchases.carried(of: account.id), carried.volume.litres > 0 else {
            throw CardError.nothingToRefund(cardNumber: card.number, reason: "it carries no purchase")
        }
        guard record.purchase == carried else {
            throw CardError.cardOutOfStep(cardNumber: card.number, onCard: record.purchase.sequence, journaled: carried.sequence)
        }
        let lastTaken = record.writeBack?.lastSequenceConsumed ?? 0
        guard lastTaken < carried.sequence else {
            throw CardError.nothingToRefund(cardNumber: card.number, reason: "the meter took purchase \(carried.sequence), and credit in the meter is not on the card")
        }

        let pricing = try refundPricing(of: last, account: account, card: card)
        let volume: Volume
        if let text = request.amount?.trimmed {
            let money = try Cashier.parsePositive(text, currency: account.currency, action: .refund)
            volume = try CardPurchasePricing.largestVolume(costing: money, largest: carried.volume, cost: pricing.refundValue(of:))
            guard volume.litres > 0 else { throw CardError.amountBuysNothing(amount: money, smallest: try pricing.refundValue(of: Volume(litres: 1))) }
        } else {
            let text = (request.volume ?? "").trimmed
            guard let parsed = try? Volume(parsing: text) else {
                throw CardError.invalidVolume(text, reason: "expected a volume such as 10 or 2.5 (at most 3 decimals)")
            }
            guard parsed.litres > 0 else { throw CardError.invalidVolume(text, reason: "a refund must be more than zero") }
            guard parsed <= carried.volume else {
                throw CardError.refundTooLarge(cardNumber: card.number, carried: carried.volume, asked: parsed)
            }
            volume = parsed
        }
        let amount = try pricing.refundValue(of: volume)
        let after = CardPurchase(sequence: carried.sequence, volume: try carried.volume.subtracting(volume),
                                 cumulative: try carried.cumulative.subtracting(volume))

        let journal = BulkWrite(database, .connectionDefaults)
        let pending: CardRefundRecord = try journal.run { _ in
            let audit = AuditTrail(database: database, context: context)
            let writer = CardRefundWriter(database: database)
            let id = try writer.insertPending(purchaseID: last.id, accountID: account.id, cardID: card.id, volume: volume, asked: asked, amount: amount,
                                              channel: request.channel, reference: reference, audit: audit)
            var receipt: String?
            if !amount.isZero {
                let ledger = Ledger(database: database)
                let what = "card \(card.number) purchase \(carried.sequence): \(volume) refunded"
                let returned = try ledger.append(LedgerPosting(kind: .cardPurchase, amount: amount, reference: reference, reason: what),
                                                 to: account, audit: audit)
                let paid = try ledger.append(LedgerPosting(kind: .refund, amount: try amount.negated(), channel: request.channel, reference: reference,
                                                           reason: what), to: account, audit: audit)
                try writer.setLedgerEntries(id, refund: paid.id, purchase: returned.id)
                receipt = String(paid.id)
            }
            try audit.record(entity: "card", id: String(card.number), action: "refund pending", changes: [
                AuditChange("refund", old: nil, new: String(id)),
                AuditChange("sequence", old: nil, new: String(carried.sequence)),
                AuditChange("volume", old: carried.volume.description, new: after.volume.description),
                AuditChange("amount", old: nil, new: amount.description),
                AuditChange("channel", old: nil, new: request.channel.rawValue),
            ] + [("receipt", receipt), ("reference", reference)].compactMap { field, value in value.map { AuditChange(field, old: nil, new: $0) } })
            return try refunds.refund(id: id)!
        }
        do {
            try PurchaseAreas.write(after, cardNumber: card.number, keys: keys, session: session)
        } catch {
            let kind = (error as? ClassifiedError)?.failureKind ?? .internalError
            throw CardError.purchaseStopped(cardNumber: card.number, sequence: carried.sequence, reason: "\(error)", kind: kind)
        }
        let confirmed: CardRefundRecord = try journal.run { _ in
            let audit = AuditTrail(database: database, context: context)
            try CardRefundWriter(database: database).confirm(pending.id, audit: audit)
            try audit.record(entity: "card", id: String(card.number), action: "refund", changes: [
                AuditChange("refund", old: nil, new: String(pending.id)),
                AuditChange("state", old: CardPurchaseState.pending.rawValue, new: CardPurchaseState.confirmed.rawValue),
            ])
            return try refunds.refund(id: pending.id)!
        }
        return CardRefundOutcome(refund: confirmed, carried: after, isRetry: false)
    }

    /// What was asked for, as journaled: `amount 10.00` or `volume 2.000`.
    static func asked(_ request: CardMoneyRequest, currency: Currency) throws -> String {
        if let text = request.amount { return "amount \(try Cashier.parsePositive(text.trimmed, currency: currency, action: .refund))" }
        guard let volume = try? Volume(parsing: (request.volume ?? "").trimmed) else { return "volume \(request.volume ?? "")" }
        return "volume \(volume)"
    }

    /// The purchase's tariff cycle as it stands (its purchases less their refunds), on the day it was priced.
    private func refundPricing(of purchase: CardPurchaseRecord, account: Account, card: IssuedCard) throws -> CardPurchasePricing {
        let tariffs = TariffStore(database: database)
        do {
            let tariff = try tariffs.pricingTariff(named: purchase.tariff)
            let day = try CivilDate(parsing: purchase.pricedOn)
            let cycle = TariffEngine.defaultSpan(for: tariff, on: day)
            let persons = try database.scalarInt("SELECT persons FROM customers WHERE id = ?", [account.holderID]).map(Int.init)
            let caliber = try database.scalarInt("SELECT caliber FROM meters WHERE id = ?", [card.meterID]).map(Int.init)
            return try CardPurchasePricing(tariff: tariff, context: PricingContext(persons: persons, caliber: caliber), day: day, cycle: cycle,
                                           boughtBefore: try CardPurchaseStore(database: database).volumeBought(by: account.id, in: cycle),
                                           resolve: tariffs.tariff(named:))
        } catch let error as PricingError {
            throw CardError.notPriced(account: account.number, tariff: purchase.tariff, reason: error.description)
        } catch let error as TariffStoreError {
            throw CardError.notPriced(account: account.number, tariff: purchase.tariff, reason: error.description)
        }
    }
}
