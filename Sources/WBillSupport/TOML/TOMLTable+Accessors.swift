/// Strict, typed reading of a table. Every accessor throws a `TOMLError` located at the offending
/// value (or at the table, for a missing key), with messages such as
/// `tiers[0].rate: expected a number, found a string "abc"` or
/// `missing required key `rate` in [components.water]`.
///
/// `require…` throws when the key is missing; `optional…` returns `nil` then. Both throw when the
/// key is present with the wrong kind of value.
extension TOMLTable {
    /// The value for `key`.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when the key is missing.
    public func requireValue(_ key: String) throws(TOMLError) -> TOMLValue {
        guard let value = value(for: key) else {
            throw TOMLError(at: location, "missing required key `\(key)` \(TOMLKeyPath.place(ofTable: path))")
        }
        return value
    }

    /// A string value.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when missing or not a string.
    public func requireString(_ key: String) throws(TOMLError) -> String {
        try string(from: requireValue(key))
    }

    /// A string value, or `nil` when the key is absent.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when present but not a string.
    public func optionalString(_ key: String) throws(TOMLError) -> String? {
        guard let value = value(for: key) else { return nil }
        return try string(from: value)
    }

    /// The exact text of a number (integer or decimal), e.g. `"4.16"`, `"-1"`, `"1000"`.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when missing or not a number.
    public func requireDecimalText(_ key: String) throws(TOMLError) -> String {
        try decimalText(from: requireValue(key))
    }

    /// The exact text of a number (integer or decimal), or `nil` when the key is absent.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when present but not a number.
    public func optionalDecimalText(_ key: String) throws(TOMLError) -> String? {
        guard let value = value(for: key) else { return nil }
        return try decimalText(from: value)
    }

    /// An integer that fits in `Int`.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when missing, not an integer, or out of `Int`'s range.
    public func requireInt(_ key: String) throws(TOMLError) -> Int {
        try int(from: requireValue(key))
    }

    /// An integer that fits in `Int`, or `nil` when the key is absent.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when present but not an integer in `Int`'s range.
    public func optionalInt(_ key: String) throws(TOMLError) -> Int? {
        guard let value = value(for: key) else { return nil }
        return try int(from: value)
    }

    /// A boolean.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when missing or not a boolean.
    public func requireBool(_ key: String) throws(TOMLError) -> Bool {
        try bool(from: requireValue(key))
    }

    /// A boolean, or `nil` when the key is absent.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when present but not a boolean.
    public func optionalBool(_ key: String) throws(TOMLError) -> Bool? {
        guard let value = value(for: key) else { return nil }
        return try bool(from: value)
    }

    /// A local date.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when missing or not a date.
    public func requireDate(_ key: String) throws(TOMLError) -> TOMLDate {
        try date(from: requireValue(key))
    }

    /// A local date, or `nil` when the key is absent.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when present but not a date.
    public func optionalDate(_ key: String) throws(TOMLError) -> TOMLDate? {
        guard let value = value(for: key) else { return nil }
        return try date(from: value)
    }

    /// A sub-table (`[a.b]`, dotted keys or an inline table).
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when missing or not a table.
    public func requireTable(_ key: String) throws(TOMLError) -> TOMLTable {
        try table(from: requireValue(key))
    }

    /// A sub-table, or `nil` when the key is absent.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when present but not a table.
    public func optionalTable(_ key: String) throws(TOMLError) -> TOMLTable? {
        guard let value = value(for: key) else { return nil }
        return try table(from: value)
    }

    /// An array's elements.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when missing or not an array.
    public func requireArray(_ key: String) throws(TOMLError) -> [TOMLValue] {
        try array(from: requireValue(key))
    }

    /// An array's elements, or `nil` when the key is absent.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when present but not an array.
    public func optionalArray(_ key: String) throws(TOMLError) -> [TOMLValue]? {
        guard let value = value(for: key) else { return nil }
        return try array(from: value)
    }

