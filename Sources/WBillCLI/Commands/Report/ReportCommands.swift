import WaterBilling
import WBillSupport

/// `wbill report …`: reports computed once in the domain and rendered in the format chosen.
enum ReportCommands {
    static let groups = [
        GroupSpec(["report"], summary: "reports: arrears, meters, money in and out",
                  discussion: """
                    A report is computed from the database as it stands and printed as a table for
                    people or as CSV, TSV or JSON for scripts (--format).
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
    ] + MeterReportCommand.commands + FinancialReportCommand.commands

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
                    .text(line.oldestDueDate.description)]
            table.append(row)
        }
        return .table(table)
    }

    /// `days_0_30`, `days_31_60`, `days_61_90`, `days_over_90`.
    static func bucketKey(_ bucket: ArrearsBucket) -> String {
        "days_" + bucket.label.map { $0 == "-" ? "_" : $0 }.map(String.init).joined()
    }
}
