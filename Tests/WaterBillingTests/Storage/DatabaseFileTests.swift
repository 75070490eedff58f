#if canImport(Glibc)
import Glibc
#endif
@testable import WaterBilling
import XCTest
@testable import WBillSupport

/// `DatabaseFile`: creating wbill databases and refusing files that are not (current) wbill databases.
final class DatabaseFileTests: XCTestCase {
    var scratch: TemporaryDatabase!

    override func setUpWithError() throws {
        scratch = try TemporaryDatabase()
    }

    override func tearDown() {
        scratch = nil
    }

    func assertOpenFails(_ name: String, writable: Bool = false, allowOutdated: Bool = false, with expected: DatabaseFileError,
                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try DatabaseFile.open(at: scratch.path(name), writable: writable, allowOutdated: allowOutdated),
                             file: file, line: line) { error in
            XCTAssertEqual(error as? DatabaseFileError, expected, file: file, line: line)
        }
    }

    func testCreateMakesAMigratedFileWithPrivateModes() throws {
        let creation = try DatabaseFile.create(at: scratch.path("a/b/w.db"), context: TemporaryDatabase.context)
        XCTAssertTrue(creation.created)
        XCTAssertEqual(creation.applied.map(\.version), Schema.migrations.map(\.version))
        XCTAssertEqual(try Migrator.currentVersion(of: creation.database), Schema.latestVersion)
        XCTAssertEqual(scratch.permissions("a/b/w.db"), 0o600)
        XCTAssertEqual(scratch.permissions("a"), 0o700)
        XCTAssertEqual(scratch.permissions("a/b"), 0o700)
    }

    func testCreateIsIdempotent() throws {
        _ = try DatabaseFile.create(at: scratch.path("w.db"), context: TemporaryDatabase.context)
        let audited = try scratch.database("w.db").scalarInt("SELECT count(*) FROM audit_log")
        let again = try DatabaseFile.create(at: scratch.path("w.db"), context: TemporaryDatabase.context)
        XCTAssertFalse(again.created)
        XCTAssertEqual(again.applied.count, 0)
        XCTAssertEqual(try again.database.scalarInt("SELECT count(*) FROM audit_log"), audited, "nothing new to audit")
        XCTAssertEqual(try again.database.scalarInt("SELECT count(*) FROM schema_migrations"), Int64(Schema.migrations.count))
    }

    func testCreateInitialisesAnEmptyFile() throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: scratch.path("empty.db"), contents: Data()))
        let creation = try DatabaseFile.create(at: scratch.path("empty.db"), context: TemporaryDatabase.context)
        XCTAssertFalse(creation.created)
        XCTAssertEqual(creation.applied.map(\.version), Schema.migrations.map(\.version))
    }

    func testOpenAcceptsACurrentDatabase() throws {
        _ = try scratch.wbillDatabase("w.db")
        let readable = try DatabaseFile.open(at: scratch.path("w.db"), writable: false)
        XCTAssertEqual(try Migrator.currentVersion(of: readable), Schema.latestVersion)
        let writable = try DatabaseFile.open(at: scratch.path("w.db"), writable: true)
        XCTAssertFalse(writable.isReadOnly)
    }

    func testMissingFileAndDirectory() throws {
        assertOpenFails("none.db", with: .missing(path: scratch.path("none.db")))
        try FileManager.default.createDirectory(atPath: scratch.path("dir.db"), withIntermediateDirectories: false)
        assertOpenFails("dir.db", with: .isDirectory(path: scratch.path("dir.db")))
        XCTAssertThrowsError(try DatabaseFile.create(at: scratch.path("dir.db"), context: TemporaryDatabase.context)) { error in
            XCTAssertEqual(error as? DatabaseFileError, .isDirectory(path: self.scratch.path("dir.db")))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("none.db")))
    }

    func testForeignFilesAreRefused() throws {
        try scratch.database("tables.db").execute("CREATE TABLE customers (name TEXT)")
        try scratch.database("stamped.db").execute("PRAGMA application_id = 77")
        for name in ["tables.db", "stamped.db"] {
            assertOpenFails(name, with: .notWbill(path: scratch.path(name)))
            assertOpenFails(name, allowOutdated: true, with: .notWbill(path: scratch.path(name)))
            XCTAssertThrowsError(try DatabaseFile.create(at: scratch.path(name), context: TemporaryDatabase.context)) { error in
                XCTAssertEqual(error as? DatabaseFileError, .notWbill(path: self.scratch.path(name)))
            }
        }
        XCTAssertEqual(try scratch.database("tables.db").scalarInt("SELECT count(*) FROM sqlite_schema"), 1)
    }

    func testCorruptFilesAreRefused() throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: scratch.path("junk.db"), contents: Data(repeating: 0x78, count: 4096)))
        let error = XCTAssertThrowsSQLiteError(try DatabaseFile.open(at: scratch.path("junk.db"), writable: false))
        XCTAssertEqual(error?.code, 26)
        XCTAssertEqual(error?.failureKind, .badInput)
    }

    func testNewerAndOutdatedSchemas() throws {
        try scratch.wbillDatabase("newer.db").execute("PRAGMA user_version = \(Schema.latestVersion + 1)")
        let newer = DatabaseFileError.newerSchema(path: scratch.path("newer.db"), found: Schema.latestVersion + 1,
                                                  known: Schema.latestVersion)
        assertOpenFails("newer.db", with: newer)
        assertOpenFails("newer.db", writable: true, allowOutdated: true, with: newer)

        try scratch.database("old.db").execute("PRAGMA application_id = \(Schema.applicationID)")
        let outdated = DatabaseFileError.outdatedSchema(path: scratch.path("old.db"), found: 0, needed: Schema.latestVersion)
        assertOpenFails("old.db", with: outdated)
        assertOpenFails("old.db", writable: true, with: outdated)
        let opened = try DatabaseFile.open(at: scratch.path("old.db"), writable: false, allowOutdated: true)
        XCTAssertEqual(try Migrator.currentVersion(of: opened), 0)
    }

    func testPermissions() throws {
        if geteuid() == 0 {
            throw XCTSkip("root ignores permission bits; the end-to-end tests cover this by dropping to uid 65534")
        }
        _ = try scratch.wbillDatabase("w.db")
        chmod(scratch.path("w.db"), 0o400)
        assertOpenFails("w.db", writable: true, with: .notWritable(path: scratch.path("w.db")))
        chmod(scratch.path("w.db"), 0o000)
        assertOpenFails("w.db", with: .notReadable(path: scratch.path("w.db")))
    }

    func testErrorKindsAndTexts() {
        let cases: [(DatabaseFileError, FailureKind, String)] = [
            (.missing(path: "/w.db"), .missingInput,
             "no database at /w.db"),
            (.notReadable(path: "/w.db"), .missingInput, "cannot read /w.db: permission denied"),
            (.isDirectory(path: "/w"), .badInput, "/w is a directory, not a database file"),
            (.notWbill(path: "/w.db"), .badInput, "/w.db is an SQLite database of another program, not a wbill database"),
            (.newerSchema(path: "/w.db", found: 9, known: 1), .badInput,
             "/w.db was written by a newer wbill (schema version 9; this wbill knows up to 1); upgrade wbill to use it"),
            (.outdatedSchema(path: "/w.db", found: 1, needed: 2), .refused,
             "/w.db has schema version 1 and this wbill needs 2; it must be migrated first"),
            (.cannotCreateFile(path: "/a/w.db", reason: "read-only file system"), .cannotCreate,
             "cannot create database /a/w.db: read-only file system"),
            (.notWritable(path: "/w.db"), .permissionDenied, "cannot write to /w.db: permission denied"),
        ]
        for (error, kind, text) in cases {
            XCTAssertEqual(error.failureKind, kind, "\(error)")
            XCTAssertEqual(error.description, text)
        }
    }
}
