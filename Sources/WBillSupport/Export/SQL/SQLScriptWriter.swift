/// Writes a table as an SQL script a dialect's own client loads: `CREATE TABLE`, then the rows as
/// INSERT statements in batches of the dialect's size, all in one transaction (Oracle's DDL commits
/// by itself, so its script's rows are committed once at the end). Rows stream through with flat memory.
public final class SQLScriptWriter {
    public let dialect: SQLDialect
    public let table: String
    public let columns: [SQLColumn]
    /// Rows written so far.
    public private(set) var rowCount = 0

    private let file: AtomicFile
    private var buffer = ""
    private var rowsInStatement = 0
    private let insertHead: String

    /// Starts the script in `file` with the table's definition.
    /// - Throws: `FileWriteError`.
    public init(file: AtomicFile, dialect: SQLDialect, table: String, columns: [SQLColumn]) throws(FileWriteError) {
        precondition(!columns.isEmpty, "a table has columns")
        self.file = file
        self.dialect = dialect
        self.table = table
        self.columns = columns
        let names = columns.map { dialect.identifier($0.name) }.joined(separator: ", ")
        insertHead = "INSERT INTO \(dialect.identifier(table)) (\(names)) VALUES\n"
        let definitions = columns.map {
            "  \(dialect.identifier($0.name)) \(dialect.typeName($0.type))\($0.nullable ? "" : " NOT NULL")"
        }
        buffer = "CREATE TABLE \(dialect.identifier(table)) (\n" + definitions.joined(separator: ",\n") + "\n);\n"
        buffer += dialect.transaction.begin
    }

    /// Appends one row, a value per column.
    /// - Throws: `FileWriteError`.
    public func append(_ values: [SQLScriptValue]) throws(FileWriteError) {
        precondition(values.count == columns.count, "a value per column")
        let tuple = "(" + values.map(dialect.literal).joined(separator: ", ") + ")"
        if rowsInStatement == 0 {
            buffer += insertHead + "  " + tuple
        } else {
            buffer += ",\n  " + tuple
        }
        rowsInStatement += 1
        rowCount += 1
        if rowsInStatement == dialect.rowsPerInsert { endStatement() }
        if buffer.utf8.count >= 1 << 16 { try flush() }
    }

    /// Ends the last statement and the transaction.
    /// - Throws: `FileWriteError`.
    public func finish() throws(FileWriteError) {
        endStatement()
        buffer += dialect.transaction.commit
        try flush()
    }

    private func endStatement() {
        guard rowsInStatement > 0 else { return }
        buffer += ";\n"
        rowsInStatement = 0
    }

    private func flush() throws(FileWriteError) {
        try file.write(buffer)
        buffer = ""
    }
}
