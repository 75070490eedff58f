/// Exact decimal text of scaled integers, for writers of other formats (DBF numbers, xlsx numbers).
public enum DecimalText {
    /// `unscaled` × 10^-`scale` with exactly `decimals` decimals (zeros appended, never rounded;
    /// `decimals` must be at least `scale`): (-5, 2, 2) → `-0.05`, (7, 0, 2) → `7.00`.
    public static func exact(_ unscaled: Int64, scale: Int, decimals: Int) -> String {
        precondition(scale >= 0 && decimals >= scale, "decimal text never rounds")
        let digits = String(unscaled.magnitude)
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        let whole = padded.dropLast(scale)
        let fraction = String(padded.suffix(scale)) + String(repeating: "0", count: decimals - scale)
        return (unscaled < 0 ? "-" : "") + whole + (decimals > 0 ? "." + fraction : "")
    }

    /// The significant digits of `unscaled` (trailing zeros do not count; zero has none): what a
    /// binary double keeps exactly up to 15.
    public static func significantDigits(_ unscaled: Int64) -> Int {
        var magnitude = unscaled.magnitude
        guard magnitude != 0 else { return 0 }
        while magnitude % 10 == 0 { magnitude /= 10 }
        return String(magnitude).count
    }
}
