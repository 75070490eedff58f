/// Percentages in reports: exact, from integers, with one decimal rounded half-up (a tie goes away
/// from zero: 12.25 → 12.3, -12.25 → -12.3), the one rule every report's percent column states.
public enum ReportPercentage {
    /// The rounding every report percentage uses.
    public static let rounding = RoundingRule.halfUp
    /// Decimals shown.
    public static let scale = 1

    /// `part` as a percentage of `whole` (`part × 100 ÷ whole`, in 128-bit integers, rounded once);
    /// nil when `whole` is zero.
    /// - Throws: `NumberError.overflow` when the percentage does not fit (a part over 10^14 times the whole).
    ///
    /// ```swift
    /// try ReportPercentage.of(1, in: 3)    // 33.3
    /// try ReportPercentage.of(1, in: 8)    // 12.5
    /// try ReportPercentage.of(1, in: 16)   // 6.3 (6.25 rounds up)
    /// ```
    public static func of(_ part: Int64, in whole: Int64) throws -> FixedDecimal? {
        guard whole != 0 else { return nil }
        // part ÷ (whole ÷ 100) = part × 100 ÷ whole, taken in 128 bits and rounded once.
        let wholeInHundredths = FixedDecimal(uncheckedUnits: whole, scale: 2)
        return try FixedDecimal(part).divided(by: wholeInHundredths, scale: scale, rounding: rounding)
    }
}
