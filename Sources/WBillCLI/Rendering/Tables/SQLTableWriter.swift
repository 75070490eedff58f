import WBillSupport

/// A script of SQL (`--dialect`): CREATE TABLE named after the table (`meter_list`), then the rows
/// in batched INSERTs in one transaction, as `SQLScriptWriter` writes them, to a file or to
/// standard output (a script is text: `wbill export meters --format sql | sqlite3 copy.db`).
final class SQLTableWriter: TableWriter {
    private let output: ByteOutput
    private let dialect: SQLDialect
    private var writer: SQLScriptWriter?

    init(output: ByteOutput, dialect: SQLDialect) {
        self.output = output
        self.dialect = dialect
    }

    func begin(_ heading: TableHeading, columns: [TabularColumn]) throws {
        let table = String(heading.name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        let sqlColumns = columns.map { column -> SQLColumn in
            let type: SQLColumn.ColumnType
            switch column.type {
            case .text: type = .text
            case .integer: type = .integer
            case .decimal(let digits, let scale): type = .decimal(precision: min(max(digits, scale + 1, 18), 38), scale: scale)
            case .date: type = .date
            case .timestamp: type = .timestamp
            case .boolean: type = .boolean
            }
            return SQLColumn(column.key, type, nullable: column.nullable)
        }
        writer = try SQLScriptWriter(dialect: dialect, table: table, columns: sqlColumns) { [output] text in try output.write(text) }
    }

    func append(_ row: [TabularValue]) throws {
        try writer?.append(row.map { value -> SQLScriptValue in
            switch value {
            case .null: return .null
            case .text(let text): return .text(text)
            case .integer(let number): return .integer(number)
            case .decimal(let unscaled, let scale): return .decimal(unscaled: unscaled, scale: scale)
            case .date(let date): return .date(date)
            case .timestamp(let moment): return .timestamp(moment.utcSecondsText)
            case .boolean(let truth): return .boolean(truth)
            }
        })
    }

    func finish() throws {
        try writer?.finish()
        try output.finish()
    }
}
