import WaterBilling
import WBillSupport

/// `wbill tariff quote`: prices a volume with the engine bills and prepaid purchases use.
enum TariffQuoteCommand {
    static let command = CommandSpec(
        ["tariff", "quote"], summary: "price a volume: itemised lines, fixed charges, tax and total",
        discussion: """
            Prints one row per line: volume lines (component, tier, sub-period, volume, rate,
            amount), then fixed charges, the minimum-charge top-up, tax, and the total, which is
            always the sum of the rows above it. For fixed and minimum lines RATE is the amount per
            period (a minimum that includes a volume shows that volume in VOLUME); for tax lines it
            is the percentage. VOLUME is exact: a share of the water can have more than 3 decimals.

            Without dates the quote is for one whole tier cycle (a month for a tariff without
            tiers) containing today, so the thresholds apply as written (a tariff whose proration
            counts days, days-365 or days-in-year, counts that cycle's days); in a split (a proportional
            tariff or --split) each part is priced over its own tariff's whole cycle, so a part with
            annual tiers is priced on its tier year and one with monthly tiers on its month. With
            --from/--to or --period the span is cut at version dates and season bounds and the
            thresholds scale by days (see PRICING RULES).

            --split prices the volume across several tariffs by percentage (mixed use), NAME being
            one of them; the percentages must add up to 100. The same split gives the same quote
            whichever member is NAME, in whatever order the parts are written, and as a
            proportional tariff with the same [split].

            Volumes are \(VolumeLabels.inTheUtilitysUnit), and a volume line's RATE is the price of one
            unit; the table names a unit other than m³ in its VOLUME header.
            """,
        options: [
            .value("volume", .decimal, placeholder: "VOLUME", required: true,
                   help: "the volume consumed, in the utility's volume unit (up to 3 decimals)"),
        ] + DateRange.rows(from: "the first day consumed (with --to)", to: "the last day consumed, included (with --from)") + [
            .value("period", .month, placeholder: "YYYY-MM", help: "one calendar month instead of --from/--to"),
            .value("persons", .integer, placeholder: "N", help: "household size, for per-capita tiers"),
            .value("caliber", .integer, placeholder: "MM", help: "meter caliber in mm, for fixed charges by caliber"),
            .value("split", .text, placeholder: "T=PCT,...", help: "split across tariffs by percentage, e.g. residential=70,commercial=30"),
            .value("sewage-volume", .decimal, placeholder: "VOLUME", help: "a measured sewage volume, for sewage-based components"),
            .value("annual-volume", .decimal, placeholder: "VOLUME", help: "the account's annual volume, for fixed charges banded by annual volume"),
        ],
        arguments: [ArgumentSpec("NAME", help: "the tariff")],
        requirements: .readDatabase, listOutput: true,
        examples: [
            "wbill tariff quote residential-annual --volume 300 --persons 7",
            "wbill tariff quote residential-monthly --volume 35 --period 2026-10",
            "wbill tariff quote commercial-flat --volume 120 --from 2026-10-01 --to 2026-11-14 --format csv",
        ],
        handler: run)

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let store = TariffStore(database: context.database)
        let tariff = try store.pricingTariff(named: arguments.requiredArgument("NAME"))
        let unit = try context.volumeUnit()
        let volume = try volumeOption("volume", unit: unit, context)!
        var pricing = PricingContext(sewageVolume: try volumeOption("sewage-volume", unit: unit, context),
                                     annualVolume: try volumeOption("annual-volume", unit: unit, context))
        if let persons = arguments.integer("persons") {
            guard DomainLimits.persons.contains(persons) else {
                throw context.invalidValue(String(persons), for: "persons", expected: "a household size from \(DomainLimits.spelled(DomainLimits.persons))")
            }
            pricing.persons = persons
        }
        if let caliber = arguments.integer("caliber") {
            guard DomainLimits.caliber.contains(caliber) else {
                throw context.invalidValue(String(caliber), for: "caliber", expected: "a caliber in mm from \(DomainLimits.spelled(DomainLimits.caliber))")
            }
            pricing.caliber = caliber
        }
        let span = try quoteSpan(context)
        let today = context.settings.now.date
        let breakdown: PriceBreakdown
        if let split = arguments.value("split") {
            let shares = try parseSplit(split, store: store, context: context)
            guard shares.contains(where: { $0.tariff.id == tariff.id }) else {
                throw context.usageError("--split must include the tariff quoted, '\(tariff.name)' (e.g. \(tariff.name)=70,other=30)")
            }
            if let span {
                breakdown = try TariffEngine.priceSplit(consumption: volume, span: span, context: pricing, shares: shares)
            } else {
                breakdown = try TariffEngine.priceSplitWholeCycles(consumption: volume, on: today, context: pricing, shares: shares)
            }
        } else if let span {
            breakdown = try TariffEngine.price(consumption: volume, span: span, context: pricing, tariff: tariff,
                                               resolve: store.tariff(named:))
        } else {
            breakdown = try TariffEngine.priceWholeCycle(consumption: volume, on: today, context: pricing, tariff: tariff,
                                                         resolve: store.tariff(named:))
        }
        return .table(try table(breakdown, tariff: tariff.name, unit: unit))
    }

    /// The quote as rows: every line, then the total.
    static func table(_ breakdown: PriceBreakdown, tariff: String, unit: VolumeUnit) throws -> DataTable {
        PriceLinesTable.table(breakdown.allLines, tariff: tariff, total: try breakdown.total, unit: unit)
    }

    /// --from/--to or --period; `nil` for the whole cycle containing today.
    static func quoteSpan(_ context: CommandContext) throws -> DateSpan? {
        let arguments = context.arguments
        if let month = arguments.value("period") {
            guard !arguments.has("from") && !arguments.has("to") else {
                throw context.usageError("give --period or --from/--to, not both")
            }
            let start = try CivilDate(parsing: month + "-01")
            return DateSpan.month(year: start.year, month: start.month)
        }
        return try DateRange(context).span(context)
    }

    /// `residential=70,commercial=30` → tariffs and percentages (checked to add up to 100 by the engine).
    static func parseSplit(_ text: String, store: TariffStore, context: CommandContext) throws -> [(tariff: Tariff, percent: FixedDecimal)] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty, let percent = try? FixedDecimal(parsing: String(pair[1]), maxScale: 4),
                  percent.isPositive, percent <= FixedDecimal(100) else {
                throw context.invalidValue(String(item), for: "split", expected: "TARIFF=PERCENT items separated by commas, such as residential=70,commercial=30")
            }
            return (try store.tariff(named: String(pair[0])), percent)
        }
    }

    private static func volumeOption(_ name: String, unit: VolumeUnit, _ context: CommandContext) throws -> Volume? {
        guard let text = context.arguments.value(name) else { return nil }
        guard let volume = try? Volume(parsing: text), !volume.isNegative else {
            throw context.invalidValue(text, for: name, expected: "a volume in \(unit.symbol) ≥ 0 with at most 3 decimals")
        }
        return volume
    }
}
