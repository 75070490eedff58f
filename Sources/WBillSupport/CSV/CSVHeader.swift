/// A header — a CSV file's first line, or a sheet's first row that is not blank: column names
/// mapped to field indexes, compared trimmed and case-insensitively.
///
/// Building one checks the names: none empty, none twice, each in the allowed list (with a
/// "did you mean" suggestion), and every required name present.
public struct CSVHeader: Equatable, Sendable {
    /// The column names as written, with surrounding spaces/tabs and a byte-order mark removed.
    public let names: [String]
    /// The record the header was read from.
    public let record: CSVRecord
    private let indexByKey: [String: Int]

    /// Reads a header record.
    ///
    /// - Parameters:
    ///   - record: The header line.
    ///   - allowed: The accepted column names, or `nil` to accept any.
    ///   - required: The column names that must be present.
    /// - Throws: `CSVError` (`emptyColumnName`, `duplicateColumn`, `unknownColumn`,
    ///   `missingColumns`) located at the header's line and the offending field.
    public init(_ record: CSVRecord, allowed: [String]? = nil, required: [String] = []) throws(CSVError) {
        func fail(_ kind: CSVError.Kind, field: Int?) -> CSVError {
            CSVError(kind, source: record.source, line: record.line, field: field, byteOffset: record.byteOffset,
                     sheet: record.sheet)
        }
        var names: [String] = []
        var index: [String: Int] = [:]
        for (position, raw) in record.fields.enumerated() {
            let name = CSVHeader.clean(raw, isFirst: position == 0)
            let key = CSVHeader.key(name)
            if key.isEmpty { throw fail(.emptyColumnName, field: position + 1) }
            if let first = index[key] {
                throw fail(.duplicateColumn(name: name, firstField: first + 1), field: position + 1)
            }
            if let allowed, !allowed.contains(where: { CSVHeader.key($0) == key }) {
                let suggestion = closestMatch(to: name, among: allowed)
                throw fail(.unknownColumn(name: name, allowed: allowed, suggestion: suggestion), field: position + 1)
            }
            index[key] = position
            names.append(name)
        }
        let missing = required.filter { index[CSVHeader.key($0)] == nil }
        if !missing.isEmpty { throw fail(.missingColumns(missing), field: nil) }
        self.names = names
        self.record = record
        self.indexByKey = index
    }

    /// The 0-based field index of a column.
    ///
    /// - Parameter name: The column name, in any case, with or without surrounding spaces.
    /// - Returns: The index, or `nil` when the header has no such column.
    public func index(of name: String) -> Int? {
        indexByKey[CSVHeader.key(name)]
    }

    /// How messages name a row of this input, or one of its cells by column name: `meters.csv:17`,
    /// `meters.xlsx: Sheet1!C17`.
    public var places: RecordPlaces {
        RecordPlaces(source: record.source, sheet: record.sheet, columns: names)
    }

    /// Whether the header has a column.
    ///
    /// - Parameter name: The column name, in any case.
    public func contains(_ name: String) -> Bool {
        index(of: name) != nil
    }

    /// A record's value in a column.
    ///
    /// - Parameters:
    ///   - name: The column name, in any case.
    ///   - record: A data record.
    /// - Returns: The field, or `nil` when the header has no such column or the record is too short.
    public func value(_ name: String, in record: CSVRecord) -> String? {
        guard let index = index(of: name), index < record.fields.count else { return nil }
        return record.fields[index]
    }

    /// The name without a leading byte-order mark (first column) and surrounding spaces/tabs.
    private static func clean(_ raw: String, isFirst: Bool) -> String {
        var scalars = Substring(raw).unicodeScalars
        if isFirst, scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    /// The lookup key: trimmed and lower-cased.
    private static func key(_ name: String) -> String {
        clean(name, isFirst: false).lowercased()
    }
}
