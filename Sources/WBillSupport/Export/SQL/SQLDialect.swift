/// The databases an SQL export is written for, each with its quoting, types and batch syntax.
public enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite
    case postgres
    case sqlserver
    case oracle

    /// An identifier quoted as the dialect quotes it (`"name"`, or `[name]` in SQL Server), its own
    /// closing quote doubled.
    public func identifier(_ name: String) -> String {
        switch self {
        case .sqlserver: return "[" + name.replacingAll("]", with: "]]") + "]"
        case .sqlite, .postgres, .oracle: return "\"" + name.replacingAll("\"", with: "\"\"") + "\""
        }
    }

    /// A string literal: single quotes doubled; SQL Server's `N'…'` keeps characters outside the
    /// database's code page.
    public func string(_ text: String) -> String {
        let quoted = "'" + text.replacingAll("'", with: "''") + "'"
        return self == .sqlserver ? "N" + quoted : quoted
    }

    /// The column type for `type`.
    public func typeName(_ type: SQLColumn.ColumnType) -> String {
        switch (self, type) {
        case (.sqlite, .text): return "TEXT"
        case (.sqlite, .integer): return "INTEGER"
        case (.sqlite, .decimal): return "NUMERIC"
        case (.sqlite, .date), (.sqlite, .timestamp): return "TEXT"
        case (.sqlite, .boolean): return "INTEGER"
        case (.postgres, .text): return "TEXT"
        case (.postgres, .integer): return "BIGINT"
        case (.postgres, .decimal(let precision, let scale)): return "NUMERIC(\(precision), \(scale))"
        case (.postgres, .date): return "DATE"
        case (.postgres, .timestamp): return "TIMESTAMP"
        case (.postgres, .boolean): return "BOOLEAN"
        case (.sqlserver, .text): return "NVARCHAR(MAX)"
        case (.sqlserver, .integer): return "BIGINT"
        case (.sqlserver, .decimal(let precision, let scale)): return "DECIMAL(\(precision), \(scale))"
        case (.sqlserver, .date): return "DATE"
        case (.sqlserver, .timestamp): return "DATETIME2(0)"
        case (.sqlserver, .boolean): return "BIT"
        case (.oracle, .text): return "NVARCHAR2(2000)"
        case (.oracle, .integer): return "NUMBER(19)"
        case (.oracle, .decimal(let precision, let scale)): return "NUMBER(\(precision), \(scale))"
        case (.oracle, .date): return "DATE"
        case (.oracle, .timestamp): return "TIMESTAMP(0)"
        case (.oracle, .boolean): return "NUMBER(1)"
        }
    }

    /// A value as a literal of the column's type.
    public func literal(_ value: SQLScriptValue) -> String {
        switch value {
        case .null: return "NULL"
        case .text(let text): return string(text)
        case .integer(let number): return String(number)
        case .decimal(let unscaled, let scale): return DecimalText.exact(unscaled, scale: scale, decimals: scale)
        case .date(let date):
            switch self {
            case .sqlite, .sqlserver: return "'\(date)'"
            case .postgres, .oracle: return "DATE '\(date)'"
            }
        case .timestamp(let text):
            switch self {
            case .sqlite: return "'\(text)'"
            case .sqlserver: return "'\(text.replacingAll(" ", with: "T"))'"
            case .postgres, .oracle: return "TIMESTAMP '\(text)'"
            }
        case .boolean(let truth):
            return self == .postgres ? (truth ? "TRUE" : "FALSE") : (truth ? "1" : "0")
        }
    }

    /// The most rows one INSERT carries (SQL Server's VALUES list stops at 1,000; Oracle inserts
    /// row by row, which every version accepts).
    var rowsPerInsert: Int {
        switch self {
        case .sqlite, .postgres: return 500
        case .sqlserver: return 1000
        case .oracle: return 1
        }
    }

    /// What opens the script's one transaction, and what ends it.
    var transaction: (begin: String, commit: String) {
        switch self {
        case .sqlite, .postgres: return ("BEGIN;\n", "COMMIT;\n")
        case .sqlserver: return ("SET NOCOUNT ON;\nBEGIN TRANSACTION;\n", "COMMIT TRANSACTION;\n")
        case .oracle: return ("", "COMMIT;\n")
        }
    }
}
