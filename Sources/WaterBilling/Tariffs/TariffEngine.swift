import WBillSupport

/// Turns a consumption over a span of days into itemised, exactly rounded lines. Quotes, bill runs
/// and prepaid deductions all call this; there is no other calculator.
///
/// The rules, in order:
/// 1. **Versions.** The span is cut at every version's effective date; the consumption (and a
///    measured sewage volume) is apportioned to the pieces by days with `SequentialSplit`, so the
///    pieces add up to the whole to the litre.
/// 2. **Seasons.** Each version's piece is cut again at season bounds and apportioned the same way.
/// 3. **Each sub-period** is priced by its own version and season: every component's charged volume
///    (share of the water, exactly, or the measured sewage volume) is cut at the
///    tier thresholds — widened per person, scaled to the sub-period's days — and each piece is
///    volume × rate, rounded once to the minor unit by the tariff's rule.
/// 4. **Fixed and minimum charges** are prorated over each version's days (per cycle actually
///    touched, so a whole month is exactly one month), rounded once; a net below the prorated
///    minimum gets a top-up line.
/// 5. **Tax** is the net (the rounded lines) times the tax rate, rounded once, as its own line —
///    one per run of consecutive versions with the same tax.
/// 6. **Proportional** tariffs (or `priceSplit`) cut the volume by percentage with
///    `SequentialSplit`, in the order of the parts' names; each part is priced on its own by its
///    tariff, and carries that percentage of its tariff's fixed and minimum charges. Without dates
///    (`priceWholeCycle`, `priceSplitWholeCycles`) each part prices its own tariff's whole cycle.
///
/// The total is always the sum of the rounded lines.
public enum TariffEngine {
    /// Prices `consumption` over `span` with `tariff`'s versions.
    ///
    /// - Parameters:
    ///   - consumption: The water consumed, `>= 0`.
    ///   - span: The days consumed over.
    ///   - context: Persons, caliber, measured sewage volume.
    ///   - tariff: The tariff with every version.
    ///   - resolve: Looks up the part tariffs of a proportional tariff by name.
    /// - Throws: `PricingError` (refused), `NumberError.overflow`, or what `resolve` throws.
    public static func price(
        consumption: Volume, span: DateSpan, context: PricingContext, tariff: Tariff,
        resolve: (String) throws -> Tariff = { throw TariffStoreError.unknownTariff(name: $0, suggestion: nil) }
    ) throws -> PriceBreakdown {
        try price(consumption: consumption, span: span, context: context, name: tariff.name, currency: tariff.currency,
                  versions: tariff.versions, fixedShare: .one, bill: BillScope(span: span, water: consumption), resolve: resolve)
    }

    /// Prices `consumption` with a priced tariff's versions (no proportional parts).
    public static func price(
        consumption: Volume, span: DateSpan, context: PricingContext, versions: [TariffVersion]
    ) throws -> PriceBreakdown {
        guard let first = versions.first else { preconditionFailure("a tariff has at least one version") }
        return try price(consumption: consumption, span: span, context: context, name: first.definition.name,
                         currency: first.definition.currency, versions: versions, fixedShare: .one,
                         bill: BillScope(span: span, water: consumption),
                         resolve: { throw TariffStoreError.unknownTariff(name: $0, suggestion: nil) })
    }

    /// Prices `consumption` split across tariffs by percentage (mixed use), each part by its own tariff.
    ///
    /// - Parameter shares: The tariffs and their percentages, which must add up to exactly 100.
    /// - Throws: `PricingError.sharesNotHundred`, `.nestedProportional`, `.duplicatePart`, and what `price` throws.
    public static func priceSplit(
        consumption: Volume, span: DateSpan, context: PricingContext, shares: [(tariff: Tariff, percent: FixedDecimal)]
    ) throws -> PriceBreakdown {
        guard let currency = shares.first?.tariff.currency else { throw PricingError.sharesNotHundred(total: .zero) }
        try checkSplit(shares)
        return try priceParts(consumption: consumption, sewage: context.sewageVolume, spanOf: { _ in span },
                              billOf: { _ in BillScope(span: span, water: consumption) }, context: context,
                              parts: shares.map { ($0.tariff, $0.percent) }, owner: nil, currency: currency,
                              fixedShare: .one)
    }

    /// Prices `consumption` for one whole tier cycle — what a quote without dates asks for: a priced
    /// tariff over its cycle containing `date` (`defaultSpan`), a proportional tariff's parts each
    /// over its own tariff's cycle containing `date`, so annual tiers stay annual in a split.
    ///
    /// - Throws: what `price` throws.
    public static func priceWholeCycle(
        consumption: Volume, on date: CivilDate, context: PricingContext, tariff: Tariff,
        resolve: (String) throws -> Tariff = { throw TariffStoreError.unknownTariff(name: $0, suggestion: nil) }
    ) throws -> PriceBreakdown {
        let version = tariff.version(on: date) ?? tariff.versions[0]
        guard case .proportional(let shares) = version.definition.body else {
            return try price(consumption: consumption, span: defaultSpan(for: tariff, on: date), context: context,
                             tariff: tariff, resolve: resolve)
        }
        guard !consumption.isNegative else { throw PricingError.negativeVolume(consumption) }
        return try priceParts(consumption: consumption, sewage: context.sewageVolume, spanOf: { defaultSpan(for: $0, on: date) },
                              billOf: { BillScope(span: $0, water: consumption) }, context: context, parts: try shares.map { (try resolve($0.tariff), $0.percent) },
                              owner: tariff.name, currency: tariff.currency, fixedShare: .one)
    }

