/// Schema version 16: departments, operators, roles and permissions; who acted for whom.
///
/// - `departments`: the utility's departments (written only by `DepartmentStore`).
/// - `roles`: a role's name and its grants, separated by spaces (`account.* card.open *:read`; see
///   `Grant`), written only by `RoleStore`. The built-in roles below are created here; a trigger
///   refuses to change or delete them (`role add NAME --copy-of admin` copies one).
/// - `operators`: the people who run wbill (written only by `OperatorStore`, which also owns
///   `operator_logins`): a name, a role, a department, a phone, disabled or not.
/// - `operator_logins`: the Unix login names that act as each operator, at most one operator each.
/// - `audit_log.on_behalf_of`: the operator the entry's operator acted for (`--operator`), NULL
///   otherwise; written only by `AuditTrail`'s insert.
///
/// While `operators` is empty, wbill runs in set-up mode: anyone may run any command.
/// The version is named once, here (`version`): if another branch's step lands first, only this
/// number changes.
enum Migration0016Staff {
    static let version = 16
    static let migration = Migration(version: version, name: "staff", sql: """
        CREATE TABLE departments (
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE
        ) STRICT;

        CREATE TABLE roles (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
            permissions TEXT NOT NULL,
            built_in    INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1))
        ) STRICT;
        CREATE TRIGGER roles_built_in_no_update BEFORE UPDATE ON roles WHEN OLD.built_in = 1
        BEGIN SELECT RAISE(ABORT, 'a built-in role is never changed; copy it'); END;
        CREATE TRIGGER roles_built_in_no_delete BEFORE DELETE ON roles WHEN OLD.built_in = 1
        BEGIN SELECT RAISE(ABORT, 'a built-in role is never deleted'); END;

        CREATE TABLE operators (
            id            INTEGER PRIMARY KEY,
            name          TEXT NOT NULL COLLATE NOCASE UNIQUE,
            role_id       INTEGER NOT NULL REFERENCES roles (id),
            department_id INTEGER REFERENCES departments (id),
            phone         TEXT,
            disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
        ) STRICT;
        CREATE INDEX operators_role ON operators (role_id);
        CREATE INDEX operators_department ON operators (department_id);

        CREATE TABLE operator_logins (
            login       TEXT PRIMARY KEY,
            operator_id INTEGER NOT NULL REFERENCES operators (id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX operator_logins_operator ON operator_logins (operator_id);

        ALTER TABLE audit_log ADD COLUMN on_behalf_of TEXT;

        INSERT INTO roles (name, permissions, built_in) VALUES
            ('admin', '*', 1),
            ('cashier', '*:read account.recharge account.refund account.pay customer.open customer.edit customer.transfer customer.close card.*', 1),
            ('meter-reader', 'reading.add reading.import reading.estimate reading.list meter.list meter.show meter.group.list meter.group.show', 1),
            ('technician', '*:read meter.* meter-type.* reading.* valve.* alarm.* card.readers card.status card.read', 1),
            ('auditor', '*:read', 1),
            ('cron', 'report.* export.* audit.* bill.run bill.late-fees db.backup db.status', 1);
        """)
}
