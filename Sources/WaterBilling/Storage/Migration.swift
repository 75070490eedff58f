import WBillSupport

/// One named, numbered step of the database schema.
///
/// Migrations are applied in order, each in its own transaction, and recorded in
/// `schema_migrations`. Once released, a migration is never edited: add a new one.
public struct Migration: Sendable {
    /// The schema version this step produces (1, 2, 3, … without gaps once every branch's step
    /// has landed; `MigratorTests` names a version another branch holds until then).
    public let version: Int
    /// A short name, e.g. `foundation` or `tariffs`.
    public let name: String
    /// The SQL that performs the step.
    public let sql: String
    /// Whether the step rebuilds a table other tables reference (to change a CHECK, which SQLite
    /// cannot alter in place): the migrator then runs it with foreign-key enforcement off, as
    /// SQLite's table-rebuild procedure requires, and checks every reference before its COMMIT.
    public let rebuildsReferencedTable: Bool
    /// What the step does after its SQL that SQL cannot (hashing every row of a table), in the
    /// same transaction; it returns what the step's own audit entry adds to its changes.
    let finish: (@Sendable (Database) throws -> [AuditChange])?

    /// Creates a migration.
    public init(version: Int, name: String, rebuildsReferencedTable: Bool = false, sql: String) {
        self.init(version: version, name: name, rebuildsReferencedTable: rebuildsReferencedTable, sql: sql, finish: nil)
    }

    init(version: Int, name: String, rebuildsReferencedTable: Bool = false, sql: String,
         finish: (@Sendable (Database) throws -> [AuditChange])?) {
        self.version = version
        self.name = name
        self.sql = sql
        self.rebuildsReferencedTable = rebuildsReferencedTable
        self.finish = finish
    }
}

/// The ordered list of every migration this build of wbill knows.
public enum Schema {
    /// All migrations, oldest first. Add new steps at the end (see `Storage/Migrations/`).
    public static let migrations: [Migration] = [
        Migration0001Foundation.migration,
        Migration0002Tariffs.migration,
        Migration0003MetersAndCustomerTypes.migration,
        Migration0004CustomersAndAccounts.migration,
        Migration0005SearchIndexes.migration,
        Migration0006ClockOverrides.migration,
        Migration0007Readings.migration,
        Migration0008Alarms.migration,
        Migration0009Cards.migration,
        Migration0010Bills.migration,
        Migration0011CardPurchases.migration,
        Migration0012Payments.migration,
        Migration0013ConsumptionByTime.migration,
        Migration0014ReportIndexes.migration,
        Migration0015ExportIndexes.migration,
        Migration0016Staff.migration,
        Migration0017AuditChain.migration,
    ]

    /// The schema version a fully migrated database has.
    public static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// `PRAGMA application_id` of every wbill database ("WBIL" in ASCII), so foreign files are refused.
    public static let applicationID: Int32 = 0x5742_494C
}
