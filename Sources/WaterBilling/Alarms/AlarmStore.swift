import WBillSupport

/// Alarms in the database: find by number, list with filters. `AlarmDesk` writes them.
public struct AlarmStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    static let select = """
        SELECT x.id, x.kind, x.account_id, a.number, x.meter_id, m.serial, x.value, x.threshold, x.cause, x.raised_at,
               x.raised_by, x.state, x.acknowledged_at, x.acknowledged_by, x.closed_at, x.closed_by, a.currency, a.minor_unit
        FROM alarms x LEFT JOIN accounts a ON a.id = x.account_id LEFT JOIN meters m ON m.id = x.meter_id
        """

    /// An alarm from a row of `select`; money is in its account's currency, else the utility's.
    static func alarm(_ row: Row, utilityCurrency: Currency) throws -> Alarm {
        let kind = try row.stored(1, as: AlarmKind.self)
        let currency = row.isNull(16) ? utilityCurrency : try Currency(code: row.text(16), minorUnit: row.int(17))
        func quantity(_ column: Int32) -> AlarmQuantity? {
            row.optionalInt64(column).map { AlarmQuantity(amount: $0, measure: kind.measure, currency: currency) }
        }
        return Alarm(id: row.int64(0), kind: kind, accountID: row.optionalInt64(2), accountNumber: row.optionalText(3),
                     meterID: row.optionalInt64(4), meterSerial: row.optionalText(5), value: quantity(6), threshold: quantity(7),
                     cause: row.text(8), raisedAt: row.text(9), raisedBy: row.text(10),
                     state: try row.stored(11, as: AlarmState.self), acknowledgedAt: row.optionalText(12),
                     acknowledgedBy: row.optionalText(13), closedAt: row.optionalText(14), closedBy: row.optionalText(15))
    }

    /// The alarm numbered `id`.
    /// - Throws: `AlarmError.notFound`.
    public func find(_ id: Int64) throws -> Alarm {
        let currency = try UtilitySettings(database: database).currency()
        guard let alarm = try database.first(AlarmStore.select + " WHERE x.id = ?", [id], { try AlarmStore.alarm($0, utilityCurrency: currency) }) else {
            throw AlarmError.notFound(id)
        }
        return alarm
    }

    /// Alarms matching `filter`, oldest first. Each filter is an index search (by state, kind,
    /// account or meter, in raising order), so a page reads only its own rows.
    /// - Throws: `AccountError.notFound` or `CatalogueError.notFound` for an account or meter that
    ///   does not exist.
    public func list(_ filter: AlarmFilter) throws -> [Alarm] {
        var conditions: [String] = []
        var values: [SQLBindable] = []
        if let number = filter.accountNumber {
            conditions.append("x.account_id = ?")
            values.append(try AccountStore(database: database).find(number).id)
        }
        if let serial = filter.meterSerial {
            conditions.append("x.meter_id = ?")
            values.append(try MeterStore(database: database).find(serial).id)
        }
        if let state = filter.state {
            conditions.append("x.state = ?")
            values.append(state.rawValue)
        }
        if let kind = filter.kind {
            conditions.append("x.kind = ?")
            values.append(kind.rawValue)
        }
        var sql = AlarmStore.select
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY x.id LIMIT ? OFFSET ?"
        values += [filter.limit ?? -1, filter.offset]
        let currency = try UtilitySettings(database: database).currency()
        return try database.query(sql, values) { try AlarmStore.alarm($0, utilityCurrency: currency) }
    }
}
