/// Schema version 2: tariffs (price schemes) and their effective-dated versions.
///
/// A version keeps the tariff file exactly as given (`source`); pricing re-reads it, so a
/// version prices its days the same way forever. Versions are never edited, only added.
enum Migration0002Tariffs {
    static let migration = Migration(version: 2, name: "tariffs", sql: """
        CREATE TABLE tariffs (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind        TEXT NOT NULL CHECK (kind IN ('postpaid', 'meter-prepaid', 'system-prepaid')),
            currency    TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            created_by  TEXT NOT NULL
        ) STRICT;

        CREATE TABLE tariff_versions (
            tariff_id      INTEGER NOT NULL REFERENCES tariffs (id) ON DELETE CASCADE,
            version        INTEGER NOT NULL CHECK (version >= 1),
            effective_from TEXT NOT NULL,
            source         TEXT NOT NULL,
            created_at     TEXT NOT NULL,
            created_by     TEXT NOT NULL,
            PRIMARY KEY (tariff_id, version),
            UNIQUE (tariff_id, effective_from)
        ) STRICT;
        """)
}
