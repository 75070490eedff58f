/// Schema version 9: the utility's card secret and the IC cards issued.
///
/// `card_secret` (a setting): 32 random bytes as 64 hex digits, from which every IC card's security
/// code is derived (`CardKeys`). It is created here, so `wbill init` creates it for a new database
/// and `wbill db migrate` (or `init` again) for an existing one; nothing ever prints it. It lives in
/// the database, not in a file beside it, so that a backup (`db backup`) carries it: a database
/// restored without it could never write its cards again. The database file is 0600.
/// SQLite's `randomblob` draws from its ChaCha20 generator, seeded from the operating system.
///
/// `cards`: one row per card number issued, which binds it to an account and the meter it is for.
/// A card's writing is journaled: the row is committed as `opening` before the card is written and
/// made `active` after it was read back (`failed` when the write failed, `abandoned` when a new
/// card was opened instead; `lost` and `replaced` are for card replacement). `code_state` says which
/// security code the card holds: `factory` until just before the card's own code is given to it,
/// `changing` from then until it is confirmed, `card` after. At most one card per account is live
/// (opening or active).
enum Migration0009Cards {
    static let version = 9
    static let migration = Migration(version: version, name: "cards", sql: """
        INSERT INTO settings (key, value) VALUES ('card_secret', lower(hex(randomblob(32))))
            ON CONFLICT (key) DO NOTHING;

        CREATE TABLE cards (
            id                INTEGER PRIMARY KEY,
            card_number       INTEGER NOT NULL UNIQUE CHECK (card_number BETWEEN 1 AND 4294967295),
            account_id        INTEGER NOT NULL REFERENCES accounts (id),
            meter_id          INTEGER NOT NULL REFERENCES meters (id),
            replacement_count INTEGER NOT NULL DEFAULT 0 CHECK (replacement_count BETWEEN 0 AND 65535),
            state             TEXT NOT NULL CHECK (state = 'opening' OR state = 'active' OR state = 'failed' OR state = 'abandoned' OR state = 'lost' OR state = 'replaced'),
            code_state        TEXT NOT NULL CHECK (code_state = 'factory' OR code_state = 'changing' OR code_state = 'card'),
            started_at        TEXT NOT NULL,
            started_by        TEXT NOT NULL,
            opened_at         TEXT,
            opened_by         TEXT,
            failure           TEXT,
            CHECK ((opened_at IS NULL) = (opened_by IS NULL)),
            CHECK (state <> 'active' OR (opened_at IS NOT NULL AND code_state = 'card'))
        ) STRICT;
        CREATE INDEX cards_account ON cards (account_id, id);
        -- One live card per account.
        CREATE UNIQUE INDEX cards_one_live_per_account ON cards (account_id) WHERE state = 'opening' OR state = 'active';
        """)
}
