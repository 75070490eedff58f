/// A TOML table: keys in the order the file wrote them, each with its value and location.
///
/// Read it strictly with the accessors in `TOMLTable+Accessors.swift` (`requireString`,
/// `optionalDecimalText`, `arrayOfTables`, `rejectUnknownKeys` …), which throw located errors.
public struct TOMLTable: Equatable, Sendable {
    /// The table's key path: `""` for the top level, `components.water`, `tiers[0]`.
    public let path: String
    /// Where the table starts: 1:1 for the top level, the `[` of its header, the `{` of an inline
    /// table, or the first key that created it.
    public let location: TOMLLocation
    /// The entries, in file order.
    public let entries: [TOMLEntry]
    private let indexByKey: [String: Int]

    /// Makes a table from entries in order; later duplicates of a key are ignored by lookups.
    ///
    /// - Parameters:
    ///   - path: The table's key path.
    ///   - location: Where the table starts.
    ///   - entries: The entries in file order.
    public init(path: String, location: TOMLLocation, entries: [TOMLEntry]) {
        self.path = path
        self.location = location
        self.entries = entries
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() where index[entry.key] == nil {
            index[entry.key] = position
        }
        self.indexByKey = index
    }

    /// The keys, in file order.
    public var keys: [String] { entries.map(\.key) }

    /// Whether the table has no keys.
    public var isEmpty: Bool { entries.isEmpty }

    /// The entry for `key`, or `nil`.
    ///
    /// - Parameter key: The unquoted key.
    public func entry(for key: String) -> TOMLEntry? {
        indexByKey[key].map { entries[$0] }
    }

    /// The value for `key`, or `nil`.
    ///
    /// - Parameter key: The unquoted key.
    public func value(for key: String) -> TOMLValue? {
        entry(for: key)?.value
    }

    /// The value for `key`, or `nil`; the same as `value(for:)`.
    public subscript(key: String) -> TOMLValue? { value(for: key) }

    /// How messages name the table: `[components.water]`, or `the top level`.
    public var displayName: String { path.isEmpty ? "the top level" : "[\(path)]" }

    /// A located error about the table itself: `[PATH]: message` at the table's start.
    ///
    /// - Parameter message: What is wrong, lower-case.
    /// - Returns: The error, for the caller to throw.
    public func error(_ message: String) -> TOMLError {
        TOMLError(at: location, path.isEmpty ? message : "\(displayName): \(message)")
    }
}
