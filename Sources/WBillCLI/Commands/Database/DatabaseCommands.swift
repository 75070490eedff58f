import WaterBilling
import WBillSupport

/// `wbill db …`: the database file itself.
enum DatabaseCommands {
    static let groups = [
        GroupSpec(["db"], summary: "the database file: status, migrations, backups",
                  discussion: """
                    One SQLite file holds everything. It is opened in WAL mode, so reports and backups
                    can run while other commands write; every writing command is one transaction.
                    """),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["db", "status"], summary: "show the path, schema version, sizes and integrity",
            discussion: """
                Runs SQLite's integrity check. When it finds problems they are listed and the exit
                status is 65; restore the latest backup.
                """,
            requirements: Requirements(database: .anyVersion), listOutput: true,
            handler: status),
        CommandSpec(
            ["db", "migrate"], summary: "apply the schema migrations this wbill knows",
            discussion: """
                Each migration runs in its own transaction and is recorded, so an interrupted run
                leaves the database at a whole version and can simply be repeated. Take a backup
                first (wbill db backup).
                """,
            requirements: Requirements(database: .anyVersion),
            handler: migrate),
        CommandSpec(
            ["db", "backup"], summary: "copy the database to FILE, safely while it is in use",
            discussion: """
                Uses SQLite's online backup API: the copy is one consistent snapshot even while
                other wbill commands write. It is written beside FILE, checked, and renamed into
                place, so FILE is never half-written. The copy has mode 0600.
                """,
            options: [.flag("force", short: "f", help: "replace FILE if it exists")],
            arguments: [ArgumentSpec("FILE", .outputFile, help: "where to write the copy")],
            requirements: .readDatabase,
            examples: ["wbill db backup /srv/backups/wbill-$(date +%F).db"],
            handler: backup),
    ]

    static func status(_ context: CommandContext) throws -> CommandOutput {
        let database = context.database
        let version = try Migrator.currentVersion(of: database)
        let pending = try Migrator().pending(in: database)
        let pageSize = try database.scalarInt("PRAGMA page_size") ?? 0
        let pageCount = try database.scalarInt("PRAGMA page_count") ?? 0
        let freePages = try database.scalarInt("PRAGMA freelist_count") ?? 0
        let problems = try database.query("PRAGMA integrity_check") { $0.text(0) }
        guard problems == ["ok"] else {
            throw IntegrityError(path: database.path, problems: problems)
        }
        var record = DataRecord()
        record.append("path", .text(database.path))
        record.append("schema_version", .integer(Int64(version)))
        record.append("latest_schema_version", .integer(Int64(Schema.latestVersion)))
        record.append("pending_migrations", .text(pending.map { "\($0.version) \($0.name)" }.joined(separator: ", ")))
        record.append("file_bytes", .integer(FileSystem.size(database.path) ?? 0))
        record.append("wal_bytes", .integer(FileSystem.size(database.path + "-wal") ?? 0), title: "WAL bytes")
        record.append("page_size", .integer(pageSize))
        record.append("pages", .integer(pageCount))
        record.append("free_pages", .integer(freePages))
        record.append("journal_mode", .text(try database.scalarText("PRAGMA journal_mode") ?? ""))
        record.append("sqlite_version", .text(try database.scalarText("SELECT sqlite_version()") ?? ""), title: "SQLite version")
        record.append("integrity", .text("ok"))
        return .record(record)
    }

    static func migrate(_ context: CommandContext) throws -> CommandOutput {
        let database = context.database
        let before = try Migrator.currentVersion(of: database)
        let applied = try Migrator().migrate(database, at: context.settings.now) { migration in
            try context.audit.record(entity: "schema", id: String(migration.version), action: "migrate",
                                     changes: [AuditChange("version", old: String(migration.version - 1),
                                                           new: String(migration.version)),
                                               AuditChange("name", old: nil, new: migration.name)])
        }
        guard let last = applied.last else {
            return .message("\(database.path) is at schema version \(before); nothing to migrate")
        }
        let steps = applied.map { "  \($0.version) \($0.name)" }.joined(separator: "\n")
        return .message("migrated \(database.path) from schema version \(before) to \(last.version):\n\(steps)")
    }

    static func backup(_ context: CommandContext) throws -> CommandOutput {
        let target = context.arguments.argument("FILE")!
        let result = try context.database.backup(to: target, replace: context.arguments.has("force"))
        return .message("backed up \(context.database.path) to \(result.path) (\(result.bytes) bytes, schema version \(result.schemaVersion))")
    }
}

/// `PRAGMA integrity_check` found problems.
struct IntegrityError: ClassifiedError {
    let path: String
    let problems: [String]

    var failureKind: FailureKind { .badInput }
    var description: String { "\(path) failed its integrity check (\(problems.count) problem(s)); restore the latest backup" }
    var details: [String] { problems.prefix(20).map { "  " + $0 } }
}
