/// Schema version 1: settings, the migration record and the audit trail.
enum Migration0001Foundation {
    static let migration = Migration(version: 1, name: "foundation", sql: """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE audit_log (
            id        INTEGER PRIMARY KEY,
            at        TEXT NOT NULL,
            operator  TEXT NOT NULL,
            command   TEXT NOT NULL,
            entity    TEXT NOT NULL,
            entity_id TEXT,
            action    TEXT NOT NULL,
            changes   TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
        CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
        CREATE INDEX audit_log_at ON audit_log (at);
        CREATE INDEX audit_log_operator ON audit_log (operator, at);

        -- The audit trail is append-only: rows can be neither changed nor removed.
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """)
}
