/// An error from parsing or computing with exact numbers (`FixedDecimal`, `Money`, `Volume`, `Rate`).
///
/// `description` is a lower-case human message suitable for the command line, e.g.
/// `"12.345" has 3 decimals, at most 2 allowed`.
public enum NumberError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a number in the accepted syntax.
    ///
    /// - Parameters:
    ///   - text: The offending text, verbatim.
    ///   - expected: What was expected instead, e.g. `digits after "."` or `a rounding rule: one of …`.
    case malformed(text: String, expected: String)
    /// The text has more decimals than allowed (counted as written, trailing zeros included).
    ///
    /// - Parameters:
    ///   - text: The offending text, verbatim.
    ///   - allowed: The largest number of decimals accepted.
    case tooManyDecimals(text: String, allowed: Int)
    /// The exact result of an operation does not fit in 64-bit units; the associated text names the operation.
    case overflow(String)
    /// A division by zero was attempted.
    case divisionByZero
    /// The value is negative where only zero or positive values are allowed (e.g. a rate).
    case negativeNotAllowed(text: String)
    /// A number of decimals (scale) outside the supported range was requested.
    ///
    /// - Parameters:
    ///   - scale: The requested scale.
    ///   - allowed: The supported range.
    case scaleOutOfRange(scale: Int, allowed: ClosedRange<Int>)
    /// An allocation or split was given unusable weights; the associated text says why.
    case invalidWeights(String)
    /// Two amounts of different currencies were combined.
    case currencyMismatch(Currency, Currency)
    /// A currency code or minor unit is invalid.
    ///
    /// - Parameters:
    ///   - code: The offending code, verbatim.
    ///   - reason: Why it was rejected.
    case invalidCurrency(code: String, reason: String)
    /// A currency code is well formed but not in the built-in table; declare it with an explicit minor unit.
    case unknownCurrency(String)

    /// A lower-case human-readable message, e.g. `division by zero`.
    public var description: String {
        switch self {
        case let .malformed(text, expected):
            return "\(quoted(text)) is not valid: expected \(expected)"
        case let .tooManyDecimals(text, allowed):
            let written = decimalsWritten(in: text)
            return "\(quoted(text)) has \(plural(written, "decimal")), at most \(allowed) allowed"
        case let .overflow(operation):
            return "overflow in \(operation): the result is out of range"
        case .divisionByZero:
            return "division by zero"
        case let .negativeNotAllowed(text):
            return "\(quoted(text)) is negative, which is not allowed here"
        case let .scaleOutOfRange(scale, allowed):
            return "\(plural(scale, "decimal")) requested, only \(allowed.lowerBound)...\(allowed.upperBound) supported"
        case let .invalidWeights(reason):
            return "invalid weights: \(reason)"
        case let .currencyMismatch(left, right):
            if left.code != right.code {
                return "currency mismatch: \(left.code) and \(right.code)"
            }
            return "currency mismatch: \(left.code) with \(plural(left.minorUnit, "decimal")) "
                + "and \(right.code) with \(plural(right.minorUnit, "decimal"))"
        case let .invalidCurrency(code, reason):
            return "\(quoted(code)) is not a valid currency: \(reason)"
        case let .unknownCurrency(code):
            return "unknown currency \(quoted(code)): declare it with an explicit minor unit"
        }
    }
}

private func quoted(_ text: String) -> String {
    "\"\(text)\""
}

private func plural(_ count: Int, _ noun: String) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
}

/// The number of characters after the last ".", which is what a reader counts as decimals.
private func decimalsWritten(in text: String) -> Int {
    guard let dot = text.lastIndex(of: ".") else { return 0 }
    return text.distance(from: text.index(after: dot), to: text.endIndex)
}
