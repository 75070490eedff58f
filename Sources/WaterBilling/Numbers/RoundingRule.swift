/// How a value that lies between two representable values is rounded.
///
/// Every rounding in wbill names one of these rules explicitly; nothing rounds implicitly.
/// The raw value is the spelling used in configuration files and on the command line.
///
/// Rounding to whole numbers (the same applies at any number of decimals):
///
/// | value | half-up | half-even | down | up | floor | ceiling |
/// |------:|--------:|----------:|-----:|---:|------:|--------:|
/// |   2.5 |       3 |         2 |    2 |  3 |     2 |       3 |
/// |   3.5 |       4 |         4 |    3 |  4 |     3 |       4 |
/// |  -2.5 |      -3 |        -2 |   -2 | -3 |    -3 |      -2 |
/// |   2.4 |       2 |         2 |    2 |  3 |     2 |       3 |
/// |  -2.6 |      -3 |        -3 |   -2 | -3 |    -3 |      -2 |
///
/// A value that is already representable is never changed by any rule.
public enum RoundingRule: String, CaseIterable, Sendable {
    /// Round to the nearest; a tie (exactly half) goes away from zero: 2.5 → 3, -2.5 → -3, 2.45 → 2.5 (1 decimal).
    case halfUp = "half-up"
    /// Round to the nearest; a tie goes to the even neighbour (banker's rounding): 2.5 → 2, 3.5 → 4, -2.5 → -2, 2.45 → 2.4.
    case halfEven = "half-even"
    /// Round toward zero, i.e. truncate the dropped digits: 2.9 → 2, -2.9 → -2.
    case down = "down"
    /// Round away from zero whenever anything is dropped: 2.1 → 3, -2.1 → -3.
    case up = "up"
    /// Round toward negative infinity: 2.9 → 2, -2.1 → -3.
    case floor = "floor"
    /// Round toward positive infinity: 2.1 → 3, -2.9 → -2.
    case ceiling = "ceiling"

    /// Parses a rule from its name as written in configuration, e.g. `"half-up"`.
    ///
    /// - Parameter name: One of the raw values: `half-up`, `half-even`, `down`, `up`, `floor`, `ceiling`.
    /// - Throws: `NumberError.malformed` listing the accepted names when `name` is not one of them.
    public init(parsing name: String) throws {
        guard let rule = RoundingRule(rawValue: name) else {
            let names = RoundingRule.allCases.map(\.rawValue).joined(separator: ", ")
            throw NumberError.malformed(text: name, expected: "a rounding rule: one of \(names)")
        }
        self = rule
    }
}

extension RoundingRule {
    /// Divides `dividend` by `divisor` and rounds the exact quotient to an integer with this rule.
    ///
    /// Callers guarantee `divisor != 0` and keep both operands far from the `Int128` limits
    /// (all callers in this module stay below 2^127 in magnitude).
    func divide(_ dividend: Int128, by divisor: Int128) -> Int128 {
        precondition(divisor != 0, "RoundingRule.divide called with a zero divisor")
        let quotient = dividend / divisor  // truncated toward zero
        let remainder = dividend % divisor  // same sign as the dividend
        if remainder == 0 { return quotient }
        let negative = (dividend < 0) != (divisor < 0)
        let moveAway: Bool
        switch self {
        case .down: moveAway = false
        case .up: moveAway = true
        case .floor: moveAway = negative
        case .ceiling: moveAway = !negative
        case .halfUp, .halfEven:
            let dropped = remainder.magnitude
            let rest = divisor.magnitude - dropped  // compare 2·dropped with |divisor| without overflow
            if dropped > rest {
                moveAway = true
            } else if dropped < rest {
                moveAway = false
            } else {
                moveAway = self == .halfUp || quotient & 1 != 0
            }
        }
        guard moveAway else { return quotient }
        return negative ? quotient - 1 : quotient + 1
    }
}
