import WaterBilling
import WBillSupport

/// `wbill customer-type …`: classes of customer and their rules.
enum CustomerTypeCommands {
    static let groups = [
        GroupSpec(["customer-type"], summary: "customer types: water nature, business mode, meters, tariff, channels",
                  discussion: """
                    A customer type is chosen when a customer is registered. Its rules:
                    (1) its tariff must exist and match its business mode: a postpaid mode takes a
                    postpaid tariff, meter-prepaid and system-prepaid take the prepaid tariff of the
                    same kind; (2) every meter type it allows must have the payment model its mode
                    needs: prepaid for meter-prepaid, postpaid for system-prepaid and postpaid;
                    (3) --count-consumption no keeps its water out of consumption statistics;
                    (4) --charge yes needs a tariff and at least one payment channel, --charge no
                    bills nothing; (5) once any account uses it, it can be neither edited nor deleted.
                    """),
    ]

    static let fieldOptions: [OptionSpec] = [
        .value("water-nature", .choice(WaterNature.allCases.map(\.rawValue)), placeholder: "NATURE",
               help: "residential, commercial, industrial, special, public or statistical"),
        .value("business-mode", .choice(BusinessMode.allCases.map(\.rawValue)), placeholder: "MODE",
               help: "meter-prepaid, system-prepaid or postpaid"),
        .value("meter-type", .text, placeholder: "NAME", repeatable: true, help: "a meter type its customers may have"),
        .value("count-consumption", .choice(["yes", "no"]), placeholder: "YES|NO", help: "count its water in consumption statistics (default: yes)"),
        .value("charge", .choice(["yes", "no"]), placeholder: "YES|NO", help: "bill it (default: yes)"),
        .value("tariff", .text, placeholder: "NAME", help: "its tariff (required when it charges)"),
        .value("channel", .choice(PaymentChannel.allCases.map(\.rawValue)), placeholder: "CHANNEL", repeatable: true,
               help: "a payment channel it accepts: " + PaymentChannel.allCases.map(\.rawValue).joined(separator: ", ")),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["customer-type", "add"], summary: "add a customer type",
            options: fieldOptions.map { option in
                ["water-nature", "business-mode", "meter-type"].contains(option.long)
                    ? OptionSpec.value(option.long, option.kind!, placeholder: option.placeholder, repeatable: option.repeatable,
                                       required: true, help: option.help)
                    : option
            },
            arguments: [ArgumentSpec("NAME", help: "the type's name, e.g. 'Residential'")],
            requirements: .writeDatabase,
            examples: ["wbill customer-type add Residential --water-nature residential --business-mode postpaid --meter-type 'DN20 mechanical' --tariff 'Residential tiers' --channel cash --channel wechat"],
            handler: add),
        CommandSpec(["customer-type", "list"], summary: "list customer types", requirements: .readDatabase, listOutput: true, handler: list),
        CommandSpec(["customer-type", "show"], summary: "show one customer type and how many accounts use it",
                    arguments: [ArgumentSpec("NAME", help: "the customer type")], requirements: .readDatabase, listOutput: true, handler: show),
        CommandSpec(
            ["customer-type", "edit"], summary: "change a customer type no account uses yet",
            discussion: "--meter-type and --channel, when given, replace the whole list.",
            options: [.value("rename", .text, placeholder: "NAME", help: "a new name")] + fieldOptions,
            arguments: [ArgumentSpec("NAME", help: "the customer type")], requirements: .writeDatabase, handler: edit),
        CommandSpec(["customer-type", "delete"], summary: "delete a customer type no account uses",
                    arguments: [ArgumentSpec("NAME", help: "the customer type")], requirements: .writeDatabase, handler: delete),
    ]

    static func add(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let draft = CustomerTypeDraft(
            name: arguments.requiredArgument("NAME"),
            waterNature: arguments.requiredChoice("water-nature", as: WaterNature.self),
            businessMode: arguments.requiredChoice("business-mode", as: BusinessMode.self),
            meterTypes: arguments.values("meter-type"),
            countsConsumption: arguments.value("count-consumption") != "no",
            charges: arguments.value("charge") != "no",
            tariff: arguments.value("tariff"),
            channels: arguments.values("channel").compactMap(PaymentChannel.init(rawValue:)))
        let type = try CustomerTypeStore(database: context.database).add(draft, audit: context.audit)
        return .message("added customer type '\(type.name)'")
    }

    static func edit(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let store = CustomerTypeStore(database: context.database)
        var changes = CustomerTypeChanges()
        changes.name = arguments.value("rename")
        changes.waterNature = arguments.choice("water-nature", as: WaterNature.self)
        changes.businessMode = arguments.choice("business-mode", as: BusinessMode.self)
        if arguments.has("meter-type") { changes.meterTypes = arguments.values("meter-type") }
        changes.countsConsumption = arguments.value("count-consumption").map { $0 == "yes" }
        changes.charges = arguments.value("charge").map { $0 == "yes" }
        changes.tariff = arguments.value("tariff")
        if arguments.has("channel") { changes.channels = arguments.values("channel").compactMap(PaymentChannel.init(rawValue:)) }
        let type = try store.edit(arguments.requiredArgument("NAME"), changes, audit: context.audit)
        return .message("updated customer type '\(type.name)'")
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        let store = CustomerTypeStore(database: context.database)
        var table = DataTable(columns: [
            Column("name"), Column("water_nature", title: "NATURE"), Column("business_mode", title: "MODE"),
            Column("meter_types"), Column("count_consumption", title: "COUNTED"), Column("charge"), Column("tariff"),
            Column("channels"), Column("accounts"),
        ])
        for type in try store.all() {
            table.append([.text(type.name), .text(type.waterNature.rawValue), .text(type.businessMode.rawValue),
                          .text(type.meterTypes.joined(separator: ", ")), .bool(type.countsConsumption), .bool(type.charges),
                          type.tariff.map(Cell.text) ?? .null, .text(type.channels.map(\.rawValue).joined(separator: ", ")),
                          .integer(Int64(try store.accountCount(type.id)))])
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let store = CustomerTypeStore(database: context.database)
        let type = try store.named(context.arguments.requiredArgument("NAME"))
        var record = DataRecord()
        for (key, value) in store.fields(of: type) { record.append(key, .text(value)) }
        record.append("accounts", .integer(Int64(try store.accountCount(type.id))))
        return .record(record)
    }

    static func delete(_ context: CommandContext) throws -> CommandOutput {
        let name = context.arguments.requiredArgument("NAME")
        try CustomerTypeStore(database: context.database).delete(name, audit: context.audit)
        return .message("deleted customer type '\(name)'")
    }
}
