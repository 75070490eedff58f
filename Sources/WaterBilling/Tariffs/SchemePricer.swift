import WBillSupport

/// Prices the days of one version of a priced tariff: volume lines per season sub-period, fixed
/// charges and minimums over the version's days (in `SchemePricer+Charges`). Tax is added by
/// `TariffEngine`.
struct SchemePricer {
    let tariff: String
    let version: Int
    let scheme: PricedScheme
    let currency: Currency
    let context: PricingContext
    /// The part of the fixed charges, minimums and included volumes this pricing carries (a
    /// proportional part's percentage).
    let fixedShare: ExactFraction
    /// The whole bill these days are part of.
    let bill: BillScope

    /// The version's convention for counting spans in periods.
    var proration: Proration {
        Proration(convention: scheme.proration, yearStart: scheme.yearStart, bill: bill.span)
    }

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
        return (lines, try chargeLines(span: span, subPeriods: periods.map(\.span), volumeLines: lines))
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

    /// The thresholds of `tiers` for `span`, in litres, ascending (the open last tier has none).
    ///
    /// Each threshold is first widened by the per-capita rule (extra volume × persons above the
    /// base size), then scaled by the span's worth in tier cycles under the tariff's convention
    /// and rounded to the nearest litre, halves up. A span worth exactly one cycle (a whole
    /// calendar cycle; a read cycle within the tolerance) leaves thresholds unchanged.
    func thresholds(for span: DateSpan, tiers: [Tier]) throws -> [Volume] {
        let cycles = try proration.periods(of: span, months: scheme.tierCycle?.months ?? 1)
        var extra = Volume.zero
        if let rule = scheme.perCapita, let persons = context.persons, persons > rule.basePersons {
            let (litres, overflow) = rule.extraPerPerson.litres.multipliedReportingOverflow(by: Int64(persons - rule.basePersons))
            guard !overflow else { throw NumberError.overflow("per-capita widening") }
            extra = Volume(litres: litres)
        }
        return try tiers.compactMap(\.upTo).map { bound in
            let widened = try bound.adding(extra)
            return try Self.scaled(widened, by: cycles)
        }
    }

    /// `volume × periods`, rounded to the nearest litre, halves up (exact when `periods` is 1).
    static func scaled(_ volume: Volume, by periods: ExactFraction) throws -> Volume {
        guard !periods.isOne else { return volume }
        return Volume(litres: try periods.applied(to: volume.asFixedDecimal, scale: Volume.scale, rounding: .halfUp).units)
    }

    /// The minimum that covers `component`'s first volume, if any: its own minimum, else the
    /// tariff's (which covers every component without a minimum of its own).
    func coveringMinimum(of component: TariffComponent) -> MinimumCharge? {
        let minimum = component.minimum ?? scheme.minimumCharge
        return minimum?.includes == nil ? nil : minimum
    }

    /// The volume `minimum` includes over `span`: its volume per period × the span's worth in
    /// its periods × the part's share, rounded to the nearest litre, halves up (like a threshold).
    func includedVolume(_ minimum: MinimumCharge, over span: DateSpan) throws -> Volume {
        guard let includes = minimum.includes else { return .zero }
        return try Self.scaled(includes, by: try proration.periods(of: span, per: minimum.per).multiplied(by: fixedShare))
    }

    /// The volume a component charges, exactly: a measured sewage volume for sewage-based
    /// components, else the water times the component's share, not rounded (95 % of 0.011 is
    /// 0.01045); each line's amount is then rounded once.
    func chargedVolume(_ component: TariffComponent, water: Volume, sewage: Volume?) throws -> ExactFraction {
        if component.basis == .sewage, let sewage { return ExactFraction(sewage) }
        return try ExactFraction(water).multiplied(by: ExactFraction(percent: component.share))
    }

    private func volumeLines(water: Volume, sewage: Volume?, span: DateSpan, season: Season?) throws -> [PriceLine] {
        let shared = scheme.tiers.isEmpty ? [] : try thresholds(for: span, tiers: scheme.tiers)
        var lines: [PriceLine] = []
        for component in scheme.components {
            let volume = try chargedVolume(component, water: water, sewage: sewage)
            let included = try coveringMinimum(of: component).map { ExactFraction(try includedVolume($0, over: span)) } ?? .zero
            guard try included.isLess(than: volume) else { continue }
            func line(_ tiers: ClosedRange<Int>?, _ volume: ExactFraction, _ rate: FixedDecimal?, _ exact: ExactFraction) throws -> PriceLine {
                PriceLine(kind: .volume, tariff: tariff, component: component.name, label: component.label,
                          tiers: tiers, span: span, version: version, season: season?.name,
                          exactVolume: try Self.decimal(volume), rate: rate, amount: try money(exact))
            }
            switch season?.rates[component.name] ?? component.rates {
            case .flat(let rate):
                let charged = try volume.subtractingClamped(included)
                lines.append(try line(nil, charged, rate.perCubicMetre, charged.multiplied(by: ExactFraction(rate.perCubicMetre))))
            case .tiered(let rates):
                let bounds = component.tiers == nil ? shared : try thresholds(for: span, tiers: scheme.tiers(of: component))
                let above = try Self.split(volume, at: bounds)
                let below = try Self.split(ExactFraction.min(volume, included), at: bounds)
                let used = try zip(above, below).map { try $0.subtractingClamped($1) }.enumerated().filter { !$0.element.isZero }
                let exact = try used.map { try $0.element.multiplied(by: ExactFraction(rates[$0.offset].perCubicMetre)) }
                if scheme.roundingScope == .component, used.count > 1 {
                    let tiers = (used.first!.offset + 1)...(used.last!.offset + 1)
                    let charged = try used.dropFirst().reduce(used[0].element) { try $0.adding($1.element) }
                    lines.append(try line(tiers, charged, nil, try exact.dropFirst().reduce(exact[0]) { try $0.adding($1) }))
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

    /// An exact volume as a decimal with at least 3 decimals (a share can have more).
    static func decimal(_ volume: ExactFraction) throws -> FixedDecimal {
        guard let decimal = volume.exactDecimal(minimumScale: Volume.scale) else {
            throw NumberError.overflow("volume \(volume.numerator)/\(volume.denominator) as a decimal")
        }
        return decimal
    }

    /// An exact amount rounded once to the currency's minor unit by the tariff's rule.
    func money(_ exact: ExactFraction) throws -> Money {
        Money(minorUnits: try exact.rounded(toScale: currency.minorUnit, rounding: scheme.rounding).units, currency: currency)
    }
}
