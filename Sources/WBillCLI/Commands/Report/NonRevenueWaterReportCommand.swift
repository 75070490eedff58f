import WaterBilling
import WBillSupport

/// `wbill report nrw`: non-revenue water per meter group with a master meter (`NonRevenueWater`).
enum NonRevenueWaterReportCommand {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["report", "nrw"], summary: "non-revenue water per meter group: the master meter's consumption less its members'",
            discussion: """
                One line per meter group with a master meter (meter group add --master SERIAL): the
                master's serial, what it measured in the period (master_vol), what the group's other
                meters measured (member_vol), non-revenue water, master less members (nrw_vol), and
                that as a percentage of the master's (nrw_pct: one decimal, rounded half-up; empty
                when the master measured nothing), then how many members were read in the period (a
                real reading, not an estimate) out of how many there are (those installed on an
                account now and those with consumption in the period). Volumes have 3 decimals,
                \(VolumeLabels.inTheUtilitysUnit).

                Each volume is the sum of the meter's consumption records whose span ends in the
                period (the date of its end, UTC), reversals included, as report consumption counts
                them; the master counts whatever its customer type (usually a statistical one that
                does not count consumption). Non-revenue water is not clamped: it is negative when the
                members measured more than the master, as when they were read on other days than it.
                Members are the meters in the group now. Groups without a master meter have no line;
                the notes name them, and the masters with no consumption record in the period.

                \(ReportSpanOption.forms)
                """,
            options: ReportSpanOption.rows,
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill report nrw --period last-month", "wbill report nrw --period 2026-Q4 --format csv > nrw.csv"],
            handler: run),
    ]

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let (span, label) = try ReportSpanOption.span(context)
        let report = try NonRevenueWater(database: context.database).report(over: span)
        return .report(document(report, label: label, unit: try context.volumeUnit()))
    }

    /// The report as a document, with a column chart of master against members per group.
    static func document(_ report: NonRevenueWaterReport, label: String, unit: VolumeUnit) -> ReportDocument {
        var table = DataTable(columns: [
            Column("group"), Column("master"), Column("master_vol", title: VolumeLabels.header("MASTER", unit)),
            Column("member_vol", title: VolumeLabels.header("MEMBERS", unit)), Column("nrw_vol", title: VolumeLabels.header("NRW", unit)),
            Column("nrw_pct", title: "NRW %"), Column("read"), Column("members"),
        ])
        for line in report.lines {
            table.append([.text(line.group), .text(line.masterSerial), .decimal(line.master.description), .decimal(line.members.description),
                          .decimal(line.nonRevenue.description), line.percentOfMaster.map { Cell.decimal($0.description) } ?? .null,
                          .integer(Int64(line.membersRead)), .integer(Int64(line.membersTotal))])
        }
        var notes = [
            "Non-revenue water is the master meter's consumption less its members'; negative when the members measured more.",
            "A record counts in the period its span ends in (the date of its end, UTC); reversals count.",
        ]
        let unread = report.lines.filter { !$0.masterRead }.map { "\($0.group) (\($0.masterSerial))" }
        if !unread.isEmpty {
            notes.append("Master meters with no consumption in the period: " + unread.joined(separator: ", ") + ".")
        }
        if !report.groupsWithoutMaster.isEmpty {
            notes.append("Groups without a master meter: " + report.groupsWithoutMaster.joined(separator: ", ") + ".")
        }
        return ReportDocument(
            name: "nrw", title: "Non-revenue water by meter group, \(label)",
            parameters: [("period", label), ("from", report.span.first.description), ("to", report.span.last.description),
                         ("volume_unit", unit.symbol), ("counted_by", "the date a record's span ends (UTC)")],
            notes: notes, table: table,
            charts: [ReportDocument.Chart(.column, title: "Master against members (\(unit.symbol))", categoryKey: "group",
                                          valueKeys: ["master_vol", "member_vol"])])
    }
}
