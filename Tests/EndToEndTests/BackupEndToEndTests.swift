#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import XCTest
import WBillSupport

/// `wbill db backup FILE`: a checked, mode-0600 copy that never replaces anything it should not.
final class BackupEndToEndTests: SandboxTestCase {
    override class var start: Start { .initialised }

    func size(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : -1
    }

    func testBackupCopiesTheDatabaseWithMode0600() throws {
        let copy = sandbox.file("backups/copy.db")
        try sandbox.directory.makeDirectory("backups")
        let result = try sandbox.wbill("db", "backup", copy)
        XCTAssertRun(result, status: 0,
                     stdout: "backed up \(sandbox.defaultDatabase) to \(copy) (\(size(copy)) bytes, schema version \(Schema.latestVersion))\n")
        XCTAssertEqual(permissions(of: copy), 0o600)
        XCTAssertEqual(try sandbox.sqlite(copy, "PRAGMA integrity_check"), "ok\n")
        let query = "SELECT * FROM audit_log ORDER BY id; SELECT * FROM schema_migrations; PRAGMA user_version; PRAGMA application_id"
        XCTAssertEqual(try sandbox.sqlite(copy, query), try sandbox.sqlite(sandbox.defaultDatabase, query))
        // Nothing else is left beside it (no partial or journal files).
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: sandbox.file("backups")), ["copy.db"])
    }

    func testBackupRefusesAnExistingFileWithoutForce() throws {
        let copy = try sandbox.directory.write(Array("precious".utf8), to: "copy.db")
        chmod(copy, 0o644)
        XCTAssertRun(try sandbox.wbill("db", "backup", copy), status: 1,
                     stderr: "wbill: error: \(copy) already exists; use --force to replace it\n")
        XCTAssertEqual(FileManager.default.contents(atPath: copy), Data("precious".utf8))

        XCTAssertEqual(try sandbox.wbill("db", "backup", "--force", copy).status, 0)
        XCTAssertEqual(permissions(of: copy), 0o600)
        XCTAssertEqual(try sandbox.sqlite(copy, "SELECT count(*) FROM audit_log"), "\(Expected.initTrailCount)\n")
    }

    func testBackupRefusesTheDatabaseItself() throws {
        let database = sandbox.defaultDatabase
        let link = sandbox.file("link.db")
        XCTAssertEqual(symlink(database, link), 0)
        let before = FileManager.default.contents(atPath: database)
        for (target, force) in [(database, false), (database, true), (link, true),
                                (sandbox.dataHome + "/wbill/../wbill/wbill.db", true)] {
            let arguments = ["db", "backup", target] + (force ? ["--force"] : [])
            // Refused before the database is opened, as any output that is an input (OutputOverInputCheck).
            XCTAssertRun(try sandbox.wbill(arguments), status: 64,
                         stderr: "wbill: error: \(target) is the database itself; choose another file\n")
        }
        XCTAssertEqual(FileManager.default.contents(atPath: database), before)
        XCTAssertEqual(try sandbox.sqlite(database, "PRAGMA integrity_check"), "ok\n")
    }

    func testBackupIntoAMissingDirectoryIsRefused() throws {
        let copy = sandbox.file("no/such/dir/copy.db")
        XCTAssertRun(try sandbox.wbill("db", "backup", copy), status: 73,
                     stderr: "wbill: error: cannot write backup \(copy): no such file or directory\n")
    }

    func testBackupOfADatabaseWithAnotherPageSize() throws {
        // A wbill database whose file uses 8 KiB pages (VACUUMed with another page_size, or made by
        // an SQLite with another default): the copy must still be made.
        let database = sandbox.defaultDatabase
        try sandbox.sqlite(database, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 8192; VACUUM; PRAGMA journal_mode = WAL;")
        XCTAssertEqual(try sandbox.sqlite(database, "PRAGMA page_size"), "8192\n")
        let copy = sandbox.file("copy.db")
        let result = try sandbox.wbill("db", "backup", copy)
        XCTAssertRun(result, status: 0, stdout: "backed up \(database) to \(copy) (\(size(copy)) bytes, schema version \(Schema.latestVersion))\n")
        XCTAssertEqual(try sandbox.sqlite(copy, "PRAGMA integrity_check; PRAGMA page_size; SELECT count(*) FROM audit_log"),
                       "ok\n8192\n\(Expected.initTrailCount)\n")
    }
}
