#if canImport(Glibc)
import Glibc
#endif
import WBillSupport

/// Where a database file stands: its schema, sizes and integrity, and the utility's settings that
/// give its data meaning (currency, volume unit, account numbering, the most one transaction moves).
public struct DatabaseStatus: Sendable, Equatable {
    /// The file.
    public let path: String
    /// Its schema version.
    public let schemaVersion: Int
    /// The latest version this build knows.
    public let latestSchemaVersion: Int
    /// The migrations not yet applied, oldest first, as "VERSION NAME".
    public let pendingMigrations: [String]
    /// The file's size in bytes.
    public let fileBytes: Int64
    /// The write-ahead log's size in bytes (0 when there is none).
    public let walBytes: Int64
    /// SQLite's page size.
    public let pageSize: Int64
    /// Pages in the file.
    public let pages: Int64
    /// Pages free for reuse.
    public let freePages: Int64
    /// The journal mode (`wal`).
    public let journalMode: String
    /// The SQLite library's version.
    public let sqliteVersion: String
    /// The unit its volumes are in (m³ for a database that never chose one, or has no settings yet).
    public let volumeUnit: VolumeUnit
    /// The currency its money is in (minor units of it).
    public let currency: Currency
    /// How new accounts are numbered.
    public let accountNumbering: AccountNumbering
    /// The most one recharge, refund or adjustment moves (`TransactionLimit`).
    public let transactionLimit: Money

    /// Reads the status of `database`, after SQLite's full integrity check.
    /// - Throws: `IntegrityError` listing what the check found, `SQLiteError`.
    public static func read(_ database: Database) throws -> DatabaseStatus {
        let problems = try database.query("PRAGMA integrity_check") { $0.text(0) }
        guard problems == ["ok"] else { throw IntegrityError(path: database.path, problems: problems) }
        let schemaVersion = try Migrator.currentVersion(of: database)
        // The settings table comes with the first migration; before it, the defaults stand.
        let hasSettings = schemaVersion > 0
        let currency = hasSettings ? try UtilitySettings(database: database).currency() : .cny
        return DatabaseStatus(
            path: database.path, schemaVersion: schemaVersion,
            latestSchemaVersion: Schema.latestVersion,
            pendingMigrations: try Migrator().pending(in: database).map { "\($0.version) \($0.name)" },
            fileBytes: FileSystem.size(database.path) ?? 0, walBytes: FileSystem.size(database.path + "-wal") ?? 0,
            pageSize: try database.scalarInt("PRAGMA page_size") ?? 0, pages: try database.scalarInt("PRAGMA page_count") ?? 0,
            freePages: try database.scalarInt("PRAGMA freelist_count") ?? 0,
            journalMode: try journalMode(of: database),
            sqliteVersion: try database.scalarText("SELECT sqlite_version()") ?? "",
            volumeUnit: hasSettings ? try UtilitySettings(database: database).volumeUnit() : .default,
            currency: currency,
            accountNumbering: hasSettings ? try AccountNumbering.current(in: database)
                : try AccountNumbering(prefix: AccountNumbering.defaultPrefix, digits: AccountNumbering.defaultDigits),
            transactionLimit: hasSettings ? try TransactionLimit.current(in: database, currency: currency)
                : TransactionLimit.defaultLimit(in: currency))
    }

    /// The file's journal mode. An `immutable` connection reads the file as if it had none, so its
    /// mode is read from the header: write version 2 is WAL.
    private static func journalMode(of database: Database) throws -> String {
        guard database.isImmutable else { return try database.scalarText("PRAGMA journal_mode") ?? "" }
        let descriptor = open(database.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 20)
        guard pread(descriptor, &header, 20, 0) == 20 else { return "" }
        return header[18] == 2 ? "wal" : "delete"
    }
}

/// SQLite's integrity check found problems: the file is damaged.
public struct IntegrityError: ClassifiedError, Equatable {
    /// The file.
    public let path: String
    /// What the check reported.
    public let problems: [String]

    public var failureKind: FailureKind { .badInput }
    public var description: String { "\(path) failed its integrity check (\(problems.count) problem(s)); restore the latest backup" }
    /// The first 20 problems.
    public var details: [String] { problems.prefix(20).map { "  " + $0 } }
}
