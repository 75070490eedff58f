import XCTest
import WBillSupport

final class CSVHeaderTests: XCTestCase {
    private func header(_ line: String, allowed: [String]? = nil, required: [String] = []) throws -> CSVHeader {
        let reader = CSVReader(bytes: Array(line.utf8), name: "meters.csv")
        return try reader.readHeader(allowed: allowed, required: required)
    }

    private func assertHeaderError(
        _ line: String, allowed: [String]? = nil, required: [String] = [], _ expected: String,
        file: StaticString = #filePath, lineNumber: UInt = #line
    ) {
        XCTAssertThrowsError(try header(line, allowed: allowed, required: required), file: file, line: lineNumber) {
            XCTAssertEqual(($0 as? CSVError)?.description, expected, file: file, line: lineNumber)
        }
    }

    func testNamesAreTrimmedCaseInsensitiveAndBOMFree() throws {
        let h = try header("\u{FEFF} Serial ,TYPE,\tcaliber\t\nM-1,dn15,20\n", allowed: ["serial", "type", "caliber"], required: ["serial"])
        XCTAssertEqual(h.names, ["Serial", "TYPE", "caliber"])
        XCTAssertEqual(h.index(of: "serial"), 0)
        XCTAssertEqual(h.index(of: " Type "), 1)
        XCTAssertNil(h.index(of: "model"))
        XCTAssertTrue(h.contains("CALIBER"))
        let record = CSVRecord(line: 2, fields: ["M-1", "dn15"])
        XCTAssertEqual(h.value("type", in: record), "dn15")
        XCTAssertNil(h.value("caliber", in: record))
        XCTAssertNil(h.value("model", in: record))
        XCTAssertEqual(h.record.line, 1)
    }

    func testBOMInsideAQuotedFirstNameIsStrippedToo() throws {
        let h = try CSVHeader(CSVRecord(line: 1, fields: ["\u{FEFF}serial"]))
        XCTAssertEqual(h.names, ["serial"])
    }

    func testHeaderErrors() {
        assertHeaderError("", "meters.csv:1: the input is empty; expected a header line")
        assertHeaderError("\n\n", "meters.csv:3: the input is empty; expected a header line")
        assertHeaderError("serial,,type", "meters.csv:1: field 2: empty column name in the header")
        assertHeaderError("serial,type, SERIAL", "meters.csv:1: field 3: duplicate column `SERIAL`; it is also column 1")
        assertHeaderError(
            "serial,tpye", allowed: ["serial", "type", "caliber"],
            "meters.csv:1: field 2: unknown column `tpye` (did you mean `type`?); expected one of: serial, type, caliber")
        assertHeaderError(
            "serial,colour", allowed: ["serial", "type"],
            "meters.csv:1: field 2: unknown column `colour`; expected one of: serial, type")
        assertHeaderError("type", required: ["serial"], "meters.csv:1: missing required column `serial`")
        assertHeaderError(
            "note", allowed: ["serial", "type", "note"], required: ["serial", "type"],
            "meters.csv:1: missing required columns `serial`, `type`")
    }
}
