#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// A write that waits in vain for another program's write lock: exit 75, naming who holds it.
final class BusyDatabaseEndToEndTests: SandboxTestCase {
    override class var start: Start { .initialised }

    func testABusyDatabaseNamesTheProgramHoldingTheWriteLock() throws {
        // The sqlite3 shell opens a write transaction and keeps it open until it is killed.
        let script = """
            (echo 'BEGIN IMMEDIATE;'; echo "INSERT INTO settings VALUES ('held', 'yes');"; echo '.shell touch held'; sleep 60) \
            | sqlite3 "\(sandbox.defaultDatabase)"
            """
        let holder = try BackgroundProcess(["sh", "-c", script], environment: sandbox.environment([:]), directory: sandbox.path)
        defer { holder.kill() }
        var waited = 0
        while !FileManager.default.fileExists(atPath: sandbox.file("held")) && waited < 1000 {
            usleep(10_000)
            waited += 1
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.file("held")), "sqlite3 did not take the lock: \(holder.stderr)")

        let run = try sandbox.wbill(["--busy-timeout", "1", "meter-type", "add", "DN20", "--kind", "mechanical", "--payment-model", "postpaid",
                                     "--caliber", "20"], timeout: 20)
        XCTAssertEqual(run.status, 75, "\(run)")
        XCTAssertEqual(run.stdout, "")
        let pattern = /wbill: error: the database is busy: sqlite3 \(process (\d+)\) is writing to it; try again, or wait longer with --busy-timeout SECONDS\n/
        let match = try XCTUnwrap(run.stderr.wholeMatch(of: pattern), run.stderr)
        // It is the sqlite3 process, not the shell around it.
        let comm = try String(contentsOfFile: "/proc/\(match.1)/comm", encoding: .utf8)
        XCTAssertEqual(comm, "sqlite3\n")
        holder.kill()
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT count(*) FROM settings WHERE key = 'held'"), "0\n")
    }
}
