import WaterBilling
import WBillSupport

/// `wbill account sewage-basis set|update`: the stored sewage volume postpaid bills charge
/// sewage-based tariff components on.
enum SewageBasisCommands {
    static let groups = [
        GroupSpec(["account", "sewage-basis"], summary: "the sewage volume per month bills charge sewer components on",
                  discussion: """
                    A tariff component with basis = "sewage" charges a measured sewage volume instead
                    of a share of the water. For a postpaid account that volume is its sewage basis: a
                    volume per month (in the utility's volume unit), set by hand or computed as the
                    average over a window such as the winter, when little water goes to gardens. A
                    bill charges the basis times the months its days are worth and shows it. Each
                    change is kept (the latest is in force) with its audit entry.
                    """),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["account", "sewage-basis", "set"], summary: "set a postpaid account's sewage basis by hand",
            arguments: [ArgumentSpec("ACCOUNT", help: "the account number"),
                        ArgumentSpec("VOLUME", .decimal, help: "the volume per month, in the utility's volume unit (up to 3 decimals)")],
            requirements: .writeDatabase, examples: ["wbill account sewage-basis set AC00000001 8.5"],
            handler: set),
        CommandSpec(
            ["account", "sewage-basis", "update"], summary: "recompute every open postpaid account's basis as its average over a window",
            discussion: """
                For each open postpaid account: its consumption records whose days lie wholly within
                the most recent WINDOW that ended before today (a record's days run from the day of
                the reading it starts at to the day before the one that ends it), summed, divided by
                the months from the first such day to the last (a whole calendar month is exactly
                one), rounded half-up to a thousandth, is its new basis. An account without such a
                record keeps its basis and is listed with why.
                """,
            options: [.value("window", .text, placeholder: "MM-DD..MM-DD", required: true,
                             help: "the days averaged each year, e.g. 12-01..02-28 (winter)")],
            requirements: .writeDatabase, listOutput: true,
            examples: ["wbill account sewage-basis update --window 12-01..02-28"],
            handler: update),
    ]

    static func set(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let entry = try SewageBasis(database: context.database).set(account: arguments.requiredArgument("ACCOUNT"),
                                                                    volume: arguments.requiredArgument("VOLUME"), audit: context.audit)
        let unit = try context.volumeUnit()
        var record = DataRecord()
        record.append("account", .text(entry.accountNumber))
        record.append("sewage_basis", .decimal(entry.volume.description), title: VolumeLabels.header("SEWAGE BASIS", unit))
        record.append("source", .text(entry.source))
        return .confirmation("account \(entry.accountNumber): sewage basis \(entry.volume) \(unit.symbol) a month", record: record,
                             context: context)
    }

    static func update(_ context: CommandContext) throws -> CommandOutput {
        let result = try SewageBasis(database: context.database).updateFromWindow(
            context.arguments.required("window"), today: context.settings.now.date, audit: context.audit)
        let unit = try context.volumeUnit()
        var table = DataTable(columns: [Column("account"), Column("sewage_basis", title: VolumeLabels.header("SEWAGE BASIS", unit)),
                                        Column("from"), Column("to"), Column("note")])
        for entry in result.updated {
            table.append([.text(entry.accountNumber), .decimal(entry.volume.description), .text(entry.window?.first.description ?? ""),
                          .text(entry.window?.last.description ?? ""), .null])
        }
        for skipped in result.skipped {
            table.append([.text(skipped.account), .null, .null, .null, .text("kept: " + skipped.reason)])
        }
        return .table(table)
    }
}
