/// Schema version 11: the purchases written to IC cards, journaled.
///
/// `card_purchases`: one row per purchase bought onto a card (`wbill card recharge`), committed
/// `pending` — with its two ledger entries: the money paid in (`recharge`, the receipt) and spent
/// on the water (`card-purchase`, negative), so a card-meter account's balance stays zero — before
/// the card is written, and made `confirmed` after the card was read back; a pending purchase the
/// card never took is `rolled-back`, both entries reversed (`*_reversal_id`). The sequence is the account's
/// (the meter counts it, whatever card carries it): unique among the purchases not rolled back, so a
/// rolled-back sequence is the next one again. `volume` and `cumulative` (every volume bought for
/// the account up to this one) are whole thousandths of the volume unit; `amount` minor units;
/// `priced_on` the day whose tier cycle priced it; `asked` what the recharge asked for (`amount 100.00`,
/// `volume 10.000`), which a retry with the same reference must ask again. A reference, when given, names one purchase.
/// At most one purchase of an account is pending.
///
/// `card_refunds`: credit still on a card that the meter has not taken, paid back
/// (`wbill card refund`): journaled `pending` with its ledger entries (the water's money returned as
/// a `card-purchase`, paid out as a `refund`), the card's purchase rewritten with the volume less,
/// then `confirmed`; `rolled-back` (both entries reversed) when the card never took it. The volume a
/// card carries for a purchase is its volume less its refunds not rolled back. At most one refund
/// of an account is pending.
///
/// `cards.swipe_required`: a card issued as a replacement must be swiped at the meter before it is
/// recharged (rule 9); set when it is issued, cleared when a recharge finds the meter's mark on it.
enum Migration0011CardPurchases {
    static let version = 11
    static let migration = Migration(version: version, name: "card purchases", sql: """
        ALTER TABLE cards ADD COLUMN swipe_required INTEGER NOT NULL DEFAULT 0 CHECK (swipe_required = 0 OR swipe_required = 1);

        CREATE TABLE card_purchases (
            id                INTEGER PRIMARY KEY,
            account_id        INTEGER NOT NULL REFERENCES accounts (id),
            card_id           INTEGER NOT NULL REFERENCES cards (id),
            sequence          INTEGER NOT NULL CHECK (sequence BETWEEN 1 AND 4294967295),
            volume            INTEGER NOT NULL CHECK (volume > 0),
            cumulative        INTEGER NOT NULL CHECK (cumulative >= volume),
            asked             TEXT NOT NULL,
            amount            INTEGER NOT NULL CHECK (amount >= 0),
            tariff            TEXT NOT NULL,
            priced_on         TEXT NOT NULL,
            channel           TEXT NOT NULL,
            reference         TEXT,
            state             TEXT NOT NULL CHECK (state = 'pending' OR state = 'confirmed' OR state = 'rolled-back'),
            receipt_entry_id     INTEGER REFERENCES ledger_entries (id),
            purchase_entry_id    INTEGER REFERENCES ledger_entries (id),
            receipt_reversal_id  INTEGER REFERENCES ledger_entries (id),
            purchase_reversal_id INTEGER REFERENCES ledger_entries (id),
            started_at        TEXT NOT NULL,
            started_by        TEXT NOT NULL,
            settled_at        TEXT,
            settled_by        TEXT,
            CHECK ((settled_at IS NULL) = (state = 'pending')),
            CHECK ((settled_at IS NULL) = (settled_by IS NULL))
        ) STRICT;
        CREATE INDEX card_purchases_account ON card_purchases (account_id, priced_on);
        CREATE INDEX card_purchases_card ON card_purchases (card_id, id);
        CREATE UNIQUE INDEX card_purchases_sequence ON card_purchases (account_id, sequence) WHERE state <> 'rolled-back';
        CREATE UNIQUE INDEX card_purchases_one_pending ON card_purchases (account_id) WHERE state = 'pending';
        CREATE UNIQUE INDEX card_purchases_reference ON card_purchases (reference) WHERE reference IS NOT NULL;

        CREATE TABLE card_refunds (
            id                   INTEGER PRIMARY KEY,
            purchase_id          INTEGER NOT NULL REFERENCES card_purchases (id),
            account_id           INTEGER NOT NULL REFERENCES accounts (id),
            card_id              INTEGER NOT NULL REFERENCES cards (id),
            volume               INTEGER NOT NULL CHECK (volume > 0),
            asked                TEXT NOT NULL,
            amount               INTEGER NOT NULL CHECK (amount >= 0),
            channel              TEXT NOT NULL,
            reference            TEXT,
            state                TEXT NOT NULL CHECK (state = 'pending' OR state = 'confirmed' OR state = 'rolled-back'),
            refund_entry_id      INTEGER REFERENCES ledger_entries (id),
            purchase_entry_id    INTEGER REFERENCES ledger_entries (id),
            refund_reversal_id   INTEGER REFERENCES ledger_entries (id),
            purchase_reversal_id INTEGER REFERENCES ledger_entries (id),
            started_at           TEXT NOT NULL,
            started_by           TEXT NOT NULL,
            settled_at           TEXT,
            settled_by           TEXT,
            CHECK ((settled_at IS NULL) = (state = 'pending')),
            CHECK ((settled_at IS NULL) = (settled_by IS NULL))
        ) STRICT;
        CREATE INDEX card_refunds_purchase ON card_refunds (purchase_id, id);
        CREATE UNIQUE INDEX card_refunds_one_pending ON card_refunds (account_id) WHERE state = 'pending';
        CREATE UNIQUE INDEX card_refunds_reference ON card_refunds (reference) WHERE reference IS NOT NULL;
        """)
}
