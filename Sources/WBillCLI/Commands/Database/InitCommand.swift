import WaterBilling
import WBillSupport

/// `wbill init`: create the database, or bring an existing one up to date.
enum InitCommand {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["init"], summary: "create the database, or bring an existing one up to date",
            discussion: """
                Creates the database file (mode 0600; missing parent directories are created with
                mode 0700) and applies every schema migration. Running it again is safe: a current
                database is left as it is, an older one is migrated. The file is chosen by --db,
                else $WBILL_DB, else $XDG_DATA_HOME/wbill/wbill.db.

                The currency is chosen once, here: money is stored in its minor unit (fen, cents).
                Known codes carry their minor unit (CNY 2, JPY 0, KWD 3 …); any other code needs
                --minor-unit.

                Account numbers are a prefix and a zero-padded sequence: AC00000001 unless
                --account-prefix (1 to 8 letters A-Z or '-') and --account-digits
                (4 to 12) say otherwise. They can be changed by running init again; accounts
                already open keep their numbers.
                """,
            options: [
                .value("currency", .text, placeholder: "CODE", help: "the utility's currency, ISO 4217 (default: CNY)"),
                .value("minor-unit", .integer, placeholder: "N", help: "decimals of the currency's minor unit, for a code wbill does not know"),
                .value("account-prefix", .text, placeholder: "TEXT", help: "the letters account numbers start with (default: AC)"),
                .value("account-digits", .integer, placeholder: "N", help: "the digits of the sequence in account numbers, 4 to 12 (default: 8)"),
            ],
            examples: ["wbill init", "wbill --db /srv/water/wbill.db init --currency USD --account-prefix W --account-digits 10"],
            handler: run),
    ]

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let path = context.settings.databasePath
        let audit = context.auditContext
        let requested = try requestedCurrency(context.arguments)
        var wasNew = false
        let creation = try DatabaseFile.create(at: path, time: context.settings.now) { migration, database in
            let trail = AuditTrail(database: database, context: audit)
            if migration.version == 1 {
                wasNew = true
                try trail.record(entity: "database", id: path, action: "create")
            }
            try trail.record(entity: "schema", id: String(migration.version), action: "migrate",
                             changes: [AuditChange("version", old: String(migration.version - 1),
                                                   new: String(migration.version)),
                                       AuditChange("name", old: nil, new: migration.name)])
        }
        let settings = UtilitySettings(database: creation.database)
        var currencyChosenNow = false
        let currency = try creation.database.writeTransaction {
            let isSet = try settings.value("currency") != nil
            guard let currency = requested ?? (isSet ? nil : .cny) else { return try settings.currency() }
            if !isSet {
                currencyChosenNow = true
                try AuditTrail(database: creation.database, context: audit)
                    .record(entity: "setting", id: "currency", action: "create",
                            changes: [AuditChange("currency", old: nil, new: "\(currency.code) (\(currency.minorUnit) decimals)")])
            }
            try settings.setCurrency(currency)
            return currency
        }
        let numbering = try creation.database.writeTransaction {
            try storeNumbering(context.arguments, database: creation.database, audit: audit)
        }
        let numberingLine = numbering.map { "\nnew accounts will be numbered \($0.number(1)), \($0.number(2)), …" } ?? ""
        let version = try Migrator.currentVersion(of: creation.database)
        if wasNew {
            return .message("created wbill database \(path) (schema version \(version), currency \(currency.code))" + numberingLine)
        }
        if let first = creation.applied.first {
            return .message("migrated \(path) from schema version \(first.version - 1) to \(version)"
                + (currencyChosenNow ? "; currency \(currency.code)" : "") + numberingLine)
        }
        if currencyChosenNow {
            return .message("\(path) is a current wbill database (schema version \(version)); its currency is now \(currency.code)"
                + numberingLine)
        }
        return .message("\(path) is already a current wbill database (schema version \(version))"
                        + (numbering == nil ? "; nothing to do" : numberingLine))
    }

    /// Stores `--account-prefix` and `--account-digits` when given, with an audit entry.
    /// - Returns: the new numbering when it changed.
    static func storeNumbering(_ arguments: ParsedArguments, database: Database, audit: AuditContext) throws -> AccountNumbering? {
        guard arguments.has("account-prefix") || arguments.has("account-digits") else { return nil }
        let current = try AccountNumbering.current(in: database)
        let prefix = arguments.value("account-prefix") ?? current.prefix
        let digits = arguments.integer("account-digits") ?? current.digits
        let numbering: AccountNumbering
        do {
            numbering = try AccountNumbering(prefix: prefix, digits: digits)
        } catch let error as AccountError {
            throw UsageError(error.description, command: "wbill init")
        }
        guard numbering != current else { return nil }
        try numbering.store(in: database)
        try AuditTrail(database: database, context: audit).record(
            entity: "setting", id: "account_numbering", action: "update",
            changes: [AuditChange("account_number_prefix", old: current.prefix, new: numbering.prefix),
                      AuditChange("account_number_digits", old: String(current.digits), new: String(numbering.digits))])
        return numbering
    }

    /// `--currency` with `--minor-unit` for codes wbill does not know; `nil` when not given.
    static func requestedCurrency(_ arguments: ParsedArguments) throws -> Currency? {
        guard let given = arguments.value("currency") else {
            if arguments.has("minor-unit") {
                throw UsageError("--minor-unit goes with --currency", command: "wbill init")
            }
            return nil
        }
        let code = given.uppercased()
        if let minorUnit = arguments.integer("minor-unit") {
            return try Currency(code: code, minorUnit: minorUnit)
        }
        if let known = Currency.lookup(code) { return known }
        throw UsageError("wbill does not know the minor unit of currency '\(code)'; add --minor-unit N (0 to 4)", command: "wbill init")
    }
}
