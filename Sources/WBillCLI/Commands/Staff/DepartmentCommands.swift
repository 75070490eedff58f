import WaterBilling
import WBillSupport

/// `wbill dept …`: the utility's departments.
enum DepartmentCommands {
    static let groups = [
        GroupSpec(["dept"], summary: "departments: the units operators belong to",
                  discussion: "A department groups operators (wbill operator add NAME --dept DEPT). One that has operators cannot be deleted."),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(["dept", "add"], summary: "add a department",
                    arguments: [ArgumentSpec("NAME", help: "the department's name, \(StaffNames.expectedName)")],
                    requirements: .writeDatabase, examples: ["wbill dept add 'Customer service'"], handler: add),
        CommandSpec(["dept", "list"], summary: "list departments with their operator counts",
                    requirements: .readDatabase, listOutput: true, handler: list),
        CommandSpec(["dept", "edit"], summary: "rename a department",
                    options: [.value("rename", .text, placeholder: "NAME", required: true, help: "the new name")],
                    arguments: [ArgumentSpec("NAME", help: "the department")], requirements: .writeDatabase, handler: edit),
        CommandSpec(["dept", "delete"], summary: "delete a department no operator belongs to",
                    arguments: [ArgumentSpec("NAME", help: "the department")], requirements: .writeDatabase, handler: delete),
    ]

    static func add(_ context: CommandContext) throws -> CommandOutput {
        let department = try DepartmentStore(database: context.database).add(context.arguments.requiredArgument("NAME"),
                                                                              audit: context.audit)
        return .message("added department '\(department.name)'")
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        var table = DataTable(columns: [Column("name"), Column("operators")])
        for (department, operators) in try DepartmentStore(database: context.database).all() {
            table.append([.text(department.name), .integer(Int64(operators))])
        }
        return .table(table)
    }

    static func edit(_ context: CommandContext) throws -> CommandOutput {
        let department = try DepartmentStore(database: context.database).rename(
            context.arguments.requiredArgument("NAME"), to: context.arguments.required("rename"), audit: context.audit)
        return .message("updated department '\(department.name)'")
    }

    static func delete(_ context: CommandContext) throws -> CommandOutput {
        let name = context.arguments.requiredArgument("NAME")
        try DepartmentStore(database: context.database).delete(name, audit: context.audit)
        return .message("deleted department '\(name.trimmed)'")
    }
}
