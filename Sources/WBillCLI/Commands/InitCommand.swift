import WaterBilling

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
                """,
            examples: ["wbill init", "wbill --db /srv/water/wbill.db init"],
            handler: run),
    ]

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let path = context.settings.databasePath
        let audit = context.auditContext
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
        let version = try Migrator.currentVersion(of: creation.database)
        if wasNew {
            return .message("created wbill database \(path) (schema version \(version))")
        }
        if let first = creation.applied.first {
            return .message("migrated \(path) from schema version \(first.version - 1) to \(version)")
        }
        return .message("\(path) is already a current wbill database (schema version \(version)); nothing to do")
    }
}
