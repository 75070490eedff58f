import WBillSupport

/// The one writer of `meter_readings`: every reading recorded (typed, imported, estimated, final,
/// initial) and every void goes through here, one at a time or a million in an import alike.
///
/// It writes what it is given and checks nothing: `ReadingRecorder` and the operations over it
/// judge readings, write their consumption and record the audit trail, inside their transaction.
/// Rows are stamped with the context's time (`recorded_at`) and operator, and with the import
/// run given, if any; the insert is prepared once per writer with those values bound once.
final class ReadingWriter {
    let database: Database
    /// When rows are recorded (`recorded_at`, `voided_at`).
    let time: String
    /// Who records them (`operator`, `voided_by`).
    let operatorName: String
    /// The import run of every row this writer inserts, if any.
    let importID: Int64?
    private var insertStatement: Statement?

    /// A writer to `database`, stamping rows with `context`'s time and operator and with `importID`.
    init(database: Database, context: AuditContext, importID: Int64? = nil) {
        self.database = database
        self.time = context.timeText
        self.operatorName = context.operatorName
        self.importID = importID
    }

    /// Inserts a reading and returns its id.
    /// - Parameter line: the line of the import file it comes from (with an import run only).
    func insert(meterID: Int64, accountID: Int64, at: String, value: Volume, source: ReadingSource, line: Int? = nil) throws -> Int64 {
        let insert = try preparedInsert()
        try insert.bind(meterID, at: 1)
        try insert.bind(accountID, at: 2)
        try insert.bind(at, at: 3)
        try insert.bind(value.litres, at: 4)
        try insert.bind(source.rawValue, at: 5)
        try insert.bind(importID == nil ? nil : line.map(Int64.init), at: 9)
        try insert.executeBound()
        return database.lastInsertRowID
    }

    /// The insert, prepared on first use, with the operator, time and import run bound once (a reset
    /// keeps bindings).
    private func preparedInsert() throws -> Statement {
        if let insertStatement { return insertStatement }
        let statement = try database.prepare("""
            INSERT INTO meter_readings (meter_id, account_id, at, value, source, operator, recorded_at, import_id, import_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.bind(operatorName, at: 6)
        try statement.bind(time, at: 7)
        try statement.bind(importID, at: 8)
        insertStatement = statement
        return statement
    }

    /// Marks a reading void, with why (the schema lets a reading be voided once, and changed in no other way).
    func void(readingID: Int64, reason: String) throws {
        try database.run("UPDATE meter_readings SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
                         [time, operatorName, reason, readingID])
    }
}
