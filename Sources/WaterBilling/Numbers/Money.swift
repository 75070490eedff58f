/// An exact amount of money: a whole number of minor units (fen, cents…) of one currency.
///
/// Money is never rounded implicitly: parsing refuses extra decimals, and the only way to turn an
/// arbitrary `FixedDecimal` into money is `Money.rounding(_:to:rule:)` with a named rule.
/// Arithmetic throws on overflow and on mixing currencies.
///
/// ```swift
/// let fee = try Money(parsing: "1820", currency: .cny)   // 182000 fen
/// print(fee)                                             // "1820.00"
/// print(fee.formatted(withCode: true))                   // "1820.00 CNY"
/// ```
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in minor units: 1820.00 CNY is `182000`.
    public let minorUnits: Int64

    /// The currency; its `minorUnit` is the number of decimals.
    public let currency: Currency

    /// Creates an amount from minor units.
    ///
    /// - Parameters:
    ///   - minorUnits: The amount in minor units (cents for USD, yen for JPY).
    ///   - currency: The currency.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses an amount exactly; never rounds.
    ///
    /// The syntax is `FixedDecimal(parsing:)`'s (optional sign, digits, optional "." and digits);
    /// negative amounts are accepted. Up to `currency.minorUnit` decimals are allowed, counted as written.
    ///
    /// - Parameters:
    ///   - text: The amount, e.g. `"1820"`, `"12.5"`, `"-0.05"`.
    ///   - currency: The currency.
    /// - Throws: `NumberError.tooManyDecimals` (e.g. `"12.345"` for CNY), `.malformed`, `.overflow`.
    public init(parsing text: String, currency: Currency) throws {
        let value = try FixedDecimal(parsing: text, maxScale: currency.minorUnit)
        let exact = try value.rescaled(to: currency.minorUnit, rounding: .down)  // only adds zeros: exact
        self.init(minorUnits: exact.units, currency: currency)
    }

    /// Zero in `currency`.
    ///
    /// - Parameter currency: The currency.
    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    /// Rounds an exact value to the currency's minor unit with an explicit rule — the one place amounts are rounded.
    ///
    /// - Parameters:
    ///   - value: The exact value, any scale (e.g. volume × rate).
    ///   - currency: The currency whose minor unit is the target scale.
    ///   - rule: The rounding rule.
    /// - Throws: `NumberError.overflow` if the rounded amount does not fit.
    ///
    /// ```swift
    /// try Money.rounding(FixedDecimal(parsing: "184.825"), to: .cny, rule: .halfEven)   // 184.82
    /// ```
    public static func rounding(_ value: FixedDecimal, to currency: Currency, rule: RoundingRule) throws -> Money {
        let rounded = try value.rescaled(to: currency.minorUnit, rounding: rule)
        return Money(minorUnits: rounded.units, currency: currency)
    }

    /// The amount as a decimal with scale `currency.minorUnit`.
    public var asFixedDecimal: FixedDecimal {
        FixedDecimal(uncheckedUnits: minorUnits, scale: currency.minorUnit)
    }

    /// Whether the amount is zero.
    public var isZero: Bool { minorUnits == 0 }

    /// Whether the amount is strictly negative (a credit).
    public var isNegative: Bool { minorUnits < 0 }

    /// The exact sum.
    ///
    /// - Parameter other: An amount in the same currency.
    /// - Throws: `NumberError.currencyMismatch` or `.overflow`.
    public func adding(_ other: Money) throws -> Money {
        try checkSameCurrency(other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw NumberError.overflow("money addition") }
        return Money(minorUnits: sum, currency: currency)
    }

    /// The exact difference `self - other`.
    ///
    /// - Parameter other: An amount in the same currency.
    /// - Throws: `NumberError.currencyMismatch` or `.overflow`.
    public func subtracting(_ other: Money) throws -> Money {
        try checkSameCurrency(other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw NumberError.overflow("money subtraction") }
        return Money(minorUnits: difference, currency: currency)
    }

    /// The exact product with a whole number, e.g. a monthly fee times a number of months.
    ///
    /// - Parameter factor: The integer factor.
    /// - Throws: `NumberError.overflow`.
    public func multiplied(by factor: Int64) throws -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw NumberError.overflow("money multiplication") }
        return Money(minorUnits: product, currency: currency)
    }

    /// The amount with the opposite sign.
    ///
    /// - Throws: `NumberError.overflow` when `minorUnits == Int64.min`.
    public func negated() throws -> Money {
        let (negative, overflow) = Int64(0).subtractingReportingOverflow(minorUnits)
        guard !overflow else { throw NumberError.overflow("money negation") }
        return Money(minorUnits: negative, currency: currency)
    }

    /// The exact total of `amounts`, all in `currency` (zero for an empty sequence).
    ///
    /// - Parameters:
    ///   - amounts: The amounts to add.
    ///   - currency: Their currency (also the currency of an empty total).
    /// - Throws: `NumberError.currencyMismatch` for an amount in another currency, `.overflow` if the total does not fit.
    public static func sum<S: Sequence>(_ amounts: S, in currency: Currency) throws -> Money where S.Element == Money {
        var total: Int128 = 0  // partial sums may leave the Int64 range; only the total must fit
        for amount in amounts {
            guard amount.currency == currency else { throw NumberError.currencyMismatch(currency, amount.currency) }
            let (next, overflow) = total.addingReportingOverflow(Int128(amount.minorUnits))
            guard !overflow else { throw NumberError.overflow("money sum") }
            total = next
        }
        return Money(minorUnits: try narrow(total, operation: "money sum"), currency: currency)
    }

    /// Splits the amount into parts proportional to `weights` that always add up exactly to the amount.
    ///
    /// Rule (largest remainder): every part first gets its exact share rounded toward zero, in minor
    /// units; the minor units still missing go one each to the parts whose dropped remainder is
    /// largest, ties going to the earlier part. A negative amount splits as the mirror image of the
    /// positive one. A zero weight gets zero; every part is within one minor unit of its exact share.
    ///
    /// - Parameter weights: Non-negative weights, at least one of them positive (e.g. days, units, m³ in litres).
    /// - Returns: One amount per weight, in order, in this currency.
    /// - Throws: `NumberError.invalidWeights` for empty, negative or all-zero weights.
    ///
    /// ```swift
    /// try Money(parsing: "100.00", currency: .cny).allocate(byWeights: [1, 1, 1])   // 33.34, 33.33, 33.33
    /// ```
    public func allocate(byWeights weights: [Int64]) throws -> [Money] {
        try LargestRemainder.split(minorUnits, byWeights: weights).map { Money(minorUnits: $0, currency: currency) }
    }

    /// The amount with exactly `currency.minorUnit` decimals and no code: `"1820.00"`, `"-0.05"`, `"500"` (JPY).
    public var description: String { asFixedDecimal.description }

    /// The amount, optionally followed by a space and the currency code.
    ///
    /// - Parameter withCode: Whether to append the code.
    /// - Returns: E.g. `"1820.00 CNY"`, or `"1820.00"` without the code.
    public func formatted(withCode: Bool) -> String {
        withCode ? "\(description) \(currency.code)" : description
    }

    /// Orders amounts; within one currency by amount. Amounts of different currencies are not
    /// comparable in meaning: they are ordered by currency code, then minor unit, only so that
    /// sorting is total and consistent with `==`.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        if lhs.currency != rhs.currency {
            return (lhs.currency.code, lhs.currency.minorUnit) < (rhs.currency.code, rhs.currency.minorUnit)
        }
        return lhs.minorUnits < rhs.minorUnits
    }

    private func checkSameCurrency(_ other: Money) throws {
        guard currency == other.currency else { throw NumberError.currencyMismatch(currency, other.currency) }
    }
}
