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
    /// Whether the schema chains its rows (`chain_hash`, from `Migration0017AuditChain`): false only
    /// for the entries of the migrations before it.
    let chained: Bool
    /// Whether an entry names the ledger entries written since the last one (`LedgerAuditLink`):
    /// false for what a movement of money sets off inside `Ledger.append` (alarms, valve commands),
    /// so the operation's own entry names them.
    let claimsLedgerEntries: Bool

    /// Creates a trail writing to `database` for `context`.
    public init(database: Database, context: AuditContext) {
        self.init(database: database, context: context, chained: true)
    }

    init(database: Database, context: AuditContext, chained: Bool, claimsLedgerEntries: Bool = true) {
        self.database = database
        self.context = context
        self.chained = chained
        self.claimsLedgerEntries = claimsLedgerEntries
    }

    /// The same trail, its entries leaving the ledger entries noted for the operation's own entry.
    var leavingLedgerEntries: AuditTrail {
        AuditTrail(database: database, context: context, chained: chained, claimsLedgerEntries: false)
    }

    /// Appends one entry.
    /// - Parameters:
    ///   - entity: the kind of thing changed (`database`, `tariff`, `meter`, `account` …).
    ///   - id: its key (a serial, an account number), if it has one.
    ///   - action: what happened (`create`, `update`, `delete`, `migrate`, `recharge` …).
    ///   - changes: the fields before and after.
    public func record(entity: String, id: String?, action: String, changes: [AuditChange] = []) throws {
        let ledger = chained && claimsLedgerEntries ? try LedgerAuditLink.of(database).claim(in: database) : nil
        try insert(entity: entity, id: id, action: action, changesText: AuditTrail.changesText(changes),
                   ledgerIDs: ledger?.ids, ledgerHash: ledger?.lastHash)
    }

    /// The one INSERT of `audit_log`. Once the schema chains its rows: the row's id and chain hash,
    /// linked to the last row (`ChainEncoding`), in one statement text. Before (the entries of the
    /// migrations before the chain): the columns that are not NULL, so a schema without `real_at`
    /// takes the row.
    func insert(entity: String, id: String?, action: String, changesText: String, ledgerIDs: String?, ledgerHash: String?) throws {
        let realAt = context.realTime?.description
        // In `AuditChain.auditLog`'s order; `on_behalf_of` (the fifth) is NULL unless an operator
        // acts for another, and a NULL column is left out of the row's encoding.
        var values: [ChainValue] = [
            .null, .text(context.timeText), .optional(realAt), .text(context.operatorName),
            .optional(context.onBehalfOf), .text(context.command), .text(entity), .optional(id), .text(action), .text(changesText),
            .optional(ledgerIDs), .optional(ledgerHash),
        ]
        guard chained else {
            var names: [String] = []
            var bound: [SQLBindable] = []
            for (column, value) in zip(AuditChain.auditLog, values) {
                switch value {
                case .null: continue
                case .integer(let number): bound.append(number)
                case .text(let text): bound.append(text)
                }
                names.append(column.name)
            }
            try database.run("INSERT INTO audit_log (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                             bound)
            return
        }
        let head = try AuditChain.head(of: "audit_log", in: database)
        let newID = head.id + 1
        values[0] = .integer(newID)
        let chainHash = ChainEncoding.link(previous: head.hash, columns: AuditChain.auditLog, values: values)
        // One statement text for every entry (prepared once): the NULLs bound.
        try database.run("""
            INSERT INTO audit_log (id, at, real_at, operator, on_behalf_of, command, entity, entity_id, action, changes, ledger_ids,
                                   ledger_hash, chain_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [newID, context.timeText, realAt, context.operatorName, context.onBehalfOf, context.command, entity, id, action,
                  changesText, ledgerIDs, ledgerHash, chainHash])
        AuditChain.wrote("audit_log", id: newID, hash: chainHash, in: database)
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
