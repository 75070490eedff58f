import WaterBilling
import WBillSupport

/// `wbill export TABLE`: a table of the database, whole or for a period, as typed rows in any
/// format `--format` names, streamed from one read transaction to standard output or `--output`.
enum ExportCommands {
    static let groups = [
        GroupSpec(["export"], summary: "export a table: meters, customers, accounts, readings, bills, transactions, alarms",
                  discussion: """
                    Each command writes one table of the database, joined to the names people need
                    (a meter's type and group, an account's holder and customer type, the account
                    number of a reading, a bill or a ledger entry), as it stands in one snapshot: a
                    change committed while the export runs is in none of its rows or in all of them.
                    Rows are written as they are read, so a table of millions of rows takes little
                    memory in csv, tsv, json, xlsx, dbf and sql; the aligned table (the default on a
                    terminal) holds every row to measure its columns, so name a format for a large table.

                    Columns have stable keys (the csv header, the json keys, the sql and dbf field
                    names, at most 10 characters) and types: money with the currency's decimals,
                    volumes with 3, dates as dates, moments in UTC. Text fields are as wide as the
                    domain lets the text be; a dbf field of text in UTF-8 takes 3 bytes a character,
                    up to dBase's 254.

                    The --format sql script (--dialect sqlite, postgres, sqlserver or oracle) creates
                    a table named after the export and inserts its rows in one transaction.
                    """),
    ]

    static let dayRows = DateRange.rows(from: "only rows dated on or after DATE (UTC)", to: "only rows dated on or before DATE (UTC)")

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["export", "meters"], summary: "every meter: type, caliber, manufacturer, model, location, state, group, account",
            discussion: "In the order the meters were added. initial is the register's reading when the meter was added.",
            options: [.value("group", .text, placeholder: "NAME", help: "only the meters of this meter group")],
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill export meters --format csv > meters.csv", "wbill export meters --group 'Route 1' -o route1.xlsx"],
            handler: meters),
        CommandSpec(
            ["export", "customers"], summary: "every customer's basic information",
            discussion: "In the order the customers were registered.",
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill export customers -o customers.dbf --encoding gbk"],
            handler: customers),
        CommandSpec(
            ["export", "accounts"], summary: "every account: holder, customer type, business mode, status, balance",
            discussion: "In the order the accounts were opened. balance is the sum of the account's ledger entries.",
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill export accounts -o accounts.xlsx"],
            handler: accounts),
        CommandSpec(
            ["export", "readings"], summary: "meter readings, voided ones included, meter by meter in time order",
            discussion: "--from and --to choose the readings by when the register was read (at).",
            options: dayRows, requirements: .readDatabase, listOutput: true,
            examples: ["wbill export readings --from 2026-11-01 --to 2026-11-30 --format csv > november.csv"],
            handler: readings),
        CommandSpec(
            ["export", "bills"], summary: "postpaid bills as issued, with what was paid and their status",
            discussion: """
                In the order they were issued. --from and --to choose the bills by issue date.
                """,
            options: dayRows, requirements: .readDatabase, listOutput: true,
            examples: ["wbill export bills --from 2026-12-01 --to 2026-12-31 -o bills.dbf"],
            handler: bills),
        CommandSpec(
            ["export", "transactions"], summary: "the ledger: every movement of money on every account",
            discussion: """
                In the order the entries were made, or with --from or --to in time order: the entries
                made on those days (at, UTC). amount is positive in the customer's favour.
                """,
            options: dayRows, requirements: .readDatabase, listOutput: true,
            examples: ["wbill export transactions --from 2026-11-01 --to 2026-11-30 -o ledger.sql --dialect postgres"],
            handler: transactions),
        CommandSpec(
            ["export", "alarms"], summary: "alarms: what each measured against its threshold, and who acknowledged and closed it",
            discussion: """
                In the order they were raised. --from and --to choose the alarms by when they were
                raised. value and threshold are in unit: the currency, days or percent.
                """,
            options: dayRows, requirements: .readDatabase, listOutput: true,
            examples: ["wbill export alarms --from 2026-11-01 --format json"],
            handler: alarms),
    ]

    static func meters(_ context: CommandContext) throws -> CommandOutput {
        stream(try MeterExport.export(from: context.database, group: context.arguments.value("group")), context)
    }

    static func customers(_ context: CommandContext) throws -> CommandOutput {
        stream(try CustomerExport.export(from: context.database), context)
    }

    static func accounts(_ context: CommandContext) throws -> CommandOutput {
        stream(try AccountExport.export(from: context.database), context)
    }

    static func readings(_ context: CommandContext) throws -> CommandOutput {
        stream(try ReadingExport.export(from: context.database, days: try days(context)), context)
    }

    static func bills(_ context: CommandContext) throws -> CommandOutput {
        stream(try BillExport.export(from: context.database, days: try days(context)), context)
    }

    static func transactions(_ context: CommandContext) throws -> CommandOutput {
        stream(try TransactionExport.export(from: context.database, days: try days(context)), context)
    }

    static func alarms(_ context: CommandContext) throws -> CommandOutput {
        stream(try AlarmExport.export(from: context.database, days: try days(context)), context)
    }

    private static func days(_ context: CommandContext) throws -> ExportDays {
        let range = try DateRange(context)
        return ExportDays(from: range.from, to: range.to)
    }

    /// The export as a stream the Runner writes in the format chosen, reading the rows only then.
    private static func stream(_ export: TableExport, _ context: CommandContext) -> CommandOutput {
        .stream(RowStream(name: export.name, title: export.title, parameters: export.parameters, notes: export.notes,
                          columns: export.columns) { consumer in
            try export.stream(from: context.database, into: consumer)
        })
    }
}
