import Foundation
import XCTest
@testable import WaterBilling
@testable import WBillSupport

/// `MeterWriter`: the one writer of `meters` and `meter_events`.
final class MeterWriterTests: XCTestCase {
    var fixture: TestDatabase!
    var writer: MeterWriter!

    override func setUpWithError() throws {
        fixture = try TestDatabase()
        try fixture.addStandardMeterTypes()
        _ = try MeterGroupStore(database: fixture.database).add(name: "Route 1", reader: nil, masterSerial: nil, audit: fixture.audit)
        writer = MeterWriter(database: fixture.database, context: fixture.audit.context)
    }

    override func tearDown() {
        writer = nil
        fixture = nil
    }

    func valid(_ serial: String, caliber: String = "20", location: String = "", group: String = "") throws -> ValidMeter {
        var validator = try MeterValidator(database: fixture.database)
        guard case .valid(let meter) = validator.validate(MeterDraft(serial: serial, typeName: "DN20 mechanical", caliber: caliber,
                                                                     location: location, group: group)) else {
            XCTFail("the draft of \(serial) should be valid")
            throw MeterDraftError(problems: [])
        }
        return meter
    }

    func meter(_ serial: String) throws -> Meter {
        try MeterStore(database: fixture.database).find(serial)
    }

    func events(_ serial: String) throws -> [String] {
        try fixture.database.query("""
            SELECT e.event, ifnull(e.from_state, '-'), ifnull(e.to_state, '-'), e.detail, e.operator, e.at
            FROM meter_events e JOIN meters m ON m.id = e.meter_id WHERE m.serial = ? ORDER BY e.id
            """, [serial]) { row in (0..<6).map { row.text($0) }.joined(separator: "|") }
    }

    func testInsertStampsTheRowAndLeavesATakenSerialAlone() throws {
        XCTAssertTrue(try writer.insert(try valid("WM-1", location: "Block 1")))
        let inserted = try meter("WM-1")
        XCTAssertEqual(inserted.state, .inStock)
        XCTAssertEqual(inserted.location, "Block 1")
        XCTAssertEqual(inserted.createdBy, "tester")
        XCTAssertEqual(inserted.createdAt, TestDatabase.time.description)
        XCTAssertNil(inserted.importID)

        // The same serial again: not inserted, and the meter that has it is unchanged.
        XCTAssertFalse(try writer.insert(try valid("WM-1", caliber: "15", location: "elsewhere")))
        XCTAssertEqual(try meter("WM-1"), inserted)
        XCTAssertEqual(try fixture.count("meters"), 1)
    }

    func testInsertRecordsTheImportRunAndLine() throws {
        try fixture.database.run("INSERT INTO meter_imports (at, operator, source, on_duplicate) VALUES ('x', 'tester', 'f.csv', 'error')")
        let run = fixture.database.lastInsertRowID
        // One writer for many rows: its prepared insert is used again and again.
        for number in 1...50 {
            XCTAssertTrue(try writer.insert(try valid("WM-\(number)"), importID: run, line: number + 1))
        }
        XCTAssertEqual(try fixture.count("meters"), 50)
        XCTAssertEqual(try fixture.database.scalarInt("SELECT import_line FROM meters WHERE serial = 'WM-7'"), 8)
        XCTAssertEqual(try meter("WM-50").importID, run)
        // What every row of a run shares is bound once, and again when the run changes.
        try writer.insert(try valid("WM-51"))
        try writer.insert(try valid("WM-52"), importID: run, line: 99)
        XCTAssertNil(try meter("WM-51").importID)
        XCTAssertEqual(try meter("WM-52").importID, run)
        XCTAssertEqual(try fixture.database.scalarInt("SELECT count(*) FROM meters WHERE import_line IS NULL"), 1)
    }

    func testUpdateDetailsKeepsOrSetsTheGroup() throws {
        try writer.insert(try valid("WM-1"))
        let id = try meter("WM-1").id
        try writer.updateDetails(of: id, to: try valid("WM-1", caliber: "15", location: "Block 2", group: "Route 1"),
                                 includingGroup: false)
        XCTAssertEqual(try meter("WM-1").caliber, 15)
        XCTAssertEqual(try meter("WM-1").location, "Block 2")
        XCTAssertNil(try meter("WM-1").group)
        try writer.updateDetails(of: id, to: try valid("WM-1", caliber: "15", location: "Block 2", group: "Route 1"),
                                 includingGroup: true)
        XCTAssertEqual(try meter("WM-1").group, "Route 1")
        XCTAssertEqual(try events("WM-1"), [], "the caller records the event")
    }

    func testSetGroup() throws {
        try writer.insert(try valid("WM-1"))
        let id = try meter("WM-1").id
        let group = try MeterGroupStore(database: fixture.database).named("Route 1")
        try writer.setGroup(of: id, to: group.id)
        XCTAssertEqual(try meter("WM-1").group, "Route 1")
        try writer.setGroup(of: id, to: nil)
        XCTAssertNil(try meter("WM-1").group)
    }

    func testAnEventMovesTheStateWithIt() throws {
        try writer.insert(try valid("WM-1"))
        try writer.recordEvent("marked faulty", of: try meter("WM-1"), movingTo: .faulty, detail: "")
        XCTAssertEqual(try meter("WM-1").state, .faulty)
        try writer.recordEvent("edited", of: try meter("WM-1"), movingTo: nil, detail: "location: a → b")
        XCTAssertEqual(try meter("WM-1").state, .faulty)
        // A state given equal to the current one is recorded as such, and nothing moves.
        try writer.recordEvent("checked", of: try meter("WM-1"), movingTo: .faulty, detail: "still faulty")
        try writer.recordEvent("updated by import", meterID: try meter("WM-1").id, from: nil, to: nil, detail: "run 1, line 2")
        let stamp = "tester|" + TestDatabase.time.description
        XCTAssertEqual(try events("WM-1"), [
            "marked faulty|in-stock|faulty||" + stamp,
            "edited|-|-|location: a → b|" + stamp,
            "checked|faulty|faulty|still faulty|" + stamp,
            "updated by import|-|-|run 1, line 2|" + stamp,
        ])
    }

    /// The point of the type: no other source file writes these tables.
    func testNoOtherSourceWritesTheMeterTables() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #"(INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+(meters|meter_events)\b"#,
                                              options: [.caseInsensitive])
        var writers: Set<String> = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        XCTAssertFalse(files.isEmpty, "no sources under \(sources.path)")
        for file in files where file.hasSuffix(".swift") && !file.contains("/Migrations/") {
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            if pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { writers.insert(file) }
        }
        XCTAssertEqual(writers, ["WaterBilling/Meters/MeterWriter.swift"])
    }
}
