import WaterBilling
import WBillSupport

/// `wbill meter-type …`: the catalogue of meter models.
enum MeterTypeCommands {
    static let groups = [
        GroupSpec(["meter-type"], summary: "meter types: the catalogue of meter models",
                  discussion: """
                    A meter type says what kind of device a meter is (mechanical, ic-card, remote,
                    ultrasonic, large-caliber), whether it is prepaid or postpaid, its calibers in mm,
                    whether it has a valve, how it is read, and how many digits of whole volume units
                    its register has (a 5-digit register rolls over after 99999 units; the unit is the
                    utility's, m³ unless 'wbill init --volume-unit' chose another). Once meters of a
                    type exist, only its name can change and calibers can only be added.
                    """),
    ]

    static let fieldOptions: [OptionSpec] = [
        .value("kind", .choice(MeterKind.allCases.map(\.rawValue)), placeholder: "KIND", help: "mechanical, ic-card, remote, ultrasonic or large-caliber"),
        .value("payment-model", .choice(PaymentModel.allCases.map(\.rawValue)), placeholder: "MODEL", help: "prepaid or postpaid"),
        .value("caliber", .integer, placeholder: "MM", repeatable: true, help: "a nominal diameter in mm (DN15 is 15)"),
        .value("valve", .choice(["yes", "no"]), placeholder: "YES|NO", help: "whether the meter has a valve the system can close (default: no)"),
        .value("reading", .choice(ReadingMethod.allCases.map(\.rawValue)), placeholder: "METHOD",
               help: "manual, remote or card (default: card for ic-card, remote for remote, else manual)"),
        .value("digits", .integer, placeholder: "N", help: "digits of whole volume units on the register, \(DomainLimits.spelled(DomainLimits.registerDigits)) (default: \(DomainLimits.defaultRegisterDigits))"),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["meter-type", "add"], summary: "add a meter type",
            options: fieldOptions.map { option in
                option.long == "kind" || option.long == "payment-model" || option.long == "caliber"
                    ? OptionSpec.value(option.long, option.kind!, placeholder: option.placeholder, repeatable: option.repeatable,
                                       required: true, help: option.help)
                    : option
            },
            arguments: [ArgumentSpec("NAME", help: "the type's name, e.g. 'DN20 mechanical'")],
            requirements: .writeDatabase,
            examples: ["wbill meter-type add 'DN20 mechanical' --kind mechanical --payment-model postpaid --caliber 20",
                       "wbill meter-type add 'IC card DN15' --kind ic-card --payment-model prepaid --caliber 15 --valve yes"],
            handler: add),
        CommandSpec(["meter-type", "list"], summary: "list meter types", requirements: .readDatabase, listOutput: true, handler: list),
        CommandSpec(["meter-type", "show"], summary: "show one meter type and how many meters it has",
                    arguments: [ArgumentSpec("NAME", help: "the meter type")], requirements: .readDatabase, listOutput: true, handler: show),
        CommandSpec(
            ["meter-type", "edit"], summary: "change a meter type",
            discussion: "--caliber, when given, replaces the list of calibers.",
            options: [.value("rename", .text, placeholder: "NAME", help: "a new name")] + fieldOptions,
            arguments: [ArgumentSpec("NAME", help: "the meter type")], requirements: .writeDatabase, handler: edit),
        CommandSpec(["meter-type", "delete"], summary: "delete a meter type no meter or customer type uses",
                    arguments: [ArgumentSpec("NAME", help: "the meter type")], requirements: .writeDatabase, handler: delete),
    ]

    static func add(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let draft = MeterTypeDraft(
            name: arguments.requiredArgument("NAME"), kind: arguments.requiredChoice("kind", as: MeterKind.self),
            paymentModel: arguments.requiredChoice("payment-model", as: PaymentModel.self),
            calibers: arguments.values("caliber").compactMap { Int($0) },
            hasValve: arguments.value("valve") == "yes",
            readingMethod: arguments.choice("reading", as: ReadingMethod.self),
            registerDigits: arguments.integer("digits") ?? DomainLimits.defaultRegisterDigits)
        let type = try MeterTypeStore(database: context.database).add(draft, audit: context.audit)
        return .message("added meter type '\(type.name)'")
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        let store = MeterTypeStore(database: context.database)
        var table = DataTable(columns: [Column("name"), Column("kind"), Column("payment_model"), Column("calibers"),
                                        Column("valve"), Column("reading_method", title: "READING"),
                                        Column("register_digits", title: "DIGITS"), Column("meters")])
        for type in try store.all() {
            table.append([.text(type.name), .text(type.kind.rawValue), .text(type.paymentModel.rawValue),
                          .text(type.calibers.map(String.init).joined(separator: ",")), .bool(type.hasValve),
                          .text(type.readingMethod.rawValue), .integer(Int64(type.registerDigits)),
                          .integer(Int64(try store.meterCount(type.id)))])
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let store = MeterTypeStore(database: context.database)
        let type = try store.named(context.arguments.requiredArgument("NAME"))
        var record = DataRecord()
        for (key, value) in store.fields(of: type) { record.append(key, .text(value)) }
        record.append("meters", .integer(Int64(try store.meterCount(type.id))))
        return .record(record)
    }

    static func edit(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        var changes = MeterTypeChanges()
        changes.name = arguments.value("rename")
        changes.kind = arguments.choice("kind", as: MeterKind.self)
        changes.paymentModel = arguments.choice("payment-model", as: PaymentModel.self)
        changes.calibers = arguments.has("caliber") ? arguments.values("caliber").compactMap { Int($0) } : nil
        changes.hasValve = arguments.value("valve").map { $0 == "yes" }
        changes.readingMethod = arguments.choice("reading", as: ReadingMethod.self)
        changes.registerDigits = arguments.integer("digits")
        let name = arguments.requiredArgument("NAME")
        let type = try MeterTypeStore(database: context.database).edit(name, changes, audit: context.audit)
        return .message("updated meter type '\(type.name)'")
    }

    static func delete(_ context: CommandContext) throws -> CommandOutput {
        let name = context.arguments.requiredArgument("NAME")
        try MeterTypeStore(database: context.database).delete(name, audit: context.audit)
        return .message("deleted meter type '\(name)'")
    }
}
