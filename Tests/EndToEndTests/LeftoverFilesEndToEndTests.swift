#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// Temporary files a killed run leaves beside its target (`TARGET.partial-PID-XXXXXXXX`, and SQLite's
/// `-journal` of a backup's copy) are removed by the next run writing the same target, which says so;
/// nothing else is touched, and no file of a process still running.
final class LeftoverFilesEndToEndTests: SandboxTestCase {
    override class var start: Start { .initialised }

    /// The process id of a process that has ended.
    func deadProcessID() throws -> pid_t {
        let child = try BackgroundProcess(["true"], environment: sandbox.baseEnvironment, directory: sandbox.path)
        XCTAssertEqual(child.wait(timeout: 10), 0)
        return child.pid
    }

    func names(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    func removed(_ path: String, by pid: pid_t) -> String {
        "wbill: warning: removed \(path), a temporary file left by process \(pid), which is no longer running\n"
    }

    func testABackupRemovesTheLeftoversOfDeadProcessesOnly() throws {
        let directory = try sandbox.directory.makeDirectory("backups")
        let dead = try deadProcessID()
        let alive = getpid()
        let filler = Array(repeating: UInt8(0x55), count: 100_000)
        let leftovers = ["copy.db.partial-\(dead)-Ab3dEf7h", "copy.db.partial-\(dead)-Ab3dEf7h-journal",
                         "copy.db.partial-\(dead)"]
        let kept = ["copy.db.partial-\(alive)-Zz9yXx8w",           // its writer is still running
                    "copy.db.partial-\(dead)-Ab3dEf7h.old",        // not the pattern
                    "copy.db.partial-\(dead)-Ab3d",                // not the pattern
                    "copy.db.partial-notapid",                     // not the pattern
                    "other.db.partial-\(dead)-Ab3dEf7h"]           // another target
        for name in leftovers + kept { try sandbox.directory.write(filler, to: "backups/" + name) }

        let result = try sandbox.wbill("db", "backup", "backups/copy.db")
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(result.stderr, leftovers.sorted().map { removed("backups/" + $0, by: dead) }.joined())
        XCTAssertEqual(try names(in: directory), (kept + ["copy.db"]).sorted())
        XCTAssertEqual(try sandbox.sqlite(directory + "/copy.db", "PRAGMA integrity_check"), "ok\n")

        // Said once: the next backup finds nothing to remove.
        XCTAssertRun(try sandbox.wbill("db", "backup", "--force", "--quiet", "backups/copy.db"), status: 0)
    }

    func testABackupKilledMidwayIsCleanedUpByTheNextOne() throws {
        // A database big enough that copying and checking it takes a while (32 MiB of filler).
        try sandbox.sqlite(sandbox.defaultDatabase,
                           "CREATE TABLE filler(b BLOB); INSERT INTO filler SELECT randomblob(65536) FROM generate_series(1, 512);")
        let directory = try sandbox.directory.makeDirectory("backups")
        let backup = try sandbox.start(["db", "backup", "backups/copy.db"])
        // Kill it as soon as its temporary copy shows.
        var partials: [String] = []
        for _ in 0..<20_000 where partials.isEmpty {
            partials = try names(in: directory).filter { $0.hasPrefix("copy.db.partial-") }
            if partials.isEmpty { usleep(500) }
        }
        backup.kill(signal: SIGKILL)
        XCTAssertEqual(backup.exitStatus, 128 + SIGKILL, "the backup ended before it was killed: \(backup.stderr)")
        let left = try names(in: directory)
        XCTAssertFalse(left.isEmpty, "a killed backup leaves its temporary copy")
        XCTAssertTrue(left.allSatisfy { $0.hasPrefix("copy.db.partial-\(backup.pid)-") }, "\(left)")

        let result = try sandbox.wbill(["db", "backup", "backups/copy.db"], timeout: 60)
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(result.stderr, left.map { removed("backups/" + $0, by: backup.pid) }.joined())
        XCTAssertEqual(try names(in: directory), ["copy.db"])
    }

    func testAnImportRemovesTheLeftoverOfAKilledImportsRejectsFile() throws {
        let dead = try deadProcessID()
        try sandbox.write("serial,type\nA1,Nope\n", to: "in.csv")
        try sandbox.write("serial,type,reason\r\n", to: "rejects.csv.partial-\(dead)-Qw3rTy7u")
        let result = try sandbox.wbill("meter", "import", "in.csv", "--skip-invalid", "--rejects", "rejects.csv", "--format", "tsv")
        XCTAssertRun(result, status: 0, stdout: "import\trows\timported\tupdated\tunchanged\tskipped\trejected\trejects_file\n1\t1\t0\t0\t0\t0\t1\trejects.csv\n",
                     stderr: removed("rejects.csv.partial-\(dead)-Qw3rTy7u", by: dead))
        XCTAssertEqual(try names(in: sandbox.path).filter { $0.hasPrefix("rejects") }, ["rejects.csv"])
    }
}
