/// Schema version 7: meter readings as the readings issue needs them, their import runs, and the
/// consumption each accepted reading yields.
///
/// `meter_readings` is rebuilt (SQLite cannot change a CHECK in place): it gains when a reading was
/// recorded, the import run and line it came from, and its void (a wrong reading is never deleted:
/// it is marked void and its consumption reversed). Its source `file` is now spelled `third-party`,
/// and `initial` is a new source: the first reading of a meter put on an account by an exchange.
/// Nothing references the table yet, so the rebuild keeps every row and id as it was. It keeps one
/// index, by meter and time: the index by account and the one by time are dropped (see below).
///
/// `consumptions` is append-only, like the ledger: one record per accepted reading (the volume
/// used since the meter's previous real reading, or since it was put on the account), and a
/// reversing record when a reading is voided or an estimate is corrected by the next real reading.
/// The sum of an account's records over a span is what it used, counted once. Volumes are in
/// thousandths of the utility's volume unit, as everywhere.
enum Migration0007Readings {
    static let migration = Migration(version: 7, name: "readings", sql: """
        CREATE TABLE reading_imports (
            id        INTEGER PRIMARY KEY,
            at        TEXT NOT NULL,
            operator  TEXT NOT NULL,
            source    TEXT NOT NULL,
            rows_read INTEGER NOT NULL DEFAULT 0,
            imported  INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            rejected  INTEGER NOT NULL DEFAULT 0,
            flagged   INTEGER NOT NULL DEFAULT 0
        ) STRICT;

        -- at: when the register showed the value; recorded_at: when it was entered.
        CREATE TABLE meter_readings_v7 (
            id          INTEGER PRIMARY KEY,
            meter_id    INTEGER NOT NULL REFERENCES meters (id),
            account_id  INTEGER NOT NULL REFERENCES accounts (id),
            at          TEXT NOT NULL,
            value       INTEGER NOT NULL CHECK (value >= 0),
            source      TEXT NOT NULL CHECK (source = 'manual' OR source = 'handheld' OR source = 'remote' OR source = 'third-party' OR source = 'card' OR source = 'estimated' OR source = 'final' OR source = 'initial'),
            operator    TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            import_id   INTEGER REFERENCES reading_imports (id),
            import_line INTEGER,
            voided_at   TEXT,
            voided_by   TEXT,
            void_reason TEXT,
            CHECK ((voided_at IS NULL) = (voided_by IS NULL) AND (voided_at IS NULL) = (void_reason IS NULL)),
            CHECK ((import_id IS NULL) = (import_line IS NULL))
        ) STRICT;
        INSERT INTO meter_readings_v7 (id, meter_id, account_id, at, value, source, operator, recorded_at)
            SELECT id, meter_id, account_id, at, value, CASE source WHEN 'file' THEN 'third-party' ELSE source END, operator, at
            FROM meter_readings;
        DROP TABLE meter_readings;
        ALTER TABLE meter_readings_v7 RENAME TO meter_readings;
        -- The one index of readings: a meter's, in time order. An account's readings are its meters'
        -- (account_meters), and lists in recording order walk the rowid: an import writes every row
        -- into each index, and one by account or by time cost it more than the reading itself.
        CREATE INDEX meter_readings_meter ON meter_readings (meter_id, at, id);
        -- A reading is never deleted or edited: a wrong one is voided, once.
        CREATE TRIGGER meter_readings_no_delete BEFORE DELETE ON meter_readings
        BEGIN SELECT RAISE(ABORT, 'readings are never deleted; void a wrong one'); END;
        CREATE TRIGGER meter_readings_only_void BEFORE UPDATE ON meter_readings
        WHEN OLD.voided_at IS NOT NULL OR NEW.meter_id IS NOT OLD.meter_id OR NEW.account_id IS NOT OLD.account_id
          OR NEW.at IS NOT OLD.at OR NEW.value IS NOT OLD.value OR NEW.source IS NOT OLD.source
          OR NEW.operator IS NOT OLD.operator OR NEW.recorded_at IS NOT OLD.recorded_at
          OR NEW.import_id IS NOT OLD.import_id OR NEW.import_line IS NOT OLD.import_line
        BEGIN SELECT RAISE(ABORT, 'a reading is never edited: it can only be voided, once'); END;

        -- The account a meter is on, and since when, in one look-up (each reading needs it): with
        -- removed_at (always NULL in it) the index covers the query, which reads no table row.
        CREATE INDEX account_meters_installed ON account_meters (meter_id, account_id, installed_at, removed_at)
            WHERE removed_at IS NULL;

        -- from_reading_id is NULL when the span starts where the meter was put on the account.
        -- cumulative (measured records only) is the meter's measured consumption on the account up
        -- to the end of the span: the difference of two gives the use between two readings in one
        -- look-up each (the meter's average, for the high and low flags).
        -- A reversal repeats the reading, meter, account and span of the record it reverses, with
        -- the opposite volume, no flags, and why (reason).
        CREATE TABLE consumptions (
            id              INTEGER PRIMARY KEY,
            reading_id      INTEGER NOT NULL REFERENCES meter_readings (id),
            meter_id        INTEGER NOT NULL REFERENCES meters (id),
            account_id      INTEGER NOT NULL REFERENCES accounts (id),
            from_reading_id INTEGER REFERENCES meter_readings (id),
            from_at         TEXT NOT NULL,
            to_at           TEXT NOT NULL,
            volume          INTEGER NOT NULL,
            kind            TEXT NOT NULL CHECK (kind = 'measured' OR kind = 'estimated' OR kind = 'reversal'),
            flags           TEXT NOT NULL DEFAULT '',
            reverses_id     INTEGER REFERENCES consumptions (id),
            reason          TEXT,
            cumulative      INTEGER,
            recorded_at     TEXT NOT NULL,
            CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
            CHECK ((kind = 'measured') = (cumulative IS NOT NULL)),
            CHECK ((kind = 'reversal') = (reason IS NOT NULL)),
            CHECK (kind = 'reversal' OR volume >= 0),
            CHECK (kind <> 'reversal' OR flags = ''),
            CHECK (to_at >= from_at)
        ) STRICT;
        CREATE INDEX consumptions_reading ON consumptions (reading_id);
        CREATE UNIQUE INDEX consumptions_one_reversal ON consumptions (reverses_id) WHERE reverses_id IS NOT NULL;
        -- Flagged records (anomalies, for review and the alarms), by time: only they are in it.
        CREATE INDEX consumptions_flagged ON consumptions (to_at) WHERE flags <> '';

        CREATE TRIGGER consumptions_no_update BEFORE UPDATE ON consumptions
        BEGIN SELECT RAISE(ABORT, 'consumption records are append-only; correct with a reversing record'); END;
        CREATE TRIGGER consumptions_no_delete BEFORE DELETE ON consumptions
        BEGIN SELECT RAISE(ABORT, 'consumption records are append-only; correct with a reversing record'); END;
        """)
}
