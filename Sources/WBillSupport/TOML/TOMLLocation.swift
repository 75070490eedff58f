/// Where something is in a TOML file: the file's name and a 1-based line and column.
///
/// Columns count Unicode scalars (a Chinese character or an emoji is one column, a tab is one);
/// a byte-order mark at the start of the file takes no column.
public struct TOMLLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The file name given to the parser, e.g. `tariff.toml`.
    public let file: String
    /// The 1-based line.
    public let line: Int
    /// The 1-based column, in Unicode scalars.
    public let column: Int

    /// Makes a location.
    ///
    /// - Parameters:
    ///   - file: The file name.
    ///   - line: The 1-based line.
    ///   - column: The 1-based column.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COL`.
    public var description: String { "\(file):\(line):\(column)" }

    /// `LINE:COL`, for pointing at another place in the same file.
    public var lineAndColumn: String { "\(line):\(column)" }
}
