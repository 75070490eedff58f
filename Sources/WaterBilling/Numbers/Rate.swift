/// A price of one volume unit (the utility's `VolumeUnit`, m³ unless it chose another): a
/// non-negative decimal with at most 6 decimals, in the tariff's currency.
///
/// A rate carries no currency; the tariff that holds it does. Equality is by value (`4.16 == 4.160`),
/// while `description` keeps the decimals as written.
///
/// ```swift
/// let rate = try Rate(parsing: "2.07")
/// let exact = try rate.amount(for: Volume(parsing: "180"))              // 372.60000
/// let line = try Money.rounding(exact, to: .cny, rule: .halfUp)          // 372.60
/// ```
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The most decimals a rate may have: 6.
    public static let maxScale = 6

    /// The price of one volume unit, with the scale as written (0...6). (Named when the unit was
    /// always m³; it is the price of one unit of whatever the utility bills in.)
    public let perCubicMetre: FixedDecimal

    /// Creates a rate from a decimal.
    ///
    /// - Parameter perCubicMetre: The price of one volume unit; not negative, at most 6 decimals (as given, not normalized).
    /// - Throws: `NumberError.negativeNotAllowed`, `.tooManyDecimals`.
    public init(_ perCubicMetre: FixedDecimal) throws {
        guard !perCubicMetre.isNegative else {
            throw NumberError.negativeNotAllowed(text: perCubicMetre.description)
        }
        guard perCubicMetre.scale <= Rate.maxScale else {
            throw NumberError.tooManyDecimals(text: perCubicMetre.description, allowed: Rate.maxScale)
        }
        self.perCubicMetre = perCubicMetre
    }

    /// Parses a rate such as `"4.16"` or `"2.075"`.
    ///
    /// - Parameter text: The price of one volume unit in `FixedDecimal(parsing:)` syntax.
    /// - Throws: `NumberError.malformed`, `.tooManyDecimals` (more than 6), `.negativeNotAllowed`, `.overflow`.
    public init(parsing text: String) throws {
        let value = try FixedDecimal(parsing: text, maxScale: Rate.maxScale)
        guard !value.isNegative else { throw NumberError.negativeNotAllowed(text: text) }
        self.perCubicMetre = value
    }

    /// The exact charge for `volume` at this rate: volume × rate at scale 3 + the rate's scale, never rounded.
    ///
    /// Add the exact amounts of one bill line, then round once with `Money.rounding(_:to:rule:)`.
    ///
    /// - Parameter volume: The volume charged.
    /// - Returns: The exact product, e.g. 180.000 units × 2.07 = 372.60000.
    /// - Throws: `NumberError.overflow` if the product does not fit in `Int64` units.
    public func amount(for volume: Volume) throws -> FixedDecimal {
        try volume.asFixedDecimal.multipliedExactly(by: perCubicMetre)
    }

    /// The rate as written, e.g. `"4.16"`.
    public var description: String { perCubicMetre.description }

    /// Whether `lhs` is the lower price, by value.
    public static func < (lhs: Rate, rhs: Rate) -> Bool {
        lhs.perCubicMetre < rhs.perCubicMetre
    }
}

/// The exact charge for `volume` at `rate`, never rounded; the same as `rate.amount(for: volume)`.
///
/// Prefer the method in code that names its result `amount` (`let amount = try amount(…)` does not compile).
///
/// - Parameters:
///   - volume: The volume charged.
///   - rate: The price of one volume unit.
/// - Returns: The exact product at scale 3 + the rate's scale.
/// - Throws: `NumberError.overflow` if the product does not fit.
///
/// ```swift
/// try amount(for: Volume(parsing: "22"), rate: Rate(parsing: "4.16"))   // 91.52000
/// ```
public func amount(for volume: Volume, rate: Rate) throws -> FixedDecimal {
    try rate.amount(for: volume)
}
