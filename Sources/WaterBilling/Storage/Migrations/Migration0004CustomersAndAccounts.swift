/// Schema version 4: customers, accounts with their meters and ownership history, and the
/// append-only money ledger.
///
/// Money is stored as signed integers in the currency's minor unit: a positive amount is money
/// in the customer's favour (recharge, payment, credit adjustment), a negative one money owed or
/// spent (deduction, bill charge, refund paid out, debit adjustment). A balance is a SUM.
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
        CREATE INDEX customers_name ON customers (name);
        CREATE INDEX customers_phone ON customers (phone);
        CREATE INDEX customers_id_number ON customers (id_number);

        CREATE TABLE accounts (
            id               INTEGER PRIMARY KEY,
            number           TEXT NOT NULL UNIQUE,
            customer_id      INTEGER NOT NULL REFERENCES customers (id),
            customer_type_id INTEGER NOT NULL REFERENCES customer_types (id),
            payment_mode     TEXT NOT NULL CHECK (payment_mode IN ('postpaid', 'prepaid')),
            status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'suspended', 'closed')),
            currency         TEXT NOT NULL,
            minor_unit       INTEGER NOT NULL CHECK (minor_unit BETWEEN 0 AND 4),
            opened_at        TEXT NOT NULL,
            closed_at        TEXT
        ) STRICT;
        CREATE INDEX accounts_customer ON accounts (customer_id);
        CREATE INDEX accounts_customer_type ON accounts (customer_type_id);

        -- Which meters an account has had, and when (removed_at NULL while installed).
        CREATE TABLE account_meters (
            account_id   INTEGER NOT NULL REFERENCES accounts (id),
            meter_id     INTEGER NOT NULL REFERENCES meters (id),
            installed_at TEXT NOT NULL,
            removed_at   TEXT,
            PRIMARY KEY (account_id, meter_id, installed_at)
        ) STRICT, WITHOUT ROWID;
        CREATE UNIQUE INDEX account_meters_one_account_per_meter ON account_meters (meter_id) WHERE removed_at IS NULL;

        -- Ownership history: who held the account from which date (to_date NULL for the holder now).
        CREATE TABLE account_holders (
            account_id  INTEGER NOT NULL REFERENCES accounts (id),
            customer_id INTEGER NOT NULL REFERENCES customers (id),
            from_date   TEXT NOT NULL,
            to_date     TEXT,
            PRIMARY KEY (account_id, from_date)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE ledger_entries (
            id          INTEGER PRIMARY KEY,
            account_id  INTEGER NOT NULL REFERENCES accounts (id),
            kind        TEXT NOT NULL CHECK (kind IN ('recharge', 'refund', 'deduction', 'bill-charge', 'payment', 'card-purchase', 'adjustment', 'reversal')),
            amount      INTEGER NOT NULL,
            channel     TEXT,
            reference   TEXT,
            reason      TEXT,
            reverses_id INTEGER REFERENCES ledger_entries (id),
            at          TEXT NOT NULL,
            operator    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id);
        -- A reference (receipt number, gateway id) identifies one movement of one kind: a retry finds it.
        CREATE UNIQUE INDEX ledger_entries_reference ON ledger_entries (kind, reference) WHERE reference IS NOT NULL;
        CREATE UNIQUE INDEX ledger_entries_one_reversal ON ledger_entries (reverses_id) WHERE reverses_id IS NOT NULL;

        CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only; correct with a reversing entry'); END;
        CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only; correct with a reversing entry'); END;
        """)
}
