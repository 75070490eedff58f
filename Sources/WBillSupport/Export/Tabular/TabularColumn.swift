/// One column of a table written to a file format that types its columns (xlsx, dBase, SQL): its
/// stable key (CSV header, JSON key, SQL column), the title people read, and its type.
public struct TabularColumn: Sendable, Equatable {
    /// What the column's values are.
    public enum ColumnType: Sendable, Equatable {
        /// Text of at most `maximumLength` characters (a dBase `C` field's width, a SQL `VARCHAR`).
        case text(maximumLength: Int)
        /// A whole number of at most `digits` digits (a count, an id).
        case integer(digits: Int)
        /// An exact decimal with `scale` decimals and at most `digits` digits in all (money in minor
        /// units has the currency's scale, volume in thousandths has 3).
        case decimal(digits: Int, scale: Int)
        /// A calendar date.
        case date
        /// A moment in UTC, to the second.
        case timestamp
        /// Yes or no.
        case boolean
    }

    /// `snake_case`, part of the output contract.
    public let key: String
    /// Shown in a spreadsheet's header row.
    public let title: String
    public let type: ColumnType
    /// Whether a value may be missing.
    public let nullable: Bool

    /// A column; the title defaults to the key with spaces (`meter_serial` → `meter serial`).
    public init(_ key: String, _ type: ColumnType, title: String? = nil, nullable: Bool = true) {
        self.key = key
        self.type = type
        self.title = title ?? key.split(separator: "_").joined(separator: " ")
        self.nullable = nullable
    }
}
