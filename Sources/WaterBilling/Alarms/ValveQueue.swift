import WBillSupport

/// The valve command queue, the interface to a head-end system (the transport to the meter is
/// outside wbill): the one facility that queues and acknowledges valve commands, and the only
/// writer of `valve_commands`.
///
/// A command is queued only when it changes what the meter's valve was last told: `close` after
/// nothing or after an `open`, `open` only after a `close` (a valve never told to close is taken
/// to be open). So repeating a condition queues nothing, whatever state the earlier command is in.
public struct ValveQueue {
    let database: Database

    /// The queue in `database`.
    public init(database: Database) {
        self.database = database
    }

    static let select = """
        SELECT v.id, v.action, v.meter_id, m.serial, a.number, v.balance, a.currency, a.minor_unit, v.ledger_entry_id,
               v.queued_at, v.queued_by, v.state, v.acknowledged_at, v.acknowledged_by
        FROM valve_commands v LEFT JOIN meters m ON m.id = v.meter_id LEFT JOIN accounts a ON a.id = v.account_id
        """

    static func command(_ row: Row) throws -> ValveCommand {
        var balance: Money?
        if let minorUnits = row.optionalInt64(5), !row.isNull(6) {
            balance = Money(minorUnits: minorUnits, currency: try Currency(code: row.text(6), minorUnit: row.int(7)))
        }
        return ValveCommand(id: row.int64(0), action: try row.stored(1, as: ValveAction.self), meterID: row.int64(2),
                            meterSerial: row.text(3), accountNumber: row.optionalText(4), balance: balance,
                            ledgerEntryID: row.optionalInt64(8), queuedAt: row.text(9), queuedBy: row.text(10),
                            state: try row.stored(11, as: ValveCommandState.self), acknowledgedAt: row.optionalText(12),
                            acknowledgedBy: row.optionalText(13))
    }

    /// What the meter's valve was last told, if anything.
    public func lastAction(of meterID: Int64) throws -> ValveAction? {
        try database.first("SELECT action FROM valve_commands WHERE meter_id = ? ORDER BY id DESC LIMIT 1", [meterID]) {
            try $0.stored(0, as: ValveAction.self)
        }
    }

    /// Queues `action` for the meter's valve, in the caller's transaction with an audit entry,
    /// unless it is what the valve was last told (or `open` for a valve never told to close).
    /// - Parameters:
    ///   - account: the account the meter is on, whose balance called for it.
    ///   - balance: that balance; `entry`, the ledger entry that left it.
    /// - Returns: the command queued, or nil when none was needed.
    @discardableResult
    public func queue(_ action: ValveAction, meterID: Int64, account: Account?, balance: Money?, entryID: Int64?,
                      audit: AuditTrail) throws -> ValveCommand? {
        let last = try lastAction(of: meterID)
        guard last != action, action == .close || last == .close else { return nil }
        try database.run("""
            INSERT INTO valve_commands (meter_id, account_id, action, balance, ledger_entry_id, queued_at, queued_by)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [meterID, account?.id, action.rawValue, balance?.minorUnits, entryID, audit.context.timeText,
                  audit.context.operatorName])
        let command = try find(database.lastInsertRowID)
        let fields: [(String, String?)] = [
            ("action", action.rawValue), ("meter", command.meterSerial), ("account", command.accountNumber),
            ("balance", command.balance?.description), ("receipt", entryID.map { String($0) }),
        ]
        try audit.record(entity: "valve-command", id: String(command.id), action: "queue", changes: fields.compactMap { field, value in
            value.map { AuditChange(field, old: nil, new: $0) }
        })
        return command
    }

    /// Acknowledges pending commands: the head-end took them. All or none.
    /// - Throws: `AlarmError.valveCommandNotFound` or `.valveCommandAcknowledged` for the first that
    ///   cannot be; nothing is written then.
    public func acknowledge(_ ids: [Int64], audit: AuditTrail) throws -> [ValveCommand] {
        var seen = Set<Int64>()
        var acknowledged: [ValveCommand] = []
        for id in ids where seen.insert(id).inserted {
            let command = try find(id)
            guard command.state == .pending else {
                throw AlarmError.valveCommandAcknowledged(id: id, by: command.acknowledgedBy ?? "", at: command.acknowledgedAt ?? "")
            }
            try database.run("UPDATE valve_commands SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ? WHERE id = ?",
                             [audit.context.timeText, audit.context.operatorName, id])
            try audit.record(entity: "valve-command", id: String(id), action: "acknowledge",
                             changes: [AuditChange("state", old: command.state.rawValue, new: ValveCommandState.acknowledged.rawValue)])
            acknowledged.append(try find(id))
        }
        return acknowledged
    }

    /// The command numbered `id`.
    /// - Throws: `AlarmError.valveCommandNotFound`.
    public func find(_ id: Int64) throws -> ValveCommand {
        guard let command = try database.first(ValveQueue.select + " WHERE v.id = ?", [id], ValveQueue.command) else {
            throw AlarmError.valveCommandNotFound(id)
        }
        return command
    }

    /// Commands matching `filter`, in queue order (oldest first). Each filter is an index search
    /// (by state, account or meter, in queue order), so a page reads only its own rows.
    /// - Throws: `AccountError.notFound` or `CatalogueError.notFound` for an account or meter that
    ///   does not exist.
    public func list(_ filter: ValveCommandFilter) throws -> [ValveCommand] {
        var conditions: [String] = []
        var values: [SQLBindable] = []
        if let number = filter.accountNumber {
            conditions.append("v.account_id = ?")
            values.append(try AccountStore(database: database).find(number).id)
        }
        if let serial = filter.meterSerial {
            conditions.append("v.meter_id = ?")
            values.append(try MeterStore(database: database).find(serial).id)
        }
        if let state = filter.state {
            conditions.append("v.state = ?")
            values.append(state.rawValue)
        }
        if let action = filter.action {
            conditions.append("v.action = ?")
            values.append(action.rawValue)
        }
        var sql = ValveQueue.select
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY v.id LIMIT ? OFFSET ?"
        values += [filter.limit ?? -1, filter.offset]
        return try database.query(sql, values, ValveQueue.command)
    }
}
