import WBillSupport

/// Prices the days of one version of a priced tariff: volume lines per season sub-period, fixed
/// charges and the minimum charge over the version's days. Tax is added by `TariffEngine`.
struct SchemePricer {
    let tariff: String
    let version: Int
    let scheme: PricedScheme
    let currency: Currency
    let context: PricingContext
    /// The part of the fixed and minimum charges this pricing carries (a proportional part's percentage).
    let fixedShare: ExactFraction

    /// The lines for `water` (and `sewage`, when measured) consumed over `span`.
    func price(water: Volume, sewage: Volume?, span: DateSpan) throws -> (lines: [PriceLine], fixed: [PriceLine]) {
        let periods = subPeriods(of: span)
        let weights = periods.map { Int64($0.span.days) }
        let waterParts = SequentialSplit.split(water, byWeights: weights)
        let sewageParts = sewage.map { SequentialSplit.split($0, byWeights: weights) }
        var lines: [PriceLine] = []
        for (index, period) in periods.enumerated() {
            lines += try volumeLines(water: waterParts[index], sewage: sewageParts?[index],
                                     span: period.span, season: period.season)
        }
        var fixed = try fixedLines(span: span)
        if let minimum = try minimumLine(span: span, net: Money.sum((lines + fixed).map(\.amount), in: currency)) {
            fixed.append(minimum)
        }
        return (lines, fixed)
    }

    /// The runs of days with the same season (or none), in date order.
    func subPeriods(of span: DateSpan) -> [(span: DateSpan, season: Season?)] {
        guard !scheme.seasons.isEmpty else { return [(span, nil)] }
        var runs: [(span: DateSpan, season: Season?)] = []
        var runStart = span.first
        var current = scheme.season(on: span.first)
        var day = span.first.adding(days: 1)
        while day <= span.last {
            let season = scheme.season(on: day)
            if season?.name != current?.name {
                runs.append((DateSpan(uncheckedFrom: runStart, through: day.adding(days: -1)), current))
                runStart = day
                current = season
            }
            day = day.adding(days: 1)
        }
        runs.append((DateSpan(uncheckedFrom: runStart, through: span.last), current))
        return runs
    }

    /// The tier thresholds for `span`, in litres, ascending (the open last tier has none).
    ///
    /// Each threshold is first widened by the per-capita rule (extra volume × persons above the
    /// base size), then scaled by the span's worth in tier cycles (`CycleCalendar.fraction`) and
    /// rounded to the nearest litre, halves up. A whole cycle leaves thresholds unchanged.
    func thresholds(for span: DateSpan) throws -> [Volume] {
        let cycles = try CycleCalendar(cycle: scheme.tierCycle ?? .monthly, start: scheme.yearStart).fraction(of: span)
        var extra = Volume.zero
        if let rule = scheme.perCapita, let persons = context.persons, persons > rule.basePersons {
            let (litres, overflow) = rule.extraPerPerson.litres.multipliedReportingOverflow(by: Int64(persons - rule.basePersons))
            guard !overflow else { throw NumberError.overflow("per-capita widening") }
            extra = Volume(litres: litres)
        }
        return try scheme.tiers.compactMap(\.upTo).map { bound in
            let widened = try bound.adding(extra)
            guard !cycles.isOne else { return widened }
            let scaled = try cycles.applied(to: widened.asFixedDecimal, scale: Volume.scale, rounding: .halfUp)
            return Volume(litres: scaled.units)
        }
    }

    /// The volume a component charges: a measured sewage volume for sewage-based components, else
    /// the water times the component's share, rounded down to the litre.
    func chargedVolume(_ component: TariffComponent, water: Volume, sewage: Volume?) -> Volume {
        if component.basis == .sewage, let sewage { return sewage }
        if component.share == FixedDecimal(100) { return water }
        let share = ExactFraction(percent: component.share)
        let litres = Int128(water.litres) * share.numerator / share.denominator  // down: never charge unused water
        return Volume(litres: Int64(litres))
    }

