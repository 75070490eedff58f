#if canImport(Glibc)
import Glibc
#endif
@testable import WaterBilling
import XCTest
@testable import WBillSupport

/// `Database.backup(to:replace:)`: SQLite's online backup into a checked, private file.
final class BackupTests: XCTestCase {
    var scratch: TemporaryDatabase!
    var db: Database!

    override func setUpWithError() throws {
        scratch = try TemporaryDatabase()
        db = try scratch.wbillDatabase()
        try db.run("INSERT INTO settings (key, value) VALUES (?, ?)", ["currency", "CNY"])
    }

    override func tearDown() {
        db = nil
        scratch = nil
    }

    func size(_ name: String) -> Int64 {
        var info = stat()
        return stat(scratch.path(name), &info) == 0 ? Int64(info.st_size) : -1
    }

    func testACopyHoldsTheDataAndIsPrivate() throws {
        let result = try db.backup(to: scratch.path("copy.db"), replace: false)
        XCTAssertEqual(result, BackupResult(path: scratch.path("copy.db"), bytes: size("copy.db"),
                                            pages: Int(try db.scalarInt("PRAGMA page_count")!),
                                            schemaVersion: Schema.latestVersion))
        XCTAssertEqual(scratch.permissions("copy.db"), 0o600)
        let copy = try Database(path: scratch.path("copy.db"), mode: .readOnly)
        XCTAssertEqual(try copy.scalarText("SELECT value FROM settings WHERE key = 'currency'"), "CNY")
        XCTAssertEqual(try copy.scalarText("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(try copy.scalarInt("PRAGMA application_id"), Int64(Schema.applicationID))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.directory).filter { $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
    }

    func testUncommittedChangesAreNotCopied() throws {
        let writer = try scratch.database("wbill.db")
        try writer.writeTransaction {
            try writer.run("INSERT INTO settings (key, value) VALUES ('pending', 'yes')")
            _ = try db.backup(to: scratch.path("copy.db"), replace: false)
        }
        let copy = try Database(path: scratch.path("copy.db"), mode: .readOnly)
        XCTAssertEqual(try copy.query("SELECT key FROM settings ORDER BY key") { $0.text(0) }, ["card_secret", "currency"])
    }

    func testAnExistingTargetIsReplacedOnlyWhenAsked() throws {
        let target = scratch.path("copy.db")
        XCTAssertTrue(FileManager.default.createFile(atPath: target, contents: Data("keep me".utf8), attributes: [.posixPermissions: 0o644]))
        XCTAssertThrowsError(try db.backup(to: target, replace: false)) { error in
            XCTAssertEqual(error as? BackupError, .targetExists(path: target))
        }
        XCTAssertEqual(FileManager.default.contents(atPath: target), Data("keep me".utf8))
        _ = try db.backup(to: target, replace: true)
        XCTAssertEqual(scratch.permissions("copy.db"), 0o600)
        XCTAssertEqual(try Database(path: target, mode: .readOnly).scalarInt("SELECT count(*) FROM settings"), 2, "the card secret and the currency")
    }

    func testTheDatabaseItselfIsNeverATarget() throws {
        let database = scratch.path("wbill.db")
        XCTAssertEqual(symlink(database, scratch.path("symlink.db")), 0)
        XCTAssertEqual(link(database, scratch.path("hardlink.db")), 0)
        for target in [database, scratch.path("symlink.db"), scratch.path("hardlink.db"), scratch.directory + "/./wbill.db"] {
            XCTAssertThrowsError(try db.backup(to: target, replace: true)) { error in
                XCTAssertEqual(error as? BackupError, .sameFile(path: target))
            }
        }
        XCTAssertEqual(try db.scalarText("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM settings"), 2, "the card secret and the currency")
    }

    func testAnUnwritableTargetIsReported() throws {
        let target = scratch.path("missing/copy.db")
        XCTAssertThrowsError(try db.backup(to: target, replace: false)) { error in
            XCTAssertEqual(error as? BackupError, .cannotWrite(path: target, reason: "no such file or directory"))
            XCTAssertEqual((error as? BackupError)?.failureKind, .cannotCreate)
        }
    }

    func testAnotherPageSizeIsCopied() throws {
        let raw = try scratch.database("big-pages.db")
        try raw.execute("PRAGMA journal_mode = DELETE; PRAGMA page_size = 8192; VACUUM; PRAGMA journal_mode = WAL;")
        try Migrator().migrate(raw, context: TemporaryDatabase.context)
        XCTAssertEqual(try raw.scalarInt("PRAGMA page_size"), 8192)
        let result = try raw.backup(to: scratch.path("copy.db"), replace: false)
        XCTAssertEqual(result.bytes, size("copy.db"))
        let copy = try Database(path: scratch.path("copy.db"), mode: .readOnly)
        XCTAssertEqual(try copy.scalarInt("PRAGMA page_size"), 8192)
        XCTAssertEqual(try copy.scalarText("PRAGMA integrity_check"), "ok")
    }

    func testErrorKindsAndTexts() {
        XCTAssertEqual(BackupError.targetExists(path: "/b.db").failureKind, .refused)
        XCTAssertEqual(BackupError.targetExists(path: "/b.db").description, "/b.db already exists")
        XCTAssertEqual(BackupError.sameFile(path: "/w.db").failureKind, .refused)
        XCTAssertEqual(BackupError.sameFile(path: "/w.db").description, "/w.db is the database itself; choose another file")
        XCTAssertEqual(BackupError.cannotWrite(path: "/b.db", reason: "disk full").description, "cannot write backup /b.db: disk full")
        XCTAssertEqual(BackupError.verificationFailed(path: "/b.db", result: "bad").failureKind, .ioFailure)
        XCTAssertEqual(BackupError.verificationFailed(path: "/b.db", result: "bad").description,
                       "the backup /b.db failed its integrity check: bad")
    }
}
