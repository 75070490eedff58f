#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// Batched meter imports (`--batch-size N`): every committed batch carries its own audit record,
/// and the audit trail, `meter_imports` and `meters` agree after a bad row in a later batch and
/// after a kill -9 at any point.
final class MeterImportBatchEndToEndTests: MeterImportTestCase {
    /// Checks that every import run's counters equal what is in the tables, that its audit entries
    /// add up to them, that no meter comes from an unrecorded run, and that `wbill db status` finds
    /// the database sound.
    func assertEverythingAgrees(_ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let status = try sandbox.wbill("db", "status")
        XCTAssertEqual(status.status, 0, "\(context): \(status)", file: file, line: line)
        func batchSum(_ field: String) -> String {
            """
            (SELECT coalesce(sum(json_extract(a.changes, '$.\(field).new')), 0) FROM audit_log a
             WHERE a.entity = 'meter-import' AND a.entity_id = CAST(i.id AS TEXT) AND a.action = 'import batch')
            """
        }
        let runs = try sandbox.sqlite(sandbox.defaultDatabase, """
            SELECT i.id, i.rows_read, i.imported, i.unchanged,
                   (SELECT count(*) FROM meters m WHERE m.import_id = i.id),
                   (SELECT count(*) FROM audit_log a WHERE a.entity = 'meter-import' AND a.entity_id = CAST(i.id AS TEXT)),
                   \(batchSum("rows")), \(batchSum("imported")), \(batchSum("unchanged")),
                   coalesce((SELECT json_extract(a.changes, '$.imported.new') FROM audit_log a WHERE a.entity = 'meter-import'
                             AND a.entity_id = CAST(i.id AS TEXT) AND a.action = 'import'), i.imported)
            FROM meter_imports i ORDER BY i.id
            """)
        for run in runs.split(separator: "\n") {
            let v = run.split(separator: "|").map { Int($0) ?? -1 }
            let (id, rows, imported, unchanged, meters, entries) = (v[0], v[1], v[2], v[3], v[4], v[5])
            XCTAssertEqual(imported, meters, "\(context): run \(id) counts \(imported) imported, the table holds \(meters)", file: file, line: line)
            XCTAssertGreaterThan(entries, 0, "\(context): run \(id) committed rows with no audit entry", file: file, line: line)
            XCTAssertEqual([v[6], v[7], v[8]], [rows, imported, unchanged],
                           "\(context): run \(id): its batches' audit entries (rows, imported, unchanged) do not add up", file: file, line: line)
            XCTAssertEqual(v[9], imported, "\(context): run \(id): its final audit entry", file: file, line: line)
        }
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, """
            SELECT count(*) FROM meters WHERE import_id IS NOT NULL AND import_id NOT IN (SELECT id FROM meter_imports)
            """), "0\n", "\(context): meters of an unrecorded run", file: file, line: line)
    }

    func testABadRowInALaterBatchLeavesCountersThatMatchTheTable() throws {
        let rows = (1...10).map { "B-\($0),DN20 mechanical,\($0 == 8 ? "99" : "20")" }
        _ = try write("serial,type,caliber\n" + rows.joined(separator: "\n") + "\n", to: "late.csv")
        XCTAssertRun(try sandbox.wbill("meter", "import", "late.csv", "--batch-size", "3"), status: 65, stderr: """
            wbill: error: late.csv: 1 bad row; the first 6 rows were imported in whole batches, nothing after them (fix the file and run the same import again: rows already imported count as unchanged)
            late.csv:9: caliber '99': meter type 'DN20 mechanical' comes in 15, 20 mm

            """)
        XCTAssertEqual(try meterCount(), "6\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT rows_read, imported FROM meter_imports"), "6|6\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, """
            SELECT action, json_extract(changes, '$.rows.new'), json_extract(changes, '$.imported.new'),
                   coalesce(json_extract(changes, '$.lines.new'), '-') FROM audit_log WHERE entity = 'meter-import' ORDER BY id
            """), "import batch|3|3|2-4\nimport batch|3|3|5-7\nimport|6|6|-\n")
        try assertEverythingAgrees("after a bad batch")
        // Fixed, the same import resumes: the first six rows are unchanged.
        _ = try write("serial,type,caliber\n" + rows.joined(separator: "\n").replacingOccurrences(of: ",99", with: ",15") + "\n",
                      to: "late.csv")
        XCTAssertRun(try sandbox.wbill("meter", "import", "late.csv", "--batch-size", "3"), status: 0,
                     stdout: summary(import: 2, rows: 10, imported: 4, unchanged: 6))
        try assertEverythingAgrees("after the re-run")
    }

    func testKillNineAtRandomPointsLeavesAuditImportsAndMetersAgreeing() throws {
        _ = try bigFile("big.csv", rows: 200_000, prefix: "R")
        var delays: [Int] = []
        for iteration in 1...5 {
            let importer = try BackgroundProcess([ProgramRunner.wbillPath, "meter", "import", "big.csv", "--batch-size", "5000"],
                                                 environment: sandbox.baseEnvironment, directory: sandbox.path)
            let delay = Int.random(in: 50...1_200)
            delays.append(delay)
            usleep(useconds_t(delay * 1000))
            importer.kill(signal: SIGKILL)
            _ = importer.wait(timeout: 10)
            try assertEverythingAgrees("kill \(iteration) after \(delay) ms (delays so far: \(delays))")
        }
        let rerun = try sandbox.wbill(["meter", "import", "big.csv", "--batch-size", "5000"], timeout: 120)
        XCTAssertEqual(rerun.status, 0, "\(rerun)")
        XCTAssertEqual(try meterCount(), "200000\n")
        try assertEverythingAgrees("after the run that finished (delays: \(delays))")
    }
}
