import WaterBilling
import WBillSupport

/// `wbill report consumption`: the water used over a span, by customer, customer type, water
/// nature, group or month (`ConsumptionStatistics`).
enum ConsumptionReportCommand {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["report", "consumption"], summary: "water used in a period, by customer, customer type, water nature, group or month",
            discussion: """
                One line per value of --by (default: customer-type): its key (a customer's number and
                name, a customer type and its water nature, a water nature, a meter group, a month),
                how many accounts and meters have consumption records in the period, how many
                records, their volume with 3 decimals, and its share of the total in percent (one
                decimal, rounded half-up; empty when the total is zero). Volumes are
                \(VolumeLabels.inTheUtilitysUnit).

                A record counts in the period its span ends in: the date of its end (UTC, as stored)
                is one of the period's days, whatever day the span began. An account's use is the sum
                of its records, reversals included; a reversal has the span of the record it takes
                back, so a voided reading's water leaves the period it was counted in, and an
                estimate corrected by a real reading leaves its period while the real reading's
                record, from the reading before the estimate, counts in its own. A report over a past
                period shows it as it stands now, corrections included. Customer types whose
                consumption is not counted (customer-type add --count-consumption no: district and
                statistical meters) are left out of the lines and the total; the notes name each and
                the volume it left out.

                --by customer takes the account's holder on the day the span ended (after a transfer
                the water before it stays with the previous holder); --by group the meter's reading
                route now (the meters in no group are one line without a key, last); --by month lists
                every month of the period, with or without water. Lines are in key order (customers by
                number). There is no total line: the total (volume, records, accounts and meters) is
                in the notes, printed under the table, in the JSON document's notes and the
                workbook's metadata, so that rows in CSV, TSV and dBase are all of one kind.

                \(ReportSpanOption.forms)
                """,
            options: ReportSpanOption.rows + [
                .value("by", .choice(ConsumptionDimension.allCases.map(\.rawValue)), placeholder: "DIMENSION",
                       help: "customer, customer-type (default), water-nature, group or month"),
            ],
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill report consumption --period last-month",
                       "wbill report consumption --period 2026-Q4 --by month --format csv > q4.csv",
                       "wbill report consumption --from 2026-10-01 --to 2026-10-15 --by group"],
            handler: run),
    ]

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let (span, label) = try ReportSpanOption.span(context)
        let dimension = context.arguments.choice("by", as: ConsumptionDimension.self) ?? .customerType
        let report = try ConsumptionStatistics(database: context.database).report(over: span, by: dimension)
        let unit = try context.volumeUnit()
        return .report(document(report, label: label, unit: unit))
    }

    /// The report as a document: the key columns of the dimension, then the counts, volume and share.
    static func document(_ report: ConsumptionReport, label: String, unit: VolumeUnit) -> ReportDocument {
        let keyColumns = Self.keyColumns(report.dimension)
        var table = DataTable(columns: keyColumns + [
            Column("accounts"), Column("meters"), Column("records"), Column("volume", title: VolumeLabels.header("VOLUME", unit)),
            Column("share_pct", title: "SHARE %"),
        ])
        for line in report.lines {
            var row: [Cell]
            switch report.dimension {
            case .customer: row = [line.key.flatMap { Int64($0) }.map(Cell.integer) ?? .null, line.name.map(Cell.text) ?? .null]
            case .customerType: row = [line.key.map(Cell.text) ?? .null, line.name.map(Cell.text) ?? .null]
            case .waterNature, .group, .month: row = [line.key.map(Cell.text) ?? .null]
            }
            row += [.integer(Int64(line.accounts)), .integer(Int64(line.meters)), .integer(Int64(line.records)),
                    .decimal(line.volume.description), line.share.map { Cell.decimal($0.description) } ?? .null]
            table.append(row)
        }
        let by = dimensionWords(report.dimension)
        var notes = [
            "A record counts in the period its span ends in (the date of its end, UTC); reversals count, so a corrected reading counts once.",
            "Total: \(report.volume) \(unit.symbol) in \(report.records) records, \(report.accounts) accounts, \(report.meters) meters; shares are of it.",
        ]
        if report.uncounted.isEmpty {
            notes.append("Every customer type counts consumption.")
        } else {
            let left = report.uncounted.map { "\($0.customerType) (\($0.volume) \(unit.symbol) in \($0.records) records)" }
            notes.append("Not counted (count consumption: no): " + left.joined(separator: ", ") + ".")
        }
        if report.dimension == .group, report.lines.contains(where: { $0.key == nil }) {
            notes.append("The line without a group is the meters in no group.")
        }
        let categoryKey = report.dimension == .customer ? "name" : keyColumns[0].key
        return ReportDocument(
            name: "consumption", title: "Water consumption by \(by), \(label)",
            parameters: [("period", label), ("from", report.span.first.description), ("to", report.span.last.description),
                         ("by", report.dimension.rawValue), ("volume_unit", unit.symbol),
                         ("counted_by", "the date a record's span ends (UTC)")],
            notes: notes, table: table,
            charts: [ReportDocument.Chart(report.dimension == .month ? .line : .column, title: "Volume by \(by) (\(unit.symbol))",
                                          categoryKey: categoryKey, valueKeys: ["volume"])])
    }

    /// The columns that name a line, by dimension.
    static func keyColumns(_ dimension: ConsumptionDimension) -> [Column] {
        switch dimension {
        case .customer: return [Column("customer"), Column("name")]
        case .customerType: return [Column("type"), Column("nature")]
        case .waterNature: return [Column("nature")]
        case .group: return [Column("group")]
        case .month: return [Column("month")]
        }
    }

    /// `customer type`, for titles.
    static func dimensionWords(_ dimension: ConsumptionDimension) -> String {
        dimension.rawValue.split(separator: "-").joined(separator: " ")
    }
}
