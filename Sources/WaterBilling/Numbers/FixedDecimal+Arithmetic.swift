extension FixedDecimal {
    /// The value at another scale: exact when `scale` grows, rounded with `rule` when it shrinks.
    ///
    /// - Parameters:
    ///   - newScale: The number of decimals of the result, `0...18`.
    ///   - rule: How to round when decimals are dropped.
    /// - Throws: `NumberError.overflow` if the result does not fit, `.scaleOutOfRange` for a bad scale.
    ///
    /// ```swift
    /// try FixedDecimal(parsing: "2.45").rescaled(to: 1, rounding: .halfEven)   // 2.4
    /// try FixedDecimal(parsing: "2.45").rescaled(to: 1, rounding: .halfUp)     // 2.5
    /// ```
    public func rescaled(to newScale: Int, rounding rule: RoundingRule) throws -> FixedDecimal {
        try FixedDecimal.checkScale(newScale)
        return try FixedDecimal.fromWide(
            Int128(units), scale: scale, to: newScale, rounding: rule,
            operation: "rescaling \(self) to \(newScale) decimal\(newScale == 1 ? "" : "s")")
    }

    /// The exact sum; its scale is the larger of the two scales.
    ///
    /// - Parameter other: The value to add.
    /// - Throws: `NumberError.overflow` if the sum does not fit in `Int64` units at that scale.
    ///
    /// ```swift
    /// try FixedDecimal(parsing: "1.5").adding(FixedDecimal(parsing: "0.25"))   // 1.75
    /// ```
    public func adding(_ other: FixedDecimal) throws -> FixedDecimal {
        let scale = max(self.scale, other.scale)
        let sum = wideUnits(at: scale) + other.wideUnits(at: scale)
        return FixedDecimal(uncheckedUnits: try narrow(sum, operation: "addition"), scale: scale)
    }

    /// The exact difference `self - other`; its scale is the larger of the two scales.
    ///
    /// - Parameter other: The value to subtract.
    /// - Throws: `NumberError.overflow` if the difference does not fit in `Int64` units at that scale.
    public func subtracting(_ other: FixedDecimal) throws -> FixedDecimal {
        let scale = max(self.scale, other.scale)
        let difference = wideUnits(at: scale) - other.wideUnits(at: scale)
        return FixedDecimal(uncheckedUnits: try narrow(difference, operation: "subtraction"), scale: scale)
    }

    /// The product rounded once, with `rule`, to `scale` decimals (the exact product is computed in 128 bits).
    ///
    /// - Parameters:
    ///   - other: The factor.
    ///   - scale: The number of decimals of the result, `0...18`.
    ///   - rule: How to round the exact product to `scale` decimals.
    /// - Throws: `NumberError.overflow` if the rounded product does not fit, `.scaleOutOfRange` for a bad scale.
    ///
    /// ```swift
    /// try FixedDecimal(parsing: "1.5").multiplied(by: FixedDecimal(parsing: "1.5"), scale: 1, rounding: .halfEven)  // 2.2
    /// ```
    public func multiplied(by other: FixedDecimal, scale: Int, rounding rule: RoundingRule) throws -> FixedDecimal {
        try FixedDecimal.checkScale(scale)
        let product = Int128(units) * Int128(other.units)  // |product| <= 2^126: exact
        return try FixedDecimal.fromWide(
            product, scale: self.scale + other.scale, to: scale, rounding: rule, operation: "multiplication")
    }

    /// The exact product at the sum of both scales (no rounding at all).
    ///
    /// - Parameter other: The factor.
    /// - Throws: `NumberError.scaleOutOfRange` if the scales add up to more than 18,
    ///   `.overflow` if the product does not fit in `Int64` units.
    ///
    /// ```swift
    /// try FixedDecimal(parsing: "180.000").multipliedExactly(by: FixedDecimal(parsing: "2.07"))  // 372.60000
    /// ```
    public func multipliedExactly(by other: FixedDecimal) throws -> FixedDecimal {
        let scale = self.scale + other.scale
        try FixedDecimal.checkScale(scale)
        let product = Int128(units) * Int128(other.units)
        return FixedDecimal(uncheckedUnits: try narrow(product, operation: "multiplication"), scale: scale)
    }

    /// The exact product with a whole number; the scale is unchanged.
    ///
    /// - Parameter factor: The integer factor, e.g. a number of months.
    /// - Throws: `NumberError.overflow` if the product does not fit.
    public func multiplied(by factor: Int64) throws -> FixedDecimal {
        let (product, overflow) = units.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw NumberError.overflow("multiplication") }
        return FixedDecimal(uncheckedUnits: product, scale: scale)
    }

    /// The quotient `self / divisor` rounded once, with `rule`, to `scale` decimals.
    ///
    /// - Parameters:
    ///   - divisor: The divisor; must not be zero.
    ///   - scale: The number of decimals of the result, `0...18`.
    ///   - rule: How to round the exact quotient.
    /// - Throws: `NumberError.divisionByZero`, `.overflow` if the quotient does not fit,
    ///   `.scaleOutOfRange` for a bad scale.
    ///
    /// ```swift
    /// try FixedDecimal(2).divided(by: FixedDecimal(3), scale: 4, rounding: .halfUp)   // 0.6667
    /// ```
    public func divided(by divisor: FixedDecimal, scale: Int, rounding rule: RoundingRule) throws -> FixedDecimal {
        try FixedDecimal.checkScale(scale)
        guard !divisor.isZero else { throw NumberError.divisionByZero }
        // units / 10^s = (a / 10^sa) / (b / 10^sb)  ⇒  units = a · 10^(s + sb - sa) / b
        let exponent = scale + divisor.scale - self.scale  // -18...36
        var numerator = Int128(units)
        var denominator = Int128(divisor.units)
        if exponent >= 0 {
            let (scaled, overflow) = numerator.multipliedReportingOverflow(by: PowersOfTen.int128(exponent))
            // If a·10^e overflows Int128 (>= 2^127) then the quotient is >= 2^127 / 2^63 and cannot fit anyway.
            guard !overflow else { throw NumberError.overflow("division") }
            numerator = scaled
        } else {
            denominator *= PowersOfTen.int128(-exponent)  // |b| · 10^18 < 2^123: exact
        }
        let quotient = rule.divide(numerator, by: denominator)
        return FixedDecimal(uncheckedUnits: try narrow(quotient, operation: "division"), scale: scale)
    }

    /// The value with the opposite sign, same scale.
    ///
    /// - Throws: `NumberError.overflow` for the one value without a positive counterpart (`units == Int64.min`).
    public func negated() throws -> FixedDecimal {
        let (negative, overflow) = Int64(0).subtractingReportingOverflow(units)
        guard !overflow else { throw NumberError.overflow("negation") }
        return FixedDecimal(uncheckedUnits: negative, scale: scale)
    }

    /// The absolute value, same scale.
    ///
    /// - Throws: `NumberError.overflow` when `units == Int64.min`.
    public func abs() throws -> FixedDecimal {
        isNegative ? try negated() : self
    }

    /// The exact total of `values`; its scale is the largest scale among them (0 for an empty sequence).
    ///
    /// Partial sums are kept in 128 bits, so only a total that itself does not fit throws,
    /// whatever the order of the values.
    ///
    /// - Parameter values: The values to add.
    /// - Throws: `NumberError.overflow` if the total does not fit in `Int64` units.
    ///
    /// ```swift
    /// try FixedDecimal.sum([FixedDecimal(1), FixedDecimal(parsing: "0.25")])   // 1.25
    /// ```
    public static func sum<S: Sequence>(_ values: S) throws -> FixedDecimal where S.Element == FixedDecimal {
        let all = Array(values)
        let scale = all.map(\.scale).max() ?? 0
        var total: Int128 = 0
        for value in all {
            let (next, overflow) = total.addingReportingOverflow(value.wideUnits(at: scale))
            guard !overflow else { throw NumberError.overflow("sum") }
            total = next
        }
        return FixedDecimal(uncheckedUnits: try narrow(total, operation: "sum"), scale: scale)
    }

    /// Converts exact wide units at `scale` to `newScale`, rounding with `rule` if digits are dropped.
    static func fromWide(
        _ wide: Int128, scale: Int, to newScale: Int, rounding rule: RoundingRule, operation: @autoclosure () -> String
    ) throws -> FixedDecimal {
        let result: Int128
        if newScale >= scale {
            let (scaled, overflow) = wide.multipliedReportingOverflow(by: PowersOfTen.int128(newScale - scale))
            guard !overflow else { throw NumberError.overflow(operation()) }
            result = scaled
        } else {
            result = rule.divide(wide, by: PowersOfTen.int128(scale - newScale))
        }
        return FixedDecimal(uncheckedUnits: try narrow(result, operation: operation()), scale: newScale)
    }
}
