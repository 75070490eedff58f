import WBillSupport

/// What setting up a utility's database asks for; nil fields keep what is stored (or the defaults).
public struct SetupRequest: Sendable {
    /// The currency, chosen once: CNY when a new database is given none.
    public var currency: Currency?
    /// A new prefix for account numbers.
    public var accountPrefix: String?
    /// A new width for the sequence in account numbers.
    public var accountDigits: Int?
    /// A new most amount of one transaction, as typed (see `TransactionLimit`), in the currency.
    public var transactionLimit: String?
    /// The unit volumes are in; it can change only while no tariff or meter holds volumes.
    public var volumeUnit: VolumeUnit?

    /// A request.
    public init(currency: Currency? = nil, accountPrefix: String? = nil, accountDigits: Int? = nil,
                transactionLimit: String? = nil, volumeUnit: VolumeUnit? = nil) {
        self.currency = currency
        self.accountPrefix = accountPrefix
        self.accountDigits = accountDigits
        self.transactionLimit = transactionLimit
        self.volumeUnit = volumeUnit
    }
}

/// What setting up did.
public struct SetupResult {
    /// The open, current database.
    public let database: Database
    /// Whether the database was created now (its first migration applied).
    public let created: Bool
    /// The schema version before, when an existing database was migrated now.
    public let migratedFrom: Int?
    /// The schema version now.
    public let schemaVersion: Int
    /// The utility's currency.
    public let currency: Currency
    /// Whether the currency was chosen now (a new database, or one migrated from before currencies).
    public let currencyChosenNow: Bool
    /// The account numbering, when it changed now.
    public let numbering: AccountNumbering?
    /// The most amount of one transaction, when it changed now.
    public let transactionLimit: Money?
    /// The volume unit, when it changed now.
    public let volumeUnit: VolumeUnit?
    /// An existing file other users could use, made 0600 now (or not, and why).
    public let tightened: DatabaseFile.PermissionsTightening?
}

/// Creates a utility's database or brings it up to date, then settles its currency, volume unit,
/// account numbering and most amount of one transaction: the whole of `wbill init` as one domain
/// operation, audited step by step.
///
/// The migrations commit one by one, then the settings commit together (the currency, the volume
/// unit, the numbering, the limit), so a refused setting changes none of them and running it again
/// after an interruption finishes the job; each step is idempotent.
public enum UtilitySetup {
    /// Sets up the database at `path`.
    /// - Throws: `DatabaseFileError`, `SettingsError.currencyFixed` for a different currency than the
    ///   stored one, `.volumeUnitFixed`, `.invalidTransactionLimit`, `AccountError.invalidNumbering`, `SQLiteError`.
    public static func run(at path: String, _ request: SetupRequest, context: AuditContext) throws -> SetupResult {
        if let text = request.transactionLimit, !FileSystem.exists(path) {
            // A new file gets the requested currency (else CNY): refuse a bad limit before creating it.
            _ = try TransactionLimit.parse(text, currency: request.currency ?? .cny)
        }
        let creation = try DatabaseFile.create(at: path, context: context)
        let database = creation.database
        let audit = AuditTrail(database: database, context: context)
        let settings = UtilitySettings(database: database)
        var currencyChosenNow = false
        let (currency, volumeUnit, numbering, limit) = try database.writeTransaction {
            let currency = try database.writeTransaction {
                let isSet = try settings.value("currency") != nil
                guard let currency = request.currency ?? (isSet ? nil : .cny) else { return try settings.currency() }
                if !isSet {
                    currencyChosenNow = true
                    try audit.record(entity: "setting", id: "currency", action: "create",
                                     changes: [AuditChange("currency", old: nil, new: "\(currency.code) (\(currency.minorUnit) decimals)")])
                }
                try settings.setCurrency(currency)
                return currency
            }
            let volumeUnit = try database.writeTransaction { try changeVolumeUnit(request, settings: settings, audit: audit) }
            let numbering = try database.writeTransaction { try changeNumbering(request, database: database, audit: audit) }
            let limit = try database.writeTransaction {
                try changeTransactionLimit(request, currency: currency, database: database, audit: audit)
            }
            return (currency, volumeUnit, numbering, limit)
        }
        let created = creation.applied.first?.version == 1
        return SetupResult(database: database, created: created,
                           migratedFrom: created ? nil : creation.applied.first.map { $0.version - 1 },
                           schemaVersion: try Migrator.currentVersion(of: database), currency: currency,
                           currencyChosenNow: currencyChosenNow, numbering: numbering, transactionLimit: limit,
                           volumeUnit: volumeUnit, tightened: creation.tightened)
    }

    /// Stores the requested volume unit, with an audit entry (a database that never chose one is in m³).
    /// - Returns: the new unit when it changed.
    private static func changeVolumeUnit(_ request: SetupRequest, settings: UtilitySettings, audit: AuditTrail) throws -> VolumeUnit? {
        guard let unit = request.volumeUnit, let old = try settings.setVolumeUnit(unit) else { return nil }
        try audit.record(entity: "setting", id: VolumeUnit.settingKey, action: "update",
                         changes: [AuditChange(VolumeUnit.settingKey, old: old.rawValue, new: unit.rawValue)])
        return unit
    }

    /// Stores the requested most amount of one transaction, with an audit entry.
    /// - Returns: the new limit when it changed.
    private static func changeTransactionLimit(_ request: SetupRequest, currency: Currency, database: Database,
                                               audit: AuditTrail) throws -> Money? {
        guard let text = request.transactionLimit else { return nil }
        let limit = try TransactionLimit.parse(text, currency: currency)
        let current = try TransactionLimit.current(in: database)
        guard limit != current else { return nil }
        try TransactionLimit.store(limit, in: database)
        try audit.record(entity: "setting", id: TransactionLimit.key, action: "update",
                         changes: [AuditChange(TransactionLimit.key, old: current.description, new: limit.description)])
        return limit
    }

    /// Stores the requested prefix and width, with an audit entry.
    /// - Returns: the new numbering when it changed.
    private static func changeNumbering(_ request: SetupRequest, database: Database, audit: AuditTrail) throws -> AccountNumbering? {
        guard request.accountPrefix != nil || request.accountDigits != nil else { return nil }
        let current = try AccountNumbering.current(in: database)
        let numbering = try AccountNumbering(prefix: request.accountPrefix ?? current.prefix,
                                             digits: request.accountDigits ?? current.digits)
        guard numbering != current else { return nil }
        try numbering.store(in: database)
        try audit.record(entity: "setting", id: "account_numbering", action: "update",
                         changes: [AuditChange("account_number_prefix", old: current.prefix, new: numbering.prefix),
                                   AuditChange("account_number_digits", old: String(current.digits), new: String(numbering.digits))])
        return numbering
    }
}
