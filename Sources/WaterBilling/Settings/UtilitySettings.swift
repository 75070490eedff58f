import WBillSupport

/// The utility's own settings, kept in the database's `settings` table.
public struct UtilitySettings {
    let database: Database

    /// Settings stored in `database`.
    public init(database: Database) {
        self.database = database
    }

    /// The setting's text, or `nil` when it was never set.
    public func value(_ key: String) throws -> String? {
        try database.scalarText("SELECT value FROM settings WHERE key = ?", [key])
    }

    /// Stores a setting (in the caller's transaction).
    public func set(_ key: String, to value: String) throws {
        try database.run("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         [key, value])
    }

    /// The currency every account and tariff of this utility uses (set once by `wbill init`).
    public func currency() throws -> Currency {
        guard let code = try value("currency"), let minorText = try value("currency_minor_unit"),
              let minorUnit = Int(minorText) else {
            return .cny
        }
        return try Currency(code: code, minorUnit: minorUnit)
    }

    /// Sets the currency; refuses to change it once set to something else.
    /// - Throws: `SettingsError.currencyFixed`.
    public func setCurrency(_ currency: Currency) throws {
        if let code = try value("currency") {
            let existing = try self.currency()
            guard existing == currency else {
                throw SettingsError.currencyFixed(current: existing, requested: currency, storedCode: code)
            }
            return
        }
        try set("currency", to: currency.code)
        try set("currency_minor_unit", to: String(currency.minorUnit))
    }
}

/// A settings change that is not allowed.
public enum SettingsError: ClassifiedError, Equatable {
    /// The currency was set when the database was created and money is stored in its minor unit.
    case currencyFixed(current: Currency, requested: Currency, storedCode: String)
    /// A most-per-transaction amount (`TransactionLimit`) that cannot be one: the text as given, and why.
    case invalidTransactionLimit(String, reason: String)
    /// Tariffs or meters hold volumes in the current unit, and nothing converts them.
    case volumeUnitFixed(current: VolumeUnit, requested: VolumeUnit, tariffs: Int, meters: Int)

    public var failureKind: FailureKind {
        switch self {
        case .currencyFixed, .volumeUnitFixed: return .refused
        case .invalidTransactionLimit: return .usage
        }
    }
    public var description: String {
        switch self {
        case .currencyFixed(let current, let requested, _):
            return "this database keeps money in \(current.code) (\(current.minorUnit) decimals); it cannot change to \(requested.code) (\(requested.minorUnit) decimals)"
        case .invalidTransactionLimit(let text, let reason):
            return "invalid most amount of one transaction '\(text)': \(reason)"
        case .volumeUnitFixed(let current, let requested, let tariffs, let meters):
            let holders = [(tariffs, "tariff"), (meters, "meter")].filter { $0.0 > 0 }
                .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: " and ")
            return "this database keeps volumes in \(current.symbol) and \(holders) hold\(tariffs + meters == 1 ? "s" : "") them; "
                + "the volume unit cannot change to \(requested.symbol) once tariffs or meters exist (nothing converts their volumes)"
        }
    }
}
