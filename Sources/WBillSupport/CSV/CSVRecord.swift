/// One record — a CSV line, or a row of a sheet (see `RecordSource`): its fields and where it starts.
public struct CSVRecord: Equatable, Sendable {
    /// The input's name, for errors about this record.
    public let source: String
    /// The 1-based physical line the record starts on.
    public let line: Int
    /// The 0-based byte offset of the record's first byte in the input.
    public let byteOffset: Int
    /// The fields, unquoted, as UTF-8 validated strings.
    public let fields: [String]
    /// The sheet the row is on, when the input is a sheet of a workbook (`line` is then the row).
    public let sheet: String?

    /// Makes a record.
    ///
    /// - Parameters:
    ///   - source: The input's name.
    ///   - line: The 1-based line the record starts on.
    ///   - byteOffset: The 0-based byte offset of its first byte.
    ///   - fields: The fields.
    ///   - sheet: The sheet, for a row of a workbook.
    public init(source: String = "<input>", line: Int, byteOffset: Int = 0, fields: [String], sheet: String? = nil) {
        self.source = source
        self.line = line
        self.byteOffset = byteOffset
        self.fields = fields
        self.sheet = sheet
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// The field at a 0-based index.
    public subscript(index: Int) -> String { fields[index] }

    /// Checks the record has exactly `expected` fields.
    ///
    /// - Parameter expected: The number of fields required.
    /// - Throws: `CSVError.Kind.fieldCountMismatch`, at the first missing or extra field.
    public func requireFieldCount(_ expected: Int) throws(CSVError) {
        guard fields.count != expected else { return }
        throw CSVError(
            .fieldCountMismatch(expected: expected, found: fields.count),
            source: source, line: line, field: min(fields.count, expected) + 1, byteOffset: byteOffset, sheet: sheet)
    }

    /// A located error about one field, for callers that refuse a value: `meters.csv:12: field 3: …`.
    ///
    /// - Parameters:
    ///   - field: The 1-based field number, or `nil` for the whole record.
    ///   - message: What is wrong, lower-case.
    /// - Returns: The error, for the caller to throw.
    public func error(field: Int?, _ message: String) -> CSVError {
        CSVError(.invalidValue(message), source: source, line: line, field: field, byteOffset: byteOffset, sheet: sheet)
    }
}
