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
                database is left as it is, an older one is migrated. An existing file whose mode
                lets other users (its group or anyone) read or write it is made 0600, with a warning. The file is chosen by --db,
                else $WBILL_DB, else $XDG_DATA_HOME/wbill/wbill.db.

                The currency is chosen once, here: money is stored in its minor unit (fen, cents).
                Known codes carry their minor unit (CNY 2, JPY 0, KWD 3 …); any other code needs
                --minor-unit.

                Account numbers are a prefix and a zero-padded sequence: AC00000001 unless
                --account-prefix (1 to 8 letters A-Z or '-') and --account-digits
                (4 to 12) say otherwise. They can be changed by running init again; accounts
                already open keep their numbers.

                One recharge, refund or adjustment moves at most 1000000 in the currency (1000000.00
                CNY) unless --max-transaction says otherwise; running init again changes it. A larger
                amount is refused (exit 1), so that a slip of the keyboard cannot reach the ledger.

                Volumes are in cubic metres unless --volume-unit chooses hundred cubic feet (ccf),
                thousands of gallons (kgal) or gallons (gal). Nothing is converted: tariffs, readings
                and quotes are in the chosen unit, and headers and messages name it (a quote's VOLUME
                column only when it is not m³). Running init again changes it only while no tariff
                or meter exists (exit 1 after).
                """,
            options: [
                .value("currency", .text, placeholder: "CODE", help: "the utility's currency, ISO 4217 (default: CNY)"),
                .value("minor-unit", .integer, placeholder: "N", help: "decimals of the currency's minor unit, for a code wbill does not know"),
                .value("account-prefix", .text, placeholder: "TEXT", help: "the letters account numbers start with (default: AC)"),
                .value("account-digits", .integer, placeholder: "N", help: "the digits of the sequence in account numbers, 4 to 12 (default: 8)"),
                .value("max-transaction", .decimal, placeholder: "AMOUNT",
                       help: "the most one recharge, refund or adjustment may move (default: 1000000 in the currency)"),
                .value("volume-unit", .choice(VolumeUnit.allCases.map(\.rawValue)), placeholder: "UNIT",
                       help: "the unit volumes are billed in: m3, ccf (hundred cubic feet), kgal or gal (default: m3)"),
            ],
            requirements: Requirements(database: .none, effect: .changes),
            examples: ["wbill init", "wbill --db /srv/water/wbill.db init --currency USD --account-prefix W --account-digits 10",
                       "wbill init --currency USD --volume-unit ccf"],
            handler: run),
    ]

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let path = context.settings.databasePath
        let arguments = context.arguments
        let request = SetupRequest(currency: try requestedCurrency(context), accountPrefix: arguments.value("account-prefix"),
                                   accountDigits: arguments.integer("account-digits"),
                                   transactionLimit: arguments.value("max-transaction"),
                                   volumeUnit: arguments.choice("volume-unit", as: VolumeUnit.self))
        let setup: SetupResult
        do {
            setup = try UtilitySetup.run(at: path, request, context: context.auditContext)
        } catch let error as AccountError {
            throw context.usageError(error.description)
        } catch SettingsError.invalidTransactionLimit(let text, let reason) {
            throw context.usageError("invalid value '\(text)' for --max-transaction: \(reason)")
        }
        if let tightened = setup.tightened {
            let mode = "0" + String(tightened.before, radix: 8)
            if let failure = tightened.failure {
                context.warn("\(path) has mode \(mode), which lets other users \(tightened.othersMay) it, and it cannot be made 0600: \(failure)")
            } else {
                context.warn("\(path) had mode \(mode), which lets other users \(tightened.othersMay) it; its mode is now 0600")
            }
        }
        let currency = setup.currency.code
        let settingLines = (setup.volumeUnit.map { "\nvolumes are now in \($0)" } ?? "")
            + (setup.numbering.map { "\nnew accounts will be numbered \($0.number(1)), \($0.number(2)), …" } ?? "")
            + (setup.transactionLimit.map { "\none recharge, refund or adjustment may now move at most \($0.formatted(withCode: true))" } ?? "")
        let version = setup.schemaVersion
        if setup.created {
            return .message("created wbill database \(path) (schema version \(version), currency \(currency))" + settingLines)
        }
        if let from = setup.migratedFrom {
            return .message("migrated \(path) from schema version \(from) to \(version)"
                + (setup.currencyChosenNow ? "; currency \(currency)" : "") + settingLines)
        }
        if setup.currencyChosenNow {
            return .message("\(path) is a current wbill database (schema version \(version)); its currency is now \(currency)"
                + settingLines)
        }
        return .message("\(path) is already a current wbill database (schema version \(version))"
                        + (settingLines.isEmpty ? "; nothing to do" : settingLines))
    }

    /// `--currency` with `--minor-unit` for codes wbill does not know; `nil` when not given.
    static func requestedCurrency(_ context: CommandContext) throws -> Currency? {
        let arguments = context.arguments
        guard let given = arguments.value("currency") else {
            if arguments.has("minor-unit") {
                throw context.usageError("--minor-unit goes with --currency")
            }
            return nil
        }
        let code = given.uppercased()
        if let minorUnit = arguments.integer("minor-unit") {
            return try Currency(code: code, minorUnit: minorUnit)
        }
        if let known = Currency.lookup(code) { return known }
        throw context.usageError("wbill does not know the minor unit of currency '\(code)'; add --minor-unit N (0 to 4)")
    }
}
