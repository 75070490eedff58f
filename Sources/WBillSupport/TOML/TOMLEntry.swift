/// One key of a table with its value, in the order the file wrote it.
public struct TOMLEntry: Equatable, Sendable {
    /// The key, unquoted (`rate`, `tarif été`).
    public let key: String
    /// Where the key is written; for a table made by a header or dotted keys, its first mention.
    public let keyLocation: TOMLLocation
    /// The value.
    public let value: TOMLValue

    /// Makes an entry.
    ///
    /// - Parameters:
    ///   - key: The unquoted key.
    ///   - keyLocation: Where the key is written.
    ///   - value: The value.
    public init(key: String, keyLocation: TOMLLocation, value: TOMLValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
