import WBillSupport

/// Where a card's issue stands (`cards.state`).
public enum CardState: String, Sendable, CaseIterable {
    /// Journaled: the card is being written, or its writing was interrupted.
    case opening
    /// Written, read back and confirmed.
    case active
    /// Its writing failed; the card may hold part of it.
    case failed
    /// A new card was opened for the account instead.
    case abandoned
    /// Reported lost.
    case lost
    /// Replaced by a new card.
    case replaced
}

/// Which security code a card holds (`cards.code_state`).
public enum CardCodeState: String, Sendable, CaseIterable {
    /// The factory code: the card's own was not given to it yet.
    case factory
    /// The card's own code was being given to it: either.
    case changing
    /// The card's own code.
    case card
}

/// A card number issued, and what it is bound to.
public struct IssuedCard: Sendable, Equatable {
    /// The row.
    public let id: Int64
    /// The card number.
    public let number: UInt32
    /// The account.
    public let accountNumber: String
    /// The account's row.
    public let accountID: Int64
    /// The meter the card is for.
    public let meterSerial: String
    /// The meter's row.
    public let meterID: Int64
    /// Cards issued for the account before this one.
    public let replacementCount: Int
    /// Where its issue stands.
    public let state: CardState
    /// Which code it holds.
    public let codeState: CardCodeState
    /// When it was confirmed, and by whom.
    public let openedAt: String?
    /// Issued as a replacement and not yet seen swiped at the meter: no recharge until it is (rule 9).
    public let swipeRequired: Bool
}

/// Reads `cards`.
public struct CardStore {
    let database: Database

    /// The cards of `database`.
    public init(database: Database) {
        self.database = database
    }

    static let select = """
        SELECT c.id, c.card_number, a.number, c.account_id, m.serial, c.meter_id, c.replacement_count, c.state, c.code_state, c.opened_at,
            c.swipe_required
        FROM cards c JOIN accounts a ON a.id = c.account_id JOIN meters m ON m.id = c.meter_id
        """

    static func card(_ row: Row) throws -> IssuedCard {
        IssuedCard(id: row.int64(0), number: UInt32(row.int64(1)), accountNumber: row.text(2), accountID: row.int64(3),
                   meterSerial: row.text(4), meterID: row.int64(5), replacementCount: row.int(6),
                   state: try row.stored(7, as: CardState.self), codeState: try row.stored(8, as: CardCodeState.self),
                   openedAt: row.optionalText(9), swipeRequired: row.int(10) == 1)
    }

    /// The card numbered `number`, if one was issued.
    public func card(numbered number: UInt32) throws -> IssuedCard? {
        try database.first(CardStore.select + " WHERE c.card_number = ?", [Int64(number)], CardStore.card)
    }

    /// The account's live card (opening or active), if any.
    public func liveCard(of accountID: Int64) throws -> IssuedCard? {
        try database.first(CardStore.select + " WHERE c.account_id = ? AND c.state IN ('opening', 'active')", [accountID], CardStore.card)
    }

    /// The account's newest card that was issued (confirmed once), if any.
    public func lastIssued(of accountID: Int64) throws -> IssuedCard? {
        try database.first(CardStore.select + " WHERE c.account_id = ? AND c.opened_at IS NOT NULL ORDER BY c.id DESC LIMIT 1", [accountID], CardStore.card)
    }

    /// How many cards of the account were issued (confirmed once).
    func issuedCount(of accountID: Int64) throws -> Int {
        Int(try database.scalarInt("SELECT count(*) FROM cards WHERE account_id = ? AND opened_at IS NOT NULL", [accountID]) ?? 0)
    }

    /// The next card number to issue.
    func nextNumber() throws -> UInt32 {
        UInt32(try database.scalarInt("SELECT coalesce(max(card_number), 0) + 1 FROM cards") ?? 1)
    }
}

/// The only writer of `cards`.
struct CardWriter {
    let database: Database

    /// Journals a card as being opened, before it is written.
    /// A card with earlier cards issued is a replacement: its count, and a swipe required before a recharge.
    func insertOpening(number: UInt32, accountID: Int64, meterID: Int64, replacementCount: Int, audit: AuditTrail) throws -> Int64 {
        try database.run("""
            INSERT INTO cards (card_number, account_id, meter_id, replacement_count, swipe_required, state, code_state, started_at, started_by)
            VALUES (?, ?, ?, ?, ?, 'opening', 'factory', ?, ?)
            """, [Int64(number), accountID, meterID, Int64(replacementCount), replacementCount > 0 ? 1 : 0, audit.context.timeText,
                  audit.context.operatorName])
        return database.lastInsertRowID
    }

    /// Records that the card is about to be given its own code.
    func markCodeChanging(_ id: Int64) throws {
        try database.run("UPDATE cards SET code_state = 'changing' WHERE id = ?", [id])
    }

    /// Confirms a card written and read back.
    func confirm(_ id: Int64, audit: AuditTrail) throws {
        try database.run("UPDATE cards SET state = 'active', code_state = 'card', opened_at = ?, opened_by = ?, failure = NULL WHERE id = ?",
                         [audit.context.timeText, audit.context.operatorName, id])
    }

    /// Records that a card's writing failed, and why.
    func markFailed(_ id: Int64, reason: String) throws {
        try database.run("UPDATE cards SET state = 'failed', failure = ? WHERE id = ?", [reason, id])
    }

    /// Takes an interrupted opening up again.
    func markOpening(_ id: Int64) throws {
        try database.run("UPDATE cards SET state = 'opening', failure = NULL WHERE id = ?", [id])
    }

    /// Takes an active card out of use: replaced by a new one, or reported lost.
    func retire(_ id: Int64, as state: CardState) throws {
        precondition(state == .replaced || state == .lost)
        try database.run("UPDATE cards SET state = ? WHERE id = ? AND state = 'active'", [state.rawValue, id])
    }

    /// Records that the replacement card was seen swiped at the meter.
    func clearSwipeRequired(_ id: Int64) throws {
        try database.run("UPDATE cards SET swipe_required = 0 WHERE id = ?", [id])
    }

    /// Gives up the account's earlier openings that never finished.
    func abandonUnfinished(of accountID: Int64) throws -> [UInt32] {
        let numbers = try database.query("SELECT card_number FROM cards WHERE account_id = ? AND state IN ('opening', 'failed')", [accountID]) {
            UInt32($0.int64(0))
        }
        try database.run("UPDATE cards SET state = 'abandoned' WHERE account_id = ? AND state IN ('opening', 'failed')", [accountID])
        return numbers
    }
}
