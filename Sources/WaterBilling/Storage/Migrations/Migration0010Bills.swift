/// Schema version 10: postpaid bills — their number series, bill runs, bills with their stored lines
/// and the consumption records they rest on, the queue of records not billed yet, and each
/// account's stored sewage basis.
///
/// The version is named once, here (`version`): if another branch's step lands first, only this
/// number changes.
///
/// - `bill_series`: the last number given in each series (a series is a prefix, `bill_number_prefix`
///   in the settings). A number is taken in the transaction that writes its bill, so a rollback
///   gives it back and numbers have no gaps.
/// - `bill_runs`: one row per bill run (not per dry run): its period, cycle and group, and its
///   counts, brought up to date in each batch's transaction; `running` until it ends. A run killed
///   part-way stays `running` until the next run marks it `interrupted` (the run's lock is a file
///   lock the kernel drops with the process, see `BillRunLock`, so it never outlives it).
/// - `bills`: one per account and period while it stands (the partial unique index). Everything a
///   bill says is stored when it is issued — holder's name and address, the days priced, the
///   tariff, persons, caliber, volumes, total, dates — and never changed: only its status, paid
///   amount and cancellation are updated (a trigger refuses any other change, and every delete).
///   Its charge is one `bill-charge` ledger entry (none for a bill of zero); a cancelled bill's
///   entry is reversed. `replaces_id` links a rebill to the bill it replaces. Money in minor
///   units of the bill's currency, volumes in thousandths of the volume unit.
/// - `bill_lines`: the priced lines as the tariff engine gave them, in print order; volumes and
///   rates as exact decimal text. Never changed.
/// - `bill_consumptions`: the consumption records a bill priced (a void of the reading behind one
///   is refused while the bill stands).
/// - `unbilled_consumptions`: the consumption records of charged postpaid accounts that no standing
///   bill has taken: the bill run's queue, so finding what to bill costs what is unbilled, not an
///   account's whole history. Filled as records are written (a consumption follower), emptied by
///   the bills that take them, filled again by a cancellation. Seeded here with every record of a
///   charged postpaid account (no bill exists before this step).
/// - `sewage_bases`: each account's sewage volume per month, append-only: set by hand or computed as
///   a winter average; the latest row is the one in force.
enum Migration0010Bills {
    static let version = 10
    static let migration = Migration(version: version, name: "bills", sql: """
        CREATE TABLE bill_series (
            prefix      TEXT PRIMARY KEY,
            last_number INTEGER NOT NULL CHECK (last_number >= 1)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE bill_runs (
            id               INTEGER PRIMARY KEY,
            period           TEXT NOT NULL,
            cycle            TEXT NOT NULL CHECK (cycle = 'daily' OR cycle = 'monthly' OR cycle = 'quarterly'),
            period_from      TEXT NOT NULL,
            period_to        TEXT NOT NULL,
            group_name       TEXT,
            estimate_missing INTEGER NOT NULL CHECK (estimate_missing = 0 OR estimate_missing = 1),
            state            TEXT NOT NULL DEFAULT 'running' CHECK (state = 'running' OR state = 'finished' OR state = 'interrupted'),
            process_id       INTEGER NOT NULL,
            host             TEXT NOT NULL,
            started_at       TEXT NOT NULL,
            started_by       TEXT NOT NULL,
            ended_at         TEXT,
            accounts         INTEGER NOT NULL DEFAULT 0,
            billed           INTEGER NOT NULL DEFAULT 0,
            already_billed   INTEGER NOT NULL DEFAULT 0,
            not_billed       INTEGER NOT NULL DEFAULT 0,
            estimated        INTEGER NOT NULL DEFAULT 0,
            volume           INTEGER NOT NULL DEFAULT 0,
            amount           INTEGER NOT NULL DEFAULT 0,
            CHECK ((state = 'running') = (ended_at IS NULL)),
            CHECK (period_to >= period_from)
        ) STRICT;
        CREATE INDEX bill_runs_state ON bill_runs (state, id);

        CREATE TABLE bills (
            id              INTEGER PRIMARY KEY,
            number          TEXT NOT NULL UNIQUE,
            account_id      INTEGER NOT NULL REFERENCES accounts (id),
            customer_id     INTEGER NOT NULL REFERENCES customers (id),
            customer_name   TEXT NOT NULL,
            address         TEXT,
            run_id          INTEGER REFERENCES bill_runs (id),
            period          TEXT NOT NULL,
            cycle           TEXT NOT NULL CHECK (cycle = 'daily' OR cycle = 'monthly' OR cycle = 'quarterly'),
            period_from     TEXT NOT NULL,
            period_to       TEXT NOT NULL,
            span_from       TEXT NOT NULL,
            span_to         TEXT NOT NULL,
            tariff          TEXT NOT NULL,
            persons         INTEGER,
            caliber         INTEGER,
            volume          INTEGER NOT NULL CHECK (volume >= 0),
            sewage_volume   INTEGER CHECK (sewage_volume IS NULL OR sewage_volume >= 0),
            currency        TEXT NOT NULL,
            minor_unit      INTEGER NOT NULL CHECK (minor_unit BETWEEN 0 AND 4),
            total           INTEGER NOT NULL CHECK (total >= 0),
            issued_at       TEXT NOT NULL,
            issued_by       TEXT NOT NULL,
            issue_date      TEXT NOT NULL,
            due_date        TEXT NOT NULL,
            status          TEXT NOT NULL CHECK (status = 'open' OR status = 'partly-paid' OR status = 'paid' OR status = 'cancelled'),
            paid_amount     INTEGER NOT NULL DEFAULT 0 CHECK (paid_amount >= 0 AND paid_amount <= total),
            ledger_entry_id INTEGER REFERENCES ledger_entries (id),
            replaces_id     INTEGER REFERENCES bills (id),
            cancelled_at    TEXT,
            cancelled_by    TEXT,
            cancel_reason   TEXT,
            CHECK (period_to >= period_from AND span_from >= period_from AND span_to <= period_to AND span_to >= span_from),
            CHECK (due_date >= issue_date),
            CHECK ((total = 0) = (ledger_entry_id IS NULL)),
            CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
            CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL) AND (cancelled_at IS NULL) = (cancel_reason IS NULL)),
            CHECK (status <> 'open' OR (paid_amount = 0 AND total > 0)),
            CHECK (status <> 'partly-paid' OR (paid_amount > 0 AND paid_amount < total)),
            CHECK (status <> 'paid' OR paid_amount = total)
        ) STRICT;
        -- One standing bill per account and period; an account's bills by period.
        CREATE UNIQUE INDEX bills_one_per_period ON bills (account_id, period) WHERE status <> 'cancelled';
        CREATE INDEX bills_account ON bills (account_id, period_from);
        CREATE INDEX bills_period ON bills (period, id);
        CREATE INDEX bills_run ON bills (run_id, id);
        -- Bills by status and due date (lists by status; arrears, late fees, payment allocation).
        CREATE INDEX bills_status ON bills (status, due_date);
        CREATE UNIQUE INDEX bills_replaces ON bills (replaces_id) WHERE replaces_id IS NOT NULL;
        CREATE TRIGGER bills_no_delete BEFORE DELETE ON bills
        BEGIN SELECT RAISE(ABORT, 'bills are never deleted; cancel a wrong one'); END;
        CREATE TRIGGER bills_only_status BEFORE UPDATE ON bills
        WHEN OLD.status = 'cancelled'
          OR NEW.id IS NOT OLD.id OR NEW.number IS NOT OLD.number OR NEW.account_id IS NOT OLD.account_id
          OR NEW.customer_id IS NOT OLD.customer_id OR NEW.customer_name IS NOT OLD.customer_name OR NEW.address IS NOT OLD.address
          OR NEW.run_id IS NOT OLD.run_id OR NEW.period IS NOT OLD.period OR NEW.cycle IS NOT OLD.cycle
          OR NEW.period_from IS NOT OLD.period_from OR NEW.period_to IS NOT OLD.period_to
          OR NEW.span_from IS NOT OLD.span_from OR NEW.span_to IS NOT OLD.span_to OR NEW.tariff IS NOT OLD.tariff
          OR NEW.persons IS NOT OLD.persons OR NEW.caliber IS NOT OLD.caliber OR NEW.volume IS NOT OLD.volume
          OR NEW.sewage_volume IS NOT OLD.sewage_volume OR NEW.currency IS NOT OLD.currency OR NEW.minor_unit IS NOT OLD.minor_unit
          OR NEW.total IS NOT OLD.total OR NEW.issued_at IS NOT OLD.issued_at OR NEW.issued_by IS NOT OLD.issued_by
          OR NEW.issue_date IS NOT OLD.issue_date OR NEW.due_date IS NOT OLD.due_date
          OR NEW.ledger_entry_id IS NOT OLD.ledger_entry_id OR NEW.replaces_id IS NOT OLD.replaces_id
        BEGIN SELECT RAISE(ABORT, 'a bill is never edited: only its status and payments change; cancel and rebill to correct it'); END;

        CREATE TABLE bill_lines (
            bill_id   INTEGER NOT NULL REFERENCES bills (id),
            line      INTEGER NOT NULL CHECK (line >= 1),
            kind      TEXT NOT NULL CHECK (kind = 'volume' OR kind = 'fixed' OR kind = 'minimum' OR kind = 'tax'),
            tariff    TEXT NOT NULL,
            component TEXT NOT NULL,
            label     TEXT NOT NULL,
            tier_from INTEGER,
            tier_to   INTEGER,
            span_from TEXT NOT NULL,
            span_to   TEXT NOT NULL,
            version   INTEGER,
            season    TEXT,
            volume    TEXT,
            rate      TEXT,
            amount    INTEGER NOT NULL,
            PRIMARY KEY (bill_id, line),
            CHECK ((tier_from IS NULL) = (tier_to IS NULL))
        ) STRICT, WITHOUT ROWID;
        CREATE TRIGGER bill_lines_no_update BEFORE UPDATE ON bill_lines
        BEGIN SELECT RAISE(ABORT, 'bill lines are stored as issued and never changed'); END;
        CREATE TRIGGER bill_lines_no_delete BEFORE DELETE ON bill_lines
        BEGIN SELECT RAISE(ABORT, 'bill lines are stored as issued and never changed'); END;

        CREATE TABLE bill_consumptions (
            bill_id        INTEGER NOT NULL REFERENCES bills (id),
            consumption_id INTEGER NOT NULL REFERENCES consumptions (id),
            PRIMARY KEY (bill_id, consumption_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX bill_consumptions_consumption ON bill_consumptions (consumption_id);
        CREATE TRIGGER bill_consumptions_no_update BEFORE UPDATE ON bill_consumptions
        BEGIN SELECT RAISE(ABORT, 'what a bill rests on is never changed'); END;
        CREATE TRIGGER bill_consumptions_no_delete BEFORE DELETE ON bill_consumptions
        BEGIN SELECT RAISE(ABORT, 'what a bill rests on is never changed'); END;

        CREATE TABLE unbilled_consumptions (
            account_id     INTEGER NOT NULL REFERENCES accounts (id),
            consumption_id INTEGER NOT NULL REFERENCES consumptions (id),
            PRIMARY KEY (account_id, consumption_id)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO unbilled_consumptions (account_id, consumption_id)
            SELECT c.account_id, c.id FROM consumptions c JOIN accounts a ON a.id = c.account_id
            JOIN customer_types t ON t.id = a.customer_type_id
            WHERE a.business_mode = 'postpaid' AND t.charge = 1;

        CREATE TABLE sewage_bases (
            id          INTEGER PRIMARY KEY,
            account_id  INTEGER NOT NULL REFERENCES accounts (id),
            volume      INTEGER NOT NULL CHECK (volume >= 0),
            source      TEXT NOT NULL CHECK (source = 'set' OR source = 'winter-average'),
            window_from TEXT,
            window_to   TEXT,
            at          TEXT NOT NULL,
            operator    TEXT NOT NULL,
            CHECK ((source = 'winter-average') = (window_from IS NOT NULL) AND (window_from IS NULL) = (window_to IS NULL))
        ) STRICT;
        CREATE INDEX sewage_bases_account ON sewage_bases (account_id, id);
        CREATE TRIGGER sewage_bases_no_update BEFORE UPDATE ON sewage_bases
        BEGIN SELECT RAISE(ABORT, 'a sewage basis is never changed; set a new one'); END;
        CREATE TRIGGER sewage_bases_no_delete BEFORE DELETE ON sewage_bases
        BEGIN SELECT RAISE(ABORT, 'a sewage basis is never changed; set a new one'); END;
        """)
}
