/// An exact non-negative rational number `numerator / denominator` in 128-bit integers, always reduced.
///
/// Used for day fractions of a cycle (`14/30`) and percentages (`70/100`), so that prorated amounts
/// and scaled thresholds are computed exactly and rounded exactly once.
struct ExactFraction: Sendable, Equatable {
    /// The numerator, `>= 0`.
    let numerator: Int128
    /// The denominator, `> 0`.
    let denominator: Int128

    /// `numerator / denominator`, reduced.
    init(_ numerator: Int128, _ denominator: Int128) {
        precondition(denominator > 0 && numerator >= 0, "an ExactFraction is non-negative with a positive denominator")
        let divisor = ExactFraction.gcd(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// 1.
    static let one = ExactFraction(1, 1)
    /// 0.
    static let zero = ExactFraction(0, 1)

    /// A percentage as a fraction: 70 → 70/100, 95.5 → 955/1000.
    init(percent: FixedDecimal) {
        self.init(Int128(percent.units), PowersOfTen.int128(percent.scale + 2))
    }

    /// Whether the fraction is exactly 1.
    var isOne: Bool { numerator == denominator }

    /// The exact sum.
    func adding(_ other: ExactFraction) throws -> ExactFraction {
        let left = try ExactFraction.multiply(numerator, other.denominator)
        let right = try ExactFraction.multiply(other.numerator, denominator)
        let (sum, overflow) = left.addingReportingOverflow(right)
        guard !overflow else { throw NumberError.overflow("fraction addition") }
        return ExactFraction(sum, try ExactFraction.multiply(denominator, other.denominator))
    }

    /// The exact product.
    func multiplied(by other: ExactFraction) throws -> ExactFraction {
        ExactFraction(try ExactFraction.multiply(numerator, other.numerator),
                      try ExactFraction.multiply(denominator, other.denominator))
    }

    /// `value × self`, rounded once with `rule` to `scale` decimals.
    ///
    /// - Parameters:
    ///   - value: The exact value to scale (an amount, a threshold).
    ///   - scale: The decimals of the result.
    ///   - rule: How the exact product is rounded.
    func applied(to value: FixedDecimal, scale: Int, rounding rule: RoundingRule) throws -> FixedDecimal {
        // value × n / d at `scale`: units · 10^(scale - value.scale) · n / d, or with the power in the divisor.
        var dividend = try ExactFraction.multiply(Int128(value.units), numerator)
        var divisor = denominator
        if scale >= value.scale {
            dividend = try ExactFraction.multiply(dividend, PowersOfTen.int128(scale - value.scale))
        } else {
            divisor = try ExactFraction.multiply(divisor, PowersOfTen.int128(value.scale - scale))
        }
        let result = rule.divide(dividend, by: divisor)
        return try FixedDecimal(units: narrow(result, operation: "scaling by \(numerator)/\(denominator)"), scale: scale)
    }

    private static func multiply(_ a: Int128, _ b: Int128) throws -> Int128 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow, product.magnitude < (UInt128(1) << 120) else { throw NumberError.overflow("fraction arithmetic") }
        return product
    }

    private static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : Int128(x)
    }
}
