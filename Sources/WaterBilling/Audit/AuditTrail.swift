import WBillSupport

/// Who is doing what, for the audit trail of one command.
public struct AuditContext: Sendable {
    /// The operator's name (`--operator`, `WBILL_OPERATOR` or the login name).
    public let operatorName: String
    /// The command line as typed, with secret option values replaced by `***`.
    public let command: String
    /// When the command ran: the time it records everywhere.
    public let time: Timestamp
    /// `time` as stored (ISO 8601, UTC, milliseconds), formatted once for every row the command writes.
    public let timeText: String
    /// The system clock's time when `time` is not it (`WBILL_NOW` overrode the clock, for tests and
    /// replays); nil when `time` is the clock's. Every audit entry keeps it (`real_at`).
    public let realTime: Timestamp?
    /// The operator `operatorName` acts for (`--operator`, with the `operator.act-for` permission),
    /// whose role allowed the command; nil when acting for no one. Every audit entry keeps it (`on_behalf_of`).
    public let onBehalfOf: String?

    /// Creates a context.
    /// - Parameters:
    ///   - realTime: the clock's time when `time` overrides it.
    ///   - onBehalfOf: the operator acted for, if any.
    public init(operatorName: String, command: String, time: Timestamp, realTime: Timestamp? = nil, onBehalfOf: String? = nil) {
        self.operatorName = operatorName
        self.command = command
        self.time = time
        self.timeText = time.description
        self.realTime = realTime
        self.onBehalfOf = onBehalfOf
    }

    /// The same context without the real time: for audit entries of a schema without `real_at`.
    var withoutRealTime: AuditContext {
        AuditContext(operatorName: operatorName, command: command, time: time, onBehalfOf: onBehalfOf)
    }

    /// Refuses to record a change dated before the thing it changes existed.
    /// - Parameters:
    ///   - existedSince: when it came into being, as stored (`2026-11-23T09:30:00.000Z`).
    ///   - change: the change, for people ("a recharge").
    ///   - subject: the thing ("account AC00000001") and how it came into being ("opened").
    /// - Throws: `DatedBeforeExistenceError`.
    public func requireNotBefore(_ existedSince: String, change: String, subject: String, event: String) throws {
        guard let since = try? Timestamp(parsing: existedSince), time < since else { return }
        throw DatedBeforeExistenceError(change: change, at: time, subject: subject, event: event, existedSince: since,
                                        clockOverridden: realTime != nil)
    }
}

/// A change dated before the account or customer it changes existed: with the clock overridden
/// (`WBILL_NOW`), money could otherwise be put on an account before it was opened.
public struct DatedBeforeExistenceError: ClassifiedError, Equatable {
    /// The change ("a recharge").
    public let change: String
    /// The time it would have had.
    public let at: Timestamp
    /// What it changes ("account AC00000001").
    public let subject: String
    /// How that came into being ("opened").
    public let event: String
    /// When it did.
    public let existedSince: Timestamp
    /// Whether the time came from an overridden clock.
    public let clockOverridden: Bool

    public var failureKind: FailureKind { .refused }
    public var description: String { "cannot date \(change) \(at): \(subject) was \(event) at \(existedSince)" }
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
/// An entry written while the clock is overridden keeps the real time too (`AuditContext.realTime`).
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
        let changesText = AuditTrail.changesText(changes)
        // The optional columns are named only when they have a value: a schema from before they
        // existed (a migration's own entry) takes the rest, and NULL is what they would hold.
        var columns = "at, operator, command, entity, entity_id, action, changes"
        var values: [SQLBindable] = [context.timeText, context.operatorName, context.command, entity, id, action, changesText]
        if let realTime = context.realTime {
            columns += ", real_at"
            values.append(realTime.description)
        }
        if let onBehalfOf = context.onBehalfOf {
            columns += ", on_behalf_of"
            values.append(onBehalfOf)
        }
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        try database.run("INSERT INTO audit_log (\(columns)) VALUES (\(placeholders))", values)
    }

    /// The `changes` column: a JSON object of each field's `old` and `new` text (null where there is
    /// none), `{"amount":{"old":null,"new":"12.50"}}`. Written directly, the very text the same
    /// `JSONValue` object serializes to, without building one: an import records an entry per row.
    static func changesText(_ changes: [AuditChange]) -> String {
        var output = "{"
        output.reserveCapacity(changes.count * 40)
        for (index, change) in changes.enumerated() {
            if index > 0 { output += "," }
            JSONValue.writeString(change.field, into: &output)
            output += ":{\"old\":"
            if let old = change.old { JSONValue.writeString(old, into: &output) } else { output += "null" }
            output += ",\"new\":"
            if let new = change.new { JSONValue.writeString(new, into: &output) } else { output += "null" }
            output += "}"
        }
        output += "}"
        return output
    }
}