    private func volumeLines(water: Volume, sewage: Volume?, span: DateSpan, season: Season?) throws -> [PriceLine] {
        let bounds = scheme.tiers.isEmpty ? [] : try thresholds(for: span)
        var lines: [PriceLine] = []
        for component in scheme.components {
            let volume = chargedVolume(component, water: water, sewage: sewage)
            guard volume.litres > 0 else { continue }
            func line(_ tiers: ClosedRange<Int>?, _ volume: Volume?, _ rate: FixedDecimal?, _ exact: FixedDecimal) throws -> PriceLine {
                PriceLine(kind: .volume, tariff: tariff, component: component.name, label: component.label,
                          tiers: tiers, span: span, version: version, season: season?.name, volume: volume,
                          rate: rate, amount: try Money.rounding(exact, to: currency, rule: scheme.rounding))
            }
            switch season?.rates[component.name] ?? component.rates {
            case .flat(let rate):
                lines.append(try line(nil, volume, rate.perCubicMetre, rate.amount(for: volume)))
            case .tiered(let rates):
                let used = Self.split(volume, at: bounds).enumerated().filter { $0.element.litres > 0 }
                let exact = try used.map { try rates[$0.offset].amount(for: $0.element) }
                if scheme.roundingScope == .component, used.count > 1 {
                    let tiers = (used.first!.offset + 1)...(used.last!.offset + 1)
                    lines.append(try line(tiers, volume, nil, FixedDecimal.sum(exact)))
                } else {
                    for (position, tier) in used.enumerated() {
                        let number = tier.offset + 1
                        lines.append(try line(number...number, tier.element, rates[tier.offset].perCubicMetre, exact[position]))
                    }
                }
            }
        }
        return lines
    }

    /// `volume` cut at ascending `bounds`: one part per tier (one more than there are bounds).
    static func split(_ volume: Volume, at bounds: [Volume]) -> [Volume] {
        var parts: [Volume] = []
        var lower: Int64 = 0
        for bound in bounds {
            let upper = max(bound.litres, lower)
            parts.append(Volume(litres: max(0, min(volume.litres, upper) - lower)))
            lower = upper
        }
        parts.append(Volume(litres: max(0, volume.litres - lower)))
        return parts
    }

    /// Fixed charges over `span`: the amount per period × the span's worth in periods × the part's
    /// share, rounded once with the tariff's rule.
    private func fixedLines(span: DateSpan) throws -> [PriceLine] {
        try scheme.fixedCharges.compactMap { charge in
            let amount = try amount(of: charge)
            guard amount.isPositive else { return nil }
            return PriceLine(kind: .fixed, tariff: tariff, component: charge.name, label: charge.label, tiers: nil,
                             span: span, version: version, season: nil, volume: nil, rate: amount,
                             amount: try prorate(amount, per: charge.per, over: span))
        }
    }

    /// The amount per period of `charge` for the context's caliber.
    private func amount(of charge: FixedCharge) throws -> FixedDecimal {
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

    /// The minimum charge prorated like a fixed charge; a line for the shortfall of `net`, if any.
    private func minimumLine(span: DateSpan, net: Money) throws -> PriceLine? {
        guard let minimum = scheme.minimumCharge else { return nil }
        let floor = try prorate(minimum.amount, per: minimum.per, over: span)
        guard net < floor else { return nil }
        return PriceLine(kind: .minimum, tariff: tariff, component: "minimum", label: "minimum charge", tiers: nil,
                         span: span, version: version, season: nil, volume: nil, rate: minimum.amount,
                         amount: try floor.subtracting(net))
    }

    private func prorate(_ amount: FixedDecimal, per cycle: TariffCycle, over span: DateSpan) throws -> Money {
        let periods = try CycleCalendar(cycle: cycle, start: scheme.yearStart).fraction(of: span).multiplied(by: fixedShare)
        let rounded = try periods.applied(to: amount, scale: currency.minorUnit, rounding: scheme.rounding)
        return Money(minorUnits: rounded.units, currency: currency)
    }
}
