/// A problem in a TOML file — a syntax error, or a value the reader of the document refused —
/// with the place it was found.
///
/// Messages are lower-case and say what was expected and what was found, e.g.
/// `tariff.toml:14:9: tiers[2].rate: expected a number ≥ 0, found "-1"`.
public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public let location: TOMLLocation
    /// What is wrong, lower-case, without the location.
    public let message: String

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - location: Where the problem is.
    ///   - message: What is wrong, lower-case.
    public init(at location: TOMLLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// The file name.
    public var file: String { location.file }
    /// The 1-based line.
    public var line: Int { location.line }
    /// The 1-based column.
    public var column: Int { location.column }

    /// `FILE:LINE:COL: message`.
    public var description: String { "\(location): \(message)" }
}
