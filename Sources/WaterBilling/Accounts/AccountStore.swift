import WBillSupport

/// A meter's time on an account.
public struct AccountMeter: Sendable, Equatable {
    public let meter: Meter
    public let installedAt: String
    /// When it came off the account; nil while installed.
    public let removedAt: String?
    /// The latest reading of the meter taken on this account, if any.
    public let lastReading: MeterReading?
}

/// One period of ownership of an account.
public struct AccountHolding: Sendable, Equatable {
    public let customerID: Int64
    public let customerName: String
    /// The first day held.
    public let fromDate: String
    /// The first day no longer held; nil for the holder now.
    public let toDate: String?
    public let recordedAt: String
    public let recordedBy: String
}

/// Accounts in the database: find by number, list with filters, their meters and holders.
public struct AccountStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    static let columns = """
        a.id, a.number, a.customer_type_id, t.name, a.business_mode, a.status, a.currency, a.minor_unit,
        h.customer_id, c.name, a.opened_at, a.opened_by, a.closed_at, a.closed_by
        """
    static let joins = """
        FROM accounts a JOIN customer_types t ON t.id = a.customer_type_id
        JOIN account_holders h ON h.account_id = a.id AND h.to_date IS NULL
        JOIN customers c ON c.id = h.customer_id
        """
    static let selectColumns = "SELECT \(columns) \(joins)"
    /// The joins of a list: the accounts are walked in number order and each finds its holder, so a
    /// page (`LIMIT`) reads only its own rows. (`CROSS JOIN` keeps SQLite from starting at the
    /// holders and sorting every account, which it may prefer on a small database.)
    static let listJoins = """
        FROM accounts a JOIN customer_types t ON t.id = a.customer_type_id
        CROSS JOIN account_holders h ON h.account_id = a.id AND h.to_date IS NULL
        JOIN customers c ON c.id = h.customer_id
        """

    static func account(_ row: Row) throws -> Account {
        Account(id: row.int64(0), number: row.text(1), customerTypeID: row.int64(2), customerTypeName: row.text(3),
                businessMode: try row.stored(4, as: BusinessMode.self),
                status: try row.stored(5, as: AccountStatus.self),
                currency: try Currency(code: row.text(6), minorUnit: row.int(7)), holderID: row.int64(8),
                holderName: row.text(9), openedAt: row.text(10), openedBy: row.text(11), closedAt: row.optionalText(12),
                closedBy: row.optionalText(13))
    }

    /// The account numbered `number` (spaces trimmed, case ignored).
    /// - Throws: `AccountError.notFound`.
    public func find(_ number: String) throws -> Account {
        let normalised = AccountNumbering.normalise(number)
        if let account = try database.first(AccountStore.selectColumns + " WHERE a.number = ?", [normalised], AccountStore.account) {
            return account
        }
        throw AccountError.notFound(normalised)
    }

    /// The account with row id `id`.
    func find(id: Int64) throws -> Account {
        guard let account = try database.first(AccountStore.selectColumns + " WHERE a.id = ?", [id], AccountStore.account) else {
            preconditionFailure("account \(id) is missing")
        }
        return account
    }

    /// The accounts a search text names exactly, each through an index: its account number, the
    /// current holder's ID number, tax number or phone, or the serial of a meter it has ever had.
    /// Binds: the text in upper case four times and as given once (for the phone), in this order:
    /// number, ID number, tax number, phone, serial.
    static let exactMatches = """
        SELECT id FROM accounts WHERE number = ?
        UNION SELECT h.account_id FROM customers c JOIN account_holders h ON h.customer_id = c.id AND h.to_date IS NULL
              WHERE c.id_number = ?
        UNION SELECT h.account_id FROM customers c JOIN account_holders h ON h.customer_id = c.id AND h.to_date IS NULL
              WHERE c.tax_number = ?
        UNION SELECT h.account_id FROM customers c JOIN account_holders h ON h.customer_id = c.id AND h.to_date IS NULL
              WHERE c.phone = ?
        UNION SELECT am.account_id FROM meters m JOIN account_meters am ON am.meter_id = m.id WHERE m.serial = ?
        """

    /// Accounts matching `filter`, by number, with their holders' contact fields, meters and balances.
    ///
    /// A search text that is exactly an account number, meter serial, ID or tax number or phone is
    /// found through indexes; any other text is looked for within names and phones, which reads
    /// every customer.
    public func list(_ filter: AccountFilter) throws -> [AccountSummary] {
        var conditions: [String] = []
        var values: [SQLBindable] = []
        if let search = filter.search?.trimmed, !search.isEmpty {
            let keys: [SQLBindable] = [search.uppercased(), search.uppercased(), search.uppercased(), search, search.uppercased()]
            let named = try database.query(AccountStore.exactMatches, keys) { $0.int64(0) }
            if !named.isEmpty {
                // The accounts the text names exactly, found once and then read by row id.
                conditions.append("a.id IN (\(Array(repeating: "?", count: named.count).joined(separator: ", ")))")
                values += named.map { $0 as SQLBindable }
            } else {
                // Nothing has this exact key: look for it within names and phones (reads every customer).
                let escaped = search.map { "\\%_".contains($0) ? "\\\($0)" : String($0) }.joined()
                conditions.append("(c.name LIKE ? ESCAPE '\\' OR c.phone LIKE ? ESCAPE '\\')")
                values += ["%" + escaped + "%", "%" + escaped + "%"]
            }
        }
        if let type = filter.customerTypeName {
            conditions.append("t.name = ? COLLATE NOCASE")
            values.append(type.trimmed)
        }
        if let status = filter.status {
            conditions.append("a.status = ?")
            values.append(status.rawValue)
        }
        if let mode = filter.businessMode {
            conditions.append("a.business_mode = ?")
            values.append(mode.rawValue)
        }
        let balance = "(SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = a.id)"
        if filter.owing { conditions.append("\(balance) < 0") }
        var sql = """
            SELECT \(AccountStore.columns),
                   \(balance), c.phone, coalesce(c.id_number, c.tax_number), c.address,
                   (SELECT group_concat(serial, ' ') FROM (SELECT m.serial FROM account_meters am JOIN meters m ON m.id = am.meter_id
                    WHERE am.account_id = a.id AND am.removed_at IS NULL ORDER BY m.serial))
            \(AccountStore.listJoins)
            """
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY a.number LIMIT ? OFFSET ?"
        values.append(filter.limit ?? -1)
        values.append(filter.offset)
        do {
            return try database.query(sql, values) { row in
                let account = try AccountStore.account(row)
                return AccountSummary(account: account, phone: row.optionalText(15), identity: row.optionalText(16),
                                      address: row.optionalText(17),
                                      meterSerials: row.optionalText(18).map { $0.split(separator: " ").map(String.init) } ?? [],
                                      balance: Money(minorUnits: row.int64(14), currency: account.currency))
            }
        } catch let error as SQLiteError where error.isIntegerOverflow {
            // Some account's entries add up beyond 64 bits: name the first (its balance throws).
            let ledger = Ledger(database: database)
            for id in try database.query("SELECT id FROM accounts ORDER BY number", [], { $0.int64(0) }) {
                _ = try ledger.balance(of: try find(id: id))
            }
            throw error
        }
    }

    /// Every meter the account has had, installed ones first, then by installation.
    public func meters(of account: Account) throws -> [AccountMeter] {
        let rows = try database.query("""
            SELECT am.meter_id, am.installed_at, am.removed_at FROM account_meters am
            WHERE am.account_id = ? ORDER BY am.removed_at IS NOT NULL, am.installed_at, am.meter_id
            """, [account.id]) { ($0.int64(0), $0.text(1), $0.optionalText(2)) }
        let meters = MeterStore(database: database)
        let readings = MeterReadingStore(database: database)
        return try rows.map { meterID, installedAt, removedAt in
            let meter = try meters.find(id: meterID)
            return AccountMeter(meter: meter, installedAt: installedAt, removedAt: removedAt,
                                lastReading: try readings.last(of: meter, on: account))
        }
    }

    /// The meters on the account now.
    public func installedMeters(of account: Account) throws -> [Meter] {
        try meters(of: account).filter { $0.removedAt == nil }.map(\.meter)
    }

    /// Who held the account, oldest first.
    public func holders(of account: Account) throws -> [AccountHolding] {
        try database.query("""
            SELECT h.customer_id, c.name, h.from_date, h.to_date, h.recorded_at, h.recorded_by
            FROM account_holders h JOIN customers c ON c.id = h.customer_id WHERE h.account_id = ? ORDER BY h.from_date, h.id
            """, [account.id]) { row in
            AccountHolding(customerID: row.int64(0), customerName: row.text(1), fromDate: row.text(2), toDate: row.optionalText(3),
                           recordedAt: row.text(4), recordedBy: row.text(5))
        }
    }

    /// The accounts a customer holds now, by number.
    public func accounts(heldBy customerID: Int64) throws -> [Account] {
        try database.query(AccountStore.selectColumns + " WHERE h.customer_id = ? ORDER BY a.number", [customerID], AccountStore.account)
    }
}
