import WaterBilling
import WBillSupport

/// `wbill operator …`: the people who run wbill, their roles and logins.
enum OperatorCommands {
    static let groups = [
        GroupSpec(["operator"], summary: "operators: who may run wbill, with which role, from which logins",
                  discussion: """
                    An operator has a name (what the audit trail records), a role (what they may run),
                    a department, a phone, and the Unix logins that act as them. Adding the first
                    operator ends set-up mode: from then on every command checks the acting operator's role.
                    """,
                  manualSections: [(title: "ENFORCEMENT", text: StaffManual.enforcement),
                                   (title: "DEPLOYMENT", text: StaffManual.deployment)]),
    ]

    static let fieldOptions: [OptionSpec] = [
        .value("role", .text, placeholder: "ROLE", help: "the role (wbill role list)"),
        .value("dept", .text, placeholder: "DEPT", help: "the department (wbill dept list); '' for none"),
        .value("login", .text, placeholder: "LOGIN", repeatable: true,
               help: "a Unix login name that acts as this operator (on edit, the whole list)"),
        .value("phone", .text, placeholder: "PHONE", help: "a phone number; '' for none"),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["operator", "add"], summary: "add an operator",
            options: fieldOptions.map { option in
                option.long == "role"
                    ? OptionSpec.value(option.long, option.kind!, placeholder: option.placeholder, required: true, help: option.help)
                    : option
            },
            arguments: [ArgumentSpec("NAME", help: "the operator's name, \(StaffNames.expectedName)")],
            requirements: .writeDatabase,
            examples: ["wbill operator add 'Li Na' --role admin --login lina", "wbill operator add Wang --role cashier --dept 'Counter 1' --login wang --phone 13800000000"],
            handler: add),
        CommandSpec(["operator", "list"], summary: "list operators", requirements: .readDatabase, listOutput: true, handler: list),
        CommandSpec(["operator", "show"], summary: "show one operator",
                    arguments: [ArgumentSpec("NAME", help: "the operator")], requirements: .readDatabase, listOutput: true, handler: show),
        CommandSpec(
            ["operator", "edit"], summary: "change an operator's name, role, department, logins or phone, or enable them again",
            options: [.value("rename", .text, placeholder: "NAME", help: "a new name")] + fieldOptions
                + [.flag("enable", help: "let a disabled operator act again")],
            arguments: [ArgumentSpec("NAME", help: "the operator")], requirements: .writeDatabase, handler: edit),
        CommandSpec(["operator", "disable"], summary: "stop an operator from acting (the audit trail keeps their name)",
                    arguments: [ArgumentSpec("NAME", help: "the operator")], requirements: .writeDatabase, handler: disable),
    ]

    static func store(_ context: CommandContext) -> OperatorStore {
        OperatorStore(database: context.database, catalogue: context.table.permissions)
    }

    static func changes(_ arguments: ParsedArguments) -> OperatorChanges {
        var changes = OperatorChanges()
        if arguments.declares("rename") { changes.name = arguments.value("rename") }
        changes.role = arguments.value("role")
        changes.department = arguments.value("dept")
        if arguments.has("login") { changes.logins = arguments.values("login") }
        changes.phone = arguments.value("phone")
        if arguments.declares("enable") && arguments.has("enable") { changes.disabled = false }
        return changes
    }

    static func add(_ context: CommandContext) throws -> CommandOutput {
        let added = try store(context).add(context.arguments.requiredArgument("NAME"), changes(context.arguments), audit: context.audit)
        return .message("added operator '\(added.name)' (role \(added.role))")
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        var table = DataTable(columns: [Column("name"), Column("role"), Column("department"), Column("logins"), Column("phone"),
                                        Column("disabled")])
        for item in try store(context).all() {
            table.append([.text(item.name), .text(item.role), item.department.map(Cell.text) ?? .null,
                          .text(item.logins.joined(separator: " ")), item.phone.map(Cell.text) ?? .null, .bool(item.disabled)])
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let found = try store(context).named(context.arguments.requiredArgument("NAME"))
        var record = DataRecord()
        for (key, value) in found.fields { record.append(key, .text(value)) }
        return .record(record)
    }

    static func edit(_ context: CommandContext) throws -> CommandOutput {
        let edited = try store(context).edit(context.arguments.requiredArgument("NAME"), changes(context.arguments), audit: context.audit)
        return .message("updated operator '\(edited.name)'")
    }

    static func disable(_ context: CommandContext) throws -> CommandOutput {
        var changes = OperatorChanges()
        changes.disabled = true
        let disabled = try store(context).edit(context.arguments.requiredArgument("NAME"), changes, audit: context.audit)
        return .message("disabled operator '\(disabled.name)'")
    }
}
