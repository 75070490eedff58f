/// Schema version 8: alarm records and the valve command queue.
///
/// The version is named once, here (`version`): version 7 belongs to the readings work, and if the
/// two steps land in the other order, only this number changes.
///
/// `alarms`: one row per alarm raised, of a kind (`AlarmKind`), about an account, a meter or both;
/// `value` and `threshold` are whole numbers in the kind's measure (minor units of the account's
/// currency, days or a percentage; NULL for events). An alarm is open, then acknowledged, then
/// closed (or closed straight from open), each step with its time and operator. At most one alarm
/// of a kind is active (not closed) per account and meter: the partial unique index says so, and
/// `AlarmDesk` looks it up through the same index before raising.
///
/// `valve_commands`: the queue a head-end system reads. A command asks for a meter's valve to close
/// or open; it is pending until acknowledged. `balance` and `ledger_entry_id` say which movement of
/// money, leaving which balance, called for it.
///
/// The thresholds themselves are the utility's settings (`AlarmOptions`), not a table.
enum Migration0008Alarms {
    static let version = 8
    static let migration = Migration(version: version, name: "alarms and valve commands", sql: """
        CREATE TABLE alarms (
            id              INTEGER PRIMARY KEY,
            kind            TEXT NOT NULL CHECK (kind = 'low-balance' OR kind = 'zero-consumption' OR kind = 'high-consumption' OR kind = 'low-consumption' OR kind = 'meter-offline' OR kind = 'reverse-flow' OR kind = 'tamper' OR kind = 'low-battery' OR kind = 'valve-fault'),
            account_id      INTEGER REFERENCES accounts (id),
            meter_id        INTEGER REFERENCES meters (id),
            value           INTEGER,
            threshold       INTEGER,
            cause           TEXT NOT NULL DEFAULT '',
            raised_at       TEXT NOT NULL,
            raised_by       TEXT NOT NULL,
            state           TEXT NOT NULL DEFAULT 'open' CHECK (state = 'open' OR state = 'acknowledged' OR state = 'closed'),
            acknowledged_at TEXT,
            acknowledged_by TEXT,
            closed_at       TEXT,
            closed_by       TEXT,
            CHECK (account_id IS NOT NULL OR meter_id IS NOT NULL),
            CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
            CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
            CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
            CHECK (state <> 'acknowledged' OR acknowledged_at IS NOT NULL),
            CHECK (state <> 'open' OR acknowledged_at IS NULL)
        ) STRICT;
        -- The same condition never has two active alarms.
        CREATE UNIQUE INDEX alarms_one_active ON alarms (kind, ifnull(account_id, 0), ifnull(meter_id, 0)) WHERE state <> 'closed';
        CREATE INDEX alarms_state ON alarms (state, id);
        CREATE INDEX alarms_kind ON alarms (kind, id);
        CREATE INDEX alarms_account ON alarms (account_id, id);
        CREATE INDEX alarms_meter ON alarms (meter_id, id);

        CREATE TABLE valve_commands (
            id              INTEGER PRIMARY KEY,
            meter_id        INTEGER NOT NULL REFERENCES meters (id),
            account_id      INTEGER REFERENCES accounts (id),
            action          TEXT NOT NULL CHECK (action = 'close' OR action = 'open'),
            balance         INTEGER,
            ledger_entry_id INTEGER REFERENCES ledger_entries (id),
            queued_at       TEXT NOT NULL,
            queued_by       TEXT NOT NULL,
            state           TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'acknowledged'),
            acknowledged_at TEXT,
            acknowledged_by TEXT,
            CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
            CHECK ((state = 'acknowledged') = (acknowledged_at IS NOT NULL))
        ) STRICT;
        -- A meter's commands in order: the last one is what its valve was last told.
        CREATE INDEX valve_commands_meter ON valve_commands (meter_id, id);
        CREATE INDEX valve_commands_state ON valve_commands (state, id);
        CREATE INDEX valve_commands_account ON valve_commands (account_id, id);
        """)
}
