/// Turns the text of an unquoted scalar — a number, boolean or date such as `1_000.25`, `true`,
/// `2026-01-01` — into a value kind, keeping numbers as exact decimal text.
///
/// Refused on purpose, with a message: exponents (`1e3`), `inf`/`nan` (exact decimals are
/// required), date-times and times of day (tariffs need local dates only).
enum TOMLScalarText {
    /// The kind for `token`, or a lower-case message saying why it is not a value.
    ///
    /// - Parameter token: A run of `A-Z a-z 0-9 _ - + . :` (and, for a date-time written with a
    ///   space, the space and the time).
    /// - Returns: The kind, or the message as `.failure`.
    static func kind(of token: String) -> Result<TOMLValue.Kind, Refusal> {
        let bytes = Array(token.utf8)
        if token == "true" { return .success(.boolean(true)) }
        if token == "false" { return .success(.boolean(false)) }
        var body = bytes[...]
        var negative = false
        let signed = body.first == UInt8(ascii: "+") || body.first == UInt8(ascii: "-")
        if signed {
            negative = body.first == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        let quoted = "\"\(token)\""
        let bodyText = String(decoding: body, as: UTF8.self)
        if bodyText == "inf" || bodyText == "nan" {
            return .failure(Refusal("inf and nan are not allowed, found \(quoted); exact decimal numbers are required"))
        }
        guard let first = body.first, isDigit(first) else {
            if signed { return .failure(Refusal("invalid number \(quoted)")) }
            if token.lowercased() == "true" || token.lowercased() == "false" {
                return .failure(Refusal("expected a value, found \(quoted); booleans are written true or false, in lower case"))
            }
            return .failure(Refusal("expected a value, found \(quoted); strings must be in quotes"))
        }
        if isDatePrefix(body) {
            if signed { return .failure(Refusal("invalid date \(quoted)")) }
            if body.count > 10 {
                return .failure(Refusal("date-times are not supported, found \(quoted); write a local date such as 2026-01-01"))
            }
            return date(body, quoted: quoted)
        }
        if body.contains(UInt8(ascii: ":")) {
            return .failure(Refusal("times of day are not supported, found \(quoted); write a local date such as 2026-01-01"))
        }
        if body.count > 2, first == UInt8(ascii: "0"), let radix = radix(body[body.startIndex + 1]) {
            if signed { return .failure(Refusal("invalid number \(quoted): a sign is not allowed on hexadecimal, octal or binary integers")) }
            return prefixed(body.dropFirst(2), radix: radix, quoted: quoted)
        }
        if body.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            return .failure(Refusal("exponent notation is not allowed, found \(quoted); exact decimal numbers are required, so write the digits out (e.g. 1000 or 0.0025)"))
        }
        let sign = negative ? "-" : ""
        let parts = body.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return digits(parts[0], quoted: quoted).map { .integer(sign + $0) }
        case 2:
            if parts[1].isEmpty { return .failure(Refusal("invalid number \(quoted): expected digits after the decimal point")) }
            return digits(parts[0], quoted: quoted).flatMap { whole in
                digits(parts[1], quoted: quoted, leadingZerosAllowed: true).map { .decimal(sign + whole + "." + $0) }
            }
        default:
            return .failure(Refusal("invalid number \(quoted)"))
        }
    }

    /// A message saying why a token is not a value.
    struct Refusal: Error {
        /// The lower-case message.
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `DDDD-DD-DD` at the start.
    private static func isDatePrefix(_ body: ArraySlice<UInt8>) -> Bool {
        guard body.count >= 10 else { return false }
        let b = Array(body.prefix(10))
        return b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-")
            && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { isDigit(b[$0]) }
    }

    private static func date(_ body: ArraySlice<UInt8>, quoted: String) -> Result<TOMLValue.Kind, Refusal> {
        let b = Array(body)
        func number(_ range: Range<Int>) -> Int { b[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        guard (1...12).contains(month) else {
            return .failure(Refusal("invalid date \(quoted): the month must be 01 to 12"))
        }
        guard day >= 1 else {
            return .failure(Refusal("invalid date \(quoted): the day must be 01 or more"))
        }
        guard TOMLDate(year: year, month: month, day: day) != nil else {
            let names = ["january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"]
            let days = TOMLDate.daysIn(month: month, year: year)
            return .failure(Refusal("invalid date \(quoted): \(names[month - 1]) \(year) has \(days) days"))
        }
        return .success(.date(year: year, month: month, day: day))
    }

    /// Decimal digits with `_` only between digits; without `leadingZerosAllowed`, `0` or no leading zero.
    private static func digits(
        _ text: ArraySlice<UInt8>, quoted: String, leadingZerosAllowed: Bool = false
    ) -> Result<String, Refusal> {
        withoutUnderscores(text, isDigit: isDigit, quoted: quoted).flatMap { digits in
            if !leadingZerosAllowed && digits.count > 1 && digits.hasPrefix("0") {
                return .failure(Refusal("invalid number \(quoted): leading zeros are not allowed"))
            }
            return .success(digits)
        }
    }

    /// The digits without underscores, or a refusal for another character or a misplaced underscore.
    private static func withoutUnderscores(
        _ text: ArraySlice<UInt8>, isDigit: (UInt8) -> Bool, quoted: String
    ) -> Result<String, Refusal> {
        var out: [UInt8] = []
        var previousWasDigit = false
        for byte in text {
            if byte == UInt8(ascii: "_") {
                guard previousWasDigit else {
                    return .failure(Refusal("invalid number \(quoted): an underscore must be between two digits"))
                }
                previousWasDigit = false
            } else if isDigit(byte) {
                out.append(byte)
                previousWasDigit = true
            } else {
                return .failure(Refusal("invalid number \(quoted)"))
            }
        }
        if text.isEmpty { return .failure(Refusal("invalid number \(quoted)")) }
        guard previousWasDigit else {
            return .failure(Refusal("invalid number \(quoted): an underscore must be between two digits"))
        }
        return .success(String(decoding: out, as: UTF8.self))
    }

    private static func radix(_ letter: UInt8) -> Int? {
        switch letter {
        case UInt8(ascii: "x"): return 16
        case UInt8(ascii: "o"): return 8
        case UInt8(ascii: "b"): return 2
        default: return nil
        }
    }

    private static func prefixed(_ text: ArraySlice<UInt8>, radix: Int, quoted: String) -> Result<TOMLValue.Kind, Refusal> {
        let isRadixDigit: (UInt8) -> Bool = { byte in
            guard let value = TOMLCursor.hexValue(Unicode.Scalar(byte)) else { return false }
            return Int(value) < radix
        }
        return withoutUnderscores(text, isDigit: isRadixDigit, quoted: quoted).flatMap { digits in
            guard let value = Int64(digits, radix: radix) else {
                return .failure(Refusal("integer \(quoted) is out of range; the largest is \(Int64.max)"))
            }
            return .success(.integer(String(value)))
        }
    }
}
