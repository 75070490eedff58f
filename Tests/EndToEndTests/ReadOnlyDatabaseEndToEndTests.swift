#if canImport(Glibc)
import Glibc
#endif
import Foundation
import WaterBilling
import WBillSupport
import XCTest

/// Databases this user may read but not write: a read-only file, a file in a read-only directory
/// (read-only media), and the SQLite side files (`-wal`, `-shm`) such reads used to leave behind.
/// Permission bits do not bind root, so every run here is made as an unprivileged user
/// (`Sandbox.wbillWithoutPrivileges`), on files that user created.
final class ReadOnlyDatabaseEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    /// A directory the unprivileged user can write (mode 0777), holding a database it created with
    /// `wbill init`; returns the database's path.
    func databaseOwnedByAnUnprivilegedUser(in name: String = "shared") throws -> String {
        let directory = try sandbox.directory.makeDirectory(name, mode: 0o777)
        let database = directory + "/water.db"
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "init"]), status: 0,
                     stdout: Expected.created(database))
        return database
    }

    func files(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// `audit list --format tsv` of a database `wbill --db PATH init` created.
    func initTrail(_ database: String) -> String {
        Expected.auditTSV(Expected.initTrail(database: database, command: "wbill --db \(database) init"))
    }

    /// One small write: a meter type.
    func addMeterType(_ database: String) throws -> ProcessResult {
        try sandbox.wbillWithoutPrivileges(["--db", database, "meter-type", "add", "DN20", "--kind", "mechanical",
                                            "--payment-model", "postpaid", "--caliber", "20"])
    }

    // MARK: a file its owner made read-only

    func testReadingAReadOnlyFileLeavesNothingThatBlocksLaterWrites() throws {
        let database = try databaseOwnedByAnUnprivilegedUser()
        let directory = FileSystem.directory(of: database)
        chmod(database, 0o400)
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "audit", "list", "--format", "tsv"]), status: 0,
                     stdout: initTrail(database))
        // No -wal or -shm was created: they would have been made with the file's mode, 0400.
        XCTAssertEqual(try files(in: directory), ["water.db"])
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "db", "backup", directory + "/copy.db"]), status: 0,
                     stdout: "backed up \(database) to \(directory)/copy.db (\(FileSystem.size(directory + "/copy.db") ?? -1) bytes, schema version \(Schema.latestVersion))\n")
        XCTAssertEqual(try files(in: directory), ["copy.db", "water.db"])
        // A write is refused for the file itself while it is read-only …
        XCTAssertRun(try addMeterType(database), status: 77, stderr: "wbill: error: cannot write to \(database): permission denied\n")
        // … and works as soon as its owner makes it writable again.
        chmod(database, 0o600)
        XCTAssertRun(try addMeterType(database), status: 0, stdout: "added meter type 'DN20'\n")
        XCTAssertEqual(try files(in: directory), ["copy.db", "water.db"])
    }

    func testAWriteThatMeetsAStaleUnwritableSharedMemoryFileSaysWhatToDo() throws {
        let database = try databaseOwnedByAnUnprivilegedUser()
        let directory = FileSystem.directory(of: database)
        // What a read-only open by an older wbill (or the sqlite3 shell) leaves: -wal and -shm with
        // the file's mode at the time, 0400.
        chmod(database, 0o400)
        XCTAssertEqual(try sandbox.runWithoutPrivileges(["sqlite3", "-readonly", database, "SELECT count(*) > 0 FROM audit_log"]).stdout,
                       "1\n")
        XCTAssertEqual(try files(in: directory), ["water.db", "water.db-shm", "water.db-wal"])
        chmod(database, 0o600)
        XCTAssertRun(try addMeterType(database), status: 77, stderr: """
            wbill: error: cannot write to \(database): SQLite's \(database)-shm and \(database)-wal beside it are not writable by this user; make them writable with `chmod u+w`, or remove them while no program has the database open (the write-ahead log is empty)

            """)
        // Reading still works, and leaves them as they were.
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "audit", "list", "--format", "tsv"]), status: 0,
                     stdout: initTrail(database))
        // Doing what the message says is enough.
        unlink(database + "-shm")
        unlink(database + "-wal")
        XCTAssertRun(try addMeterType(database), status: 0, stdout: "added meter type 'DN20'\n")
        XCTAssertEqual(try files(in: directory), ["water.db"])
    }

    // MARK: a database in a read-only directory (read-only media)

    func testADatabaseInAReadOnlyDirectoryCanBeReadButNotWritten() throws {
        let database = try databaseOwnedByAnUnprivilegedUser(in: "media")
        let directory = FileSystem.directory(of: database)
        let elsewhere = try sandbox.directory.makeDirectory("elsewhere", mode: 0o777)
        chmod(directory, 0o555)
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "audit", "list", "--format", "tsv"]), status: 0,
                     stdout: initTrail(database))
        let status = try sandbox.wbillWithoutPrivileges(["--db", database, "db", "status", "--format", "json"])
        XCTAssertEqual(status.status, 0, "\(status)")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["journal_mode"] as? String, "wal")
        XCTAssertEqual(object["integrity"] as? String, "ok")
        let copy = elsewhere + "/copy.db"
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "db", "backup", copy]), status: 0,
                     stdout: "backed up \(database) to \(copy) (\(FileSystem.size(copy) ?? -1) bytes, schema version \(Schema.latestVersion))\n")
        // Writes say why they cannot be made: the directory, not the file.
        let refusal = """
            wbill: error: cannot write to \(database): its directory \(directory) is not writable, and SQLite writes its journal beside the database

            """
        XCTAssertRun(try addMeterType(database), status: 77, stderr: refusal)
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "init"]), status: 77, stderr: refusal)
        XCTAssertEqual(try files(in: directory), ["water.db"])
        // The same file on read-only media that is also read-only itself.
        chmod(database, 0o444)
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", database, "audit", "list", "--format", "tsv"]), status: 0,
                     stdout: initTrail(database))
        XCTAssertEqual(try files(in: directory), ["water.db"])
    }

    // MARK: backups

    func testABackupIsASelfContainedRollbackJournalFileReadableOnReadOnlyMedia() throws {
        let database = try databaseOwnedByAnUnprivilegedUser()
        let media = try sandbox.directory.makeDirectory("media", mode: 0o777)
        let copy = media + "/copy.db"
        XCTAssertEqual(try sandbox.wbillWithoutPrivileges(["--db", database, "db", "backup", copy]).status, 0)
        XCTAssertEqual(permissions(of: copy), 0o600)
        XCTAssertEqual(try files(in: media), ["copy.db"])
        chmod(media, 0o555)
        // Any SQLite reader can open it there, without creating a journal or an index beside it.
        XCTAssertRun(try sandbox.runWithoutPrivileges(["sqlite3", copy, "PRAGMA journal_mode; SELECT count(*) FROM audit_log"]),
                     status: 0, stdout: "delete\n\(Expected.initTrailCount)\n")
        XCTAssertRun(try sandbox.wbillWithoutPrivileges(["--db", copy, "audit", "list", "--format", "tsv"]), status: 0,
                     stdout: initTrail(database))
        XCTAssertEqual(try files(in: media), ["copy.db"])
    }
}

extension Sandbox {
    /// Runs any program as `wbillWithoutPrivileges` runs wbill: as uid/gid 65534 when the tests run
    /// as root, else as it is.
    func runWithoutPrivileges(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        guard geteuid() == 0 else { return try run(arguments, file: file, line: line) }
        chmod(path, 0o755)
        return try run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + arguments, file: file, line: line)
    }
}
