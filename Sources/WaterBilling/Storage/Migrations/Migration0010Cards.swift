/// Schema version 10: the utility's card secret.
///
/// The version is named once, here (`version`): version 9 belongs to the bills work, and if the two
/// steps land in the other order, only this number changes.
///
/// `card_secret` (a setting): 32 random bytes as 64 hex digits, from which every IC card's security
/// code is derived (`CardKeys`). It is created here, so `wbill init` creates it for a new database
/// and `wbill db migrate` (or `init` again) for an existing one; nothing ever prints it. It lives in
/// the database, not in a file beside it, so that a backup (`db backup`) carries it: a database
/// restored without it could never write its cards again. The database file is 0600.
/// SQLite's `randomblob` draws from its ChaCha20 generator, seeded from the operating system.
enum Migration0010Cards {
    static let version = 10
    static let migration = Migration(version: version, name: "cards", sql: """
        INSERT INTO settings (key, value) VALUES ('card_secret', lower(hex(randomblob(32))))
            ON CONFLICT (key) DO NOTHING;
        """)
}
