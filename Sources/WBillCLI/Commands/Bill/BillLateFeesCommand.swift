import WaterBilling
import WBillSupport

/// `wbill bill late-fees [--as-of DATE]`: charges late bills their late fees through a date, once
/// per day (a cron job).
enum BillLateFeesCommand {
    static let command = CommandSpec(
        ["bill", "late-fees"], summary: "charge late fees on overdue bills through a date, each day once",
        discussion: """
            Every bill open or partly paid on DATE whose due date plus the grace days has passed is
            charged for the days it has not been charged for, through DATE: what it still owes ×
            the rate (per mille a day) × the days ÷ 1000, exact, then rounded half-up to the
            currency's minor unit, once per bill and run. Each fee is a late-fee ledger entry
            referenced 'late-fee NUMBER FROM..TO'. A second run on the same date charges nothing;
            a later run charges only the days since. Rate and grace days are bill options (bill
            option set --late-fee PER_MILLE --grace-days DAYS); with no rate set nothing is
            charged. Lists the fees charged.
            """,
        options: [.value("as-of", .date, placeholder: "DATE", help: "the last day to charge (default: today; never after it)")],
        requirements: .writeDatabase, listOutput: true,
        examples: ["wbill bill late-fees", "wbill bill late-fees --as-of 2026-12-31 --format csv"],
        handler: run)

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let asOf = context.arguments.date("as-of") ?? context.settings.now.date
        let charges = try LateFees(database: context.database).charge(asOf: asOf, audit: context.audit)
        var table = DataTable(columns: [Column("bill"), Column("account"), Column("from"), Column("to"), Column("days"),
                                        Column("owed"), Column("rate_per_mille"), Column("fee"), Column("currency"), Column("receipt")])
        for charge in charges {
            table.append([.text(charge.billNumber), .text(charge.accountNumber), .text(charge.days.first.description),
                          .text(charge.days.last.description), .integer(Int64(charge.days.days)), .decimal(charge.base.description),
                          .decimal(charge.rate.description), .decimal(charge.amount.description), .text(charge.amount.currency.code),
                          charge.receipt.map(Cell.integer) ?? .null])
        }
        return .table(table)
    }
}
