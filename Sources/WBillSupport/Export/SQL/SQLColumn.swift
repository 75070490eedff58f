/// A column of an exported table.
public struct SQLColumn: Sendable, Equatable {
    /// The types an export writes.
    public enum ColumnType: Sendable, Equatable {
        case text
        case integer
        /// An exact decimal: `precision` digits, `scale` of them after the point.
        case decimal(precision: Int, scale: Int)
        case date
        /// A moment in UTC, `YYYY-MM-DD HH:MM:SS`.
        case timestamp
        case boolean
    }

    public let name: String
    public let type: ColumnType
    public let nullable: Bool

    /// A column.
    public init(_ name: String, _ type: ColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// A value of an exported row.
public enum SQLScriptValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int64)
    /// `unscaled` × 10^-`scale`, written exactly.
    case decimal(unscaled: Int64, scale: Int)
    case date(CivilDate)
    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    case timestamp(String)
    case boolean(Bool)
}
