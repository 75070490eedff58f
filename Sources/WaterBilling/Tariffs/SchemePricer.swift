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

    /// The volume a component charges, exactly, in m³: a measured sewage volume for sewage-based
    /// components, else the water times the component's share, not rounded (95 % of 0.011 m³ is
    /// 0.01045 m³); each line's amount is then rounded once.
    func chargedVolume(_ component: TariffComponent, water: Volume, sewage: Volume?) throws -> ExactFraction {
        if component.basis == .sewage, let sewage { return ExactFraction(sewage) }
        return try ExactFraction(water).multiplied(by: ExactFraction(percent: component.share))
    }

    private func volumeLines(water: Volume, sewage: Volume?, span: DateSpan, season: Season?) throws -> [PriceLine] {
        let bounds = scheme.tiers.isEmpty ? [] : try thresholds(for: span)
        var lines: [PriceLine] = []
        for component in scheme.components {
            let volume = try chargedVolume(component, water: water, sewage: sewage)
            guard !volume.isZero else { continue }
            func line(_ tiers: ClosedRange<Int>?, _ volume: ExactFraction, _ rate: FixedDecimal?, _ exact: ExactFraction) throws -> PriceLine {
                PriceLine(kind: .volume, tariff: tariff, component: component.name, label: component.label,
                          tiers: tiers, span: span, version: version, season: season?.name,
                          exactVolume: try Self.decimal(volume), rate: rate,
                          amount: Money(minorUnits: try exact.rounded(toScale: currency.minorUnit, rounding: scheme.rounding).units,
                                        currency: currency))
            }
            switch season?.rates[component.name] ?? component.rates {
            case .flat(let rate):
                lines.append(try line(nil, volume, rate.perCubicMetre, volume.multiplied(by: ExactFraction(rate.perCubicMetre))))
            case .tiered(let rates):
                let used = try Self.split(volume, at: bounds).enumerated().filter { !$0.element.isZero }
                let exact = try used.map { try $0.element.multiplied(by: ExactFraction(rates[$0.offset].perCubicMetre)) }
                if scheme.roundingScope == .component, used.count > 1 {
                    let tiers = (used.first!.offset + 1)...(used.last!.offset + 1)
                    let sum = try exact.dropFirst().reduce(exact[0]) { try $0.adding($1) }
                    lines.append(try line(tiers, volume, nil, sum))
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
    static func split(_ volume: ExactFraction, at bounds: [Volume]) throws -> [ExactFraction] {
        var parts: [ExactFraction] = []
        var lower = ExactFraction.zero
        for bound in bounds {
            let upper = try ExactFraction.max(ExactFraction(bound), lower)
            parts.append(try ExactFraction.min(volume, upper).subtractingClamped(lower))
            lower = upper
        }
        parts.append(try volume.subtractingClamped(lower))
        return parts
    }

    /// An exact volume as a decimal in m³ with at least 3 decimals (a share can have more).
    static func decimal(_ volume: ExactFraction) throws -> FixedDecimal {
        guard let decimal = volume.exactDecimal(minimumScale: Volume.scale) else {
            throw NumberError.overflow("volume \(volume.numerator)/\(volume.denominator) m³ as a decimal")
        }
        return decimal
    }

    /// Fixed charges over `span`: the amount per period × the span's worth in periods × the part's
    /// share, rounded once with the tariff's rule.
    private func fixedLines(span: DateSpan) throws -> [PriceLine] {
        try scheme.fixedCharges.compactMap { charge in
            let amount = try amount(of: charge)
            guard amount.isPositive else { return nil }
            return PriceLine(kind: .fixed, tariff: tariff, component: charge.name, label: charge.label, tiers: nil,
                             span: span, version: version, season: nil, exactVolume: nil, rate: amount,
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
                         span: span, version: version, season: nil, exactVolume: nil, rate: minimum.amount,
                         amount: try floor.subtracting(net))
    }

    private func prorate(_ amount: FixedDecimal, per cycle: TariffCycle, over span: DateSpan) throws -> Money {
        let periods = try CycleCalendar(cycle: cycle, start: scheme.yearStart).fraction(of: span).multiplied(by: fixedShare)
        let rounded = try periods.applied(to: amount, scale: currency.minorUnit, rounding: scheme.rounding)
        return Money(minorUnits: rounded.units, currency: currency)
    }
}