    /// Prices `consumption` split across tariffs by percentage for one whole tier cycle of each:
    /// every part over its own tariff's cycle containing `date`. The same split gives the same
    /// lines as a proportional tariff quoted with `priceWholeCycle`.
    ///
    /// - Throws: what `priceSplit` throws.
    public static func priceSplitWholeCycles(
        consumption: Volume, on date: CivilDate, context: PricingContext, shares: [(tariff: Tariff, percent: FixedDecimal)]
    ) throws -> PriceBreakdown {
        guard let currency = shares.first?.tariff.currency else { throw PricingError.sharesNotHundred(total: .zero) }
        try checkSplit(shares)
        guard !consumption.isNegative else { throw PricingError.negativeVolume(consumption) }
        return try priceParts(consumption: consumption, sewage: context.sewageVolume, spanOf: { defaultSpan(for: $0, on: date) },
                              billOf: { BillScope(span: $0, water: consumption) }, context: context, parts: shares.map { ($0.tariff, $0.percent) }, owner: nil,
                              currency: currency, fixedShare: .one)
    }

    /// Refuses a split whose percentages do not add up to 100 or that names a tariff twice.
    private static func checkSplit(_ shares: [(tariff: Tariff, percent: FixedDecimal)]) throws {
        let total = try FixedDecimal.sum(shares.map(\.percent))
        guard total == FixedDecimal(100) else { throw PricingError.sharesNotHundred(total: total) }
        var seen = Set<String>()
        for share in shares where !seen.insert(share.tariff.name.lowercased()).inserted {
            throw PricingError.duplicatePart(share.tariff.name)
        }
    }

    /// The span a quote without dates prices: the whole tier cycle (a month for an untiered or
    /// proportional tariff) containing `date`, by the version in effect on `date`.
    public static func defaultSpan(for tariff: Tariff, on date: CivilDate) -> DateSpan {
        let version = tariff.version(on: date) ?? tariff.versions[0]
        guard case .priced(let scheme) = version.definition.body else {
            return CycleCalendar(cycle: .monthly, start: .newYear).cycle(containing: date)
        }
        return CycleCalendar(cycle: scheme.tierCycle ?? .monthly, start: scheme.yearStart).cycle(containing: date)
    }

    // MARK: - Versions

    private static func price(
        consumption: Volume, span: DateSpan, context: PricingContext, name: String, currency: Currency,
        versions: [TariffVersion], fixedShare: ExactFraction, bill: BillScope, resolve: (String) throws -> Tariff
    ) throws -> PriceBreakdown {
        guard !consumption.isNegative else { throw PricingError.negativeVolume(consumption) }
        if let sewage = context.sewageVolume, sewage.isNegative { throw PricingError.negativeVolume(sewage) }
        let pieces = try segments(of: span, versions: versions, tariff: name)
        let weights = pieces.map { Int64($0.span.days) }
        let water = SequentialSplit.split(consumption, byWeights: weights)
        let sewage = context.sewageVolume.map { SequentialSplit.split($0, byWeights: weights) }
        var parts: [PriceBreakdown] = []
        var taxRun: (rule: TaxRule, rounding: RoundingRule, lines: [PriceLine], span: DateSpan, versions: [Int])?
        func closeTaxRun() throws {
            guard let run = taxRun else { return }
            if let line = try taxLine(run.rule, rounding: run.rounding, over: run.lines, span: run.span,
                                      version: run.versions.count == 1 ? run.versions[0] : nil,
                                      tariff: name, currency: currency) {
                parts.append(PriceBreakdown(currency: currency, lines: [], fixedCharges: [], taxLines: [line]))
            }
            taxRun = nil
        }
        for (index, piece) in pieces.enumerated() {
            switch piece.version.definition.body {
            case .proportional(let shares):
                try closeTaxRun()
                let tariffs = try shares.map { (try resolve($0.tariff), $0.percent) }
                parts.append(try priceParts(consumption: water[index], sewage: sewage?[index], spanOf: { _ in piece.span }, billOf: { _ in bill },
                                            context: context, parts: tariffs, owner: name, currency: currency,
                                            fixedShare: fixedShare))
            case .priced(let scheme):
                let pricer = SchemePricer(tariff: name, version: piece.version.number, scheme: scheme,
                                          currency: currency, context: context, fixedShare: fixedShare, bill: bill)
                let priced = try pricer.price(water: water[index], sewage: sewage?[index], span: piece.span)
                parts.append(PriceBreakdown(currency: currency, lines: priced.lines, fixedCharges: priced.fixed, taxLines: []))
                if let run = taxRun, run.rule == scheme.tax, run.rounding == scheme.rounding {
                    taxRun = (run.rule, run.rounding, run.lines + priced.lines + priced.fixed,
                              DateSpan(uncheckedFrom: run.span.first, through: piece.span.last),
                              run.versions + [piece.version.number])
                } else {
                    try closeTaxRun()
                    if let tax = scheme.tax {
                        taxRun = (tax, scheme.rounding, priced.lines + priced.fixed, piece.span, [piece.version.number])
                    }
                }
            }
        }
        try closeTaxRun()
        return PriceBreakdown.joined(parts, currency: currency)
    }

