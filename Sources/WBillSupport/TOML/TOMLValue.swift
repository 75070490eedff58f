/// A value read from a TOML file, with its key path and the place it was written.
///
/// Numbers keep their exact text and are never turned into binary floating point: `4.16` is
/// `.decimal("4.16")`, `1_000` is `.integer("1000")` (underscores removed, `-` kept, `+` dropped;
/// hexadecimal, octal and binary integers are given in decimal).
public struct TOMLValue: Equatable, Sendable {
    /// What the value is.
    public enum Kind: Equatable, Sendable {
        /// A string, escapes resolved; multi-line strings have `\n` line ends.
        case string(String)
        /// An integer as decimal digits with an optional leading `-`, e.g. `"-1000"`.
        case integer(String)
        /// A decimal number as written, without underscores or `+`, e.g. `"4.16"`, `"-0.50"`.
        case decimal(String)
        /// `true` or `false`.
        case boolean(Bool)
        /// A local date, validated against the calendar.
        case date(year: Int, month: Int, day: Int)
        /// An array, static (`[1, 2]`) or of tables (`[[tiers]]`).
        case array([TOMLValue])
        /// A table: `[header]`, dotted keys, an inline table, or an element of `[[array]]`.
        case table(TOMLTable)
    }

    /// What the value is.
    public let kind: Kind
    /// Its full key path, e.g. `tiers[0].rate` (array indexes are 0-based; `""` for the top level).
    public let path: String
    /// Where it starts: the first character of a scalar, `[`/`{` of an array or inline table,
    /// `[` of a table header, or the first key that made an implicitly created table.
    public let location: TOMLLocation

    /// Makes a value.
    ///
    /// - Parameters:
    ///   - kind: What the value is.
    ///   - path: Its full key path.
    ///   - location: Where it starts.
    public init(_ kind: Kind, path: String, location: TOMLLocation) {
        self.kind = kind
        self.path = path
        self.location = location
    }

    /// The 1-based line where the value starts.
    public var line: Int { location.line }
    /// The 1-based column where the value starts.
    public var column: Int { location.column }

    /// A located error about this value: `PATH: message` at the value's place.
    ///
    /// - Parameter message: What is wrong, lower-case.
    /// - Returns: The error, for the caller to throw.
    public func error(_ message: String) -> TOMLError {
        TOMLError(at: location, path.isEmpty ? message : "\(path): \(message)")
    }

    /// A located "expected …, found …" error: `tiers[2].rate: expected a number ≥ 0, found "-1"`.
    ///
    /// - Parameter expectation: What would have been right, e.g. `a number ≥ 0`.
    /// - Returns: The error, for the caller to throw.
    public func expected(_ expectation: String) -> TOMLError {
        error("expected \(expectation), found \(foundDescription)")
    }

    /// The value for "found …" in messages: scalars as quoted text (`"-1"`, `"abc"`, `"true"`),
    /// `an array` or `a table` otherwise.
    public var foundDescription: String {
        switch kind {
        case .string(let text): return TOMLValue.quoted(text)
        case .integer(let text), .decimal(let text): return "\"\(text)\""
        case .boolean(let flag): return "\"\(flag)\""
        case .date(let year, let month, let day):
            let date = TOMLDate(year: year, month: month, day: day).map(String.init(describing:)) ?? ""
            return "\"\(date)\""
        case .array: return "an array"
        case .table: return "a table"
        }
    }

    /// The kind's name with an article, for type-mismatch messages: `a string`, `an integer`….
    public var kindName: String {
        switch kind {
        case .string: return "a string"
        case .integer: return "an integer"
        case .decimal: return "a decimal number"
        case .boolean: return "a boolean"
        case .date: return "a date"
        case .array: return "an array"
        case .table: return "a table"
        }
    }

    /// `text` as a TOML basic string: quoted, with `"`, `\` and control characters escaped.
    ///
    /// - Parameter text: Any string.
    /// - Returns: The quoted form, e.g. `"a\"b"`.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
