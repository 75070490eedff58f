import WaterBilling
import WBillSupport

/// `wbill tariff …`: price schemes, their effective-dated versions, and quotes.
enum TariffCommands {
    static let groups = [
        GroupSpec(["tariff"], summary: "price schemes: tiers, components, seasons, fixed charges, versions; quotes",
                  discussion: """
                    A tariff turns a consumption over a span of days into itemised, exactly rounded
                    lines. It is written as a TOML file (see TARIFF FILE below), checked strictly, and
                    stored verbatim as version 1; 'wbill tariff edit' adds later versions, each in
                    effect from its date, while earlier versions keep pricing their own days.

                    'wbill tariff quote' prices a volume with the same engine that bill runs and
                    prepaid deductions use, so a quote is what a bill for that consumption says.
                    Tariffs must be in the utility's currency, and their volumes and rates are in its
                    volume unit, both chosen at 'wbill init'.
                    """,
                  manualSections: TariffManual.sections),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["tariff", "add"], summary: "add a tariff from a TOML file",
            discussion: """
                The file is checked as 'wbill tariff check' does; nothing is stored when it has a
                mistake (exit 65). Version 1 prices every day from --effective, or any day when
                --effective is not given. A proportional tariff's parts must exist already and be of
                the same kind.
                """,
            options: [
                .value("file", short: "f", .inputFile, placeholder: "FILE", required: true, help: "the tariff file (TOML)"),
                .value("effective", .date, placeholder: "DATE", help: "the first day version 1 prices (default: any day)"),
            ],
            requirements: .writeDatabase,
            examples: ["wbill tariff add --file examples/tariffs/residential-annual.toml"],
            handler: add),
        CommandSpec(
            ["tariff", "edit"], summary: "add a new version of a tariff, in effect from a date",
            discussion: """
                The new version prices the days from --effective on, which must be after the latest
                version's date; earlier versions stay and keep pricing their days, so a bill for an
                old period is priced as before. The file must keep the tariff's name and kind.
                """,
            options: [
                .value("file", short: "f", .inputFile, placeholder: "FILE", required: true, help: "the new version's file (TOML)"),
                .value("effective", .date, placeholder: "DATE", required: true, help: "the first day the new version prices"),
            ],
            arguments: [ArgumentSpec("NAME", help: "the tariff")],
            requirements: .writeDatabase,
            examples: ["wbill tariff edit residential-annual --file residential-2027.toml --effective 2027-01-01"],
            handler: edit),
        CommandSpec(
            ["tariff", "list"], summary: "list tariffs with the version in effect today",
            discussion: "SINCE is empty when the version in effect prices any day (it was added without --effective).",
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill tariff list", "wbill tariff list --format json"],
            handler: list),
        CommandSpec(
            ["tariff", "show"], summary: "show one version of a tariff, with its file",
            discussion: """
                Shows the version in effect today unless --version or --on says otherwise, with the
                file it was added from. Effective from is empty for a version that prices any day;
                effective until is the day before the next version starts.
                """,
            options: [
                .value("version", .integer, placeholder: "N", help: "show version N"),
                .value("on", .date, placeholder: "DATE", help: "show the version in effect on DATE"),
            ],
            arguments: [ArgumentSpec("NAME", help: "the tariff")],
            requirements: .readDatabase,
            examples: ["wbill tariff show residential-annual", "wbill tariff show residential-annual --on 2026-06-30"],
            handler: show),
        CommandSpec(
            ["tariff", "delete"], summary: "delete a tariff and all its versions",
            discussion: """
                Refused (exit 1) while a customer type uses the tariff or a proportional tariff splits
                volume into it.
                """,
            arguments: [ArgumentSpec("NAME", help: "the tariff")],
            requirements: .writeDatabase,
            examples: ["wbill tariff delete old-commercial"],
            handler: delete),
        CommandSpec(
            ["tariff", "check"], summary: "validate a tariff file without storing it",
            discussion: """
                Exit 0 when the file is a valid tariff. A mistake is reported as
                FILE:LINE:COLUMN: KEY.PATH: what was expected, found what, with exit 65. It does not
                open the database: whether the currency is the utility's, and whether a proportional
                tariff's parts exist, is checked by 'wbill tariff add', and its messages name no volume
                unit ('wbill tariff add' names the utility's).
                """,
            options: [.value("file", short: "f", .inputFile, placeholder: "FILE", required: true, help: "the tariff file (TOML)")],
            examples: ["wbill tariff check --file examples/tariffs/us-municipal.toml"],
            handler: check),
        TariffQuoteCommand.command,
    ]

    static func add(_ context: CommandContext) throws -> CommandOutput {
        let file = try TariffFileLoader.load(path: context.arguments.required("file"), volumeUnit: try context.volumeUnit())
        let effective = context.arguments.date("effective") ?? TariffVersion.beginning
        let tariff = try TariffStore(database: context.database).add(file, effectiveFrom: effective, audit: context.audit)
        return .message("added tariff '\(tariff.name)' (\(tariff.kind.rawValue), \(tariff.currency.code)): version 1 "
                        + (effective == TariffVersion.beginning ? "prices any day" : "in effect from \(effective)"))
    }

    static func edit(_ context: CommandContext) throws -> CommandOutput {
        let file = try TariffFileLoader.load(path: context.arguments.required("file"), volumeUnit: try context.volumeUnit())
        let effective = context.arguments.requiredDate("effective")
        let store = TariffStore(database: context.database)
        let version = try store.addVersion(to: context.arguments.requiredArgument("NAME"), file, effectiveFrom: effective,
                                           audit: context.audit)
        let name = version.definition.name
        return .message("added version \(version.number) of tariff '\(name)', in effect from \(effective); "
                        + "earlier versions keep pricing the days before")
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        let today = context.settings.now.date
        var table = DataTable(columns: [
            Column("name"), Column("kind"), Column("currency"), Column("versions"),
            Column("current_version", title: "IN EFFECT"), Column("effective_from", title: "SINCE"),
            Column("customer_types", title: "CUSTOMER TYPES"),
        ])
        for tariff in try TariffStore(database: context.database).list(on: today) {
            table.append([
                .text(tariff.name), .text(tariff.kind.rawValue), .text(tariff.currency), .integer(Int64(tariff.versions)),
                tariff.current.map { .integer(Int64($0)) } ?? .null, effectiveCell(tariff.currentFrom),
                .integer(Int64(tariff.customerTypes)),
            ])
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        if arguments.has("version") && arguments.has("on") {
            throw context.usageError("give --version or --on, not both")
        }
        let store = TariffStore(database: context.database)
        let tariff = try store.tariff(named: arguments.requiredArgument("NAME"))
        let version: TariffVersion
        if let number = arguments.integer("version") {
            guard let found = tariff.versions.first(where: { $0.number == number }) else {
                throw TariffStoreError.unknownVersion(name: tariff.name, version: number, latest: tariff.versions.count)
            }
            version = found
        } else {
            let date = arguments.date("on") ?? context.settings.now.date
            guard let found = tariff.version(on: date) else {
                throw TariffStoreError.noVersionOn(name: tariff.name, date: date, firstEffective: tariff.versions[0].effectiveFrom)
            }
            version = found
        }
        return .record(try TariffDescription.record(of: tariff, version: version, store: store, unit: try context.volumeUnit()))
    }

    static func delete(_ context: CommandContext) throws -> CommandOutput {
        let tariff = try TariffStore(database: context.database).delete(named: context.arguments.requiredArgument("NAME"),
                                                                        audit: context.audit)
        let count = tariff.versions.count
        return .message("deleted tariff '\(tariff.name)' and its \(count) version\(count == 1 ? "" : "s")")
    }

    static func check(_ context: CommandContext) throws -> CommandOutput {
        let file = try TariffFileLoader.load(path: context.arguments.required("file"))
        return .message("\(file.path): tariff '\(file.definition.name)' is valid (\(TariffDescription.summary(file.definition)))")
    }

    /// An effective date as a cell: empty (JSON null) for a version that prices any day.
    static func effectiveCell(_ date: CivilDate?) -> Cell {
        guard let date, date != TariffVersion.beginning else { return .null }
        return .text(date.description)
    }
}
