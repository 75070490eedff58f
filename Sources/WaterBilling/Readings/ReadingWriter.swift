import WBillSupport

/// The one writer of `meter_readings`: every reading recorded (typed, imported, estimated, final,
/// initial) and every void goes through here, one at a time or a million in an import alike.
///
/// It writes what it is given and checks nothing: `ReadingRecorder` and the operations over it
/// judge readings, write their consumption and record the audit trail, inside their transaction.
/// Rows are stamped with the context's time (`recorded_at`) and operator, and with the import
/// run given, if any.
///
/// A staging writer (an import's) gives each reading its id at once but writes the rows only at
/// `flush()`, many in one INSERT: a statement per row cost an import more than the rows
/// themselves. It numbers rows from the table's largest id on, so nothing else may insert into the
/// table until it has flushed (an import holds the write lock throughout and writes only through it).
final class ReadingWriter {
    let database: Database
    /// When rows are recorded (`recorded_at`, `voided_at`).
    let time: String
    /// Who records them (`operator`, `voided_by`).
    let operatorName: String
    /// The import run of every row this writer inserts, if any.
    let importID: Int64?
    /// Whether rows wait for `flush()`.
    let staging: Bool
    private var insertStatement: Statement?

    /// A staged row: id, meter, account, time, value, source, line.
    private typealias Staged = (id: Int64, meterID: Int64, accountID: Int64, at: String, value: Int64, source: ReadingSource, line: Int64?)
    private var staged: [Staged] = []
    private var nextID: Int64?
    private var multiRowInserts: [Int: Statement] = [:]

    /// A writer to `database`, stamping rows with `context`'s time and operator and with `importID`;
    /// with `staging`, rows are written at `flush()`.
    init(database: Database, context: AuditContext, importID: Int64? = nil, staging: Bool = false) {
        self.database = database
        self.time = context.timeText
        self.operatorName = context.operatorName
        self.importID = importID
        self.staging = staging
    }

    /// Inserts (or, staging, stages) a reading and returns its id.
    /// - Parameter line: the line of the import file it comes from (with an import run only).
    func insert(meterID: Int64, accountID: Int64, at: String, value: Volume, source: ReadingSource, line: Int? = nil) throws -> Int64 {
        let line = importID == nil ? nil : line.map(Int64.init)
        if staging {
            let id = try nextID ?? (database.scalarInt("SELECT max(id) FROM meter_readings") ?? 0) + 1
            nextID = id + 1
            staged.append((id, meterID, accountID, at, value.litres, source, line))
            if staged.count >= ReadingWriter.rowsPerInsert { try flush() }
            return id
        }
        let insert = try preparedInsert()
        try insert.bind(meterID, at: 1)
        try insert.bind(accountID, at: 2)
        try insert.bind(at, at: 3)
        try insert.bind(value.litres, at: 4)
        try insert.bind(source.rawValue, at: 5)
        try insert.bind(line, at: 9)
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

    /// Rows written by one INSERT of a staging writer.
    static let rowsPerInsert = 200

    /// Writes the staged rows, in the order staged.
    func flush() throws {
        guard !staged.isEmpty else { return }
        let count = staged.count
        let statement: Statement
        if let prepared = multiRowInserts[count] {
            statement = prepared
        } else {
            // What every row shares (operator, time, import run) is bound once, as ?1 to ?3.
            let rows = (0..<count).map { index in
                let base = 4 + index * 7
                return "(?\(base), ?\(base + 1), ?\(base + 2), ?\(base + 3), ?\(base + 4), ?\(base + 5), ?1, ?2, ?3, ?\(base + 6))"
            }
            statement = try database.prepare("""
                INSERT INTO meter_readings (id, meter_id, account_id, at, value, source, operator, recorded_at, import_id, import_line)
                VALUES \(rows.joined(separator: ", "))
                """)
            try statement.bind(operatorName, at: 1)
            try statement.bind(time, at: 2)
            try statement.bind(importID, at: 3)
            multiRowInserts[count] = statement
        }
        statement.reset()
        for (index, row) in staged.enumerated() {
            let base = Int32(4 + index * 7)
            try statement.bind(row.id, at: base)
            try statement.bind(row.meterID, at: base + 1)
            try statement.bind(row.accountID, at: base + 2)
            try statement.bind(row.at, at: base + 3)
            try statement.bind(row.value, at: base + 4)
            try statement.bind(row.source.rawValue, at: base + 5)
            try statement.bind(row.line, at: base + 6)
        }
        try statement.executeBound()
        staged.removeAll(keepingCapacity: true)
    }

    /// Marks a reading void, with why (the schema lets a reading be voided once, and changed in no other way).
    func void(readingID: Int64, reason: String) throws {
        try database.run("UPDATE meter_readings SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
                         [time, operatorName, reason, readingID])
    }
}
