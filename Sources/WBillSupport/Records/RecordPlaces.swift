/// How messages name a row of one input, or a cell of it by its column's name: `meters.csv:17`
/// for a line of a text file (the column is named beside it, as now), `meters.xlsx: Sheet1!C17`
/// for a cell of a sheet (its column letter found from the header), `meters.xlsx: Sheet1 row 17`
/// for a whole row.
public struct RecordPlaces: Sendable, Equatable {
    /// The input's name.
    public let source: String
    /// The sheet, for a workbook.
    public let sheet: String?
    /// The header's column names, in order.
    public let columns: [String]

    /// Places in `source` (a sheet of it, if `sheet` is given) under a header of `columns`.
    public init(source: String, sheet: String? = nil, columns: [String] = []) {
        self.source = source
        self.sheet = sheet
        self.columns = columns
    }

    /// `SOURCE:LINE` for text; `SOURCE: Sheet!C17` for a sheet's cell in the column named
    /// `column` (compared trimmed and case-insensitively), `SOURCE: Sheet row 17` without one.
    public func place(line: Int, column: String?) -> String {
        guard let sheet else { return "\(source):\(line)" }
        let key = column.map(Self.key)
        let index = key.flatMap { key in columns.firstIndex { Self.key($0) == key } }
        return "\(source): \(CellReference.place(sheet: sheet, row: line, column: index.map { $0 + 1 }))"
    }

    private static func key(_ name: String) -> String {
        name.trimmingSpacesAndTabs().lowercased()
    }
}

extension String {
    fileprivate func trimmingSpacesAndTabs() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
