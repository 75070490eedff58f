/// A native Excel chart over a sheet's table: categories from one column, one series per value column.
public struct XLSXChart: Sendable, Equatable {
    /// The chart types wbill draws.
    public enum Kind: Sendable, Equatable {
        case column, bar, line, pie
    }

    public var kind: Kind
    public var title: String
    /// The column (0-based) whose cells name the categories.
    public var categoryColumn: Int
    /// The columns (0-based) plotted, one series each, named by their header.
    public var valueColumns: [Int]

    /// A chart.
    public init(kind: Kind, title: String, categoryColumn: Int, valueColumns: [Int]) {
        self.kind = kind
        self.title = title
        self.categoryColumn = categoryColumn
        self.valueColumns = valueColumns
    }
}
