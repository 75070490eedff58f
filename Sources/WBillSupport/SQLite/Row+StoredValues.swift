import CSQLite

/// A stored value that none of the cases of its Swift type spells: the file was written by a
/// newer program or changed by hand. Never read as a default, since a default would be a guess
/// (an unknown ledger kind read as an adjustment would misstate money).
public struct StoredValueError: ClassifiedError, Equatable {
    /// The column's name as the query names it.
    public let column: String
    /// The text found.
    public let value: String
    /// The values the column may hold.
    public let expected: [String]

    /// Creates the error.
    public init(column: String, value: String, expected: [String]) {
        self.column = column
        self.value = value
        self.expected = expected
    }

    public var failureKind: FailureKind { .badInput }
    public var description: String {
        "the database holds '\(value)' in column \(column), which this program does not know (expected "
            + expected.joined(separator: ", ") + "); it was written by a newer version or changed outside it"
    }
}

extension Row {
    /// The text in `column` as a case of `E`.
    /// - Throws: `StoredValueError` when no case of `E` has that raw value.
    public func stored<E: RawRepresentable & CaseIterable>(_ column: Int32, as type: E.Type = E.self) throws -> E
    where E.RawValue == String {
        let text = text(column)
        if let value = E(rawValue: text) { return value }
        let name = sqlite3_column_name(statement.handle, column).map { String(cString: $0) } ?? "\(column)"
        throw StoredValueError(column: name, value: text, expected: E.allCases.map(\.rawValue))
    }
}
