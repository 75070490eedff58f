import WaterBilling
import WBillSupport

/// `wbill meter group …`: reading routes.
enum MeterGroupCommands {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["meter", "group", "add"], summary: "add a meter group",
            options: [
                .value("reader", .text, placeholder: "NAME", help: "the staff member who reads it"),
                .value("master", .text, placeholder: "SERIAL", help: "its master (district) meter"),
            ],
            arguments: [ArgumentSpec("NAME", help: "the group's name, e.g. 'Route 7'")], requirements: .writeDatabase, handler: add),
        CommandSpec(["meter", "group", "list"], summary: "list meter groups with their member counts",
                    requirements: .readDatabase, listOutput: true, handler: list),
        CommandSpec(["meter", "group", "show"], summary: "show a meter group and its meters",
                    arguments: [ArgumentSpec("NAME", help: "the group")], requirements: .readDatabase, listOutput: true, handler: show),
        CommandSpec(
            ["meter", "group", "assign"], summary: "put meters into a group",
            discussion: "Meters in another group move to this one. With --file, serials are read one per line ('-' for standard input).",
            options: [.value("file", .inputFile, placeholder: "FILE", help: "read serials from FILE, one per line")],
            arguments: [ArgumentSpec("NAME", help: "the group"), ArgumentSpec("SERIAL", optional: true, variadic: true, help: "meters to assign")],
            requirements: .writeDatabase, handler: assign),
        CommandSpec(
            ["meter", "group", "unassign"], summary: "take meters out of a group",
            options: [.value("file", .inputFile, placeholder: "FILE", help: "read serials from FILE, one per line")],
            arguments: [ArgumentSpec("NAME", help: "the group"), ArgumentSpec("SERIAL", optional: true, variadic: true, help: "meters to unassign")],
            requirements: .writeDatabase, handler: unassign),
        CommandSpec(
            ["meter", "group", "delete"], summary: "delete a meter group",
            options: [.flag("force", help: "delete it even though it has meters (they become ungrouped)")],
            arguments: [ArgumentSpec("NAME", help: "the group")], requirements: .writeDatabase, handler: delete),
    ]

    static func add(_ context: CommandContext) throws -> CommandOutput {
        let group = try MeterGroupStore(database: context.database).add(
            name: context.arguments.requiredArgument("NAME"), reader: context.arguments.value("reader"),
            masterSerial: context.arguments.value("master"), audit: context.audit)
        return .message("added meter group '\(group.name)'")
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        var table = DataTable(columns: [Column("name"), Column("reader"), Column("master"), Column("meters")])
        for group in try MeterGroupStore(database: context.database).all() {
            table.append([.text(group.name), group.reader.map(Cell.text) ?? .null, group.masterSerial.map(Cell.text) ?? .null,
                          .integer(Int64(group.memberCount))])
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let store = MeterGroupStore(database: context.database)
        let group = try store.named(context.arguments.requiredArgument("NAME"))
        var record = DataRecord()
        record.append("name", .text(group.name))
        record.append("reader", group.reader.map(Cell.text) ?? .null)
        record.append("master", group.masterSerial.map(Cell.text) ?? .null)
        record.append("meters", .integer(Int64(group.memberCount)))
        var members = DataTable(columns: MeterViews.columns(try context.volumeUnit()))
        for meter in try store.members(of: group) { members.append(MeterViews.row(meter)) }
        return .document(DataDocument(record: record, sections: [.init(key: "members", title: "Meters", table: members)]))
    }

    static func serials(_ context: CommandContext) throws -> [String] {
        var serials = context.arguments.arguments("SERIAL")
        if let file = context.arguments.value("file") {
            let text = try InputFile.readText(file)
            serials += text.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
        }
        guard !serials.isEmpty else {
            throw context.usageError("give at least one SERIAL, or --file FILE")
        }
        return serials
    }

    static func assign(_ context: CommandContext) throws -> CommandOutput {
        let name = context.arguments.requiredArgument("NAME")
        let moved = try MeterGroupStore(database: context.database).assign(try serials(context), to: name, audit: context.audit)
        return .message("assigned \(moved) meter(s) to group '\(name)'")
    }

    static func unassign(_ context: CommandContext) throws -> CommandOutput {
        let name = context.arguments.requiredArgument("NAME")
        let moved = try MeterGroupStore(database: context.database).unassign(try serials(context), from: name, audit: context.audit)
        return .message("unassigned \(moved) meter(s) from group '\(name)'")
    }

    static func delete(_ context: CommandContext) throws -> CommandOutput {
        let name = context.arguments.requiredArgument("NAME")
        try MeterGroupStore(database: context.database).delete(name, force: context.arguments.has("force"), audit: context.audit)
        return .message("deleted meter group '\(name)'")
    }
}
