extension FixedDecimal {
    /// Parses a plain decimal number, keeping the scale as written (`"1.50"` has scale 2).
    ///
    /// Accepted syntax: an optional `+` or `-`, one or more ASCII digits, then optionally `.` and
    /// one or more ASCII digits. Leading zeros are accepted (`"007"` is 7); `"-0"` is zero.
    /// Rejected: empty text, surrounding or inner spaces (trim first), `".5"` (write `0.5`),
    /// `"1."`, exponents (`1e3`), thousands separators (`1,000`, `1_000`, `1'000`), a decimal comma,
    /// non-ASCII digits, and more than one sign or point.
    ///
    /// - Parameters:
    ///   - text: The text to parse.
    ///   - maxScale: The most decimals accepted, `0...18`; decimals are counted as written,
    ///     so `"1.500"` has 3 even though its value needs only 1.
    /// - Throws: `NumberError.malformed` for bad syntax, `.tooManyDecimals` for more than
    ///   `maxScale` decimals, `.overflow` when the units do not fit in `Int64`,
    ///   `.scaleOutOfRange` if `maxScale` is outside `0...18`.
    ///
    /// ```swift
    /// try FixedDecimal(parsing: "-12.50")               // units -1250, scale 2
    /// try FixedDecimal(parsing: "12.345", maxScale: 2)  // throws: "12.345" has 3 decimals, at most 2 allowed
    /// ```
    public init(parsing text: String, maxScale: Int = FixedDecimal.maxScale) throws {
        try FixedDecimal.checkScale(maxScale)
        let literal = try DecimalLiteral(text)
        guard literal.fraction.count <= maxScale else {
            throw NumberError.tooManyDecimals(text: text, allowed: maxScale)
        }
        // Accumulate the magnitude, stopping as soon as it exceeds 2^63 (|Int64.min|).
        let limit = Int128(Int64.max) + 1
        var magnitude: Int128 = 0
        for digit in literal.integer + literal.fraction {
            magnitude = magnitude * 10 + Int128(digit - UInt8(ascii: "0"))
            if magnitude > limit { throw NumberError.overflow("parsing \"\(text)\"") }
        }
        let units = try narrow(literal.negative ? -magnitude : magnitude, operation: "parsing \"\(text)\"")
        self.init(uncheckedUnits: units, scale: literal.fraction.count)
    }
}

/// The lexical pieces of a plain decimal number: sign, integer digits and fraction digits (ASCII).
struct DecimalLiteral {
    /// Whether a leading `-` was present.
    var negative = false
    /// The digits before the point; never empty.
    var integer: [UInt8] = []
    /// The digits after the point; empty when there is no point.
    var fraction: [UInt8] = []

    /// Splits `text` into its parts or throws `NumberError.malformed` saying what was expected.
    init(_ text: String) throws {
        func fail(_ expected: String) -> NumberError {
            .malformed(text: text, expected: expected)
        }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw fail("a number, got empty text") }
        var index = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        while index < bytes.count, DecimalLiteral.isDigit(bytes[index]) {
            integer.append(bytes[index])
            index += 1
        }
        if integer.isEmpty {
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                throw fail("a digit before \".\" (write 0.5, not .5)")
            }
            if index == bytes.count { throw fail("digits after the sign") }
            throw fail(DecimalLiteral.hint(for: bytes[index]))
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, DecimalLiteral.isDigit(bytes[index]) {
                fraction.append(bytes[index])
                index += 1
            }
            if fraction.isEmpty {
                if index == bytes.count { throw fail("digits after \".\"") }
                throw fail(DecimalLiteral.hint(for: bytes[index]))
            }
        }
        if index < bytes.count { throw fail(DecimalLiteral.hint(for: bytes[index])) }
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// What to tell the user when `byte` appears where it is not allowed.
    static func hint(for byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "_"), UInt8(ascii: "'"):
            return "a number without thousands separators, with \".\" as the decimal point"
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            return "a number without an exponent"
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            return "a number without spaces"
        default:
            return "a number: digits, an optional leading sign and at most one \".\""
        }
    }
}
