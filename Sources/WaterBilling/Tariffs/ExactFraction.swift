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

    /// A non-negative decimal as a fraction: 9.52375 → 952375/100000 (reduced).
    init(_ value: FixedDecimal) {
        self.init(Int128(value.units), PowersOfTen.int128(value.scale))
    }

    /// A volume as a fraction of its unit (the volume as written, 12.5 → 25/2).
    init(_ volume: Volume) {
        self.init(volume.asFixedDecimal)
    }

    /// Whether the fraction is exactly 1.
    var isOne: Bool { numerator == denominator }

    /// Whether the fraction is exactly 0.
    var isZero: Bool { numerator == 0 }

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

    /// The exact value rounded once with `rule` to `scale` decimals.
    func rounded(toScale scale: Int, rounding rule: RoundingRule) throws -> FixedDecimal {
        try applied(to: FixedDecimal(1), scale: scale, rounding: rule)
    }

    /// The exact value as a decimal with at least `minimumScale` decimals, when it has a finite
    /// decimal expansion of at most 18 decimals (a denominator of only 2s and 5s); else `nil`.
    func exactDecimal(minimumScale: Int) -> FixedDecimal? {
        for scale in minimumScale...FixedDecimal.maxScale {
            let (scaled, overflow) = numerator.multipliedReportingOverflow(by: PowersOfTen.int128(scale))
            guard !overflow else { return nil }
            if scaled % denominator == 0, let units = Int64(exactly: scaled / denominator) {
                return try? FixedDecimal(units: units, scale: scale)
            }
        }
        return nil
    }

    /// The smaller of two fractions.
    static func min(_ a: ExactFraction, _ b: ExactFraction) throws -> ExactFraction {
        try a.isLess(than: b) ? a : b
    }

    /// The larger of two fractions.
    static func max(_ a: ExactFraction, _ b: ExactFraction) throws -> ExactFraction {
        try a.isLess(than: b) ? b : a
    }

    /// Whether `self < other`, exactly.
    func isLess(than other: ExactFraction) throws -> Bool {
        try ExactFraction.multiply(numerator, other.denominator) < ExactFraction.multiply(other.numerator, denominator)
    }

    /// The exact difference `self - other`, or zero when `other` is larger.
    func subtractingClamped(_ other: ExactFraction) throws -> ExactFraction {
        let left = try ExactFraction.multiply(numerator, other.denominator)
        let right = try ExactFraction.multiply(other.numerator, denominator)
        guard left > right else { return .zero }
        return ExactFraction(left - right, try ExactFraction.multiply(denominator, other.denominator))
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
