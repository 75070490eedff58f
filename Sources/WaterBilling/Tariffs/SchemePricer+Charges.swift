import WBillSupport

/// The lines of a version that do not come from volume × rate: fixed charges, the minimums of
/// components and of the tariff.
extension SchemePricer {
    /// Fixed charges, then components' minimums, then the tariff's minimum, over `span` (a
    /// version's days; `subPeriods` its season runs, `volumeLines` its priced volume).
    func chargeLines(span: DateSpan, subPeriods: [DateSpan], volumeLines: [PriceLine]) throws -> [PriceLine] {
        var lines = try fixedLines(span: span)
        for component in scheme.components {
            guard let minimum = component.minimum else { continue }
            let own = volumeLines.filter { $0.component == component.name }
            if let line = try minimumLine(minimum, component: component.name, label: "\(component.label) minimum",
                                          span: span, subPeriods: subPeriods, net: try Money.sum(own.map(\.amount), in: currency)) {
                lines.append(line)
            }
        }
        if let minimum = scheme.minimumCharge,
           let line = try minimumLine(minimum, component: "minimum", label: "minimum charge", span: span, subPeriods: subPeriods,
                                      net: try Money.sum((volumeLines + lines).map(\.amount), in: currency)) {
            lines.append(line)
        }
        return lines
    }

    /// Fixed charges over `span`: the amount per period × the span's worth in periods × the
    /// part's share, rounded once with the tariff's rule.
    private func fixedLines(span: DateSpan) throws -> [PriceLine] {
        try scheme.fixedCharges.compactMap { charge in
            let amount = try amount(of: charge)
            guard amount.isPositive else { return nil }
            return PriceLine(kind: .fixed, tariff: tariff, component: charge.name, label: charge.label, tiers: nil,
                             span: span, version: version, season: nil, exactVolume: nil, rate: amount,
                             amount: try prorate(amount, per: charge.per, over: span))
        }
    }

    /// The amount per period of `charge`: by the context's caliber, by the volume band, or its amount.
    private func amount(of charge: FixedCharge) throws -> FixedDecimal {
        if let bands = charge.byVolume { return try amount(in: bands, of: charge) }
        guard !charge.byCaliber.isEmpty else { return charge.amount ?? .zero }
        let calibers = charge.byCaliber.map(\.caliber)
        guard let caliber = context.caliber else {
            if let amount = charge.amount { return amount }
            throw PricingError.caliberRequired(tariff: tariff, charge: charge.name, calibers: calibers)
        }
        if let match = charge.byCaliber.first(where: { $0.caliber == caliber }) { return match.amount }
        if let amount = charge.amount { return amount }
        throw PricingError.noChargeForCaliber(tariff: tariff, charge: charge.name, caliber: caliber, calibers: calibers)
    }

    /// The amount of the first band the volume does not exceed: the account's annual volume
    /// against annual bounds, or the bill's water against bounds per the charge's period scaled
    /// exactly (no rounding) to the bill's days under the convention.
    private func amount(in bands: VolumeBands, of charge: FixedCharge) throws -> FixedDecimal {
        let volume: ExactFraction, periods: ExactFraction
        switch bands.basis {
        case .annual:
            guard let annual = context.annualVolume else {
                throw PricingError.annualVolumeRequired(tariff: tariff, charge: charge.name)
            }
            (volume, periods) = (ExactFraction(annual), .one)
        case .period:
            (volume, periods) = (ExactFraction(bill.water), try proration.periods(of: bill.span, per: charge.per))
        }
        for band in bands.bands {
            guard let upTo = band.upTo else { return band.amount }
            if try !ExactFraction(upTo).multiplied(by: periods).isLess(than: volume) { return band.amount }
        }
        return bands.bands.last!.amount  // the last band is open-ended: never reached
    }

    /// A minimum's line over `span`: with `includes`, always its prorated amount (the volume it
    /// includes in the volume column); without, the shortfall of `net` below it, if any.
    private func minimumLine(_ minimum: MinimumCharge, component: String, label: String, span: DateSpan,
                             subPeriods: [DateSpan], net: Money) throws -> PriceLine? {
        let floor = try prorate(minimum.amount, per: minimum.per, over: span)
        func line(_ amount: Money, includes: FixedDecimal?) -> PriceLine {
            PriceLine(kind: .minimum, tariff: tariff, component: component, label: label, tiers: nil, span: span,
                      version: version, season: nil, exactVolume: includes, rate: minimum.amount, amount: amount)
        }
        if minimum.includes != nil {
            let included = try Volume.sum(subPeriods.map { try includedVolume(minimum, over: $0) })
            return line(floor, includes: included.asFixedDecimal)
        }
        guard net < floor else { return nil }
        return line(try floor.subtracting(net), includes: nil)
    }

    /// `amount` per `period` × the span's worth in periods × the part's share, rounded once.
    private func prorate(_ amount: FixedDecimal, per period: ChargePeriod, over span: DateSpan) throws -> Money {
        let periods = try proration.periods(of: span, per: period).multiplied(by: fixedShare)
        let rounded = try periods.applied(to: amount, scale: currency.minorUnit, rounding: scheme.rounding)
        return Money(minorUnits: rounded.units, currency: currency)
    }
}
