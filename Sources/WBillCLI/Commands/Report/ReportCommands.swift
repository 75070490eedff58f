import WaterBilling
import WBillSupport

/// `wbill report …`: reports computed once in the domain and rendered in the format chosen.
enum ReportCommands {
    static let groups = [
        GroupSpec(["report"], summary: "reports: consumption, meters, money in and out, arrears, non-revenue water",
                  discussion: """
                    A report is computed once from the database as it stands, then written in the format
                    chosen: a table for people (a title, the rows and the notes under them), CSV or TSV
                    (the rows alone), JSON (one document: report, title, parameters, generated_at,
                    generated_by, notes and rows), or a file with --output FILE: an Excel workbook
                    (xlsx: numbers as numbers, dates as dates, a bold frozen header with a filter, a
                    chart where one tells more, and an About sheet with the parameters, when and by
                    whom it was made), a dBase III table (dbf, --encoding utf-8, gbk or cp1252) or an
                    SQL script (sql, --dialect). The format is --format's, else the file's extension's.
                    A file is written under a temporary name and renamed when whole, so a killed cron
                    job never leaves half a report under the final name.
                    """),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["report", "arrears"], summary: "what each account's overdue bills still owe, by days past due, with contact data",
            discussion: """
                One row per account with a bill open or partly paid and due before DATE: its holder's
                name, phone and address, what those bills still owe (total less paid) by days past
                the due date — 0-30 (1 to 30 days), 31-60, 61-90 and over-90 — their total, how
                many bills and the oldest due date. A bill due on DATE is not overdue yet. Late
                fees are ledger entries of their own: what the account owes besides its bills
                (late fees, debit adjustments not paid) is shown apart as other_owed, not aged.
                """,
            options: [.value("as-of", .date, placeholder: "DATE", help: "the day the arrears are aged on (default: today)")],
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill report arrears", "wbill report arrears --as-of 2026-12-31 --format csv > arrears.csv"],
            handler: arrears),
    ] + ConsumptionReportCommand.commands + MeterReportCommand.commands + FinancialReportCommand.commands
        + NonRevenueWaterReportCommand.commands

    static func arrears(_ context: CommandContext) throws -> CommandOutput {
        let asOf = context.arguments.date("as-of") ?? context.settings.now.date
        let report = try Arrears(database: context.database).report(asOf: asOf)
        let bucketColumns = ArrearsBucket.allCases.map { Column(bucketKey($0), title: $0.label.uppercased()) }
        let columns: [Column] = [Column("account"), Column("name"), Column("phone"), Column("address")] + bucketColumns
            + [Column("total"), Column("other_owed"), Column("currency"), Column("bills"), Column("oldest_due")]
        var table = DataTable(columns: columns)
        for line in report.lines {
            var row: [Cell] = [.text(line.accountNumber), .text(line.customerName), line.phone.map(Cell.text) ?? .null,
                               line.address.map(Cell.text) ?? .null]
            row += line.buckets.map { Cell.decimal($0.description) }
            row += [.decimal(line.total.description), .decimal(line.otherOwed.description), .text(line.total.currency.code), .integer(Int64(line.bills)),
                    .date(line.oldestDueDate)]
            table.append(row)
        }
        return .report(ReportDocument(
            name: "arrears", title: "Arrears as of \(asOf)", parameters: [("as_of", asOf.description)],
            notes: ["What overdue bills still owe (total less paid), by days past the due date; a bill due on \(asOf) is not overdue yet.",
                    "other_owed: what an account owes besides its bills (late fees, debit adjustments not paid), not aged."],
            table: table))
    }

    /// `days_0_30`, `days_31_60`, `days_61_90`, `days_over_90`.
    static func bucketKey(_ bucket: ArrearsBucket) -> String {
        "days_" + bucket.label.map { $0 == "-" ? "_" : $0 }.map(String.init).joined()
    }
}
