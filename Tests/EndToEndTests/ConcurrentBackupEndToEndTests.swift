#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// `wbill db backup` while another process keeps writing: every copy is one consistent snapshot.
final class ConcurrentBackupEndToEndTests: SandboxTestCase {
    override class var start: Start { .initialised }

    func testBackupsWhileAnotherProcessWritesAreConsistentSnapshots() throws {
        let database = sandbox.defaultDatabase
        // Some megabytes of filler, so that each backup copies enough pages to overlap with commits.
        try sandbox.sqlite(database, """
            CREATE TABLE scratch (id INTEGER PRIMARY KEY, pair INTEGER NOT NULL, half INTEGER NOT NULL, payload BLOB);
            CREATE TABLE filler (data BLOB);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
            INSERT INTO filler SELECT randomblob(1000) FROM n;
            """)

        // The writer: sqlite3 reading an endless stream of transactions, each inserting a PAIR of
        // rows, so a consistent snapshot always holds an even number of rows. It stops at the first
        // error (-bail); its process group is killed at the end.
        let transaction = "BEGIN IMMEDIATE; INSERT INTO scratch (pair, half, payload) VALUES (1, 1, randomblob(300)); "
            + "INSERT INTO scratch (pair, half, payload) VALUES (1, 2, randomblob(300)); COMMIT;"
        let writer = try BackgroundProcess(
            ["bash", "-c", "{ echo '.timeout 10000'; yes \"$0\"; } | sqlite3 -bail \"$1\"", transaction, database],
            environment: sandbox.baseEnvironment, directory: sandbox.path)
        defer { writer.kill() }

        func liveCount() throws -> Int {
            let result = try sandbox.run(["sqlite3", "-bail", "-cmd", ".timeout 10000", database, "SELECT count(*) FROM scratch"])
            XCTAssertEqual(result.stderr, "")
            return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        // Wait (at most 5 s) until the writer is under way.
        let start = Date()
        var before = try liveCount()
        while before < 20 && Date().timeIntervalSince(start) < 5 {
            usleep(20_000)
            before = try liveCount()
        }
        XCTAssertGreaterThanOrEqual(before, 20, "the writer did not start: \(writer.stderr)")

        // Back up repeatedly for about two seconds (at least three copies, at most twelve).
        var counts: [Int] = []
        let backupStart = Date()
        while counts.count < 12 && (counts.count < 3 || Date().timeIntervalSince(backupStart) < 2) {
            let copy = sandbox.file("backup-\(counts.count).db")
            let result = try sandbox.wbill(["db", "backup", copy], timeout: 20)
            XCTAssertEqual(result.status, 0, "\(result)")
            XCTAssertEqual(result.stderr, "")
            XCTAssertTrue(result.stdout.hasPrefix("backed up \(database) to \(copy) ("), result.stdout)
            XCTAssertEqual(permissions(of: copy), 0o600)
            let check = try sandbox.sqlite(copy, "PRAGMA integrity_check; SELECT count(*), count(*) % 2, "
                                           + "coalesce(sum(half = 1), 0) - coalesce(sum(half = 2), 0) FROM scratch;")
            let lines = check.split(separator: "\n")
            XCTAssertEqual(lines.first, "ok", "integrity of \(copy): \(check)")
            let fields = lines.last?.split(separator: "|").map { Int($0) ?? -1 } ?? []
            XCTAssertEqual(fields.count, 3, check)
            guard fields.count == 3 else { break }
            XCTAssertEqual(fields[1], 0, "\(copy) holds \(fields[0]) rows: half a transaction")
            XCTAssertEqual(fields[2], 0, "\(copy) holds unmatched halves")
            counts.append(fields[0])
        }
        let after = try liveCount()

        // The writer was still running, and saw no error, the whole time.
        XCTAssertNil(writer.wait(timeout: 0), "the writer stopped: \(writer.stderr)")
        writer.kill()
        XCTAssertEqual(writer.stderr, "", "the writer saw errors")
        // The copies really were taken while the database grew.
        XCTAssertGreaterThanOrEqual(counts.count, 3)
        XCTAssertGreaterThanOrEqual(counts.first ?? 0, before)
        XCTAssertGreaterThan(after, counts.first ?? Int.max, "the writer made no progress during the backups")
        XCTAssertEqual(counts, counts.sorted(), "a later copy has fewer rows than an earlier one")
    }
}
