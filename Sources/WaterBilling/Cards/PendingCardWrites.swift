import WBillSupport

/// How a pending refund was settled.
public enum PendingRefundOutcome: Sendable, Equatable {
    /// The card already held it: confirmed.
    case confirmed(CardRefundRecord)
    /// The card did not hold it; the purchase less the refund was written and confirmed.
    case finished(CardRefundRecord)
    /// The card did not hold it; its ledger entries were reversed.
    case rolledBack(CardRefundRecord)

    /// The refund settled, as it now stands.
    public var refund: CardRefundRecord {
        switch self {
        case .confirmed(let refund), .finished(let refund), .rolledBack(let refund): return refund
        }
    }
}

/// A pending card write settled: a purchase or a refund.
public enum SettledCardWrite: Sendable, Equatable {
    case purchase(PendingPurchaseOutcome)
    case refund(PendingRefundOutcome)
}

/// Settles whatever write of an account is pending (a purchase or a refund; at most one, as every
/// card command settles it before its own) with the account's card on the reader.
struct PendingCardWrites {
    let database: Database
    let context: AuditContext
    let keys: CardKeys

    /// Settles the account's pending write, if any, telling `told`.
    /// - Returns: whether one was settled.
    @discardableResult
    func settle(accountID: Int64, record: CardRecord, session: SLE4442Session, rollBack: Bool, told: (SettledCardWrite) -> Void) throws -> Bool {
        if let pending = try CardPurchaseStore(database: database).pending(of: accountID) {
            guard pending.cardID == (try CardStore(database: database).card(numbered: record.identity.cardNumber))?.id else {
                throw CardError.notAccountsCard(account: pending.accountNumber, cardNumber: pending.cardNumber,
                                                found: "is card \(record.identity.cardNumber), and the pending purchase \(pending.purchase.sequence) is on card \(pending.cardNumber)")
            }
            told(.purchase(try PendingPurchaseSettlement(database: database, context: context, keys: keys)
                .settle(pending, record: record, session: session, rollBack: rollBack)))
            return true
        }
        if let pending = try CardRefundStore(database: database).pending(of: accountID) {
            guard pending.cardNumber == record.identity.cardNumber else {
                throw CardError.notAccountsCard(account: pending.accountNumber, cardNumber: pending.cardNumber,
                                                found: "is card \(record.identity.cardNumber), and the pending refund is on card \(pending.cardNumber)")
            }
            told(.refund(try settle(pending, record: record, session: session, rollBack: rollBack)))
            return true
        }
        return false
    }

    /// A pending refund: confirmed when the card holds the purchase less it, written again when the
    /// card holds the purchase as it was, or (asked) rolled back then.
    private func settle(_ pending: CardRefundRecord, record: CardRecord, session: SLE4442Session, rollBack: Bool) throws -> PendingRefundOutcome {
        let purchases = CardPurchaseStore(database: database)
        let refunds = CardRefundStore(database: database)
        guard let after = try purchases.carried(of: pending.accountID) else {
            throw CardError.cardOutOfStep(cardNumber: record.identity.cardNumber, onCard: record.purchase.sequence, journaled: pending.sequence)
        }
        let before = CardPurchase(sequence: after.sequence, volume: try after.volume.adding(pending.volume),
                                  cumulative: try after.cumulative.adding(pending.volume))
        let journal = BulkWrite(database, .connectionDefaults)
        func confirm(_ note: String) throws -> CardRefundRecord {
            try journal.run { _ in
                let audit = AuditTrail(database: database, context: context)
                try CardRefundWriter(database: database).confirm(pending.id, audit: audit)
                try audit.record(entity: "card", id: String(pending.cardNumber), action: "refund confirmed", changes: [
                    AuditChange("refund", old: nil, new: String(pending.id)),
                    AuditChange("state", old: CardPurchaseState.pending.rawValue, new: CardPurchaseState.confirmed.rawValue),
                    AuditChange("how", old: nil, new: note),
                ])
                return try refunds.refund(id: pending.id)!
            }
        }
        if record.purchase == after {
            if rollBack { throw CardError.cardHoldsPurchase(cardNumber: pending.cardNumber, sequence: after.sequence) }
            if record.purchaseState == .copyBehind {
                try session.unlock(with: keys.securityCode(forCard: pending.cardNumber))
                try session.write(try CardLayout.encode(after), at: CardLayout.purchaseCopy.lowerBound)
            }
            return .confirmed(try confirm("the card held it"))
        }
        guard record.purchase == before else {
            throw CardError.cardOutOfStep(cardNumber: pending.cardNumber, onCard: record.purchase.sequence, journaled: pending.sequence)
        }
        if rollBack {
            return .rolledBack(try journal.run { _ in
                let audit = AuditTrail(database: database, context: context)
                let ledger = Ledger(database: database)
                let account = try AccountStore(database: database).find(id: pending.accountID)
                func reverse(_ entryID: Int64?) throws -> Int64? {
                    guard let entryID, let entry = try ledger.entry(id: entryID) else { return nil }
                    return try ledger.append(LedgerPosting(kind: .reversal, amount: try entry.amount.negated(),
                                                           reason: "card refund \(pending.id) (card \(pending.cardNumber)) rolled back: the card never took it",
                                                           reversesID: entry.id), to: account, audit: audit).id
                }
                // The money paid out first, then the water's: the balance never dips below zero.
                let refundReversal = try reverse(pending.refundEntryID)
                let purchaseReversal = try reverse(pending.purchaseEntryID)
                try CardRefundWriter(database: database).rollBack(pending.id, refundReversal: refundReversal, purchaseReversal: purchaseReversal, audit: audit)
                try audit.record(entity: "card", id: String(pending.cardNumber), action: "refund rolled back", changes: [
                    AuditChange("refund", old: nil, new: String(pending.id)),
                    AuditChange("state", old: CardPurchaseState.pending.rawValue, new: CardPurchaseState.rolledBack.rawValue),
                ])
                return try refunds.refund(id: pending.id)!
            })
        }
        try PurchaseAreas.write(after, cardNumber: pending.cardNumber, keys: keys, session: session)
        return .finished(try confirm("written again"))
    }
}
