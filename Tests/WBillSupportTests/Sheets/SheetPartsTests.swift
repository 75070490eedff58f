import XCTest
@testable import WBillSupport
import WBillTestSupport

final class SheetPartsTests: XCTestCase {
    func testColumnLettersAndPlaces() {
        XCTAssertEqual(CellReference.letters(ofColumn: 1), "A")
        XCTAssertEqual(CellReference.letters(ofColumn: 26), "Z")
        XCTAssertEqual(CellReference.letters(ofColumn: 27), "AA")
        XCTAssertEqual(CellReference.letters(ofColumn: 16_384), "XFD")
        XCTAssertEqual(CellReference.place(sheet: "Sheet1", row: 17, column: 3), "Sheet1!C17")
        XCTAssertEqual(CellReference.place(sheet: "Meter list", row: 17, column: 3), "'Meter list'!C17")
        XCTAssertEqual(CellReference.place(sheet: "O'Brien", row: 2, column: nil), "'O''Brien' row 2")
        XCTAssertEqual(CellReference.place(sheet: "2026", row: 0, column: nil), "'2026'")
        XCTAssertEqual(CellReference.place(sheet: "水表", row: 5, column: 1), "水表!A5")
        for (reference, column) in [("C17", 3), ("aa1", 27), ("XFD9", 16_384)] {
            let bytes = Array(reference.utf8)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { CellReference.column(ofReference: $0)?.column }, column)
        }
        XCTAssertNil(Array("XFE1".utf8).withUnsafeBufferPointer { CellReference.column(ofReference: $0) })
    }

    func testRecordPlacesNameLinesOrCells() {
        XCTAssertEqual(RecordPlaces(source: "m.csv").place(line: 12, column: "caliber"), "m.csv:12")
        let sheet = RecordPlaces(source: "m.xlsx", sheet: "Sheet1", columns: ["serial", "type", " Caliber "])
        XCTAssertEqual(sheet.place(line: 12, column: "caliber"), "m.xlsx: Sheet1!C12")
        XCTAssertEqual(sheet.place(line: 12, column: "group"), "m.xlsx: Sheet1 row 12")
        XCTAssertEqual(sheet.place(line: 12, column: nil), "m.xlsx: Sheet1 row 12")
    }

    func testSpreadsheetEscapesAreDecoded() {
        func decoded(_ text: String) -> String { String(decoding: XMLText.decodingEscapes(Array(text.utf8)), as: UTF8.self) }
        XCTAssertEqual(decoded("a_x000D_b"), "a\rb")
        XCTAssertEqual(decoded("Caf_x00E9_"), "Café")
        XCTAssertEqual(decoded("_x005F_x0041_"), "_x0041_")
        XCTAssertEqual(decoded("_xD800_"), "_xD800_")  // a surrogate names no character: kept
        XCTAssertEqual(decoded("_xZZZZ_ and _x41"), "_xZZZZ_ and _x41")
    }

    func testSharedStringsPastTheMemoryLimitGoToFilesAndReadBack() throws {
        let strings = SharedStrings(memoryLimit: 1000)
        var expected: [String] = []
        for index in 0..<50_000 {
            let text = index % 7 == 0 ? "" : "string \(index) " + String(repeating: "x", count: index % 300)
            expected.append(text)
            var copy = text
            try copy.withUTF8 { try strings.append($0) }
        }
        try strings.finish()
        XCTAssertEqual(strings.count, 50_000)
        // Forwards, then back to the first ones (a column of a few values repeated), then at random.
        var order = Array(0..<50_000) + Array(0..<100)
        var generator = SplitMix64(seed: 12)
        order += (0..<5_000).map { _ in Int.random(in: 0..<50_000, using: &generator) }
        for index in order {
            XCTAssertEqual(try strings.withString(index) { String(decoding: $0, as: UTF8.self) }, expected[index])
        }
        XCTAssertNil(try strings.withString(50_000) { _ in true })
        XCTAssertNil(try strings.withString(-1) { _ in true })
    }
}
