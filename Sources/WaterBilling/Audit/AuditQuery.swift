import WBillSupport

/// One row of the audit trail as stored.
public struct AuditEntry: Sendable, Equatable {
    public let id: Int64
    public let at: String
    public let operatorName: String
    public let command: String
    public let entity: String
    public let entityID: String?
    public let action: String
    /// The changes as a JSON object text (`{"field":{"old":…,"new":…}}`).
    public let changes: String
    /// The clock's time when the entry was written while `WBILL_NOW` overrode it (`at` is then the
    /// overriding time); nil for entries written on the real clock.
    public var realAt: String? = nil
    /// The operator `operatorName` acted for (`--operator`), whose role allowed the command; nil otherwise.
    public var onBehalfOf: String? = nil
}

/// Filters for reading the audit trail; every field narrows the result.
public struct AuditFilter: Sendable {
    public var entity: String?
    public var entityID: String?
    public var operatorName: String?
    /// Entries at or after this time.
    public var since: Timestamp?
    /// Entries before this time.
    public var until: Timestamp?
    /// At most this many entries, newest last.
    public var limit: Int?

    /// Creates a filter; nil fields do not filter.
    public init(entity: String? = nil, entityID: String? = nil, operatorName: String? = nil,
                since: Timestamp? = nil, until: Timestamp? = nil, limit: Int? = nil) {
        self.entity = entity
        self.entityID = entityID
        self.operatorName = operatorName
        self.since = since
        self.until = until
        self.limit = limit
    }
}

extension AuditTrail {
    /// Reads entries matching `filter`, oldest first (the newest `limit` when a limit is set).
    public static func entries(in database: Database, matching filter: AuditFilter) throws -> [AuditEntry] {
        var conditions: [String] = []
        var values: [SQLBindable] = []
        func add(_ condition: String, _ value: SQLBindable?) {
            guard let value else { return }
            conditions.append(condition)
            values.append(value)
        }
        add("entity = ?", filter.entity)
        add("entity_id = ?", filter.entityID)
        add("operator = ?", filter.operatorName)
        add("at >= ?", filter.since?.description)
        add("at < ?", filter.until?.description)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        var sql = "SELECT id, at, operator, command, entity, entity_id, action, changes, real_at, on_behalf_of FROM audit_log \(whereClause) ORDER BY id DESC"
        if let limit = filter.limit {
            sql += " LIMIT ?"
            values.append(limit)
        }
        let newestFirst = try database.query(sql, values) { row in
            AuditEntry(id: row.int64(0), at: row.text(1), operatorName: row.text(2), command: row.text(3),
                       entity: row.text(4), entityID: row.optionalText(5), action: row.text(6),
                       changes: row.text(7), realAt: row.optionalText(8), onBehalfOf: row.optionalText(9))
        }
        return newestFirst.reversed()
    }
}
