/// Schema version 12: payments against postpaid bills and late fees.
///
/// - `ledger_entries` is rebuilt (SQLite cannot change a CHECK in place) to take a new kind,
///   `late-fee` (negative, like a bill charge): every row and id is kept, with its indexes and
///   triggers. Bills and valve commands reference its rows, so the step runs with foreign-key
///   enforcement off and the migrator checks every reference before its COMMIT
///   (`rebuildsReferencedTable`).
/// The version is named once, here (`version`): if another branch's step lands first, only this
/// number changes.
///
/// - `bill_allocations`: each amount of money put on a bill (positive) or taken off it (negative,
///   when the bill is cancelled: what was paid on it goes back to the account's credit), written
///   only by `BillAllocationWriter`, never changed or deleted. `ledger_entry_id` is the payment
///   that brought the money, when a payment did (`source` 'payment'); credit the account held is
///   allocated when a bill is issued or a cancellation frees it ('credit'); a cancellation takes
///   what was paid off the cancelled bill ('cancellation', negative).
///   The money itself is the ledger's: a bill's `paid_amount` is the sum of its allocations.
/// - `late_fees`: each late fee charged on a bill for a run of days past its due date plus the
///   grace days, written only by `LateFeeWriter`: the days (`from_date`..`to_date`, inclusive),
///   the outstanding amount it was computed on, the daily rate in per mille, the fee (rounded
///   half-up to the minor unit; a fee that rounds to zero still marks its days charged) and its
///   `late-fee` ledger entry (none for a fee of zero). One row per bill and last day (the
///   unique index): a run on the same date charges nothing again; a later one charges the days after.
enum Migration0012Payments {
    static let version = 12
    static let migration = Migration(version: version, name: "payments", rebuildsReferencedTable: true, sql: """
        CREATE TABLE ledger_entries_v10 (
            id          INTEGER PRIMARY KEY,
            account_id  INTEGER NOT NULL REFERENCES accounts (id),
            customer_id INTEGER NOT NULL REFERENCES customers (id),
            kind        TEXT NOT NULL CHECK (kind = 'recharge' OR kind = 'refund' OR kind = 'deduction' OR kind = 'bill-charge' OR kind = 'payment' OR kind = 'card-purchase' OR kind = 'adjustment' OR kind = 'reversal' OR kind = 'late-fee'),
            amount      INTEGER NOT NULL CHECK (amount <> 0),
            channel     TEXT,
            reference   TEXT,
            reason      TEXT,
            reverses_id INTEGER REFERENCES ledger_entries (id),
            at          TEXT NOT NULL,
            operator    TEXT NOT NULL,
            CHECK ((kind <> 'recharge' AND kind <> 'payment') OR amount > 0),
            CHECK ((kind <> 'refund' AND kind <> 'deduction' AND kind <> 'bill-charge' AND kind <> 'late-fee') OR amount < 0),
            CHECK (kind <> 'adjustment' OR reason IS NOT NULL),
            CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
        ) STRICT;
        INSERT INTO ledger_entries_v10 (id, account_id, customer_id, kind, amount, channel, reference, reason, reverses_id, at, operator)
            SELECT id, account_id, customer_id, kind, amount, channel, reference, reason, reverses_id, at, operator FROM ledger_entries;
        DROP TABLE ledger_entries;
        ALTER TABLE ledger_entries_v10 RENAME TO ledger_entries;
        CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id);
        CREATE INDEX ledger_entries_customer ON ledger_entries (customer_id, account_id);
        -- A reference (receipt number, gateway id) identifies one movement of one kind: a retry finds it.
        CREATE UNIQUE INDEX ledger_entries_reference ON ledger_entries (kind, reference) WHERE reference IS NOT NULL;
        CREATE UNIQUE INDEX ledger_entries_one_reversal ON ledger_entries (reverses_id) WHERE reverses_id IS NOT NULL;
        CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only; correct with a reversing entry'); END;
        CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only; correct with a reversing entry'); END;

        CREATE TABLE bill_allocations (
            id              INTEGER PRIMARY KEY,
            bill_id         INTEGER NOT NULL REFERENCES bills (id),
            account_id      INTEGER NOT NULL REFERENCES accounts (id),
            amount          INTEGER NOT NULL CHECK (amount <> 0),
            source          TEXT NOT NULL CHECK (source = 'payment' OR source = 'credit' OR source = 'cancellation'),
            ledger_entry_id INTEGER REFERENCES ledger_entries (id),
            at              TEXT NOT NULL,
            operator        TEXT NOT NULL,
            CHECK ((source = 'payment') = (ledger_entry_id IS NOT NULL)),
            CHECK ((source = 'cancellation') = (amount < 0))
        ) STRICT;
        CREATE INDEX bill_allocations_bill ON bill_allocations (bill_id, id);
        CREATE INDEX bill_allocations_entry ON bill_allocations (ledger_entry_id, id) WHERE ledger_entry_id IS NOT NULL;
        CREATE TRIGGER bill_allocations_no_update BEFORE UPDATE ON bill_allocations
        BEGIN SELECT RAISE(ABORT, 'allocations are never changed; a cancellation takes money off a bill with a new row'); END;
        CREATE TRIGGER bill_allocations_no_delete BEFORE DELETE ON bill_allocations
        BEGIN SELECT RAISE(ABORT, 'allocations are never changed; a cancellation takes money off a bill with a new row'); END;

        CREATE TABLE late_fees (
            id              INTEGER PRIMARY KEY,
            bill_id         INTEGER NOT NULL REFERENCES bills (id),
            from_date       TEXT NOT NULL,
            to_date         TEXT NOT NULL,
            days            INTEGER NOT NULL CHECK (days >= 1),
            base            INTEGER NOT NULL CHECK (base > 0),
            rate            TEXT NOT NULL,
            amount          INTEGER NOT NULL CHECK (amount >= 0),
            ledger_entry_id INTEGER REFERENCES ledger_entries (id),
            at              TEXT NOT NULL,
            operator        TEXT NOT NULL,
            CHECK (to_date >= from_date),
            CHECK ((amount = 0) = (ledger_entry_id IS NULL))
        ) STRICT;
        CREATE UNIQUE INDEX late_fees_bill ON late_fees (bill_id, to_date);
        CREATE TRIGGER late_fees_no_update BEFORE UPDATE ON late_fees
        BEGIN SELECT RAISE(ABORT, 'a late fee is never changed'); END;
        CREATE TRIGGER late_fees_no_delete BEFORE DELETE ON late_fees
        BEGIN SELECT RAISE(ABORT, 'a late fee is never changed'); END;
        """)
}
