import WBillSupport

/// Who is doing what, for the audit trail of one command.
public struct AuditContext: Sendable {
    /// The operator's name (`--operator`, `WBILL_OPERATOR` or the login name).
    public let operatorName: String
    /// The command line as typed, with secret option values replaced by `***`.
    public let command: String
    /// When the command ran.
    public let time: Timestamp
    /// `time` as stored (ISO 8601, UTC, milliseconds), formatted once for every row the command writes.
    public let timeText: String

    /// Creates a context.
    public init(operatorName: String, command: String, time: Timestamp) {
        self.operatorName = operatorName
        self.command = command
        self.time = time
        self.timeText = time.description
    }
}

/// One field's change: its value before and after (nil where it did not exist).
public struct AuditChange: Sendable, Equatable {
    /// The field name.
    public let field: String
    /// The value before the change.
    public let old: String?
    /// The value after the change.
    public let new: String?

    /// Creates a change record.
    public init(_ field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// Writes audit entries in the caller's transaction, so data and its record commit together.
///
/// ```swift
/// try audit.record(entity: "meter", id: "WM-1", action: "create",
///                  changes: [AuditChange("state", old: nil, new: "in-stock")])
/// ```
public struct AuditTrail {
    let database: Database
    /// Who and what this trail records.
    public let context: AuditContext

    /// Creates a trail writing to `database` for `context`.
    public init(database: Database, context: AuditContext) {
        self.database = database
        self.context = context
    }

    /// Appends one entry.
    /// - Parameters:
    ///   - entity: the kind of thing changed (`database`, `tariff`, `meter`, `account` …).
    ///   - id: its key (a serial, an account number), if it has one.
    ///   - action: what happened (`create`, `update`, `delete`, `migrate`, `recharge` …).
    ///   - changes: the fields before and after.
    public func record(entity: String, id: String?, action: String, changes: [AuditChange] = []) throws {
        let object = JSONValue.object(changes.map { change in
            (change.field, .object([
                ("old", change.old.map(JSONValue.string) ?? .null),
                ("new", change.new.map(JSONValue.string) ?? .null),
            ]))
        })
        try database.run("""
            INSERT INTO audit_log (at, operator, command, entity, entity_id, action, changes)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [context.timeText, context.operatorName, context.command, entity, id, action,
                  object.serialized()])
    }
}
