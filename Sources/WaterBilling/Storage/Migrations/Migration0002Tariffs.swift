/// Schema version 2: tariffs (price schemes) and their effective-dated versions.
///
/// A version keeps the tariff file exactly as given (`source`); pricing re-reads it, so a
/// version prices its days the same way forever. Versions are never edited, only added, each
/// starting after the one before. `currency` and `minor_unit` repeat the file's, for queries.
/// A proportional (mixed-use) version lists the tariffs it splits into in
/// `tariff_version_parts`, so a tariff that is a part cannot be deleted.
enum Migration0002Tariffs {
    static let migration = Migration(version: 2, name: "tariffs", sql: """
        CREATE TABLE tariffs (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind        TEXT NOT NULL CHECK ((kind = 'postpaid' OR kind = 'meter-prepaid' OR kind = 'system-prepaid')),
            currency    TEXT NOT NULL,
            minor_unit  INTEGER NOT NULL CHECK (minor_unit BETWEEN 0 AND 4),
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

        CREATE TABLE tariff_version_parts (
            tariff_id      INTEGER NOT NULL,
            version        INTEGER NOT NULL,
            position       INTEGER NOT NULL CHECK (position >= 1),
            part_tariff_id INTEGER NOT NULL REFERENCES tariffs (id),
            percent        TEXT NOT NULL,
            PRIMARY KEY (tariff_id, version, position),
            FOREIGN KEY (tariff_id, version) REFERENCES tariff_versions (tariff_id, version) ON DELETE CASCADE
        ) STRICT;
        CREATE INDEX tariff_version_parts_part ON tariff_version_parts (part_tariff_id);
        """)
}
