/// Schema version 4: customers and the history of their basic information, accounts with their
/// meters and ownership history, meter readings, and the append-only money ledger.
///
/// Money is stored as signed integers in the currency's minor unit: a positive amount is money
/// in the customer's favour (recharge, payment, credit adjustment), a negative one money owed or
/// spent (deduction, bill charge, refund paid out, debit adjustment). A balance is a SUM; a
/// negative balance is money owed. Nothing in the ledger is ever updated or deleted, and the
/// balance after an entry is the SUM of the account's entries up to it (ids only grow), so a
/// receipt can always be printed again exactly.
enum Migration0004CustomersAndAccounts {
    static let migration = Migration(version: 4, name: "customers and accounts", sql: """
        CREATE TABLE customers (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            id_number  TEXT,
            tax_number TEXT,
            phone      TEXT,
            address    TEXT,
            contact    TEXT,
            email      TEXT,
            persons    INTEGER CHECK (persons IS NULL OR persons BETWEEN 1 AND 999),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        ) STRICT;
        CREATE INDEX customers_name ON customers (name COLLATE NOCASE);
        CREATE INDEX customers_phone ON customers (phone);
        CREATE INDEX customers_id_number ON customers (id_number);
        CREATE INDEX customers_tax_number ON customers (tax_number);

        -- Every change of a customer's basic information, field by field (customer edit).
        CREATE TABLE customer_changes (
            id          INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers (id),
            at          TEXT NOT NULL,
            operator    TEXT NOT NULL,
            field       TEXT NOT NULL,
            old_value   TEXT,
            new_value   TEXT
        ) STRICT;
        CREATE INDEX customer_changes_customer ON customer_changes (customer_id, id);

        -- The holder is not stored here: it is the account_holders row without a to_date.
        -- business_mode is the customer type's at opening (rule 5 keeps the type from changing).
        CREATE TABLE accounts (
            id               INTEGER PRIMARY KEY,
            number           TEXT NOT NULL UNIQUE,
            customer_type_id INTEGER NOT NULL REFERENCES customer_types (id),
            business_mode    TEXT NOT NULL CHECK ((business_mode = 'meter-prepaid' OR business_mode = 'system-prepaid' OR business_mode = 'postpaid')),
            status           TEXT NOT NULL DEFAULT 'open' CHECK ((status = 'open' OR status = 'suspended' OR status = 'closed')),
            currency         TEXT NOT NULL,
            minor_unit       INTEGER NOT NULL CHECK (minor_unit BETWEEN 0 AND 4),
            opened_at        TEXT NOT NULL,
            opened_by        TEXT NOT NULL,
            closed_at        TEXT,
            closed_by        TEXT,
            CHECK ((status = 'closed') = (closed_at IS NOT NULL))
        ) STRICT;
        CREATE INDEX accounts_customer_type ON accounts (customer_type_id);
        CREATE INDEX accounts_status ON accounts (status);

        -- Which meters an account has had, and when (removed_at NULL while installed).
        CREATE TABLE account_meters (
            account_id   INTEGER NOT NULL REFERENCES accounts (id),
            meter_id     INTEGER NOT NULL REFERENCES meters (id),
            installed_at TEXT NOT NULL,
            removed_at   TEXT,
            PRIMARY KEY (account_id, meter_id, installed_at)
        ) STRICT, WITHOUT ROWID;
        CREATE UNIQUE INDEX account_meters_one_account_per_meter ON account_meters (meter_id) WHERE removed_at IS NULL;

        -- Ownership history: who held the account from which date (inclusive) to which date
        -- (exclusive: the next holder's from_date); to_date is NULL for the holder now.
        CREATE TABLE account_holders (
            id          INTEGER PRIMARY KEY,
            account_id  INTEGER NOT NULL REFERENCES accounts (id),
            customer_id INTEGER NOT NULL REFERENCES customers (id),
            from_date   TEXT NOT NULL,
            to_date     TEXT,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            CHECK (to_date IS NULL OR to_date > from_date)
        ) STRICT;
        CREATE UNIQUE INDEX account_holders_current ON account_holders (account_id) WHERE to_date IS NULL;
        CREATE INDEX account_holders_account ON account_holders (account_id, from_date);
        CREATE INDEX account_holders_customer ON account_holders (customer_id);

        -- Register readings in litres. Minimal for now (final readings at close); the readings
        -- issue extends it. account_id is the account the meter was on when it was read.
        CREATE TABLE meter_readings (
            id         INTEGER PRIMARY KEY,
            meter_id   INTEGER NOT NULL REFERENCES meters (id),
            account_id INTEGER REFERENCES accounts (id),
            at         TEXT NOT NULL,
            value      INTEGER NOT NULL CHECK (value >= 0),
            source     TEXT NOT NULL CHECK ((source = 'manual' OR source = 'handheld' OR source = 'remote' OR source = 'file' OR source = 'card' OR source = 'estimated' OR source = 'final')),
            operator   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX meter_readings_meter ON meter_readings (meter_id, at, id);
        CREATE INDEX meter_readings_account ON meter_readings (account_id, at);

        -- customer_id is the account's holder when the entry was made: after a transfer the
        -- entries before it stay on the old holder's statement.
        CREATE TABLE ledger_entries (
            id          INTEGER PRIMARY KEY,
            account_id  INTEGER NOT NULL REFERENCES accounts (id),
            customer_id INTEGER NOT NULL REFERENCES customers (id),
            kind        TEXT NOT NULL CHECK ((kind = 'recharge' OR kind = 'refund' OR kind = 'deduction' OR kind = 'bill-charge' OR kind = 'payment' OR kind = 'card-purchase' OR kind = 'adjustment' OR kind = 'reversal')),
            amount      INTEGER NOT NULL CHECK (amount <> 0),
            channel     TEXT,
            reference   TEXT,
            reason      TEXT,
            reverses_id INTEGER REFERENCES ledger_entries (id),
            at          TEXT NOT NULL,
            operator    TEXT NOT NULL,
            CHECK ((kind <> 'recharge' AND kind <> 'payment') OR amount > 0),
            CHECK ((kind <> 'refund' AND kind <> 'deduction' AND kind <> 'bill-charge') OR amount < 0),
            CHECK (kind <> 'adjustment' OR reason IS NOT NULL),
            CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
        ) STRICT;
        CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id);
        CREATE INDEX ledger_entries_customer ON ledger_entries (customer_id, account_id);
        -- A reference (receipt number, gateway id) identifies one movement of one kind: a retry finds it.
        CREATE UNIQUE INDEX ledger_entries_reference ON ledger_entries (kind, reference) WHERE reference IS NOT NULL;
        CREATE UNIQUE INDEX ledger_entries_one_reversal ON ledger_entries (reverses_id) WHERE reverses_id IS NOT NULL;

        CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only; correct with a reversing entry'); END;
        CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only; correct with a reversing entry'); END;
        """)
}
