import WaterBilling
import WBillSupport

/// `wbill report financial`: money in and out from the ledger by day, month or year, optionally
/// by channel, operator or customer type, with billed against collected.
enum FinancialReportCommand {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["report", "financial"], summary: "money in and out by day, month or year: recharges, refunds, payments, charges, billed and collected",
            discussion: """
                One row per day (--daily), month (--monthly) or year (--annual) of the span, by the
                UTC date of each ledger entry's time; with --by, one row per value of the channel,
                the operator or the customer type in each of them that has entries (without --by
                every one has a row, zeros included).

                Each kind is the signed sum of the ledger's entries of that kind, as wbill account
                transactions lists them: positive in the customer's favour, negative owed or paid
                out — recharges, refunds, payments, deductions, card_purch (card purchases),
                bill_chrg (bill charges), late_fees and adjustment. Reversals are their own column
                (reversals), whatever they reverse, so every column adds up to the ledger's own
                sums; money_in and billed take them into account:

                money_in is money received less money paid back: recharges + payments + refunds
                (negative) + the reversals of entries of those kinds (a rolled-back card purchase
                takes its recharge back). billed is bills issued less bills cancelled in the row
                (bill charges and their reversals, as a positive amount). collected is the money put
                on bills in the row (from payments and from credit, less what cancellations took
                off). coll_rate is collected / billed in percent with one decimal, rounded half-up;
                empty when nothing was billed.

                By channel, a reversal counts in the channel of the entry it reverses; entries
                without a channel (deductions, bill charges, late fees, adjustments, money put on
                bills from credit) have an empty channel.

                \(ReportSpanOption.discussion)
                """,
            options: [
                .flag("daily", help: "one row per day"),
                .flag("monthly", help: "one row per month"),
                .flag("annual", help: "one row per year"),
            ] + ReportSpanOption.rows + [
                .value("by", .choice(FinancialDimension.allCases.map(\.rawValue)), placeholder: "DIMENSION",
                       help: "split each row by channel, operator or customer-type"),
            ],
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill report financial --monthly --period 2026",
                       "wbill report financial --daily --period last-month --by channel --format csv > daily.csv",
                       "wbill report financial --annual --from 2024-01-01 --to 2026-12-31 --by customer-type"],
            handler: financial),
    ]

    static func financial(_ context: CommandContext) throws -> CommandOutput {
        let chosen = ReportGranularity.allCases.filter { context.arguments.has(flag($0)) }
        guard chosen.count == 1, let granularity = chosen.first else {
            throw context.usageError(chosen.isEmpty ? "give one of --daily, --monthly or --annual"
                                                    : "give only one of --daily, --monthly or --annual")
        }
        let (span, label) = try ReportSpanOption.span(context)
        let dimension = context.arguments.choice("by", as: FinancialDimension.self)
        let report = try FinancialSummary(database: context.database).report(span: span, granularity: granularity, by: dimension)
        return .report(document(report, label: label))
    }

    /// `daily`, `monthly`, `annual`: the flag of a granularity.
    static func flag(_ granularity: ReportGranularity) -> String { granularity.rawValue }

    /// What a bucket is called: day, month, year.
    static func unit(_ granularity: ReportGranularity) -> String {
        switch granularity {
        case .daily: return "day"
        case .monthly: return "month"
        case .annual: return "year"
        }
    }

    /// The column key of a dimension (≤ 10 characters, for dBase).
    static func key(_ dimension: FinancialDimension) -> String {
        dimension == .customerType ? "cust_type" : dimension.rawValue
    }

    static let moneyColumns = [
        Column("recharges"), Column("refunds"), Column("payments"), Column("deductions"),
        Column("card_purch", title: "CARD PURCHASES"), Column("bill_chrg", title: "BILL CHARGES"), Column("late_fees"),
        Column("adjustment", title: "ADJUSTMENTS"), Column("reversals"), Column("money_in"), Column("billed"), Column("collected"),
        Column("coll_rate"),
    ]

    /// The report as a document: rows, notes and a chart (by channel, or over time).
    static func document(_ report: FinancialReport, label: String) -> ReportDocument {
        let unit = unit(report.granularity)
        var columns = [Column("period", title: unit.uppercased())]
        if let dimension = report.dimension { columns.append(Column(key(dimension), title: dimension.rawValue.uppercased())) }
        var table = DataTable(columns: columns + moneyColumns)
        for line in report.lines {
            var row: [Cell] = [report.granularity == .daily ? .date(line.firstDay) : .text(line.bucket)]
            if report.dimension != nil { row.append(line.group.map(Cell.text) ?? .null) }
            row += [line.recharges, line.refunds, line.payments, line.deductions, line.cardPurchases, line.billCharges, line.lateFees,
                    line.adjustments, line.reversals, line.moneyIn, line.billed, line.collected].map { .decimal($0.description) }
            row.append(line.collectionRate.map { .decimal($0.description) } ?? .null)
            table.append(row)
        }
        var notes = [
            "Rows are \(unit)s of each ledger entry's time in UTC; amounts in \(report.currency.code), signed as in the ledger (negative: owed or paid out).",
            "money_in = recharges + payments + refunds + the reversals of those; billed = bills issued less bills cancelled; collected = money put on bills.",
            "coll_rate = collected / billed in percent, one decimal, rounded half-up; empty when nothing was billed.",
        ]
        if report.dimension == .channel {
            notes.append("A reversal counts in the channel of the entry it reverses; entries without a channel have an empty one.")
            notes.append("Bills are billed under no channel and collected under the channel of the payment, so coll_rate compares them only in a row without --by channel.")
        }
        let byText = report.dimension.map { " and \($0.rawValue)" } ?? ""
        var parameters: [(key: String, value: String)] = [("period", label), ("from", report.span.first.description),
                                                          ("to", report.span.last.description), ("rows", report.granularity.rawValue)]
        if let dimension = report.dimension { parameters.append(("by", dimension.rawValue)) }
        parameters.append(("currency", report.currency.code))
        let chart = report.dimension == .channel
            ? ReportDocument.Chart(.column, title: "Money in by channel", categoryKey: "channel", valueKeys: ["money_in"])
            : ReportDocument.Chart(.line, title: "Money in, billed and collected by \(unit)", categoryKey: "period",
                                   valueKeys: ["money_in", "billed", "collected"])
        return ReportDocument(name: "financial", title: "Money in and out by \(unit)\(byText), \(label)", parameters: parameters,
                              notes: notes, table: table, charts: [chart])
    }
}
