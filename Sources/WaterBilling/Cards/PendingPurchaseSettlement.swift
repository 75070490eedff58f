import WBillSupport

/// How a pending purchase was settled.
public enum PendingPurchaseOutcome: Sendable, Equatable {
    /// The card already held it (or its area did and the copy was made whole): confirmed.
    case confirmed(CardPurchaseRecord)
    /// The card did not hold it; the same purchase, with the same sequence, was written and confirmed.
    case finished(CardPurchaseRecord)
    /// The card did not hold it; its ledger entry was reversed.
    case rolledBack(CardPurchaseRecord)

    /// The purchase settled, as it now stands.
    public var purchase: CardPurchaseRecord {
        switch self {
        case .confirmed(let purchase), .finished(let purchase), .rolledBack(let purchase): return purchase
        }
    }
}

/// Settles a pending purchase with its card on the reader — never a second purchase:
///
/// - the card holds it (the purchase area whole with its sequence, volume and cumulative; the copy
///   written again when it is behind): confirmed;
/// - the card holds the purchase before it (or its area is torn and the copy holds that one): the
///   same purchase is written again, area then copy, each read back, and confirmed — or, when
///   asked, rolled back: its ledger entries reversed, the sequence free again;
/// - anything else is out of step and refused.
///
/// Each database step is its own short transaction (`BulkWrite`, as the card journal is), with an
/// audit entry, so that no lock is held while the card is written.
struct PendingPurchaseSettlement {
    let database: Database
    let context: AuditContext
    let keys: CardKeys

    /// Settles `pending` with the card in `session`, whose contents are `record`.
    func settle(_ pending: CardPurchaseRecord, record: CardRecord, session: SLE4442Session, rollBack: Bool) throws -> PendingPurchaseOutcome {
        let journal = BulkWrite(database, .connectionDefaults)
        let writer = CardPurchaseWriter(database: database)
        let store = CardPurchaseStore(database: database)
        let onCard = record.purchase
        let holdsIt = onCard == pending.purchase
        let holdsTheOneBefore = onCard.sequence &+ 1 == pending.purchase.sequence
        if holdsIt {
            if rollBack { throw CardError.cardHoldsPurchase(cardNumber: record.identity.cardNumber, sequence: onCard.sequence) }
            if record.purchaseState == .copyBehind {
                try session.unlock(with: keys.securityCode(forCard: record.identity.cardNumber))
                try session.write(try CardLayout.encode(pending.purchase), at: CardLayout.purchaseCopy.lowerBound)
            }
            return .confirmed(try journal.run { _ in
                try confirm(pending, writer: writer, action: "purchase confirmed", note: "the card held it")
                return try store.purchase(id: pending.id)!
            })
        }
        guard holdsTheOneBefore else {
            throw CardError.cardOutOfStep(cardNumber: record.identity.cardNumber, onCard: onCard.sequence, journaled: pending.purchase.sequence)
        }
        if rollBack {
            return try journal.run { _ in
                let audit = AuditTrail(database: database, context: context)
                let ledger = Ledger(database: database)
                let account = try AccountStore(database: database).find(id: pending.accountID)
                func reverse(_ entryID: Int64?) throws -> Int64? {
                    guard let entryID, let entry = try ledger.entry(id: entryID) else { return nil }
                    return try ledger.append(LedgerPosting(
                        kind: .reversal, amount: try entry.amount.negated(),
                        reason: "card purchase \(pending.id) (card \(pending.cardNumber), sequence \(pending.purchase.sequence)) rolled back: the card never took it",
                        reversesID: entry.id), to: account, audit: audit).id
                }
                // The water first, then the money: the balance never dips below zero on the way.
                let purchaseReversal = try reverse(pending.purchaseEntryID)
                let receiptReversal = try reverse(pending.receiptEntryID)
                let reversal = receiptReversal
                try writer.rollBack(pending.id, receiptReversal: receiptReversal, purchaseReversal: purchaseReversal, audit: audit)
                try audit.record(entity: "card", id: String(pending.cardNumber), action: "purchase rolled back", changes: [
                    AuditChange("purchase", old: nil, new: String(pending.id)),
                    AuditChange("sequence", old: nil, new: String(pending.purchase.sequence)),
                    AuditChange("state", old: CardPurchaseState.pending.rawValue, new: CardPurchaseState.rolledBack.rawValue),
                ] + (reversal.map { [AuditChange("reversal receipt", old: nil, new: String($0))] } ?? []))
                return .rolledBack(try store.purchase(id: pending.id)!)
            }
        }
        try PurchaseAreas.write(pending.purchase, cardNumber: record.identity.cardNumber, keys: keys, session: session)
        return .finished(try journal.run { _ in
            try confirm(pending, writer: writer, action: "purchase finished", note: "written again with the same sequence")
            return try store.purchase(id: pending.id)!
        })
    }

    private func confirm(_ pending: CardPurchaseRecord, writer: CardPurchaseWriter, action: String, note: String) throws {
        let audit = AuditTrail(database: database, context: context)
        try writer.confirm(pending.id, audit: audit)
        try audit.record(entity: "card", id: String(pending.cardNumber), action: action, changes: [
            AuditChange("purchase", old: nil, new: String(pending.id)),
            AuditChange("sequence", old: nil, new: String(pending.purchase.sequence)),
            AuditChange("state", old: CardPurchaseState.pending.rawValue, new: CardPurchaseState.confirmed.rawValue),
            AuditChange("how", old: nil, new: note),
        ])
    }
}

/// Writing a purchase onto a card: the card's own code (presented only with all 3 tries left), the
/// purchase area, then its copy, each read back — so a write that stops leaves one of them whole.
enum PurchaseAreas {
    static func write(_ purchase: CardPurchase, cardNumber: UInt32, keys: CardKeys, session: SLE4442Session) throws {
        let bytes = try CardLayout.encode(purchase)
        try session.unlock(with: keys.securityCode(forCard: cardNumber))
        try session.write(bytes, at: CardLayout.purchase.lowerBound)
        try session.write(bytes, at: CardLayout.purchaseCopy.lowerBound)
    }
}
