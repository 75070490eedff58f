/// One column of a dBase III table: its name, type, width and decimals, as the header declares it.
public struct DBFField: Sendable, Equatable {
    /// The kinds of field dBase III knows and wbill writes.
    public enum Kind: Sendable, Equatable {
        /// `C`: text, left-aligned and padded with spaces, 1 to 254 bytes in the file's encoding.
        case character(width: Int)
        /// `N`: a decimal number as text, right-aligned; `width` counts the sign, digits and point.
        case numeric(width: Int, decimals: Int)
        /// `D`: a date as `YYYYMMDD` (8 bytes).
        case date
        /// `L`: `T`, `F`, or `?` for unknown (1 byte).
        case logical
    }

    /// The widest character field dBase III allows.
    public static let maximumCharacterWidth = 254
    /// The widest numeric field wbill writes (dBase III allows 19 digits with sign and point).
    public static let maximumNumericWidth = 19
    /// The longest field name: 10 characters.
    public static let maximumNameLength = 10

    /// The name as written in the header: upper case ASCII letters, digits and `_`, starting with a letter.
    public let name: String
    public let kind: Kind

    /// A field; names are upper-cased. Check it with `validate()` (the writer does).
    public init(_ name: String, _ kind: Kind) {
        self.name = name.uppercased()
        self.kind = kind
    }

    /// The type letter in the header.
    public var typeLetter: UInt8 {
        switch kind {
        case .character: return UInt8(ascii: "C")
        case .numeric: return UInt8(ascii: "N")
        case .date: return UInt8(ascii: "D")
        case .logical: return UInt8(ascii: "L")
        }
    }

    /// The field's width in bytes.
    public var width: Int {
        switch kind {
        case .character(let width): return width
        case .numeric(let width, _): return width
        case .date: return 8
        case .logical: return 1
        }
    }

    /// The decimal count in the header (0 but for numeric fields).
    public var decimals: Int {
        if case .numeric(_, let decimals) = kind { return decimals }
        return 0
    }

    /// Refuses a name or size dBase III cannot hold.
    /// - Throws: `DBFError.badFieldName` or `DBFError.badFieldSize`.
    public func validate() throws(DBFError) {
        let bytes = Array(name.utf8)
        let isLetter = { (byte: UInt8) in (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard let first = bytes.first, isLetter(first), bytes.count <= Self.maximumNameLength,
              bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") })
        else { throw .badFieldName(name) }
        switch kind {
        case .character(let width):
            guard (1...Self.maximumCharacterWidth).contains(width) else { throw .badFieldSize(field: name, width: width, decimals: 0) }
        case .numeric(let width, let decimals):
            // Room for the point and at least one digit before it when there are decimals.
            guard (1...Self.maximumNumericWidth).contains(width), decimals >= 0,
                  decimals == 0 || decimals <= width - 2
            else { throw .badFieldSize(field: name, width: width, decimals: decimals) }
        case .date, .logical:
            break
        }
    }
}