    /// The tables of `[[key]]` (or of `key = [{…}, {…}]`); empty when the key is absent.
    ///
    /// - Parameter key: The unquoted key.
    /// - Throws: `TOMLError` when present but not an array whose elements are all tables.
    public func arrayOfTables(_ key: String) throws(TOMLError) -> [TOMLTable] {
        guard let value = value(for: key) else { return [] }
        let expectation = "an array of tables ([[\(TOMLKeyPath.quotedIfNeeded(key))]])"
        guard case .array(let elements) = value.kind else { throw mismatch(value, expected: expectation) }
        var tables: [TOMLTable] = []
        tables.reserveCapacity(elements.count)
        for element in elements {
            guard case .table(let table) = element.kind else {
                throw mismatch(element, expected: "a table")
            }
            tables.append(table)
        }
        return tables
    }

    /// Refuses keys not in `allowed`, at the first unknown key's place:
    /// `unknown key `rat` in [components.water] (did you mean `rate`?); expected one of: rate, share`.
    ///
    /// - Parameter allowed: The keys this table may have, in the order to list them.
    /// - Throws: `TOMLError` for the first key not in `allowed`.
    public func rejectUnknownKeys(allowed: [String]) throws(TOMLError) {
        for entry in entries where !allowed.contains(entry.key) {
            let name = TOMLKeyPath.quotedIfNeeded(entry.key)
            var message = "unknown key `\(name)` \(TOMLKeyPath.place(ofTable: path))"
            if let suggestion = closestMatch(to: entry.key, among: allowed) {
                message += " (did you mean `\(TOMLKeyPath.quotedIfNeeded(suggestion))`?)"
            }
            if allowed.isEmpty {
                message += "; no keys are allowed here"
            } else {
                message += "; expected one of: " + allowed.map(TOMLKeyPath.quotedIfNeeded).joined(separator: ", ")
            }
            throw TOMLError(at: entry.keyLocation, message)
        }
    }

    // MARK: - Conversions

    private func mismatch(_ value: TOMLValue, expected expectation: String) -> TOMLError {
        switch value.kind {
        case .array, .table: return value.error("expected \(expectation), found \(value.kindName)")
        default: return value.error("expected \(expectation), found \(value.kindName) \(value.foundDescription)")
        }
    }

    private func string(from value: TOMLValue) throws(TOMLError) -> String {
        guard case .string(let text) = value.kind else { throw mismatch(value, expected: "a string") }
        return text
    }

    private func decimalText(from value: TOMLValue) throws(TOMLError) -> String {
        switch value.kind {
        case .integer(let text), .decimal(let text): return text
        default: throw mismatch(value, expected: "a number")
        }
    }

    private func int(from value: TOMLValue) throws(TOMLError) -> Int {
        guard case .integer(let text) = value.kind else { throw mismatch(value, expected: "an integer") }
        guard let number = Int(text) else {
            throw value.expected("an integer between \(Int.min) and \(Int.max)")
        }
        return number
    }

    private func bool(from value: TOMLValue) throws(TOMLError) -> Bool {
        guard case .boolean(let flag) = value.kind else { throw mismatch(value, expected: "true or false") }
        return flag
    }

    private func date(from value: TOMLValue) throws(TOMLError) -> TOMLDate {
        guard case .date(let year, let month, let day) = value.kind,
              let date = TOMLDate(year: year, month: month, day: day)
        else { throw mismatch(value, expected: "a date (YYYY-MM-DD)") }
        return date
    }

    private func table(from value: TOMLValue) throws(TOMLError) -> TOMLTable {
        guard case .table(let table) = value.kind else { throw mismatch(value, expected: "a table") }
        return table
    }

    private func array(from value: TOMLValue) throws(TOMLError) -> [TOMLValue] {
        guard case .array(let elements) = value.kind else { throw mismatch(value, expected: "an array") }
        return elements
    }
}
