#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import XCTest
import WBillSupport

/// `wbill init`, `wbill db status` and `wbill db migrate`, and every kind of file wbill must refuse clearly.
final class DatabaseFileEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    /// The version of the SQLite library wbill links (the same shared library this test links).
    static let sqliteVersion: String = {
        let database = try! Database(path: ":memory:", mode: .create)
        return try! database.scalarText("SELECT sqlite_version()")!
    }()

    static let wbillApplicationID = 0x5742_494C

    /// `db status` in table format for a database at `path` with the given facts (the access line
    /// once the schema has operators: set-up mode, as none exist).
    /// `auditChain`: the last line, the audit chain's entries and head (see `chainState`).
    func statusTable(path: String, version: Int, pending: String, pages: Int, auditChain: String) -> String {
        """
        Path:                   \(path)
        Schema version:         \(version)
        Latest schema version:  \(Schema.latestVersion)
        Pending migrations:\(pending.isEmpty ? "" : "     " + pending)
        File bytes:             \(pages * 4096)
        WAL bytes:              0
        Page size:              4096
        Pages:                  \(pages)
        Free pages:             0
        Journal mode:           wal
        SQLite version:         \(Self.sqliteVersion)
        Integrity:              ok
        Volume unit:            m3
        Currency:               CNY
        Currency decimals:      2
        Account prefix:         AC
        Account digits:         8
        Max transaction:        1000000.00
        \(version >= Schema.migrations.first { $0.name == "staff" }!.version ? "Access:                 set-up mode: no operators yet; anyone may run any command\n" : "")Audit chain:            \(auditChain)

        """
    }

    /// `db status`'s audit chain line for `database`: its entries and the first 16 digits of its head.
    func chainState(_ database: String) throws -> String {
        let state = try sandbox.sqlite(database, "SELECT count(*) || ' entries, head ' || substr((SELECT chain_hash FROM audit_log ORDER BY id DESC LIMIT 1), 1, 16) FROM audit_log")
        return state.trimmingCharacters(in: .newlines) + "…"
    }

    // MARK: init

    func testInitTwiceCreatesThenLeavesTheDatabaseAlone() throws {
        let database = sandbox.defaultDatabase
        XCTAssertRun(try sandbox.wbill("init"), status: 0, stdout: Expected.created(database))
        XCTAssertRun(try sandbox.wbill("init"), status: 0, stdout: """
            \(database) is already a current wbill database (schema version \(Schema.latestVersion)); nothing to do

            """)
        // Only the first run changed anything, so only it is in the audit trail: the database, each
        // migration step, the currency.
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format", "tsv"), status: 0,
                     stdout: Expected.auditTSV(Expected.initTrail(database: database, command: "wbill init")))
        XCTAssertEqual(try sandbox.sqlite(database, "SELECT key, value FROM settings WHERE key LIKE 'currency%' ORDER BY key"),
                       "currency|CNY\ncurrency_minor_unit|2\n")
    }

    func testInitChoosesTheCurrencyOnce() throws {
        let database = sandbox.defaultDatabase
        XCTAssertRun(try sandbox.wbill("init", "--currency", "jpy"), status: 0, stdout: Expected.created(database, currency: "JPY"))
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format", "tsv", "--entity", "setting"), status: 0,
                     stdout: Expected.auditTSV([Expected.currencySetting(id: Expected.initTrailCount, currency: "JPY (0 decimals)",
                                                                        command: "wbill init --currency jpy")]))
        // The same currency again is no change; another one is refused, and nothing is written.
        XCTAssertRun(try sandbox.wbill("init", "--currency", "JPY"), status: 0, stdout: """
            \(database) is already a current wbill database (schema version \(Schema.latestVersion)); nothing to do

            """)
        XCTAssertRun(try sandbox.wbill("init", "--currency", "USD"), status: 1, stderr: """
            wbill: error: this database keeps money in JPY (0 decimals); it cannot change to USD (2 decimals)

            """)
        XCTAssertEqual(try sandbox.sqlite(database, "SELECT count(*) FROM audit_log"), "\(Expected.initTrailCount)\n")
    }

    func testInitCreatesTheFileWithMode0600AndMissingDirectoriesWith0700() throws {
        try sandbox.initialise()
        XCTAssertEqual(permissions(of: sandbox.defaultDatabase), 0o600)
        XCTAssertEqual(permissions(of: sandbox.dataHome + "/wbill"), 0o700)
        XCTAssertEqual(permissions(of: sandbox.dataHome), 0o700)
    }

    func testInitTightensAnExistingFileOthersCouldReadTo0600() throws {
        let database = sandbox.defaultDatabase
        try sandbox.initialise()
        chmod(database, 0o644)
        XCTAssertRun(try sandbox.wbill("init"), status: 0, stdout: """
            \(database) is already a current wbill database (schema version \(Schema.latestVersion)); nothing to do

            """, stderr: """
            wbill: warning: \(database) had mode 0644, which lets other users read it; its mode is now 0600

            """)
        XCTAssertEqual(permissions(of: database), 0o600)
        // A file only its owner may use is left as it is, even a stricter one.
        chmod(database, 0o400 | 0o200)
        XCTAssertRun(try sandbox.wbill("init", "--quiet"), status: 0)
        XCTAssertEqual(permissions(of: database), 0o600)
        // One only its group may read is tightened too, and --quiet keeps the warning quiet.
        chmod(database, 0o640)
        XCTAssertRun(try sandbox.wbill("init", "--quiet"), status: 0)
        XCTAssertEqual(permissions(of: database), 0o600)
    }

    func testInitInAMissingDirectoryCreatesIt() throws {
        let database = sandbox.file("new/nested/water.db")
        XCTAssertRun(try sandbox.wbill("--db", database, "init"), status: 0, stdout: Expected.created(database))
        XCTAssertEqual(permissions(of: sandbox.file("new")), 0o700)
        XCTAssertEqual(permissions(of: sandbox.file("new/nested")), 0o700)
        XCTAssertEqual(permissions(of: database), 0o600)
    }

    func testOtherCommandsDoNotCreateAMissingDatabaseOrDirectory() throws {
        let database = sandbox.file("missing/water.db")
        XCTAssertRun(try sandbox.wbill("--db", database, "db", "status"), status: 66, stderr: """
            wbill: error: no database at \(database); create it with `wbill init` or choose another with --db

            """)
        XCTAssertRun(try sandbox.wbill("--db", database, "audit", "list"), status: 66, stderr: """
            wbill: error: no database at \(database); create it with `wbill init` or choose another with --db

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.file("missing")))
    }

    func testInitInAnUnwritableDirectoryIsRefused() throws {
        let locked = try sandbox.directory.makeDirectory("locked", mode: 0o555)
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", locked + "/water.db", "init"]), status: 73, stderr: """
            wbill: error: cannot create database \(locked)/water.db: permission denied

            """)
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", locked + "/sub/water.db", "init"]), status: 73, stderr: """
            wbill: error: cannot create directory \(locked)/sub: permission denied

            """)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: locked), [])
    }

    func testADatabaseThatCannotBeWrittenOrReadIsRefused() throws {
        let database = sandbox.file("water.db")
        XCTAssertEqual(try sandbox.wbill("--db", database, "init").status, 0)
        chmod(database, 0o444)
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "init"]), status: 77, stderr: """
            wbill: error: cannot write to \(database): permission denied

            """)
        chmod(database, 0o000)
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "audit", "list"]), status: 66, stderr: """
            wbill: error: cannot read \(database): permission denied

            """)
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "db", "backup", sandbox.file("copy.db")]),
                     status: 66, stderr: """
            wbill: error: cannot read \(database): permission denied

            """)
    }

    func testQuietInitPrintsNothing() throws {
        XCTAssertRun(try sandbox.wbill("init", "--quiet"), status: 0)
        XCTAssertRun(try sandbox.wbill("-q", "init"), status: 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.defaultDatabase))
    }

    // MARK: files that are not (current) wbill databases

    func testACorruptFileIsRefused() throws {
        let garbage = try sandbox.directory.write(Array(repeating: UInt8(ascii: "x"), count: 8192), to: "garbage.db")
        for arguments in [["init"], ["db", "status"], ["audit", "list"], ["db", "backup", "copy.db"]] {
            XCTAssertRun(try sandbox.wbill(["--db", garbage] + arguments), status: 65, stderr: """
                wbill: error: \(garbage) is not a database, or it is corrupt (file is not a database)

                """)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.file("copy.db")))
    }

    func testADatabaseWithADamagedPageIsRefused() throws {
        let database = sandbox.file("damaged.db")
        XCTAssertEqual(try sandbox.wbill("--db", database, "init").status, 0)
        try sandbox.sqlite(database, """
            CREATE TABLE filler (x BLOB);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO filler SELECT randomblob(200) FROM n;
            PRAGMA wal_checkpoint(TRUNCATE);
            """)
        // Zero one page in the middle of the table.
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: database))
        try handle.seek(toOffset: 100 * 4096)
        try handle.write(contentsOf: Data(count: 4096))
        try handle.close()
        XCTAssertRun(try sandbox.wbill("--db", database, "db", "status"), status: 65, stderr: """
            wbill: error: \(database) is corrupt (database disk image is malformed); restore it from a backup

            """)
    }

    func testStatusListsIntegrityProblems() throws {
        try sandbox.initialise()
        let database = sandbox.defaultDatabase
        // An index that no longer matches its table: readable, but not intact.
        try sandbox.sqlite(database, """
            CREATE TABLE t (a, b); CREATE INDEX i ON t (a); INSERT INTO t VALUES (1, 10), (2, 20);
            PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX i ON t (b)' WHERE name = 'i';
            """)
        XCTAssertRun(try sandbox.wbill("db", "status"), status: 65, stderr: """
            wbill: error: \(database) failed its integrity check (2 problem(s)); restore the latest backup
              row 1 missing from index i
              row 2 missing from index i

            """)
    }

    func testAForeignSQLiteFileIsRefused() throws {
        let foreign = sandbox.file("foreign.db")
        try sandbox.sqlite(foreign, "CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('x');")
        let stamped = sandbox.file("stamped.db")
        try sandbox.sqlite(stamped, "PRAGMA application_id = 1234;")
        for file in [foreign, stamped] {
            for arguments in [["init"], ["db", "status"], ["db", "migrate"], ["audit", "list"]] {
                XCTAssertRun(try sandbox.wbill(["--db", file] + arguments), status: 65, stderr: """
                    wbill: error: \(file) is an SQLite database of another program, not a wbill database

                    """)
            }
        }
        XCTAssertEqual(try sandbox.sqlite(foreign, "SELECT name FROM sqlite_schema"), "customers\n")
    }

    func testADirectoryIsRefused() throws {
        let directory = try sandbox.directory.makeDirectory("folder.db")
        for arguments in [["init"], ["db", "status"], ["audit", "list"]] {
            XCTAssertRun(try sandbox.wbill(["--db", directory] + arguments), status: 65, stderr: """
                wbill: error: \(directory) is a directory, not a database file

                """)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
    }

    func testADatabaseFromANewerWbillIsRefused() throws {
        try sandbox.initialise()
        let database = sandbox.defaultDatabase
        let newer = Schema.latestVersion + 1
        try sandbox.sqlite(database, "PRAGMA user_version = \(newer)")
        let message = """
            wbill: error: \(database) was written by a newer wbill (schema version \(newer); this wbill knows up to \(Schema.latestVersion)); upgrade wbill to use it

            """
        for arguments in [["init"], ["db", "status"], ["db", "migrate"], ["audit", "list"], ["db", "backup", "copy.db"]] {
            XCTAssertRun(try sandbox.wbill(arguments), status: 65, stderr: message)
        }
        XCTAssertEqual(try sandbox.sqlite(database, "PRAGMA user_version"), "\(newer)\n")
    }

    // MARK: status and migrate

    func testStatusOfACurrentDatabase() throws {
        try sandbox.initialise()
        let database = sandbox.defaultDatabase
        let pages = Int(fileSize(database) / 4096)
        XCTAssertGreaterThan(pages, 1)
        XCTAssertRun(try sandbox.wbill("db", "status"), status: 0,
                     stdout: statusTable(path: database, version: Schema.latestVersion, pending: "", pages: pages,
                                         auditChain: try chainState(database)))

        let json = try sandbox.wbill("db", "status", "--format", "json")
        XCTAssertEqual(json.status, 0)
        XCTAssertEqual(json.stderr, "")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object.keys.sorted(), [
            "access", "account_digits", "account_prefix", "audit_chain", "currency", "currency_decimals",
            "file_bytes", "free_pages", "integrity", "journal_mode", "latest_schema_version", "max_transaction", "page_size",
            "pages", "path", "pending_migrations", "schema_version", "sqlite_version", "volume_unit", "wal_bytes",
        ])
        XCTAssertEqual(object["path"] as? String, database)
        XCTAssertEqual(object["schema_version"] as? Int, Schema.latestVersion)
        XCTAssertEqual(object["latest_schema_version"] as? Int, Schema.latestVersion)
        XCTAssertEqual(object["pending_migrations"] as? String, "")
        XCTAssertEqual(object["file_bytes"] as? Int, pages * 4096)
        XCTAssertEqual(object["pages"] as? Int, pages)
        XCTAssertEqual(object["journal_mode"] as? String, "wal")
        XCTAssertEqual(object["sqlite_version"] as? String, Self.sqliteVersion)
        XCTAssertEqual(object["integrity"] as? String, "ok")
        XCTAssertEqual(object["volume_unit"] as? String, "m3")
        // The keys come out in the documented order.
        XCTAssertTrue(json.stdout.hasPrefix("{\n  \"path\": "), json.stdout)
    }

    func testStatusAndMigrateOfAnOutdatedDatabase() throws {
        // A wbill database at schema version 0: stamped as wbill's, nothing migrated yet.
        let database = sandbox.file("old.db")
        try sandbox.sqlite(database, "PRAGMA application_id = \(Self.wbillApplicationID); PRAGMA user_version = 0;")
        XCTAssertRun(try sandbox.wbill("--db", database, "db", "status"), status: 0,
                     stdout: statusTable(path: database, version: 0, pending: Expected.pendingMigrations(), pages: 1,
                                         auditChain: "none (no audit trail yet)"))
        XCTAssertRun(try sandbox.wbill("--db", database, "audit", "list"), status: 1, stderr: """
            wbill: error: \(database) has schema version 0 and this wbill needs \(Schema.latestVersion); run `wbill db migrate` (after `wbill db backup`)

            """)
        XCTAssertRun(try sandbox.wbill("--db", database, "db", "migrate"), status: 0, stdout: """
            migrated \(database) from schema version 0 to \(Schema.latestVersion):
            \(Expected.appliedMigrations())
            """)
        XCTAssertRun(try sandbox.wbill("--db", database, "db", "migrate"), status: 0, stdout: """
            \(database) is at schema version \(Schema.latestVersion); nothing to migrate

            """)
        // One entry per step, and no `create database`: migrate did not create the file.
        XCTAssertRun(try sandbox.wbill("--db", database, "audit", "list", "--format", "csv"), status: 0,
                     stdout: Expected.auditCSV(Expected.migrationTrail(command: "wbill --db \(database) db migrate")))
        XCTAssertEqual(try sandbox.sqlite(database, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version"),
                       Schema.migrations.map { "\($0.version)|\($0.name)|\(Sandbox.now)\n" }.joined())
    }

    func testMigrateAndInitBringAnOlderDatabaseUpToDate() throws {
        // A database as a wbill that knew only the foundation left it.
        let database = sandbox.file("v1.db")
        try Migrator(migrations: [Schema.migrations[0]]).migrate(
            try Database(path: database, mode: .create),
            context: AuditContext(operatorName: "old", command: "wbill init", time: try Timestamp(parsing: "2026-01-02T03:04:05.000Z")))
        try sandbox.sqlite(database, "PRAGMA journal_mode = WAL")
        let copy = sandbox.file("v1-copy.db")
        try FileManager.default.copyItem(atPath: database, toPath: copy)
        XCTAssertRun(try sandbox.wbill("--db", database, "db", "migrate"), status: 0, stdout: """
            migrated \(database) from schema version 1 to \(Schema.latestVersion):
            \(Expected.appliedMigrations(after: 1))
            """)
        // The old wbill audited its own step; this one adds an entry per step it applied.
        let old = AuditRow(id: 1, at: "2026-01-02T03:04:05.000Z", operatorName: "old", action: "migrate", entity: "schema",
                           entityID: "1", changes: Expected.migrationChanges(Schema.migrations[0]), command: "wbill init")
        XCTAssertRun(try sandbox.wbill("--db", database, "audit", "list", "--format", "tsv"), status: 0,
                     stdout: Expected.auditTSV([old] + Expected.migrationTrail(after: 1, firstID: 2,
                                                                               command: "wbill --db \(database) db migrate")))
        // The rows the old wbill wrote are chained with the new ones.
        XCTAssertTrue(try sandbox.wbill("--db", database, "audit", "verify").stdout.hasPrefix("Result:          ok\nAudit entries:   \(Schema.migrations.count)\n"))
        XCTAssertEqual(try sandbox.sqlite(database, "SELECT version, applied_at FROM schema_migrations ORDER BY version"),
                       "1|2026-01-02T03:04:05.000Z\n"
                       + Schema.migrations.dropFirst().map { "\($0.version)|\(Sandbox.now)\n" }.joined())

        // `init` migrates too, and sets the currency the old database did not have.
        let steps = Expected.migrationTrail(after: 1, firstID: 2, command: "wbill --db \(copy) init")
        XCTAssertRun(try sandbox.wbill("--db", copy, "init"), status: 0, stdout: """
            migrated \(copy) from schema version 1 to \(Schema.latestVersion); currency CNY

            """)
        XCTAssertRun(try sandbox.wbill("--db", copy, "audit", "list", "--format", "tsv"), status: 0, stdout: Expected.auditTSV(
            [old] + steps + [Expected.currencySetting(id: steps.count + 2, command: "wbill --db \(copy) init")]))
    }

    func testStatusOfAnOutdatedDatabaseMadeByLoweringItsVersion() throws {
        try sandbox.initialise()
        let database = sandbox.defaultDatabase
        try sandbox.sqlite(database, "PRAGMA user_version = 0")
        let result = try sandbox.wbill("db", "status", "--format", "csv")
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(result.stderr, "")
        let lines = result.stdout.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0], "path,schema_version,latest_schema_version,pending_migrations,file_bytes,wal_bytes,"
                       + "page_size,pages,free_pages,journal_mode,sqlite_version,integrity,volume_unit,"
                       + "currency,currency_decimals,account_prefix,account_digits,max_transaction,access,audit_chain")
        XCTAssertTrue(lines[1].hasPrefix("\(database),0,\(Schema.latestVersion),\(Expected.csvField(Expected.pendingMigrations())),"),
                      lines[1])
        // A database at version 0 has no settings yet: the defaults stand.
        XCTAssertTrue(lines[1].hasSuffix(",wal,\(Self.sqliteVersion),ok,m3,CNY,2,AC,8,1000000.00,set-up mode: no operators yet; anyone may run any command,\"\(try chainState(database))\""), lines[1])
        XCTAssertEqual(lines[2], "")
    }

    func testMigrateOnACurrentDatabaseChangesNothing() throws {
        try sandbox.initialise()
        let database = sandbox.defaultDatabase
        XCTAssertRun(try sandbox.wbill("db", "migrate"), status: 0,
                     stdout: "\(database) is at schema version \(Schema.latestVersion); nothing to migrate\n")
        XCTAssertRun(try sandbox.wbill("db", "migrate", "-q"), status: 0)
        XCTAssertEqual(try sandbox.sqlite(database, "SELECT count(*) FROM audit_log; SELECT count(*) FROM schema_migrations"),
                       "\(Expected.initTrailCount)\n\(Schema.migrations.count)\n")
    }

    private func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : -1
    }
}
