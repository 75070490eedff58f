import WBillSupport

/// One value in a table or record, typed so each output format can write it faithfully.
public enum Cell: Sendable, Equatable {
    /// Text.
    case text(String)
    /// A whole number (JSON number, right-aligned).
    case integer(Int64)
    /// An exact decimal such as money or volume, already formatted (`"1820.00"`): right-aligned,
    /// and a JSON *string* so that no reader rounds it through binary floating point.
    case decimal(String)
    /// Yes/no (JSON true/false).
    case bool(Bool)
    /// A calendar date (`2026-10-31`; a date in xlsx and dBase files).
    case date(CivilDate)
    /// No value (empty in text formats, JSON null).
    case null

    /// The cell as plain text for table, CSV and TSV output.
    public var text: String {
        switch self {
        case .text(let value), .decimal(let value): return value
        case .integer(let value): return String(value)
        case .bool(let value): return value ? "yes" : "no"
        case .date(let value): return value.description
        case .null: return ""
        }
    }

    /// The cell as JSON.
    public var json: JSONValue {
        switch self {
        case .text(let value), .decimal(let value): return .string(value)
        case .integer(let value): return .integer(value)
        case .bool(let value): return .bool(value)
        case .date(let value): return .string(value.description)
        case .null: return .null
        }
    }

    var isNumeric: Bool {
        switch self {
        case .integer, .decimal: return true
        default: return false
        }
    }
}

/// A column: its stable machine key (JSON key, CSV header) and its human title (table header).
public struct Column: Sendable, Equatable {
    /// Stable key, `snake_case`, part of the output contract.
    public let key: String
    /// Title shown in table output.
    public let title: String

    /// Creates a column; the title defaults to the key in capitals with spaces.
    public init(_ key: String, title: String? = nil) {
        self.key = key
        self.title = title ?? Column.defaultTitle(for: key)
    }

    /// The title a key gets when none is given: `file_bytes` → `FILE BYTES`.
    public static func defaultTitle(for key: String) -> String {
        key.split(separator: "_").joined(separator: " ").uppercased()
    }
}

/// A list result: columns and rows of cells, computed once and rendered in any format.
public struct DataTable: Sendable, Equatable {
    /// The columns, in output order.
    public let columns: [Column]
    /// The rows; each has one cell per column.
    public var rows: [[Cell]]

    /// Creates a table.
    public init(columns: [Column], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Appends a row (its cell count must match the columns).
    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }
}

/// A single object result (a `show` command): ordered fields.
public struct DataRecord: Sendable, Equatable {
    /// The fields, in output order.
    public var fields: [(Column, Cell)]

    /// Creates a record.
    public init(_ fields: [(Column, Cell)] = []) {
        self.fields = fields
    }

    /// Appends a field.
    public mutating func append(_ key: String, _ cell: Cell, title: String? = nil) {
        fields.append((Column(key, title: title), cell))
    }

    public static func == (lhs: DataRecord, rhs: DataRecord) -> Bool {
        lhs.fields.map(\.0) == rhs.fields.map(\.0) && lhs.fields.map(\.1) == rhs.fields.map(\.1)
    }
}
