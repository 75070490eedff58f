import WaterBilling
import WBillSupport

/// `wbill alarm option list|set`: each kind's threshold and whether it is raised.
enum AlarmOptionCommands {
    static let commands: [CommandSpec] = [
        CommandSpec(["alarm", "option", "list"], summary: "list every alarm kind with its threshold, default and whether it is raised",
                    requirements: .readDatabase, listOutput: true, handler: list),
        CommandSpec(
            ["alarm", "option", "set"], summary: "set an alarm kind's threshold, or whether it is raised",
            discussion: """
                The threshold is in the kind's unit: an amount in the utility's currency for
                low-balance (0 or more, with at most the currency's decimals), whole days from 1 to
                3650 for zero-consumption and meter-offline, a whole percentage of the meter's
                expected use from 101 to 100000 for high-consumption and from 0 to 99 for
                low-consumption. Event kinds have no threshold. Setting what is already set changes
                nothing and records nothing.
                """,
            options: [
                .value("threshold", .decimal, placeholder: "VALUE", help: "the new threshold, in the kind's unit"),
                .value("enabled", .choice(["yes", "no"]), placeholder: "YES|NO", help: "whether alarms of the kind are raised"),
            ],
            arguments: [ArgumentSpec("KIND", .choice(AlarmKind.allCases.map(\.rawValue)),
                                     help: "the alarm kind: " + AlarmKind.allCases.map(\.rawValue).joined(separator: ", "))],
            requirements: .writeDatabase,
            examples: ["wbill alarm option set low-balance --threshold 20.00", "wbill alarm option set tamper --enabled no"],
            handler: set),
    ]

    static func list(_ context: CommandContext) throws -> CommandOutput {
        var table = DataTable(columns: AlarmViews.optionColumns)
        for option in try AlarmOptions(database: context.database).all() {
            table.append(AlarmViews.optionRow(option))
        }
        return .table(table)
    }

    static func set(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        guard arguments.has("threshold") || arguments.has("enabled") else {
            throw context.usageError("nothing to change: give --threshold VALUE or --enabled yes|no")
        }
        guard let kind = AlarmKind(rawValue: arguments.requiredArgument("KIND")) else {
            preconditionFailure("KIND is a choice of every alarm kind")
        }
        let option = try AlarmOptions(database: context.database).set(
            kind, threshold: arguments.value("threshold"), enabled: arguments.value("enabled").map { $0 == "yes" }, audit: context.audit)
        return .confirmation(AlarmViews.optionLine(option), record: DataRecord(zip(AlarmViews.optionColumns, AlarmViews.optionRow(option)).map { ($0, $1) }),
                             context: context)
    }
}
