import WBillSupport

/// The append-only money ledger of every account.
///
/// Sign convention: an amount is positive when it is in the customer's favour (recharge,
/// payment, a credit adjustment) and negative when it is owed or paid out (deduction, bill
/// charge, refund, a debit adjustment). A balance is the sum of an account's entries, in minor
/// units: above zero a credit (prepaid money), below zero money owed. Entries are never changed
/// or deleted (triggers refuse it); a correction is a new entry. The balance after an entry is
/// computed from the entries up to it, so a receipt printed again is the receipt printed then.
public struct Ledger {
    let database: Database
    /// The balance rule every movement passes; it reads its thresholds once for this value, so an
    /// operation moving money many times (an import's deductions) keeps one ledger for the run.
    let crossing: BalanceCrossing

    /// The ledger in `database`.
    public init(database: Database) {
        self.database = database
        self.crossing = BalanceCrossing(database: database)
    }

    static let columns = """
        e.id, e.account_id, a.number, e.customer_id, e.kind, e.amount, e.channel, e.reference, e.reason,
        e.reverses_id, e.at, e.operator, a.currency, a.minor_unit
        """

    static func entry(_ row: Row, balanceColumn: Int32) throws -> LedgerEntry {
        let currency = try Currency(code: row.text(12), minorUnit: row.int(13))
        return LedgerEntry(
            id: row.int64(0), accountID: row.int64(1), accountNumber: row.text(2), customerID: row.int64(3),
            kind: try row.stored(4, as: LedgerEntryKind.self),
            amount: Money(minorUnits: row.int64(5), currency: currency),
            channel: row.optionalText(6).flatMap(PaymentChannel.init(rawValue:)), reference: row.optionalText(7),
            reason: row.optionalText(8), reversesID: row.optionalInt64(9), at: row.text(10), operatorName: row.text(11),
            balanceAfter: Money(minorUnits: row.int64(balanceColumn), currency: currency))
    }

    /// The account's balance: the sum of its entries (zero without entries).
    /// - Throws: `AccountError.balanceOutOfRange` when they add up beyond 64 bits.
    public func balance(of account: Account) throws -> Money {
        try summing(account: { (account.number, account.currency) }) {
            Money(minorUnits: try database.scalarInt("SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = ?",
                                                     [account.id]) ?? 0,
                  currency: account.currency)
        }
    }

    /// The entry with `id`, if any.
    /// - Throws: `AccountError.balanceOutOfRange` when its account's entries up to it add up beyond 64 bits.
    public func entry(id: Int64) throws -> LedgerEntry? {
        try summing(account: {
            try database.first("""
                SELECT a.number, a.currency, a.minor_unit FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE e.id = ?
                """, [id]) { ($0.text(0), try Currency(code: $0.text(1), minorUnit: $0.int(2))) } ?? ("?", .cny)
        }) {
            try database.first("""
                SELECT \(Ledger.columns),
                       (SELECT sum(x.amount) FROM ledger_entries x WHERE x.account_id = e.account_id AND x.id <= e.id)
                FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE e.id = ?
                """, [id]) { try Ledger.entry($0, balanceColumn: 14) }
        }
    }

    /// Runs `body`, a query that sums ledger amounts; SQLite refuses a sum beyond 64 bits, and that
    /// becomes `AccountError.balanceOutOfRange` for the account `account` names.
    func summing<T>(account: () throws -> (number: String, currency: Currency), _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError where error.isIntegerOverflow {
            let (number, currency) = try account()
            throw AccountError.balanceOutOfRange(number: number, currency: currency)
        }
    }

    /// The entry of `kind` carrying `reference`, if any (references are unique per kind).
    public func entry(kind: LedgerEntryKind, reference: String) throws -> LedgerEntry? {
        guard let id = try database.scalarInt("SELECT id FROM ledger_entries WHERE kind = ? AND reference = ?",
                                              [kind.rawValue, reference]) else { return nil }
        return try entry(id: id)
    }

