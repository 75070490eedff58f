/// Writes a table as an SQL script a dialect's own client loads: `CREATE TABLE`, then the rows as
/// INSERT statements in batches of the dialect's size, all in one transaction (Oracle's DDL commits
/// by itself, so its script's rows are committed once at the end). Rows stream through with flat memory.
public final class SQLScriptWriter {
    public let dialect: SQLDialect
    public let table: String
    public let columns: [SQLColumn]
    /// Rows written so far.
    public private(set) var rowCount = 0

    private let output: (String) throws -> Void
    private var buffer = ""
    private var rowsInStatement = 0
    private let insertHead: String

    /// Starts the script in `file` with the table's definition.
    /// - Throws: `FileWriteError`.
    public convenience init(file: AtomicFile, dialect: SQLDialect, table: String, columns: [SQLColumn]) throws {
        try self.init(dialect: dialect, table: table, columns: columns) { text in try file.write(text) }
    }

    /// Starts the script with the table's definition; `output` takes the script's text a piece at
    /// a time (64 KiB or so), in order: a file, standard output.
    /// - Throws: what `output` throws.
    public init(dialect: SQLDialect, table: String, columns: [SQLColumn], output: @escaping (String) throws -> Void) throws {
        precondition(!columns.isEmpty, "a table has columns")
        self.output = output
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
    /// - Throws: what the output throws (`FileWriteError` for a file).
    public func append(_ values: [SQLScriptValue]) throws {
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
    /// - Throws: what the output throws (`FileWriteError` for a file).
    public func finish() throws {
        endStatement()
        buffer += dialect.transaction.commit
        try flush()
    }

    private func endStatement() {
        guard rowsInStatement > 0 else { return }
        buffer += ";\n"
        rowsInStatement = 0
    }

    private func flush() throws {
        try output(buffer)
        buffer = ""
    }
}
