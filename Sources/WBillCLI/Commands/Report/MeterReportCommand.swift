import WaterBilling
import WBillSupport

/// `wbill report meter`: the meters by type, state, manufacturer, caliber or group — stock,
/// installs, exchanges and removals in a period, and reading completeness.
enum MeterReportCommand {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["report", "meter"], summary: "meters by type, state, manufacturer, caliber or group: stock, installs, exchanges, removals, reading completeness",
            discussion: """
                One row per value of --by (type by default). The stock as it stands now: every
                meter (meters), then in_stock, installed, removed and faulty. In the span: installs
                (meters put on an account, by an account opening or as an exchange's new meter),
                exchanges (counted on the meter taken off) and removals (meters taken off an
                account that closed), by when they were recorded. Reading completeness of the
                meters on an account at some time in the span, each counted once: read (an actual
                reading dated in the span, not voided; a meter's initial reading at installation
                is not one), estimated (estimated readings only) and missing (no reading).

                \(ReportSpanOption.discussion)

                The stock and the completeness read every meter (and every meter on an account);
                the span's events and readings are index searches.
                """,
            options: ReportSpanOption.rows + [
                .value("by", .choice(MeterDimension.allCases.map(\.rawValue)), placeholder: "DIMENSION",
                       help: "one row per meter type (default), state, manufacturer, caliber or group"),
            ],
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill report meter --period last-month",
                       "wbill report meter --period 2026-Q4 --by group --format csv > meters.csv",
                       "wbill report meter --from 2026-10-01 --to 2026-10-15 --by caliber --format json"],
            handler: meter),
    ]

    static func meter(_ context: CommandContext) throws -> CommandOutput {
        let (span, label) = try ReportSpanOption.span(context)
        let dimension = context.arguments.choice("by", as: MeterDimension.self) ?? .type
        let report = try MeterStatistics(database: context.database).report(span: span, by: dimension)
        return .report(document(report, label: label))
    }

    /// The column key of a dimension (≤ 10 characters, for dBase).
    static func key(_ dimension: MeterDimension) -> String {
        dimension == .manufacturer ? "maker" : dimension.rawValue
    }

    /// The report as a document: rows, notes and a chart of the stock by state.
    static func document(_ report: MeterStatisticsReport, label: String) -> ReportDocument {
        let dimension = report.dimension
        let columns = [Column(key(dimension), title: dimension.rawValue.uppercased())]
            + ["meters", "in_stock", "installed", "removed", "faulty", "installs", "exchanges", "removals", "read", "estimated", "missing"]
            .map { Column($0) }
        var table = DataTable(columns: columns)
        for line in report.lines {
            let group: Cell = line.group.map { dimension == .caliber ? Int64($0).map(Cell.integer) ?? .text($0) : .text($0) } ?? .null
            table.append([group] + [line.meters, line.inStock, line.installed, line.removed, line.faulty, line.installs, line.exchanges,
                                    line.removals, line.read, line.estimated, line.missing].map { .integer(Int64($0)) })
        }
        var notes = [
            "Stock (meters, in_stock, installed, removed, faulty) is the meters as they stand now; installs, exchanges and removals are those recorded in \(label) (UTC days).",
            "Installs are meters put on an account (an exchange's new meter included); exchanges count the meter taken off; removals are meters taken off an account that closed.",
            "Completeness counts each meter on an account at some time in \(label) once: read with an actual reading dated in it (not voided; an initial reading at installation is not one), estimated with only estimated readings, missing with none.",
        ]
        if dimension == .state { notes.append("By state, each row counts the meters in that state now.") }
        if report.lines.contains(where: { $0.group == nil }) {
            notes.append(dimension == .group ? "A blank group is the meters in no group." : "A blank manufacturer is the meters with none recorded.")
        }
        return ReportDocument(
            name: "meter", title: "Meters by \(dimension.rawValue), \(label)",
            parameters: [("period", label), ("from", report.span.first.description), ("to", report.span.last.description),
                         ("by", dimension.rawValue)],
            notes: notes, table: table,
            charts: [ReportDocument.Chart(.column, title: "Meters by \(dimension.rawValue) and state", categoryKey: key(dimension),
                                          valueKeys: ["in_stock", "installed", "removed", "faulty"])])
    }
}
