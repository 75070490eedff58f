import WBillSupport

/// Applies the schema's migrations to a database and reports where it stands.
public struct Migrator {
    /// The migrations to apply, oldest first.
    public let migrations: [Migration]

    /// Creates a migrator for `migrations` (the whole schema by default).
    public init(migrations: [Migration] = Schema.migrations) {
        self.migrations = migrations
    }

    /// The database's schema version (`PRAGMA user_version`).
    public static func currentVersion(of database: Database) throws -> Int {
        Int(try database.scalarInt("PRAGMA user_version") ?? 0)
    }

    /// The migrations not yet applied to `database`.
    public func pending(in database: Database) throws -> [Migration] {
        let current = try Migrator.currentVersion(of: database)
        return migrations.filter { $0.version > current }
    }

    /// Applies every pending migration, each in its own IMMEDIATE transaction that also records
    /// it in the audit trail.
    ///
    /// - Parameters:
    ///   - context: who migrates and when, for `schema_migrations` and the audit trail.
    ///   - recordingCreation: record the database's creation with the first migration (for
    ///     `DatabaseFile.create`, which sets the file up; migrating an existing file creates nothing).
    /// - Returns: the migrations applied, oldest first (empty when already current).
    /// - Throws: `DatabaseFileError.newerSchema` when the database is ahead of this build,
    ///   or `SQLiteError` from a failing step (which leaves the database at the step before).
    @discardableResult
    public func migrate(_ database: Database, context: AuditContext, recordingCreation: Bool = false) throws -> [Migration] {
        let current = try Migrator.currentVersion(of: database)
        let latest = migrations.last?.version ?? 0
        if current > latest {
            throw DatabaseFileError.newerSchema(path: database.path, found: current, known: latest)
        }
        // The recorded steps must agree with the header's version; a file whose version was
        // tampered with (or restored half-way) is refused rather than migrated on top of itself.
        let hasRecord = try database.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'") == 1
        let recorded = hasRecord ? try database.scalarInt("SELECT max(version) FROM schema_migrations").map(Int.init) : nil
        if let recorded, recorded != current {
            throw DatabaseFileError.inconsistentVersion(path: database.path, header: current, recorded: recorded)
        }
        // A database opened for reading only (a command that also reports, such as `db migrate`,
        // opens it so when this user cannot write it) is refused with the reason before any step.
        if database.isReadOnly && current < latest { try DatabaseFile.checkWritable(database.path) }
        var applied: [Migration] = []
        for migration in migrations where migration.version > current {
            // SQLite's procedure for rebuilding a referenced table: enforcement off outside the
            // transaction (the pragma is a no-op inside one), every reference checked before COMMIT.
            var enforcing = false
            if migration.rebuildsReferencedTable { enforcing = try database.scalarInt("PRAGMA foreign_keys") == 1 }
            if enforcing {
                try database.execute("PRAGMA foreign_keys = OFF")
                guard try database.scalarInt("PRAGMA foreign_keys") == 0 else {
                    preconditionFailure("migration \(migration.version) rebuilds a referenced table and must run outside a transaction")
                }
            }
            defer { if enforcing { try? database.execute("PRAGMA foreign_keys = ON") } }
            try database.writeTransaction {
                // Re-read inside the lock: another process may have migrated meanwhile.
                guard try Migrator.currentVersion(of: database) < migration.version else { return }
                if migration.version == 1 {
                    try database.execute("""
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version    INTEGER PRIMARY KEY,
                            name       TEXT NOT NULL,
                            applied_at TEXT NOT NULL
                        ) STRICT
                        """)
                    try database.execute("PRAGMA application_id = \(Schema.applicationID)")
                }
                try database.execute(migration.sql)
                if migration.rebuildsReferencedTable {
                    let broken = try database.query("PRAGMA foreign_key_check") { "\($0.text(0)) row \($0.int64(1)) → \($0.text(2))" }
                    guard broken.isEmpty else {
                        // SQLITE_CONSTRAINT_FOREIGNKEY: the step is rolled back.
                        throw SQLiteError(code: 787, message: "migration \(migration.version) left references broken: "
                                          + broken.prefix(5).joined(separator: "; "))
                    }
                }
                try database.run(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [migration.version, migration.name, context.time.description])
                try database.execute("PRAGMA user_version = \(migration.version)")
                // Entries of the steps before `real_at` existed cannot keep the real time, nor be
                // chained before `chain_hash` did.
                let audit = AuditTrail(database: database, context: migration.version < Migration0006ClockOverrides.version
                                       ? context.withoutRealTime : context,
                                       chained: migration.version >= Migration0017AuditChain.version)
                let finished = try migration.finish?(database) ?? []
                if migration.version == 1 && recordingCreation {
                    try audit.record(entity: "database", id: database.path, action: "create")
                }
                try audit.record(entity: "schema", id: String(migration.version), action: "migrate", changes: [
                    AuditChange("version", old: String(migration.version - 1), new: String(migration.version)),
                    AuditChange("name", old: nil, new: migration.name),
                ] + finished)
                applied.append(migration)
            }
        }
        return applied
    }
}
