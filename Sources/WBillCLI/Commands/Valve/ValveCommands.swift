import WaterBilling
import WBillSupport

/// `wbill valve list|ack`: the valve command queue a head-end system reads.
enum ValveCommands {
    static let groups = [
        GroupSpec(["valve"], summary: "the valve queue: close and open commands for meters with a valve",
                  discussion: """
                    When a movement of money leaves a system-prepaid balance at or below zero, a close
                    command is queued for each meter on the account whose meter type has a valve
                    (meter-type add --valve yes); when a later movement (a recharge, an adjustment)
                    lifts the balance above zero, an open command is queued for them. A command is
                    queued only when it changes what the valve was last told, so a further debit
                    while closed queues nothing, and a valve never told to close is not told to open.

                    wbill does not talk to meters: the queue is the interface. A head-end system
                    reads the pending commands (valve list --state pending --format csv or json),
                    sends them, and acknowledges them (valve ack ID...). Each command keeps the
                    balance and the receipt that called for it, and who queued and acknowledged it
                    and when.
                    """),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["valve", "list"], summary: "list valve commands in queue order, filtered and paged",
            options: [
                .value("state", .choice(ValveCommandState.allCases.map(\.rawValue)), placeholder: "STATE", help: "only commands pending or acknowledged"),
                .value("action", .choice(ValveAction.allCases.map(\.rawValue)), placeholder: "ACTION", help: "only open or only close commands"),
                .value("account", .text, placeholder: "ACCOUNT", help: "only commands for this account's meters"),
                .value("meter", .text, placeholder: "SERIAL", help: "only commands for this meter"),
            ] + Paging.rows(limit: "at most N commands"),
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill valve list --state pending --format csv > valve-commands.csv", "wbill valve list --meter WM-000123"],
            handler: list),
        CommandSpec(
            ["valve", "ack"], summary: "acknowledge pending valve commands: the head-end took them",
            discussion: "Several commands are acknowledged together or, if one cannot be, none is.",
            arguments: [ArgumentSpec("ID", .integer, variadic: true, help: "the command's number (several for several)")],
            requirements: .writeDatabase, examples: ["wbill valve ack 41 42 43"], handler: ack),
    ]

    static func list(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let paging = try Paging(context)
        let filter = ValveCommandFilter(
            state: arguments.choice("state", as: ValveCommandState.self), action: arguments.choice("action", as: ValveAction.self),
            accountNumber: arguments.value("account"), meterSerial: arguments.value("meter"), limit: paging.limit, offset: paging.offset)
        var table = DataTable(columns: [
            Column("id"), Column("queued_at"), Column("action"), Column("meter"), Column("account"), Column("balance"), Column("currency"),
            Column("receipt"), Column("state"), Column("queued_by"), Column("acknowledged_at"), Column("acknowledged_by"),
        ])
        for command in try ValveQueue(database: context.database).list(filter) {
            table.append([.integer(command.id), .text(command.queuedAt), .text(command.action.rawValue), .text(command.meterSerial),
                          command.accountNumber.map(Cell.text) ?? .null, command.balance.map { .decimal($0.description) } ?? .null,
                          command.balance.map { .text($0.currency.code) } ?? .null, command.ledgerEntryID.map(Cell.integer) ?? .null,
                          .text(command.state.rawValue), .text(command.queuedBy), command.acknowledgedAt.map(Cell.text) ?? .null,
                          command.acknowledgedBy.map(Cell.text) ?? .null])
        }
        return .table(table)
    }

    static func ack(_ context: CommandContext) throws -> CommandOutput {
        let ids = context.arguments.arguments("ID").compactMap { Int64($0) }
        let commands = try ValveQueue(database: context.database).acknowledge(ids, audit: context.audit)
        if context.settings.format == .table {
            return .text(commands.map { "acknowledged valve command \($0.id) (\($0.action.rawValue) \($0.meterSerial))\n" }.joined())
        }
        var table = DataTable(columns: [Column("id"), Column("action"), Column("meter"), Column("account"), Column("state"),
                                        Column("acknowledged_at"), Column("acknowledged_by")])
        for command in commands {
            table.append([.integer(command.id), .text(command.action.rawValue), .text(command.meterSerial),
                          command.accountNumber.map(Cell.text) ?? .null, .text(command.state.rawValue),
                          command.acknowledgedAt.map(Cell.text) ?? .null, command.acknowledgedBy.map(Cell.text) ?? .null])
        }
        return .table(table)
    }
}
