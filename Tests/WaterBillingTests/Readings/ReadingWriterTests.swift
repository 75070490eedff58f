import Foundation
@testable import WaterBilling
import WBillSupport
import XCTest

/// `ReadingWriter` and `ConsumptionWriter`: the one writer of each table; and what the schema
/// itself guards (readings never edited or deleted, only voided once; consumption append-only).
final class ReadingWriterTests: XCTestCase {
    func testNoOtherSourceWritesTheReadingTables() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #"(INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+(meter_readings|consumptions)\b"#,
                                              options: [.caseInsensitive])
        var writers: [String: Set<String>] = [:]
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        XCTAssertFalse(files.isEmpty, "no sources under \(sources.path)")
        for file in files where file.hasSuffix(".swift") && !file.contains("/Migrations/") {
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let table = String(text[Range(match.range(at: 2), in: text)!])
                writers[table, default: []].insert(file)
            }
        }
        XCTAssertEqual(writers, ["meter_readings": ["WaterBilling/Readings/ReadingWriter.swift"],
                                 "consumptions": ["WaterBilling/Readings/ConsumptionWriter.swift"]])
    }

    func testTheSchemaKeepsReadingsAndConsumptionFromBeingRewritten() throws {
        let fixture = try CustomerFixture(meters: 1)
        try fixture.open(CustomerFixture.postpaid, meters: ["WM-1"])
        fixture.advance(days: 30)
        let recorded = try fixture.database.writeTransaction {
            try ReadingEntry(database: fixture.database).add(ReadingRequest(serial: "WM-1", value: "12.5"), audit: fixture.audit)
        }
        let id = recorded.entry.reading.id
        XCTAssertEqual(recorded.entry.consumption?.volume, try Volume(parsing: "11"))
        for sql in ["UPDATE meter_readings SET value = 1 WHERE id = \(id)", "DELETE FROM meter_readings WHERE id = \(id)",
                    "UPDATE consumptions SET volume = 1", "DELETE FROM consumptions"] {
            XCTAssertThrowsError(try fixture.database.execute(sql), sql)
        }
        let writer = ReadingWriter(database: fixture.database, context: fixture.audit.context)
        try writer.void(readingID: id, reason: "wrong")
        XCTAssertThrowsError(try writer.void(readingID: id, reason: "again"), "voided once")
    }

    func testThePlainValuePathReadsWhatTheGeneralOneReads() throws {
        var texts = ["0", "7", "12.5", "12.50", "12.500", "0.001", "999999999999999.999", "123456789012345", "00012.3"]
        for whole in [0, 1, 9, 10, 99, 12_345, 99_999] {
            for fraction in ["", ".0", ".5", ".05", ".005", ".999", ".120"] { texts.append("\(whole)\(fraction)") }
        }
        for text in texts {
            XCTAssertEqual(ReadingInput.plainValue(text), try Volume(parsing: text), text)
        }
        // Anything else is left to the general path (which reads or refuses it).
        for text in ["", ".5", "5.", "1.2345", "-1", "+1", " 1", "1 ", "1e3", "1,5", "1234567890123456", "１２"] {
            XCTAssertNil(ReadingInput.plainValue(text), text)
        }
        XCTAssertEqual(try ReadingInput.value(" 12.5 "), try Volume(parsing: "12.5"))
        XCTAssertThrowsError(try ReadingInput.value("1.2345"))
        XCTAssertThrowsError(try ReadingInput.value("-1"))
    }
}
