import WaterBilling
import WBillSupport

/// `wbill alarm …`: alarm records — list, show, acknowledge, close — and their options.
enum AlarmCommands {
    static let groups = [
        GroupSpec(["alarm"], summary: "alarms: low balances, abnormal consumption, meter events; acknowledge and close them",
                  discussion: """
                    An alarm records a condition someone should look at: its kind, the account and/or
                    meter, the value measured and the threshold it crossed, what raised it (a receipt,
                    a reading) and when. It is open, then acknowledged (someone is on it), then closed;
                    it can also be closed straight from open. Each step keeps who took it and when, and
                    the audit trail records it. While an alarm is open or acknowledged, the same
                    condition (kind, account, meter) raises no second one; once it is closed, the next
                    time the condition is met raises a new alarm.

                    Kinds: low-balance (a system-prepaid balance drops below the threshold amount),
                    zero-consumption, high-consumption, low-consumption and meter-offline (from
                    readings), and the events a remote reading reports: reverse-flow, tamper,
                    low-battery, valve-fault. Today the ledger raises low-balance alarms: any movement
                    of money that lowers a system-prepaid balance below the threshold (a refund, an
                    adjustment, a deduction); a recharge that leaves it below raises none. Thresholds
                    and which kinds are raised at all are the alarm options (wbill alarm option list).

                    The value is what was measured, in the threshold's unit: the balance left for
                    low-balance; the days of the reading's span for zero-consumption; for
                    high-consumption and low-consumption, the reading's consumption as a whole
                    percentage of the use the meter's average expected over its span (rounded
                    half-up, so a value just past the threshold may read as the threshold).

                    The same movements drive the valve queue (wbill valve list).
                    """),
        GroupSpec(["alarm", "option"], summary: "alarm options: each kind's threshold and whether it is raised",
                  discussion: """
                    Each kind with a threshold has a documented default: low-balance 10 in the
                    utility's currency (10.00 CNY), zero-consumption 30 days, high-consumption 300 %
                    and low-consumption 30 % of the meter's expected use over the span of a reading (0
                    never raises), meter-offline 7 days without a remote reading. The event kinds
                    (reverse-flow, tamper, low-battery, valve-fault) have no threshold. Every kind is
                    raised unless switched off with --enabled no.
                    """),
    ]

    static let idArguments = [ArgumentSpec("ID", .integer, variadic: true, help: "the alarm's number (several for several)")]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["alarm", "list"], summary: "list alarms, oldest first, filtered and paged",
            options: [
                .value("state", .choice(AlarmState.allCases.map(\.rawValue)), placeholder: "STATE", help: "only alarms open, acknowledged or closed"),
                .value("kind", .choice(AlarmKind.allCases.map(\.rawValue)), placeholder: "KIND", help: "only alarms of this kind"),
                .value("account", .text, placeholder: "ACCOUNT", help: "only alarms about this account"),
                .value("meter", .text, placeholder: "SERIAL", help: "only alarms about this meter"),
            ] + Paging.rows(limit: "at most N alarms"),
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill alarm list --state open", "wbill alarm list --kind low-balance --account AC00000001 --format csv"],
            handler: list),
        CommandSpec(["alarm", "show"], summary: "show an alarm: what, about what, measured against what, and who did what when",
                    arguments: [ArgumentSpec("ID", .integer, help: "the alarm's number")], requirements: .readDatabase, listOutput: true,
                    handler: show),
        CommandSpec(["alarm", "ack"], summary: "acknowledge open alarms: someone is dealing with them",
                    discussion: "Several alarms are acknowledged together or, if one cannot be, none is.",
                    arguments: idArguments, requirements: .writeDatabase, examples: ["wbill alarm ack 12 13"],
                    handler: { context in
                        let alarms = try AlarmDesk(database: context.database).acknowledge(ids(context), audit: context.audit)
                        return AlarmViews.changed(alarms, verb: "acknowledged", context: context)
                    }),
        CommandSpec(["alarm", "close"], summary: "close alarms that were dealt with (open or acknowledged)",
                    discussion: "Several alarms are closed together or, if one cannot be, none is.",
                    arguments: idArguments, requirements: .writeDatabase, examples: ["wbill alarm close 12"],
                    handler: { context in
                        let alarms = try AlarmDesk(database: context.database).close(ids(context), audit: context.audit)
                        return AlarmViews.changed(alarms, verb: "closed", context: context)
                    }),
    ] + AlarmOptionCommands.commands

    /// The alarm numbers given (the parser checked they are whole numbers).
    static func ids(_ context: CommandContext) -> [Int64] {
        context.arguments.arguments("ID").compactMap { Int64($0) }
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let paging = try Paging(context)
        let filter = AlarmFilter(state: arguments.choice("state", as: AlarmState.self), kind: arguments.choice("kind", as: AlarmKind.self),
                                 accountNumber: arguments.value("account"), meterSerial: arguments.value("meter"),
                                 limit: paging.limit, offset: paging.offset)
        var table = DataTable(columns: AlarmViews.listColumns)
        for alarm in try AlarmStore(database: context.database).list(filter) {
            table.append(AlarmViews.listRow(alarm))
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let id = Int64(context.arguments.requiredArgument("ID")) ?? 0
        return .record(AlarmViews.record(try AlarmStore(database: context.database).find(id)))
    }
}
