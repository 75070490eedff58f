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
            ["db", "status"], summary: "show the path, schema version, sizes, integrity and the utility's settings",
            discussion: """
                Runs SQLite's integrity check. When it finds problems they are listed and the exit
                status is 65; restore the latest backup. Then the settings that give the data its
                meaning, as 'wbill init' chose them: the volume unit (m3, ccf, kgal or gal; m3 when
                none was chosen), the currency and its decimals (money is stored in its minor unit),
                the prefix and digits of new account numbers, and the most one recharge, refund or
                adjustment may move (max transaction, in the currency). Last, the audit chain: its
                entries and the start of its head (audit verify checks it and prints it whole).
                """,
            requirements: Requirements(database: .anyVersion, effect: .readOnly), listOutput: true,
            handler: status),
        CommandSpec(
            ["db", "migrate"], summary: "apply the schema migrations this wbill knows",
            discussion: """
                Each migration runs in its own transaction and is recorded, so an interrupted run
                leaves the database at a whole version and can simply be repeated. Take a backup
                first (wbill db backup).
                """,
            requirements: Requirements(database: .anyVersion, effect: .changes),
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
        let status = try DatabaseStatus.read(context.database)
        var record = DataRecord()
        record.append("path", .text(status.path))
        record.append("schema_version", .integer(Int64(status.schemaVersion)))
        record.append("latest_schema_version", .integer(Int64(status.latestSchemaVersion)))
        record.append("pending_migrations", .text(status.pendingMigrations.joined(separator: ", ")))
        record.append("file_bytes", .integer(status.fileBytes))
        record.append("wal_bytes", .integer(status.walBytes), title: "WAL bytes")
        record.append("page_size", .integer(status.pageSize))
        record.append("pages", .integer(status.pages))
        record.append("free_pages", .integer(status.freePages))
        record.append("journal_mode", .text(status.journalMode))
        record.append("sqlite_version", .text(status.sqliteVersion), title: "SQLite version")
        record.append("integrity", .text("ok"))
        record.append("volume_unit", .text(status.volumeUnit.rawValue))
        record.append("currency", .text(status.currency.code))
        record.append("currency_decimals", .integer(Int64(status.currency.minorUnit)))
        record.append("account_prefix", .text(status.accountNumbering.prefix))
        record.append("account_digits", .integer(Int64(status.accountNumbering.digits)))
        record.append("max_transaction", .decimal(status.transactionLimit.description))
        try appendAccess(to: &record, context.database)
        record.append("audit_chain", .text(try auditChain(context.database)))
        return .record(record)
    }

    /// "Access: set-up mode: no operators yet; anyone may run any command", or the operators and
    /// roles there are (nothing before the schema has them).
    static func appendAccess(to record: inout DataRecord, _ database: Database) throws {
        guard let counts = try AccessControl(database: database).counts() else { return }
        let text = counts.operators == 0
            ? "set-up mode: no operators yet; anyone may run any command"
            : "\(counts.operators) operator\(counts.operators == 1 ? "" : "s"), \(counts.roles) role\(counts.roles == 1 ? "" : "s")"
        record.append("access", .text(text))
    }

    /// The audit chain's state for `db status`: "N entries, head XXXXXXXXXXXXXXXX…" (the head's
    /// first 16 hex digits; `audit verify` prints it whole and checks it).
    static func auditChain(_ database: Database) throws -> String {
        guard let state = try AuditChain.auditState(in: database) else { return "none (no audit trail yet)" }
        guard let head = state.head else {
            return state.entries == 0 ? "0 entries" : "\(state.entries) entries, not chained (run `wbill db migrate`)"
        }
        return "\(state.entries) entries, head \(head.prefix(16))…"
    }

    static func migrate(_ context: CommandContext) throws -> CommandOutput {
        let database = context.database
        let before = try Migrator.currentVersion(of: database)
        let applied = try Migrator().migrate(database, context: context.auditContext)
        guard let last = applied.last else {
            return .message("\(database.path) is at schema version \(before); nothing to migrate")
        }
        let steps = applied.map { "  \($0.version) \($0.name)" }.joined(separator: "\n")
        return .message("migrated \(database.path) from schema version \(before) to \(last.version):\n\(steps)")
    }

    static func backup(_ context: CommandContext) throws -> CommandOutput {
        let target = context.arguments.requiredArgument("FILE")
        let result = try context.database.backup(to: target, replace: context.arguments.has("force"))
        context.warnRemoved(result.removedLeftovers)
        return .message("backed up \(context.database.path) to \(result.path) (\(result.bytes) bytes, schema version \(result.schemaVersion))")
    }
}
