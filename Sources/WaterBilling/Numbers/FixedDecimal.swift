/// An exact decimal number: `units / 10^scale`, with `units` a 64-bit integer and `scale` in `0...18`.
///
/// Equality, hashing and ordering are by value, so `1.5 == 1.50` and a `Set` holding both has one
/// element. The scale is still kept (it is how many decimals `description` prints), so two equal
/// values may print differently: `"1.5"` and `"1.50"`.
///
/// All arithmetic is exact or rounds with an explicit `RoundingRule`, and throws
/// `NumberError.overflow` instead of trapping when a result does not fit.
///
/// ```swift
/// let price = try FixedDecimal(parsing: "4.16")          // units 416, scale 2
/// let total = try price.multiplied(by: FixedDecimal(22), scale: 2, rounding: .halfUp)
/// print(total)                                            // "91.52"
/// ```
public struct FixedDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest supported scale: 18 decimals (10^18 still fits in `Int64`).
    public static let maxScale = 18

    /// The supported scales, `0...18`.
    public static let scaleRange: ClosedRange<Int> = 0...maxScale

    /// Zero with scale 0.
    public static let zero = FixedDecimal(0)

    /// The integer numerator: the value is `units / 10^scale`.
    public let units: Int64

    /// The number of decimals, in `0...18`.
    public let scale: Int

    /// Creates the value `units / 10^scale`.
    ///
    /// - Parameters:
    ///   - units: The integer numerator.
    ///   - scale: The number of decimals, `0...18`.
    /// - Throws: `NumberError.scaleOutOfRange` if `scale` is outside `0...18`.
    ///
    /// ```swift
    /// try FixedDecimal(units: -125, scale: 2)   // -1.25
    /// ```
    public init(units: Int64, scale: Int) throws {
        try FixedDecimal.checkScale(scale)
        self.init(uncheckedUnits: units, scale: scale)
    }

    /// Creates a whole number (scale 0).
    ///
    /// - Parameter integer: The value.
    public init(_ integer: Int64) {
        self.init(uncheckedUnits: integer, scale: 0)
    }

    /// Creates a value whose scale the caller has already validated.
    init(uncheckedUnits units: Int64, scale: Int) {
        assert(FixedDecimal.scaleRange.contains(scale))
        self.units = units
        self.scale = scale
    }

    /// Whether the value is zero (at any scale).
    public var isZero: Bool { units == 0 }

    /// Whether the value is strictly less than zero.
    public var isNegative: Bool { units < 0 }

    /// Whether the value is strictly greater than zero.
    public var isPositive: Bool { units > 0 }

    /// The same value with trailing fractional zeros removed (the smallest scale that is exact).
    ///
    /// ```swift
    /// try FixedDecimal(parsing: "12.500").normalized()   // 12.5 (scale 1)
    /// ```
    public func normalized() -> FixedDecimal {
        var units = self.units
        var scale = self.scale
        while scale > 0 && units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        return FixedDecimal(uncheckedUnits: units, scale: scale)
    }

    /// The value as exactly `scale` decimals, e.g. `"-0.05"`, `"1820.00"`, `"7"`; never an exponent.
    ///
    /// Zero never prints a minus sign. The output parses back to the same units and scale.
    public var description: String {
        // Written backwards into a buffer: digits, the point after `scale` of them, zeros up to
        // one whole digit, the sign (amounts are printed for every row of a bulk import).
        var magnitude = units.magnitude
        let scale = self.scale
        // At most 20 digits, or 19 zeros and a digit for the largest scale, a point and a sign.
        let capacity = 23
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var position = capacity
            var written = 0
            while magnitude > 0 || written <= scale {
                if written == scale && scale > 0 {
                    position -= 1
                    buffer[position] = UInt8(ascii: ".")
                }
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                written += 1
            }
            if units < 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            let length = capacity - position
            if position > 0 {
                for index in 0..<length { buffer[index] = buffer[position + index] }
            }
            return length
        }
    }

    /// Whether two values are equal by value, regardless of scale: `1.5 == 1.50`.
    public static func == (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.wideUnits(at: scale) == rhs.wideUnits(at: scale)
    }

    /// Hashes the normalized value so that equal values (e.g. `1.5` and `1.50`) hash equally.
    ///
    /// - Parameter hasher: The hasher to feed.
    public func hash(into hasher: inout Hasher) {
        let canonical = normalized()
        hasher.combine(canonical.units)
        hasher.combine(canonical.scale)
    }

    /// Whether `lhs` is smaller than `rhs` by value, regardless of scale.
    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.wideUnits(at: scale) < rhs.wideUnits(at: scale)
    }

    /// The units expressed at a scale `>=` this one, exactly; never overflows (`|result| < 2^123`).
    func wideUnits(at targetScale: Int) -> Int128 {
        Int128(units) * PowersOfTen.int128(targetScale - scale)
    }

    /// Throws unless `scale` is in `0...18`.
    static func checkScale(_ scale: Int) throws {
        guard scaleRange.contains(scale) else {
            throw NumberError.scaleOutOfRange(scale: scale, allowed: scaleRange)
        }
    }
}
