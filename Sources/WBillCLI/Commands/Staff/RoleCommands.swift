import WaterBilling
import WBillSupport

/// `wbill role …`: roles and the permissions they grant.
enum RoleCommands {
    static let groups = [
        GroupSpec(["role"], summary: "roles: which commands their operators may run",
                  discussion: "A role grants permissions: commands by name, groups by wildcard. The built-in roles never change; copy one with --copy-of.",
                  manualSections: [(title: "PERMISSIONS", text: StaffManual.permissions),
                                   (title: "ENFORCEMENT", text: StaffManual.enforcement)]),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["role", "add"], summary: "add a role",
            options: [
                .value("allow", .text, placeholder: "PERM", repeatable: true,
                       help: "a permission it grants: account.recharge, account.*, *, or one of them with :read"),
                .value("copy-of", .text, placeholder: "ROLE", help: "start from this role's permissions"),
            ],
            arguments: [ArgumentSpec("NAME", help: "the role's name, \(StaffNames.expectedName)")],
            requirements: .writeDatabase,
            examples: ["wbill role add senior-cashier --copy-of cashier --allow account.adjust",
                       "wbill role add counter --allow 'account.*' --allow operator.act-for"],
            handler: add),
        CommandSpec(["role", "list"], summary: "list roles with their permissions and operator counts",
                    requirements: .readDatabase, listOutput: true, handler: list),
        CommandSpec(["role", "show"], summary: "show a role and every command it allows",
                    arguments: [ArgumentSpec("NAME", help: "the role")], requirements: .readDatabase, listOutput: true, handler: show),
        CommandSpec(
            ["role", "edit"], summary: "rename a role or change its permissions (not a built-in one)",
            options: [
                .value("rename", .text, placeholder: "NAME", help: "a new name"),
                .value("allow", .text, placeholder: "PERM", repeatable: true, help: "a permission to add"),
                .value("deny", .text, placeholder: "PERM", repeatable: true, help: "a permission to take away, as the role grants it"),
            ],
            arguments: [ArgumentSpec("NAME", help: "the role")], requirements: .writeDatabase, handler: edit),
        CommandSpec(["role", "delete"], summary: "delete a role no operator has (not a built-in one)",
                    arguments: [ArgumentSpec("NAME", help: "the role")], requirements: .writeDatabase, handler: delete),
    ]

    static func store(_ context: CommandContext) -> RoleStore {
        RoleStore(database: context.database, catalogue: context.table.permissions)
    }

    static func add(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let role = try store(context).add(arguments.requiredArgument("NAME"), grants: arguments.values("allow"),
                                          copyOf: arguments.value("copy-of"), audit: context.audit)
        return .message("added role '\(role.name)': \(role.permissionsText.isEmpty ? "no permissions" : role.permissionsText)")
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        var table = DataTable(columns: [Column("name"), Column("built_in", title: "BUILT-IN"), Column("permissions"), Column("operators")])
        for (role, operators) in try store(context).all() {
            table.append([.text(role.name), .bool(role.builtIn), .text(role.permissionsText), .integer(Int64(operators))])
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let store = store(context)
        let role = try store.named(context.arguments.requiredArgument("NAME"))
        var record = DataRecord()
        record.append("name", .text(role.name))
        record.append("built_in", .bool(role.builtIn), title: "BUILT-IN")
        record.append("permissions", .text(role.permissionsText))
        record.append("operators", .integer(Int64(try store.operatorCount(role))))
        let allowed = context.table.permissions.allowed(by: role.grants).map(\.name)
        record.append("allows", .text(allowed.joined(separator: "\n")))
        return .record(record)
    }

    static func edit(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let role = try store(context).edit(arguments.requiredArgument("NAME"), rename: arguments.value("rename"),
                                           allow: arguments.values("allow"), deny: arguments.values("deny"), audit: context.audit)
        return .message("updated role '\(role.name)': \(role.permissionsText.isEmpty ? "no permissions" : role.permissionsText)")
    }

    static func delete(_ context: CommandContext) throws -> CommandOutput {
        let name = context.arguments.requiredArgument("NAME")
        let role = try store(context).named(name)
        try store(context).delete(name, audit: context.audit)
        return .message("deleted role '\(role.name)'")
    }
}
