import XCTest
@testable import WaterBilling
@testable import WBillSupport

final class MeterImporterTests: XCTestCase {
    var fixture: TestDatabase!

    override func setUpWithError() throws {
        fixture = try TestDatabase()
        try fixture.addStandardMeterTypes()
    }

    func run(_ csv: String, _ configure: (inout MeterImportOptions) -> Void = { _ in },
             rejects: (([String], [String], [MeterImportProblem]) throws -> Void)? = nil) throws -> MeterImportSummary {
        var options = MeterImportOptions()
        configure(&options)
        let reader = CSVReader(bytes: Array(csv.utf8), name: "m.csv")
        return try MeterImporter(database: fixture.database, audit: fixture.audit, options: options).run(reader: reader, rejects: rejects)
    }

    func importError(_ csv: String, _ configure: (inout MeterImportOptions) -> Void = { _ in }) -> MeterImportError? {
        do {
            _ = try run(csv, configure)
            return nil
        } catch {
            return error as? MeterImportError
        }
    }

    let header = "serial,type,caliber\n"

    /// The audit entry names the file by its size and SHA-256 (as `sha256sum` prints it for these bytes).
    func testACleanImport() throws {
        let summary = try run(header + "wm-1,DN20 mechanical,20\nIC-1,IC card DN15,\n")
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(try MeterStore(database: fixture.database).find("WM-1").state, .inStock)
        XCTAssertEqual(try fixture.database.scalarText("SELECT changes FROM audit_log WHERE entity = 'meter-import'"),
                       #"{"rows":{"old":null,"new":"2"},"imported":{"old":null,"new":"2"},"updated":{"old":null,"new":"0"},"unchanged":{"old":null,"new":"0"},"skipped":{"old":null,"new":"0"},"rejected":{"old":null,"new":"0"},"file":{"old":null,"new":"m.csv"},"file_bytes":{"old":null,"new":"63"},"file_sha256":{"old":null,"new":"7d569d04d532762936c504e530ad81be50537d79d8bfda7ad1e5cffff252dcdd"}}"#)
    }

    func testAllOrNothing() throws {
        let error = importError(header + "WM-1,DN20 mechanical,20\nWM-2,DN20 mechanical,99\n")
        XCTAssertEqual(error?.description, "m.csv: 1 bad row; nothing was imported")
        XCTAssertEqual(error?.details, ["m.csv:3: caliber '99': meter type 'DN20 mechanical' comes in 15, 20 mm"])
        XCTAssertEqual(try fixture.count("meters"), 0)
        XCTAssertEqual(try fixture.count("meter_imports"), 0)
    }

    func testRerunningIsSafe() throws {
        let csv = header + "WM-1,DN20 mechanical,20\nWM-2,DN20 mechanical,15\n"
        _ = try run(csv)
        let again = try run(csv)
        XCTAssertEqual(again.imported, 0)
        XCTAssertEqual(again.unchanged, 2)
        XCTAssertEqual(try fixture.count("meters"), 2)
    }

    func testDuplicatePolicies() throws {
        _ = try run(header + "WM-1,DN20 mechanical,20\n")
        let changed = header + "WM-1,DN20 mechanical,15\nWM-2,DN20 mechanical,20\nwm-2,DN20 mechanical,15\n"
        let error = importError(changed)
        XCTAssertEqual(error?.details, [
            "m.csv:2: serial 'WM-1': duplicate serial: already in the database with different details",
            "m.csv:4: serial 'WM-2': duplicate serial: already in line 3 of this file with different details",
        ])
        XCTAssertEqual(error?.summary.problems.map(\.cause), [.duplicateSerial, .duplicateSerial])
        let skipped = try run(changed) { $0.onDuplicate = .skip }
        XCTAssertEqual([skipped.imported, skipped.skipped], [1, 2])
        XCTAssertEqual(try MeterStore(database: fixture.database).find("WM-1").caliber, 20)
        let updated = try run(changed) { $0.onDuplicate = .update }
        XCTAssertEqual([updated.imported, updated.updated, updated.unchanged], [0, 2, 1])
        XCTAssertEqual(try MeterStore(database: fixture.database).find("WM-1").caliber, 15)
        XCTAssertEqual(try MeterStore(database: fixture.database).find("WM-2").caliber, 15, "the later line wins")
    }

    func testSkipInvalidHandsOverTheBadRows() throws {
        var rejected: [[String]] = []
        let summary = try run(header + "WM-1,DN20 mechanical,20\n,DN20 mechanical,20\nWM-3,Nope,20\n", { $0.skipInvalid = true }) {
            XCTAssertEqual($0, ["serial", "type", "caliber"])
            rejected.append($1 + $2.map { "\($0.column ?? "") '\($0.value)': \($0.reason)" })
        }
        XCTAssertEqual([summary.imported, summary.rejected], [1, 2])
        XCTAssertEqual(rejected, [["", "DN20 mechanical", "20", "serial '': a serial is required"],
                                  ["WM-3", "Nope", "20", "type 'Nope': no such meter type"]])
    }

    func testDryRunWritesNothing() throws {
        let summary = try run(header + "WM-1,DN20 mechanical,20\n") { $0.dryRun = true }
        XCTAssertEqual(summary.imported, 1)
        XCTAssertEqual(try fixture.count("meters"), 0)
        XCTAssertEqual(try fixture.count("audit_log WHERE entity = 'meter-import'"), 0)
    }

    func testBatchedModeKeepsWholeBatches() throws {
        let csv = header + "A1,DN20 mechanical,20\nA2,DN20 mechanical,20\nA3,DN20 mechanical,20\nA4,DN20 mechanical,77\nA5,DN20 mechanical,20\n"
        let error = importError(csv) { $0.batchSize = 2 }
        XCTAssertEqual(error?.summary.committedRows, 2)
        XCTAssertEqual(try fixture.database.query("SELECT serial FROM meters ORDER BY serial") { $0.text(0) }, ["A1", "A2"])
        let fixed = csv.replacingOccurrences(of: "A4,DN20 mechanical,77", with: "A4,DN20 mechanical,15")
        let resumed = try run(fixed) { $0.batchSize = 2 }
        XCTAssertEqual([resumed.unchanged, resumed.imported], [2, 3])
        XCTAssertEqual(try fixture.count("meters"), 5)
        // Each committed batch has its entry; each run's last entry counts what it committed (the
        // stopped run, the first batch only) and, when it read its file to the end, gives its size.
        XCTAssertEqual(try fixture.database.query("""
            SELECT entity_id, action, json_extract(changes, '$.lines.new'), json_extract(changes, '$.rows.new'),
                   json_extract(changes, '$.imported.new'), json_extract(changes, '$.file_bytes.new')
            FROM audit_log WHERE entity = 'meter-import' ORDER BY id
            """) { row in (0..<6).map { row.optionalText($0) ?? "-" } }, [
                ["1", "import batch", "2-3", "2", "2", "-"],
                ["1", "import", "-", "2", "2", "-"],
                ["2", "import batch", "2-3", "2", "0", "-"],
                ["2", "import batch", "4-5", "2", "2", "-"],
                ["2", "import batch", "6-6", "1", "1", "-"],
                ["2", "import", "-", "5", "3", String(fixed.utf8.count)],
            ])
        XCTAssertEqual(try fixture.database.query("SELECT rows_read, imported, unchanged FROM meter_imports ORDER BY id") {
            [$0.int(0), $0.int(1), $0.int(2)]
        }, [[2, 2, 0], [5, 3, 2]])
    }

    func testHeaderProblems() {
        XCTAssertThrowsError(try run("serial,typ\nA,B\n")) { error in
            XCTAssertEqual((error as? CSVError)?.description.contains("did you mean"), true, "\(error)")
        }
        XCTAssertThrowsError(try run("serial,caliber\nA,20\n"))
        XCTAssertNoThrow(try run("serial,type,colour\nA1,IC card DN15,red\n") { $0.ignoreUnknownColumns = true })
    }

    func testAShortRowIsReported() {
        XCTAssertEqual(importError(header + "A1,IC card DN15\n")?.details,
                       ["m.csv:2: expected 3 fields as in the header, found 2"])
    }
}
