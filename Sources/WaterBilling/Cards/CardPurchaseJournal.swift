import WBillSupport

/// Where a purchase onto a card stands (`card_purchases.state`).
public enum CardPurchaseState: String, Sendable, CaseIterable {
    /// Journaled and charged; the card is being written, or its writing was interrupted.
    case pending
    /// Written to the card and read back.
    case confirmed
    /// The card never took it; its ledger entry was reversed.
    case rolledBack = "rolled-back"
}

/// One purchase onto a card, as journaled.
public struct CardPurchaseRecord: Sendable, Equatable {
    /// The row.
    public let id: Int64
    /// The account, and its row.
    public let accountNumber: String
    public let accountID: Int64
    /// The card it was bought onto, and its row.
    public let cardNumber: UInt32
    public let cardID: Int64
    /// The purchase as the card carries it: sequence, volume, cumulative purchases.
    public let purchase: CardPurchase
    /// What was asked for: `amount 100.00` or `volume 10.000`.
    public let asked: String
    /// The price paid, in the account's currency.
    public let amount: Money
    /// The tariff that priced it, and the day whose tier cycle it was priced in.
    public let tariff: String
    public let pricedOn: String
    /// How it was paid.
    public let channel: PaymentChannel
    /// The reference that makes a retry harmless, if one was given.
    public let reference: String?
    /// Where it stands.
    public let state: CardPurchaseState
    /// Its ledger entries (none for a purchase that cost nothing): the money paid in (`recharge`, the
    /// receipt) and spent on the water (`card-purchase`); and their reversals once rolled back.
    public let receiptEntryID: Int64?
    public let purchaseEntryID: Int64?
    public let receiptReversalID: Int64?
    public let purchaseReversalID: Int64?
    /// When it was journaled.
    public let startedAt: String
}

/// Reads `card_purchases`.
public struct CardPurchaseStore {
    let database: Database

    /// The purchases of `database`.
    public init(database: Database) {
        self.database = database
    }

    static let select = """
        SELECT p.id, a.number, p.account_id, c.card_number, p.card_id, p.sequence, p.volume, p.cumulative, p.amount, a.currency,
               p.tariff, p.priced_on, p.channel, p.reference, p.state, p.receipt_entry_id, p.purchase_entry_id, p.started_at, a.minor_unit, p.asked,
               p.receipt_reversal_id, p.purchase_reversal_id
        FROM card_purchases p JOIN accounts a ON a.id = p.account_id JOIN cards c ON c.id = p.card_id
        """

    static func purchase(_ row: Row) throws -> CardPurchaseRecord {
        CardPurchaseRecord(
            id: row.int64(0), accountNumber: row.text(1), accountID: row.int64(2), cardNumber: UInt32(row.int64(3)), cardID: row.int64(4),
            purchase: CardPurchase(sequence: UInt32(row.int64(5)), volume: Volume(litres: row.int64(6)), cumulative: Volume(litres: row.int64(7))),
            asked: row.text(19), amount: Money(minorUnits: row.int64(8), currency: try Currency(code: row.text(9), minorUnit: row.int(18))),
            tariff: row.text(10), pricedOn: row.text(11), channel: try row.stored(12, as: PaymentChannel.self),
            reference: row.optionalText(13), state: try row.stored(14, as: CardPurchaseState.self),
            receiptEntryID: row.optionalInt64(15), purchaseEntryID: row.optionalInt64(16),
            receiptReversalID: row.optionalInt64(20), purchaseReversalID: row.optionalInt64(21), startedAt: row.text(17))
    }

    /// The purchase numbered `id`.
    public func purchase(id: Int64) throws -> CardPurchaseRecord? {
        try database.first(CardPurchaseStore.select + " WHERE p.id = ?", [id], CardPurchaseStore.purchase)
    }

    /// The purchase carrying `reference`, if any.
    public func purchase(reference: String) throws -> CardPurchaseRecord? {
        try database.first(CardPurchaseStore.select + " WHERE p.reference = ?", [reference], CardPurchaseStore.purchase)
    }

