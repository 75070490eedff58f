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
            period; for tax lines it is the percentage.

            Without dates the quote is for one whole tier cycle (a month for a tariff without
            tiers) containing today, so the thresholds apply as written. With --from/--to or
            --period the span is cut at version dates and season bounds and the thresholds scale
            by days (see PRICING RULES).

            --split prices the volume across several tariffs by percentage (mixed use), NAME being
            one of them; the percentages must add up to 100.
            """,
        options: [
            .value("volume", .decimal, placeholder: "M3", required: true, help: "the volume consumed in m³ (up to 3 decimals)"),
            .value("from", .date, placeholder: "DATE", help: "the first day consumed (with --to)"),
            .value("to", .date, placeholder: "DATE", help: "the last day consumed, included (with --from)"),
            .value("period", .month, placeholder: "YYYY-MM", help: "one calendar month instead of --from/--to"),
            .value("persons", .integer, placeholder: "N", help: "household size, for per-capita tiers"),
            .value("caliber", .integer, placeholder: "MM", help: "meter caliber in mm, for fixed charges by caliber"),
            .value("split", .text, placeholder: "T=PCT,...", help: "split across tariffs by percentage, e.g. residential=70,commercial=30"),
            .value("sewage-volume", .decimal, placeholder: "M3", help: "a measured sewage volume, for sewage-based components"),
        ],
        arguments: [ArgumentSpec("NAME", help: "the tariff")],
        requirements: .readDatabase, listOutput: true,
        examples: [
            "wbill tariff quote residential-annual --volume 300 --persons 7",
            "wbill tariff quote residential-monthly --volume 35 --period 2026-10",
            "wbill tariff quote commercial-flat --volume 120 --from 2026-10-01 --to 2026-11-14 --format csv",
        ],
        handler: run)

    static let usage = "wbill tariff quote"

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let store = TariffStore(database: context.database)
        let tariff = try store.pricingTariff(named: arguments.argument("NAME")!)
        let volume = try volumeOption("volume", arguments)!
        var pricing = PricingContext(sewageVolume: try volumeOption("sewage-volume", arguments))
        if let persons = arguments.integer("persons") {
            guard (1...999).contains(persons) else { throw invalid("persons", "\(persons)", "a household size from 1 to 999") }
            pricing.persons = persons
        }
        if let caliber = arguments.integer("caliber") {
            guard (1...3000).contains(caliber) else { throw invalid("caliber", "\(caliber)", "a caliber in mm from 1 to 3000") }
            pricing.caliber = caliber
        }
        let span = try quoteSpan(arguments, tariff: tariff, today: context.settings.now.date)
        let breakdown: PriceBreakdown
        if let split = arguments.value("split") {
            let shares = try parseSplit(split, store: store)
            guard shares.contains(where: { $0.tariff.id == tariff.id }) else {
                throw UsageError("--split must include the tariff quoted, '\(tariff.name)' (e.g. \(tariff.name)=70,other=30)",
                                 command: usage)
            }
            breakdown = try TariffEngine.priceSplit(consumption: volume, span: span, context: pricing, shares: shares)
        } else {
            breakdown = try TariffEngine.price(consumption: volume, span: span, context: pricing, tariff: tariff,
                                               resolve: store.tariff(named:))
        }
        return .table(try table(breakdown, tariff: tariff.name))
    }

    /// The quote as rows: every line, then the total.
    static func table(_ breakdown: PriceBreakdown, tariff: String) throws -> DataTable {
        var table = DataTable(columns: [
            Column("tariff"), Column("line"), Column("component"), Column("tier"), Column("from"), Column("to"),
            Column("version"), Column("season"), Column("volume"), Column("rate"), Column("amount"),
        ])
        for line in breakdown.allLines {
            table.append([
                .text(line.tariff), .text(line.kind.rawValue), .text(line.component),
                line.tiers == nil ? .null : .text(line.tierText), .text(line.span.first.description), .text(line.span.last.description),
                line.version.map { .integer(Int64($0)) } ?? .null, line.season.map(Cell.text) ?? .null,
                line.volume.map { .decimal($0.description) } ?? .null, line.rate.map { .decimal($0.description) } ?? .null,
                .decimal(line.amount.description),
            ])
        }
        table.append([.text(tariff), .text("total"), .null, .null, .null, .null, .null, .null, .null, .null,
                      .decimal(try breakdown.total.description)])
        return table
    }

    /// --from/--to, --period, or the whole cycle containing today.
    static func quoteSpan(_ arguments: ParsedArguments, tariff: Tariff, today: CivilDate) throws -> DateSpan {
        if let month = arguments.value("period") {
            guard !arguments.has("from") && !arguments.has("to") else {
                throw UsageError("give --period or --from/--to, not both", command: usage)
            }
            let start = try CivilDate(parsing: month + "-01")
            return DateSpan.month(year: start.year, month: start.month)
        }
        switch (arguments.date("from"), arguments.date("to")) {
        case (nil, nil):
            return TariffEngine.defaultSpan(for: tariff, on: today)
        case let (from?, to?):
            guard from <= to else { throw UsageError("--to \(to) is before --from \(from)", command: usage) }
            return try DateSpan(from: from, through: to)
        default:
            throw UsageError("--from and --to go together", command: usage)
        }
    }

    /// `residential=70,commercial=30` → tariffs and percentages (checked to add up to 100 by the engine).
    static func parseSplit(_ text: String, store: TariffStore) throws -> [(tariff: Tariff, percent: FixedDecimal)] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty, let percent = try? FixedDecimal(parsing: String(pair[1]), maxScale: 4),
                  percent.isPositive, percent <= FixedDecimal(100) else {
                throw invalid("split", String(item), "TARIFF=PERCENT items separated by commas, such as residential=70,commercial=30")
            }
            return (try store.tariff(named: String(pair[0])), percent)
        }
    }

    private static func volumeOption(_ name: String, _ arguments: ParsedArguments) throws -> Volume? {
        guard let text = arguments.value(name) else { return nil }
        guard let volume = try? Volume(parsing: text), !volume.isNegative else {
            throw invalid(name, text, "a volume in m³ ≥ 0 with at most 3 decimals")
        }
        return volume
    }

    private static func invalid(_ option: String, _ value: String, _ expected: String) -> UsageError {
        UsageError("invalid value '\(value)' for --\(option): expected \(expected)", command: usage)
    }
}
