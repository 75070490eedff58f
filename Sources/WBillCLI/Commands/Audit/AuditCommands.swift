import WaterBilling
import WBillSupport

/// `wbill audit …`: the audit trail.
enum AuditCommands {
    static let groups = [
        GroupSpec(["audit"], summary: "the audit trail: who changed what, when, with which command",
                  discussion: """
                    Every command that changes data records, in the same transaction, the operator,
                    the time, the command line (secret values replaced by ***) and the fields it
                    changed. The trail is append-only.

                    An entry written while WBILL_NOW overrode the clock (for tests and replays) has
                    that time as its time and keeps the real time too: audit list --real-time shows
                    it (real_at, empty for entries written on the real clock).

                    An operator who acts for another (--operator, with the operator.act-for
                    permission) is the entry's operator, and the one acted for, whose role allowed
                    the command, is its on_behalf_of (FOR); empty otherwise.

                    The trail and the money ledger are hash chains: each row carries the SHA-256 of the
                    row before it and its own values (see TAMPER EVIDENCE), so a row changed, removed
                    or slipped in by anything but wbill breaks the chain. audit verify walks both
                    chains; record its head daily somewhere the database's users cannot write
                    (examples/cron-audit-head.sh) and check it later with audit verify --expect.
                    """,
                  manualSections: [(title: "Tamper evidence", text: AuditVerifyCommand.chainManual)]),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["audit", "list"], summary: "list audit entries, oldest first",
            options: [
                .value("entity", .text, placeholder: "KIND", help: "only this kind of entity (database, schema, tariff, meter, account …)"),
                .value("id", .text, placeholder: "KEY", help: "only the entity with this key (a serial, an account number)"),
                .value("by", .text, placeholder: "NAME", help: "only entries by this operator"),
                .value("since", .time, placeholder: "TIME", help: "only entries at or after TIME (YYYY-MM-DD or a UTC time)"),
                .value("until", .time, placeholder: "TIME", help: "only entries before TIME"),
                Paging.limitRow("only the newest N entries"),
                .flag("real-time", help: "add real_at: the clock's time of entries written while WBILL_NOW overrode it"),
            ],
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill audit list --entity meter --id WM-000123", "wbill audit list --by alice --since 2026-11-01 --format csv"],
            handler: list),
        AuditVerifyCommand.spec,
    ]

    static func list(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let paging = try Paging(context)
        let filter = AuditFilter(
            entity: arguments.value("entity"), entityID: arguments.value("id"), operatorName: arguments.value("by"),
            since: arguments.value("since").flatMap { try? Timestamp(parsing: $0) },
            until: arguments.value("until").flatMap { try? Timestamp(parsing: $0) },
            limit: paging.limit)
        let entries = try AuditTrail.entries(in: context.database, matching: filter)
        let realTime = arguments.has("real-time")
        var table = DataTable(columns: [Column("id"), Column("at")] + (realTime ? [Column("real_at")] : []) + [
            Column("operator"), Column("on_behalf_of", title: "FOR"), Column("action"), Column("entity"),
            Column("entity_id", title: "KEY"), Column("changes"), Column("command"),
        ])
        for entry in entries {
            table.append([.integer(entry.id), .text(entry.at)] + (realTime ? [entry.realAt.map(Cell.text) ?? .null] : [])
                         + [.text(entry.operatorName), entry.onBehalfOf.map(Cell.text) ?? .null, .text(entry.action), .text(entry.entity),
                            entry.entityID.map(Cell.text) ?? .null, .text(entry.changes), .text(entry.command)])
        }
        return .table(table)
    }
}
