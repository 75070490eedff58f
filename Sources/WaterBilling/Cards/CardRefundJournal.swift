import WBillSupport

/// One refund of credit still on a card, as journaled (`card_refunds`).
public struct CardRefundRecord: Sendable, Equatable {
    public let id: Int64
    /// The purchase it refunds from, and its sequence.
    public let purchaseID: Int64
    public let sequence: UInt32
    public let accountNumber: String
    public let accountID: Int64
    public let cardNumber: UInt32
    public let cardID: Int64
    /// The volume taken off the card.
    public let volume: Volume
    /// What was asked for: `amount 10.00` or `volume 2.000`.
    public let asked: String
    /// The money paid back.
    public let amount: Money
    public let channel: PaymentChannel
    public let reference: String?
    /// Where it stands (the purchase states: pending, confirmed, rolled back).
    public let state: CardPurchaseState
    /// Its ledger entries: the `refund` paid out (the receipt) and the `card-purchase` returned.
    public let refundEntryID: Int64?
    public let purchaseEntryID: Int64?
    public let startedAt: String
}

/// Reads `card_refunds`.
public struct CardRefundStore {
    let database: Database

    /// The refunds of `database`.
    public init(database: Database) {
        self.database = database
    }

    static let select = """
        SELECT r.id, r.purchase_id, p.sequence, a.number, r.account_id, c.card_number, r.card_id, r.volume, r.asked, r.amount, a.currency,
               a.minor_unit, r.channel, r.reference, r.state, r.refund_entry_id, r.purchase_entry_id, r.started_at
        FROM card_refunds r JOIN card_purchases p ON p.id = r.purchase_id JOIN accounts a ON a.id = r.account_id
             JOIN cards c ON c.id = r.card_id
        """

    static func refund(_ row: Row) throws -> CardRefundRecord {
        CardRefundRecord(
            id: row.int64(0), purchaseID: row.int64(1), sequence: UInt32(row.int64(2)), accountNumber: row.text(3), accountID: row.int64(4),
            cardNumber: UInt32(row.int64(5)), cardID: row.int64(6), volume: Volume(litres: row.int64(7)), asked: row.text(8),
            amount: Money(minorUnits: row.int64(9), currency: try Currency(code: row.text(10), minorUnit: row.int(11))),
            channel: try row.stored(12, as: PaymentChannel.self), reference: row.optionalText(13),
            state: try row.stored(14, as: CardPurchaseState.self), refundEntryID: row.optionalInt64(15), purchaseEntryID: row.optionalInt64(16),
            startedAt: row.text(17))
    }

    /// The refund numbered `id`.
    public func refund(id: Int64) throws -> CardRefundRecord? {
        try database.first(CardRefundStore.select + " WHERE r.id = ?", [id], CardRefundStore.refund)
    }

    /// The refund carrying `reference`, if any.
    public func refund(reference: String) throws -> CardRefundRecord? {
        try database.first(CardRefundStore.select + " WHERE r.reference = ?", [reference], CardRefundStore.refund)
    }

    /// The account's pending refund, if any (there is at most one).
    public func pending(of accountID: Int64) throws -> CardRefundRecord? {
        try database.first(CardRefundStore.select + " WHERE r.account_id = ? AND r.state = 'pending'", [accountID], CardRefundStore.refund)
    }
}

/// The only writer of `card_refunds`.
struct CardRefundWriter {
    let database: Database

    /// Journals a refund as pending, before the card is rewritten.
    func insertPending(purchaseID: Int64, accountID: Int64, cardID: Int64, volume: Volume, asked: String, amount: Money,
                       channel: PaymentChannel, reference: String?, audit: AuditTrail) throws -> Int64 {
        try database.run("""
            INSERT INTO card_refunds (purchase_id, account_id, card_id, volume, asked, amount, channel, reference, state, started_at, started_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
            """, [purchaseID, accountID, cardID, volume.litres, asked, amount.minorUnits, channel.rawValue, reference,
                  audit.context.timeText, audit.context.operatorName])
        return database.lastInsertRowID
    }

    /// Links the refund to its ledger entries.
    func setLedgerEntries(_ id: Int64, refund: Int64, purchase: Int64) throws {
        try database.run("UPDATE card_refunds SET refund_entry_id = ?, purchase_entry_id = ? WHERE id = ?", [refund, purchase, id])
    }

    /// Confirms a refund the card was read back holding.
    func confirm(_ id: Int64, audit: AuditTrail) throws {
        try database.run("UPDATE card_refunds SET state = 'confirmed', settled_at = ?, settled_by = ? WHERE id = ? AND state = 'pending'",
                         [audit.context.timeText, audit.context.operatorName, id])
    }

    /// Rolls back a refund the card never took.
    func rollBack(_ id: Int64, refundReversal: Int64?, purchaseReversal: Int64?, audit: AuditTrail) throws {
        try database.run("""
            UPDATE card_refunds SET state = 'rolled-back', refund_reversal_id = ?, purchase_reversal_id = ?, settled_at = ?, settled_by = ?
            WHERE id = ? AND state = 'pending'
            """, [refundReversal, purchaseReversal, audit.context.timeText, audit.context.operatorName, id])
    }
}
