import WBillSupport

/// The most money one recharge, refund or adjustment may move: a setting of the utility, so that
/// a typing slip (or a script's garbage) cannot put an absurd amount on the ledger and no balance
/// comes anywhere near what 64 bits hold.
///
/// Stored in `settings` as minor units under `max_transaction`; without it, one million in the
/// currency's main unit (1000000.00 CNY). Changed with `wbill init --max-transaction AMOUNT`.
public enum TransactionLimit {
    /// The settings key.
    public static let key = "max_transaction"
    /// The default, in the currency's main unit.
    public static let defaultMainUnits: Int64 = 1_000_000

    /// The default in `currency`: one million of its main unit.
    public static func defaultLimit(in currency: Currency) -> Money {
        Money(minorUnits: defaultMainUnits * Int64(PowersOfTen.int128(currency.minorUnit)), currency: currency)
    }

    /// The limit stored in `database`, or the default, in the utility's currency (`currency` when
    /// the caller knows it: an account's is the utility's).
    public static func current(in database: Database, currency known: Currency? = nil) throws -> Money {
        let settings = UtilitySettings(database: database)
        let currency = try known ?? settings.currency()
        guard let stored = try settings.value(key), let minorUnits = Int64(stored), minorUnits > 0 else {
            return defaultLimit(in: currency)
        }
        return Money(minorUnits: minorUnits, currency: currency)
    }

    /// The limit `text` asks for, in `currency`.
    /// - Throws: `SettingsError.invalidTransactionLimit` saying why it cannot be one.
    public static func parse(_ text: String, currency: Currency) throws -> Money {
        let trimmed = text.trimmed
        let limit: Money
        do {
            limit = try Money(parsing: trimmed, currency: currency)
        } catch NumberError.tooManyDecimals(_, let allowed) {
            throw SettingsError.invalidTransactionLimit(text, reason: "\(currency.code) amounts have at most \(allowed) decimal\(allowed == 1 ? "" : "s")")
        } catch NumberError.overflow {
            throw SettingsError.invalidTransactionLimit(text, reason: "too large")
        } catch {
            throw SettingsError.invalidTransactionLimit(text, reason: "expected an amount such as 1000000.00")
        }
        guard limit.minorUnits > 0 else {
            throw SettingsError.invalidTransactionLimit(text, reason: "expected an amount more than zero")
        }
        return limit
    }

    /// Stores `limit` (in the caller's transaction).
    public static func store(_ limit: Money, in database: Database) throws {
        try UtilitySettings(database: database).set(key, to: String(limit.minorUnits))
    }
}