    /// The account's pending purchase, if any (there is at most one).
    public func pending(of accountID: Int64) throws -> CardPurchaseRecord? {
        try database.first(CardPurchaseStore.select + " WHERE p.account_id = ? AND p.state = 'pending'", [accountID], CardPurchaseStore.purchase)
    }

    /// The account's last purchase that stands (pending or confirmed): the one its cards and meter
    /// should carry.
    public func last(of accountID: Int64) throws -> CardPurchaseRecord? {
        try database.first(CardPurchaseStore.select + " WHERE p.account_id = ? AND p.state <> 'rolled-back' ORDER BY p.sequence DESC LIMIT 1",
                           [accountID], CardPurchaseStore.purchase)
    }

    /// The volume the account bought in `span` (purchases that stand, less their refunds), for the tiers.
    func volumeBought(by accountID: Int64, in span: DateSpan) throws -> Volume {
        Volume(litres: try database.scalarInt("""
            SELECT coalesce(sum(p.volume - (SELECT coalesce(sum(r.volume), 0) FROM card_refunds r
                                            WHERE r.purchase_id = p.id AND r.state <> 'rolled-back')), 0)
            FROM card_purchases p
            WHERE p.account_id = ? AND p.priced_on BETWEEN ? AND ? AND p.state <> 'rolled-back'
            """, [accountID, span.first.description, span.last.description]) ?? 0)
    }

    /// The volume refunded from purchase `id` (refunds not rolled back).
    func refunded(from id: Int64) throws -> Volume {
        Volume(litres: try database.scalarInt("SELECT coalesce(sum(volume), 0) FROM card_refunds WHERE purchase_id = ? AND state <> 'rolled-back'",
                                              [id]) ?? 0)
    }

    /// What the account's cards should carry: its last purchase that stands, less its refunds.
    public func carried(of accountID: Int64) throws -> CardPurchase? {
        guard let last = try last(of: accountID) else { return nil }
        let refunded = try refunded(from: last.id)
        return CardPurchase(sequence: last.purchase.sequence, volume: try last.purchase.volume.subtracting(refunded),
                            cumulative: try last.purchase.cumulative.subtracting(refunded))
    }
}

/// The only writer of `card_purchases`.
struct CardPurchaseWriter {
    let database: Database

    /// Journals a purchase as pending, before the card is written.
    func insertPending(accountID: Int64, cardID: Int64, purchase: CardPurchase, asked: String, amount: Money, tariff: String, pricedOn: CivilDate,
                       channel: PaymentChannel, reference: String?, audit: AuditTrail) throws -> Int64 {
        try database.run("""
            INSERT INTO card_purchases (account_id, card_id, sequence, volume, cumulative, asked, amount, tariff, priced_on, channel,
                                        reference, state, started_at, started_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
            """, [accountID, cardID, Int64(purchase.sequence), purchase.volume.litres, purchase.cumulative.litres, asked, amount.minorUnits,
                  tariff, pricedOn.description, channel.rawValue, reference, audit.context.timeText, audit.context.operatorName])
        return database.lastInsertRowID
    }

    /// Links the purchase to its ledger entries.
    func setLedgerEntries(_ id: Int64, receipt: Int64, purchase: Int64) throws {
        try database.run("UPDATE card_purchases SET receipt_entry_id = ?, purchase_entry_id = ? WHERE id = ?", [receipt, purchase, id])
    }

    /// Confirms a purchase the card was read back holding.
    func confirm(_ id: Int64, audit: AuditTrail) throws {
        try database.run("UPDATE card_purchases SET state = 'confirmed', settled_at = ?, settled_by = ? WHERE id = ? AND state = 'pending'",
                         [audit.context.timeText, audit.context.operatorName, id])
    }

    /// Rolls back a purchase the card never took.
    func rollBack(_ id: Int64, receiptReversal: Int64?, purchaseReversal: Int64?, audit: AuditTrail) throws {
        try database.run("""
            UPDATE card_purchases SET state = 'rolled-back', receipt_reversal_id = ?, purchase_reversal_id = ?, settled_at = ?, settled_by = ?
            WHERE id = ? AND state = 'pending'
            """, [receiptReversal, purchaseReversal, audit.context.timeText, audit.context.operatorName, id])
    }
}
