import WBillSupport

/// What `AlarmDesk.raise` did.
public enum AlarmRaising: Sendable, Equatable {
    /// A new alarm was recorded.
    case raised(Alarm)
    /// An alarm of the same kind about the same account and meter is still active (open or
    /// acknowledged): nothing was written.
    case alreadyActive(Alarm)
    /// Alarms of the kind are switched off (`AlarmOptions`): nothing was written.
    case disabled
}

/// The one facility that raises, acknowledges and closes alarms, and the only writer of `alarms`.
///
/// Any domain operation that notices a condition calls `raise` inside its own transaction with the
/// `AuditTrail` it was given (the ledger through `BalanceCrossing`; readings for consumption and
/// meter events), so the alarm and its audit entry commit with the change that raised it. The
/// caller decides that the condition holds (it measured the value against the threshold it read
/// from `AlarmOptions`); the desk records it once: the same condition (kind, account and meter)
/// never has two active alarms.
public struct AlarmDesk {
    let database: Database
    /// Whether each kind is switched on (read once by this desk).
    let options: AlarmOptions

    /// The desk over `database`.
    public init(database: Database) {
        self.init(database: database, options: AlarmOptions(database: database))
    }

    /// The desk over `database`, reading whether a kind is switched on from `options`.
    init(database: Database, options: AlarmOptions) {
        self.database = database
        self.options = options
    }

    /// Raises an alarm of `kind` about an account, a meter or both, unless its kind is switched
    /// off or the same condition is already active.
    /// - Parameters:
    ///   - value: what was measured, in the kind's measure (minor units, days, a percentage); nil for events.
    ///   - threshold: what it was measured against, in the same measure; nil for events.
    ///   - cause: what raised it, for people (`refund receipt 3`, `reading 812`).
    @discardableResult
    public func raise(_ kind: AlarmKind, accountID: Int64?, meterID: Int64?, value: Int64?, threshold: Int64?, cause: String,
                      audit: AuditTrail) throws -> AlarmRaising {
        precondition(accountID != nil || meterID != nil, "an alarm is about an account, a meter or both")
        guard try options.option(kind).enabled else { return .disabled }
        let store = AlarmStore(database: database)
        if let active = try database.scalarInt("""
            SELECT id FROM alarms WHERE kind = ? AND ifnull(account_id, 0) = ? AND ifnull(meter_id, 0) = ? AND state <> 'closed'
            """, [kind.rawValue, accountID ?? 0, meterID ?? 0]) {
            return .alreadyActive(try store.find(active))
        }
        try database.run("""
            INSERT INTO alarms (kind, account_id, meter_id, value, threshold, cause, raised_at, raised_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [kind.rawValue, accountID, meterID, value, threshold, cause, audit.context.timeText, audit.context.operatorName])
        let alarm = try store.find(database.lastInsertRowID)
        let fields: [(String, String?)] = [
            ("kind", kind.rawValue), ("account", alarm.accountNumber), ("meter", alarm.meterSerial),
            ("value", alarm.value?.text), ("threshold", alarm.threshold?.text), ("cause", cause.isEmpty ? nil : cause),
        ]
        try audit.record(entity: "alarm", id: String(alarm.id), action: "raise", changes: fields.compactMap { field, value in
            value.map { AuditChange(field, old: nil, new: $0) }
        })
        return .raised(alarm)
    }

    /// Acknowledges open alarms: someone has seen them. All or none.
    /// - Throws: `AlarmError.notFound`, `.alreadyAcknowledged` or `.alreadyClosed` for the first
    ///   that cannot be; nothing is written then.
    public func acknowledge(_ ids: [Int64], audit: AuditTrail) throws -> [Alarm] {
        try change(ids, to: .acknowledged, audit: audit) { alarm in
            switch alarm.state {
            case .open: return
            case .acknowledged: throw AlarmError.alreadyAcknowledged(id: alarm.id, by: alarm.acknowledgedBy ?? "", at: alarm.acknowledgedAt ?? "")
            case .closed: throw AlarmError.alreadyClosed(id: alarm.id, by: alarm.closedBy ?? "", at: alarm.closedAt ?? "")
            }
        }
    }

    /// Closes open or acknowledged alarms: dealt with. All or none. The same condition may raise a
    /// new alarm afterwards.
    /// - Throws: `AlarmError.notFound` or `.alreadyClosed` for the first that cannot be; nothing is written then.
    public func close(_ ids: [Int64], audit: AuditTrail) throws -> [Alarm] {
        try change(ids, to: .closed, audit: audit) { alarm in
            if alarm.state == .closed {
                throw AlarmError.alreadyClosed(id: alarm.id, by: alarm.closedBy ?? "", at: alarm.closedAt ?? "")
            }
        }
    }

    /// Moves each alarm (each number once, in the order given) to `state` after `check` allows it.
    private func change(_ ids: [Int64], to state: AlarmState, audit: AuditTrail, check: (Alarm) throws -> Void) throws -> [Alarm] {
        let store = AlarmStore(database: database)
        var seen = Set<Int64>()
        var changed: [Alarm] = []
        for id in ids where seen.insert(id).inserted {
            let alarm = try store.find(id)
            try check(alarm)
            let columns = state == .closed ? "closed_at = ?, closed_by = ?" : "acknowledged_at = ?, acknowledged_by = ?"
            try database.run("UPDATE alarms SET state = ?, \(columns) WHERE id = ?",
                             [state.rawValue, audit.context.timeText, audit.context.operatorName, id])
            try audit.record(entity: "alarm", id: String(id), action: state == .closed ? "close" : "acknowledge",
                             changes: [AuditChange("state", old: alarm.state.rawValue, new: state.rawValue)])
            changed.append(try store.find(id))
        }
        return changed
    }
}
