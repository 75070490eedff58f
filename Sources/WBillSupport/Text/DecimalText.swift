/// Exact decimal text of scaled integers, for writers of other formats (DBF numbers, xlsx numbers).
public enum DecimalText {
    /// `unscaled` × 10^-`scale` with exactly `decimals` decimals (zeros appended, never rounded;
    /// `decimals` must be at least `scale`): (-5, 2, 2) → `-0.05`, (7, 0, 2) → `7.00`.
    public static func exact(_ unscaled: Int64, scale: Int, decimals: Int) -> String {
        var bytes: [UInt8] = []
        append(unscaled, scale: scale, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends what `exact` returns, as UTF-8, to `bytes`: for writers of millions of values
    /// (an export's csv), without a string in between.
    public static func append(_ unscaled: Int64, scale: Int, decimals: Int, to bytes: inout [UInt8]) {
        precondition(scale >= 0 && decimals >= scale, "decimal text never rounds")
        // The digits, least significant first.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            var magnitude = unscaled.magnitude
            repeat {
                buffer[count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
        }
        let total = max(count, scale + 1)
        if unscaled < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeBytes(of: &digits) { buffer in
            for position in stride(from: total - 1, through: scale, by: -1) {
                bytes.append(position < count ? buffer[position] : 0x30)
            }
            guard decimals > 0 else { return }
            bytes.append(UInt8(ascii: "."))
            for position in stride(from: scale - 1, through: 0, by: -1) {
                bytes.append(position < count ? buffer[position] : 0x30)
            }
        }
        for _ in scale..<decimals { bytes.append(0x30) }
    }

    /// The length of what `exact` returns, in characters.
    public static func length(_ unscaled: Int64, scale: Int, decimals: Int) -> Int {
        var count = 1
        var magnitude = unscaled.magnitude / 10
        while magnitude > 0 {
            count += 1
            magnitude /= 10
        }
        return (unscaled < 0 ? 1 : 0) + max(count, scale + 1) - scale + (decimals > 0 ? 1 + decimals : 0)
    }

    /// The significant digits of `unscaled` (trailing zeros do not count; zero has none): what a
    /// binary double keeps exactly up to 15.
    public static func significantDigits(_ unscaled: Int64) -> Int {
        var magnitude = unscaled.magnitude
        guard magnitude != 0 else { return 0 }
        while magnitude % 10 == 0 { magnitude /= 10 }
        var count = 1
        while magnitude >= 10 {
            magnitude /= 10
            count += 1
        }
        return count
    }
}