    /// The span cut at the versions' effective dates: each piece with the version pricing it.
    static func segments(of span: DateSpan, versions: [TariffVersion], tariff: String) throws -> [(version: TariffVersion, span: DateSpan)] {
        let ordered = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
        guard let first = ordered.first, first.effectiveFrom <= span.first else {
            throw PricingError.noVersion(tariff: tariff, date: span.first,
                                         firstEffective: ordered.first?.effectiveFrom ?? span.first)
        }
        var pieces: [(version: TariffVersion, span: DateSpan)] = []
        for (index, version) in ordered.enumerated() {
            let end = index + 1 < ordered.count ? ordered[index + 1].effectiveFrom.adding(days: -1) : span.last
            let first = max(version.effectiveFrom, span.first)
            let last = min(end, span.last)
            if first <= last { pieces.append((version, DateSpan(uncheckedFrom: first, through: last))) }
        }
        return pieces
    }

    // MARK: - Parts and tax

    /// Prices each part of a split on its own, each over `spanOf(its tariff)`.
    ///
    /// The volume is apportioned in the order of the parts' names (not the order they are listed
    /// in), so the same split gives the same litres to each part however it is written; the lines
    /// come out in the listed order.
    private static func priceParts(
        consumption: Volume, sewage: Volume?, spanOf: (Tariff) -> DateSpan, billOf: (DateSpan) -> BillScope,
        context: PricingContext,
        parts: [(tariff: Tariff, percent: FixedDecimal)], owner: String?, currency: Currency, fixedShare: ExactFraction
    ) throws -> PriceBreakdown {
        let scale = parts.map(\.percent.scale).max() ?? 0
        let weights = try parts.map { try $0.percent.rescaled(to: scale, rounding: .down).units }
        let order = parts.indices.sorted { (parts[$0].tariff.name.lowercased(), $0) < (parts[$1].tariff.name.lowercased(), $1) }
        func apportion(_ volume: Volume) -> [Volume] {
            let inOrder = SequentialSplit.split(volume, byWeights: order.map { weights[$0] })
            var byPart = [Volume](repeating: .zero, count: parts.count)
            for (position, index) in order.enumerated() { byPart[index] = inOrder[position] }
            return byPart
        }
        let water = apportion(consumption)
        let sewageParts = sewage.map(apportion)
        var results: [PriceBreakdown] = []
        for (index, part) in parts.enumerated() {
            guard part.tariff.currency == currency else {
                throw PricingError.currencyMismatch(tariff: part.tariff.name, tariffCurrency: part.tariff.currency, utility: currency)
            }
            if part.tariff.versions.contains(where: { if case .proportional = $0.definition.body { return true } else { return false } }) {
                throw PricingError.nestedProportional(tariff: owner ?? "the quote", part: part.tariff.name)
            }
            var partContext = context
            partContext.sewageVolume = sewageParts?[index]
            let share = try fixedShare.multiplied(by: ExactFraction(percent: part.percent))
            let span = spanOf(part.tariff)
            results.append(try price(consumption: water[index], span: span, context: partContext, name: part.tariff.name,
                                     currency: currency, versions: part.tariff.versions, fixedShare: share, bill: billOf(span),
                                     resolve: { throw PricingError.nestedProportional(tariff: part.tariff.name, part: $0) }))
        }
        return PriceBreakdown.joined(results, currency: currency)
    }

    /// The tax line on the net of `lines`: net × percent ÷ 100, rounded once with `rounding`
    /// (`nil` when there is nothing to tax).
    private static func taxLine(
        _ rule: TaxRule, rounding: RoundingRule, over lines: [PriceLine], span: DateSpan, version: Int?,
        tariff: String, currency: Currency
    ) throws -> PriceLine? {
        guard !lines.isEmpty else { return nil }
        let net = try Money.sum(lines.map(\.amount), in: currency).asFixedDecimal
        let product = try net.multipliedExactly(by: rule.percent)
        let exact = try FixedDecimal(units: product.units, scale: product.scale + 2)  // ÷ 100, exactly
        return PriceLine(kind: .tax, tariff: tariff, component: rule.label, label: rule.label, tiers: nil, span: span,
                         version: version, season: nil, exactVolume: nil, rate: rule.percent,
                         amount: try Money.rounding(exact, to: currency, rule: rounding))
    }
}
