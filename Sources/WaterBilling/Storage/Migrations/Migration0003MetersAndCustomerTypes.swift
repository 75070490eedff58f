/// Schema version 3: meter types, meters and their history, meter groups, import runs, and
/// customer types with their allowed meter types and payment channels.
///
/// Enumerated columns are checked with `a = 'x' OR a = 'y'` rather than `a IN ('x', 'y')`: SQLite
/// builds a temporary b-tree for every row checked against an IN list, a third of a bulk import's time.
enum Migration0003MetersAndCustomerTypes {
    static let migration = Migration(version: 3, name: "meters and customer types", sql: """
        CREATE TABLE meter_types (
            id              INTEGER PRIMARY KEY,
            name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind            TEXT NOT NULL CHECK (kind = 'mechanical' OR kind = 'ic-card' OR kind = 'remote' OR kind = 'ultrasonic' OR kind = 'large-caliber'),
            payment_model   TEXT NOT NULL CHECK (payment_model = 'prepaid' OR payment_model = 'postpaid'),
            has_valve       INTEGER NOT NULL CHECK (has_valve = 0 OR has_valve = 1),
            reading_method  TEXT NOT NULL CHECK (reading_method = 'manual' OR reading_method = 'remote' OR reading_method = 'card'),
            register_digits INTEGER NOT NULL CHECK (register_digits BETWEEN 3 AND 12),
            created_at      TEXT NOT NULL
        ) STRICT;

        CREATE TABLE meter_type_calibers (
            meter_type_id INTEGER NOT NULL REFERENCES meter_types (id) ON DELETE CASCADE,
            caliber       INTEGER NOT NULL CHECK (caliber BETWEEN 1 AND 3000),
            PRIMARY KEY (meter_type_id, caliber)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE meter_groups (
            id              INTEGER PRIMARY KEY,
            name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
            reader          TEXT,
            master_meter_id INTEGER REFERENCES meters (id),
            created_at      TEXT NOT NULL
        ) STRICT;

        CREATE TABLE meter_imports (
            id          INTEGER PRIMARY KEY,
            at          TEXT NOT NULL,
            operator    TEXT NOT NULL,
            source      TEXT NOT NULL,
            on_duplicate TEXT NOT NULL,
            rows_read   INTEGER NOT NULL DEFAULT 0,
            imported    INTEGER NOT NULL DEFAULT 0,
            updated     INTEGER NOT NULL DEFAULT 0,
            unchanged   INTEGER NOT NULL DEFAULT 0,
            skipped     INTEGER NOT NULL DEFAULT 0,
            rejected    INTEGER NOT NULL DEFAULT 0
        ) STRICT;

        -- Serials are stored normalised (surrounding spaces removed, upper case).
        -- A meter's creation is its first history entry (created_at/created_by/import_id);
        -- every later change is a row of meter_events.
        CREATE TABLE meters (
            id              INTEGER PRIMARY KEY,
            serial          TEXT NOT NULL UNIQUE,
            meter_type_id   INTEGER NOT NULL REFERENCES meter_types (id),
            caliber         INTEGER NOT NULL,
            manufacturer    TEXT NOT NULL DEFAULT '',
            model           TEXT NOT NULL DEFAULT '',
            initial_reading INTEGER NOT NULL DEFAULT 0 CHECK (initial_reading >= 0),
            location        TEXT NOT NULL DEFAULT '',
            state           TEXT NOT NULL DEFAULT 'in-stock' CHECK (state = 'in-stock' OR state = 'installed' OR state = 'removed' OR state = 'faulty'),
            group_id        INTEGER REFERENCES meter_groups (id) ON DELETE SET NULL,
            created_at      TEXT NOT NULL,
            created_by      TEXT NOT NULL,
            import_id       INTEGER REFERENCES meter_imports (id),
            import_line     INTEGER
        ) STRICT;
        -- One index serves "meters of a type" and "meters of a type in a state" (eligible meters).
        CREATE INDEX meters_type_state ON meters (meter_type_id, state);
        CREATE INDEX meters_group ON meters (group_id);

        CREATE TABLE meter_events (
            id         INTEGER PRIMARY KEY,
            meter_id   INTEGER NOT NULL REFERENCES meters (id),
            at         TEXT NOT NULL,
            operator   TEXT NOT NULL,
            event      TEXT NOT NULL,
            from_state TEXT,
            to_state   TEXT,
            detail     TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE INDEX meter_events_meter ON meter_events (meter_id, id);

        CREATE TABLE customer_types (
            id                INTEGER PRIMARY KEY,
            name              TEXT NOT NULL UNIQUE COLLATE NOCASE,
            water_nature      TEXT NOT NULL CHECK (water_nature = 'residential' OR water_nature = 'commercial' OR water_nature = 'industrial' OR water_nature = 'special' OR water_nature = 'public' OR water_nature = 'statistical'),
            business_mode     TEXT NOT NULL CHECK (business_mode = 'meter-prepaid' OR business_mode = 'system-prepaid' OR business_mode = 'postpaid'),
            count_consumption INTEGER NOT NULL CHECK (count_consumption = 0 OR count_consumption = 1),
            charge            INTEGER NOT NULL CHECK (charge = 0 OR charge = 1),
            tariff_id         INTEGER REFERENCES tariffs (id),
            created_at        TEXT NOT NULL,
            CHECK (charge = 0 OR tariff_id IS NOT NULL)
        ) STRICT;
        CREATE INDEX customer_types_tariff ON customer_types (tariff_id);

        CREATE TABLE customer_type_meter_types (
            customer_type_id INTEGER NOT NULL REFERENCES customer_types (id) ON DELETE CASCADE,
            meter_type_id    INTEGER NOT NULL REFERENCES meter_types (id),
            PRIMARY KEY (customer_type_id, meter_type_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX customer_type_meter_types_meter_type ON customer_type_meter_types (meter_type_id);

        CREATE TABLE customer_type_channels (
            customer_type_id INTEGER NOT NULL REFERENCES customer_types (id) ON DELETE CASCADE,
            channel          TEXT NOT NULL,
            PRIMARY KEY (customer_type_id, channel)
        ) STRICT, WITHOUT ROWID;
        """)
}