    /// The account's entries matching `filter`, oldest first, each with the account's real
    /// balance after it (filters choose rows; they do not change the running balance).
    public func entries(of account: Account, matching filter: LedgerFilter = LedgerFilter()) throws -> [LedgerEntry] {
        var conditions: [String] = []
        var values: [SQLBindable] = [account.id]
        if let from = filter.from {
            conditions.append("at >= ?")
            values.append(from.description)
        }
        if let to = filter.to {
            conditions.append("at < ?")
            values.append(to.adding(days: 1).description)
        }
        if !filter.kinds.isEmpty {
            conditions.append("kind IN (\(filter.kinds.map { _ in "?" }.joined(separator: ", ")))")
            values += filter.kinds.map(\.rawValue)
        }
        var sql = """
            SELECT * FROM (
                SELECT \(Ledger.columns), sum(e.amount) OVER (ORDER BY e.id) AS balance_after
                FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE e.account_id = ?
            )
            """
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id DESC"
        if let last = filter.last {
            sql += " LIMIT ?"
            values.append(last)
        }
        return try summing(account: { (account.number, account.currency) }) {
            try database.query(sql, values) { try Ledger.entry($0, balanceColumn: 14) }.reversed()
        }
    }

    /// Appends an entry that no receipt is printed for (a bill's charge), as `append` does, and
    /// returns its id: the balance after it is read back only where `BalanceCrossing` needs it (a
    /// system-prepaid account), not for every one of a bill run's entries.
    /// - Throws: what `append` throws.
    @discardableResult
    public func post(_ posting: LedgerPosting, to account: Account, audit: AuditTrail) throws -> Int64 {
        guard account.businessMode != .systemPrepaid else { return try append(posting, to: account, audit: audit).id }
        try insert(posting, to: account, audit: audit)
        return database.lastInsertRowID
    }

    /// Appends an entry for the account's current holder, at the audit context's time and operator,
    /// then applies `BalanceCrossing` to the balance it leaves (alarms, valve commands), in the same
    /// transaction.
    /// - Throws: `AccountError.invalidAmount` for a zero amount, one of the wrong sign for its
    ///   kind or in another currency; `SQLiteError` for a reference already used by this kind.
    @discardableResult
    public func append(_ posting: LedgerPosting, to account: Account, audit: AuditTrail) throws -> LedgerEntry {
        try insert(posting, to: account, audit: audit)
        // The entry as `entry(id:)` reads it back: what was written, and the balance after it, which
        // is the account's whole balance (it is the account's newest entry).
        let entry = LedgerEntry(id: database.lastInsertRowID, accountID: account.id, accountNumber: account.number,
                                customerID: account.holderID, kind: posting.kind, amount: posting.amount, channel: posting.channel,
                                reference: posting.reference, reason: posting.reason, reversesID: posting.reversesID,
                                at: audit.context.timeText, operatorName: audit.context.operatorName,
                                balanceAfter: try balance(of: account))
        try crossing.afterMovement(entry, on: account, audit: audit.leavingLedgerEntries)
        return entry
    }

    /// Checks `posting` and inserts it, chained to the entry before it: the one INSERT of the ledger.
    private func insert(_ posting: LedgerPosting, to account: Account, audit: AuditTrail) throws {
        let amount = posting.amount
        guard amount.currency == account.currency else {
            throw AccountError.invalidAmount(amount.description, reason: "account \(account.number) is kept in \(account.currency.code), not \(amount.currency.code)")
        }
        let sign = amount.minorUnits.signum()
        guard sign != 0, posting.kind.requiredSign == 0 || Int(sign) == posting.kind.requiredSign else {
            throw AccountError.invalidAmount(amount.description, reason: "a \(posting.kind.rawValue) must be \(posting.kind.requiredSign > 0 ? "positive" : posting.kind.requiredSign < 0 ? "negative" : "non-zero") in the ledger")
        }
        // Linked to the last entry (`ChainEncoding`); the operation's next audit entry names it.
        let head = try AuditChain.head(of: "ledger_entries", in: database)
        let id = head.id + 1
        let values: [ChainValue] = [
            .integer(id), .integer(account.id), .integer(account.holderID), .text(posting.kind.rawValue),
            .integer(amount.minorUnits), .optional(posting.channel?.rawValue), .optional(posting.reference),
            .optional(posting.reason), .optional(posting.reversesID), .text(audit.context.timeText),
            .text(audit.context.operatorName),
        ]
        let hash = ChainEncoding.link(previous: head.hash, columns: AuditChain.ledgerEntries, values: values)
        try database.run("""
            INSERT INTO ledger_entries (id, account_id, customer_id, kind, amount, channel, reference, reason, reverses_id, at, operator, chain_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, account.id, account.holderID, posting.kind.rawValue, amount.minorUnits, posting.channel?.rawValue,
                  posting.reference, posting.reason, posting.reversesID, audit.context.timeText,
                  audit.context.operatorName, hash])
        AuditChain.wrote("ledger_entries", id: id, hash: hash, in: database)
        LedgerAuditLink.of(database).note(id: id, hash: hash)
    }
}
