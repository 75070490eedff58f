import WBillSupport

/// The one writer of the `meters` and `meter_events` tables: every INSERT and UPDATE of a meter and
/// every entry of its history goes through here, for one meter at a time (`meter add`, `edit`,
/// `retire`, groups, installing and removing on accounts) and for a million (`meter import`) alike.
///
/// It writes what it is given and checks nothing: the callers (stores, the importer) validate,
/// apply the rules of state and record the audit trail, inside their transaction. Every row it
/// writes is stamped with the context's time and operator.
///
/// The insert is prepared once per writer and bound by position, so an import keeps one writer for
/// the whole file; the other statements come from the connection's statement cache.
///
/// ```swift
/// let writer = MeterWriter(database: database, context: audit.context)
/// if try writer.insert(validMeter) == false { /* the serial is taken */ }
/// try writer.recordEvent("marked faulty", of: meter, movingTo: .faulty, detail: "")
/// ```
final class MeterWriter {
    let database: Database
    /// When the rows written are stamped (`created_at`, `at`).
    let time: String
    /// Who writes them (`created_by`, `operator`).
    let operatorName: String
    private var insertStatement: Statement?
    /// The import run bound to `insertStatement`.
    private var insertImportID: Int64?

    /// A writer to `database`, stamping rows with `context`'s time and operator.
    init(database: Database, context: AuditContext) {
        self.database = database
        self.time = context.timeText
        self.operatorName = context.operatorName
    }

    /// Inserts a validated meter, in stock, unless its serial is taken (`ON CONFLICT (serial) DO
    /// NOTHING`: a taken serial is the normal case of a re-run import, not an exception).
    /// - Parameters:
    ///   - meter: the meter, validated.
    ///   - importID: the import run it comes from, if any.
    ///   - line: its line in that import's file.
    /// - Returns: whether it was inserted; `false` when another meter has the serial (nothing is written).
    @discardableResult
    func insert(_ meter: ValidMeter, importID: Int64? = nil, line: Int? = nil) throws -> Bool {
        let insert = try preparedInsert(importID: importID)
        try insert.bind(meter.serial, at: 1)
        try insert.bind(meter.manufacturer, at: 4)
        try insert.bind(meter.model, at: 5)
        try insert.bind(meter.location, at: 7)
        return try insertBound(insert, typeID: meter.typeID, caliber: meter.caliber, initialReading: meter.initialReading,
                               groupID: meter.groupID, line: line)
    }

    /// Inserts a meter validated from an import row's bytes, as `insert(_:importID:line:)` does
    /// with the same meter as a `ValidMeter`, without making strings of its text.
    @discardableResult
    func insert(_ meter: ValidMeterBytes, importID: Int64?, line: Int) throws -> Bool {
        let insert = try preparedInsert(importID: importID)
        try insert.bind(utf8: meter.serial, at: 1)
        try insert.bind(utf8: meter.manufacturer, at: 4)
        try insert.bind(utf8: meter.model, at: 5)
        try insert.bind(utf8: meter.location, at: 7)
        return try insertBound(insert, typeID: meter.typeID, caliber: meter.caliber, initialReading: meter.initialReading,
                               groupID: meter.groupID, line: line)
    }

    /// Binds the insert's other values, once its text is bound, and runs it.
    private func insertBound(_ insert: Statement, typeID: Int64, caliber: Int, initialReading: Volume, groupID: Int64?,
                             line: Int?) throws -> Bool {
        try insert.bind(typeID, at: 2)
        try insert.bind(Int64(caliber), at: 3)
        try insert.bind(initialReading.litres, at: 6)
        try insert.bind(groupID, at: 8)
        try insert.bind(line.map(Int64.init), at: 12)
        try insert.executeBound()
        return database.changes == 1
    }

    /// The insert, prepared on first use, with the values every row of a run shares (time, operator,
    /// import run) bound once: a reset keeps bindings, so a million-row import binds them once, not
    /// a million times. Bound again only when the import run changes.
    private func preparedInsert(importID: Int64?) throws -> Statement {
        if let statement = insertStatement, insertImportID == importID { return statement }
        let statement = try insertStatement ?? database.prepare("""
            INSERT INTO meters (serial, meter_type_id, caliber, manufacturer, model, initial_reading, location, group_id,
                                created_at, created_by, import_id, import_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (serial) DO NOTHING
            """)
        statement.reset()
        try statement.bind(time, at: 9)
        try statement.bind(operatorName, at: 10)
        try statement.bind(importID, at: 11)
        insertStatement = statement
        insertImportID = importID
        return statement
    }

    /// Overwrites a meter's details with validated ones: type, caliber, manufacturer, model, initial
    /// reading and location, and its group when `includingGroup` (an import row names the group; an
    /// edit leaves it, since groups move through `setGroup`).
    func updateDetails(of meterID: Int64, to meter: ValidMeter, includingGroup: Bool) throws {
        var values: [SQLBindable] = [meter.typeID, meter.caliber, meter.manufacturer, meter.model,
                                     meter.initialReading.litres, meter.location]
        if includingGroup { values.append(meter.groupID) }
        values.append(meterID)
        try database.run("""
            UPDATE meters SET meter_type_id = ?, caliber = ?, manufacturer = ?, model = ?, initial_reading = ?, location = ?\
            \(includingGroup ? ", group_id = ?" : "")
            WHERE id = ?
            """, values)
    }

    /// Puts a meter in a group (`nil`: in none). The caller records the event.
    func setGroup(of meterID: Int64, to groupID: Int64?) throws {
        try database.run("UPDATE meters SET group_id = ? WHERE id = ?", [groupID, meterID])
    }

    /// Records an event in a meter's history and, when `state` is given, moves the meter to it: a
    /// change of state is always written together with its event.
    /// - Parameters:
    ///   - event: what happened (`installed`, `edited`, `joined group`, `updated by import` …).
    ///   - meter: the meter as it was before.
    ///   - state: the state it moves to; the event then records from and to (even when they are equal).
    ///   - detail: free text for the history (an account, the fields changed, a reason).
    func recordEvent(_ event: String, of meter: Meter, movingTo state: MeterState?, detail: String) throws {
        try recordEvent(event, meterID: meter.id, from: state == nil ? nil : meter.state, to: state, detail: detail)
    }

    /// Records an event of the meter with row id `meterID` (see `recordEvent(_:of:movingTo:detail:)`);
    /// with a `to` state other than `from`, the meter's state moves too.
    func recordEvent(_ event: String, meterID: Int64, from: MeterState?, to state: MeterState?, detail: String) throws {
        if let state, state != from {
            try database.run("UPDATE meters SET state = ? WHERE id = ?", [state.rawValue, meterID])
        }
        try database.run("""
            INSERT INTO meter_events (meter_id, at, operator, event, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [meterID, time, operatorName, event, from?.rawValue, state?.rawValue, detail])
    }
}
