import WaterBilling
import WBillSupport

/// `wbill meter …`: the meter inventory.
enum MeterCommands {
    static let groups = [
        GroupSpec(["meter"], summary: "meters: the inventory, each meter's history, bulk import, exchange, groups",
                  discussion: """
                    A meter enters the system in stock (added one by one or imported in bulk), is
                    installed when a customer is registered with it (or exchanged for a meter on an
                    account: `wbill meter exchange`), and is removed when exchanged or retired; it
                    can be marked faulty while in stock. Every change is recorded with its time and
                    operator: `wbill meter show SERIAL` prints the history. Serials are
                    unique; surrounding spaces are ignored and letters are stored in upper case.
                    """,
                  manualSections: [(title: "Import file", text: MeterImportCommand.fileFormat)]),
        GroupSpec(["meter", "group"], summary: "meter groups: reading routes with an optional master meter"),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["meter", "add"], summary: "add one meter to stock",
            options: [
                .value("type", .text, placeholder: "NAME", required: true, help: "its meter type"),
                .value("caliber", .text, placeholder: "MM", help: "its caliber in mm (default: the type's only caliber)"),
                .value("manufacturer", .text, placeholder: "TEXT", help: "who made it"),
                .value("model", .text, placeholder: "TEXT", help: "the maker's model"),
                .value("initial-reading", .decimal, placeholder: "READING",
                       help: "the register's reading now, in the utility's volume unit (default: 0)"),
                .value("location", .text, placeholder: "TEXT", help: "where it is"),
                .value("group", .text, placeholder: "NAME", help: "its meter group"),
            ],
            arguments: [ArgumentSpec("SERIAL", help: "its serial number")],
            requirements: .writeDatabase,
            examples: ["wbill meter add WM-000123 --type 'DN20 mechanical' --manufacturer Ningbo --initial-reading 0.5"],
            handler: add),
        CommandSpec(
            ["meter", "list"], summary: "list meters, filtered and paged",
            options: [
                .value("state", .choice(MeterState.allCases.map(\.rawValue)), placeholder: "STATE", help: "in-stock, installed, removed or faulty"),
                .value("type", .text, placeholder: "NAME", help: "only this meter type"),
                .value("group", .text, placeholder: "NAME", help: "only this meter group"),
                .value("manufacturer", .text, placeholder: "TEXT", help: "only this manufacturer"),
                .value("prefix", .text, placeholder: "TEXT", help: "only serials starting with TEXT"),
            ] + Paging.rows(limit: "at most N meters"),
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill meter list --state in-stock --type 'DN20 mechanical' --limit 50 --offset 100", "wbill meter list --format csv > meters.csv"],
            handler: list),
        CommandSpec(["meter", "show"], summary: "show a meter and its history",
                    arguments: [ArgumentSpec("SERIAL", help: "the meter")], requirements: .readDatabase, listOutput: true, handler: show),
        CommandSpec(
            ["meter", "edit"], summary: "change a meter's details, or mark it faulty or repaired",
            discussion: "Type, caliber and initial reading can change only while the meter is in stock.",
            options: [
                .value("type", .text, placeholder: "NAME", help: "a new meter type"),
                .value("caliber", .text, placeholder: "MM", help: "a new caliber in mm"),
                .value("manufacturer", .text, placeholder: "TEXT", help: "a new manufacturer"),
                .value("model", .text, placeholder: "TEXT", help: "a new model"),
                .value("initial-reading", .decimal, placeholder: "READING", help: "a corrected initial reading"),
                .value("location", .text, placeholder: "TEXT", help: "a new location"),
                .value("state", .choice(["in-stock", "faulty"]), placeholder: "STATE", help: "faulty, or in-stock for a repaired meter"),
            ],
            arguments: [ArgumentSpec("SERIAL", help: "the meter")], requirements: .writeDatabase, handler: edit),
        CommandSpec(
            ["meter", "retire"], summary: "take a meter in stock or faulty out of service for good",
            options: [.value("reason", .text, placeholder: "TEXT", required: true, help: "why (kept in its history)")],
            arguments: [ArgumentSpec("SERIAL", help: "the meter")], requirements: .writeDatabase, handler: retire),
        MeterImportCommand.command,
        MeterExchangeCommand.command,
    ] + MeterGroupCommands.commands

    static func add(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let draft = MeterDraft(
            serial: arguments.requiredArgument("SERIAL"), typeName: arguments.required("type"), caliber: arguments.value("caliber") ?? "",
            manufacturer: arguments.value("manufacturer") ?? "", model: arguments.value("model") ?? "",
            initialReading: arguments.value("initial-reading") ?? "", location: arguments.value("location") ?? "",
            group: arguments.value("group") ?? "")
        let meter = try MeterStore(database: context.database).add(draft, audit: context.audit)
        return .message("added meter \(meter.serial) (\(meter.typeName), DN\(meter.caliber)) to stock")
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let paging = try Paging(context)
        let filter = MeterFilter(
            state: arguments.choice("state", as: MeterState.self), typeName: arguments.value("type"),
            group: arguments.value("group"), manufacturer: arguments.value("manufacturer"), serialPrefix: arguments.value("prefix"),
            limit: paging.limit, offset: paging.offset)
        var table = DataTable(columns: MeterViews.columns(try context.volumeUnit()))
        for meter in try MeterStore(database: context.database).list(filter) {
            table.append(MeterViews.row(meter))
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let store = MeterStore(database: context.database)
        let meter = try store.find(context.arguments.requiredArgument("SERIAL"))
        var record = DataRecord()
        for (column, cell) in zip(MeterViews.columns(try context.volumeUnit()), MeterViews.row(meter)) { record.fields.append((column, cell)) }
        record.append("created_at", .text(meter.createdAt))
        record.append("created_by", .text(meter.createdBy))
        var history = DataTable(columns: [Column("at"), Column("operator"), Column("event"), Column("from_state", title: "FROM"),
                                          Column("to_state", title: "TO"), Column("detail")])
        for entry in try store.history(of: meter) {
            history.append([.text(entry.at), .text(entry.operatorName), .text(entry.event),
                            entry.fromState.map(Cell.text) ?? .null, entry.toState.map(Cell.text) ?? .null, .text(entry.detail)])
        }
        return .document(DataDocument(record: record, sections: [.init(key: "history", title: "History", table: history)]))
    }

    static func edit(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        var changes = MeterChanges()
        changes.typeName = arguments.value("type")
        changes.caliber = arguments.value("caliber")
        changes.manufacturer = arguments.value("manufacturer")
        changes.model = arguments.value("model")
        changes.initialReading = arguments.value("initial-reading")
        changes.location = arguments.value("location")
        changes.state = arguments.choice("state", as: MeterState.self)
        let meter = try MeterStore(database: context.database).edit(arguments.requiredArgument("SERIAL"), changes, audit: context.audit)
        return .message("updated meter \(meter.serial) (\(meter.state.rawValue))")
    }

    static func retire(_ context: CommandContext) throws -> CommandOutput {
        let meter = try MeterStore(database: context.database)
            .retire(context.arguments.requiredArgument("SERIAL"), reason: context.arguments.required("reason"), audit: context.audit)
        return .message("retired meter \(meter.serial)")
    }
}
