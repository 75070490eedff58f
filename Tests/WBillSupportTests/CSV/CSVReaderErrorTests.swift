import XCTest
import WBillSupport

final class CSVReaderErrorTests: XCTestCase {
    func testUnterminatedQuotedFieldSaysWhereItStarted() {
        assertCSVError(
            "a,b\nc,\"open\nmore\nlines",
            "meters.csv:2: field 2: quoted field is never closed: the input ends inside the quotes opened here",
            byteOffset: 6)
        assertCSVError(
            "\"x\"\"",
            "meters.csv:1: field 1: quoted field is never closed: the input ends inside the quotes opened here",
            byteOffset: 0)
    }

    func testQuoteInsideAnUnquotedField() {
        assertCSVError(
            "a,b\nc,d\"e\n",
            "meters.csv:2: field 2: a quote inside an unquoted field; quote the whole field and double the quotes inside (\"a \"\"b\"\" c\")",
            byteOffset: 7)
        assertCSVError(
            "x, \"y\"\n",
            "meters.csv:1: field 2: a quote inside an unquoted field; quote the whole field and double the quotes inside (\"a \"\"b\"\" c\")",
            byteOffset: 3)
    }

    func testCharactersAfterAClosingQuote() {
        assertCSVError(
            "id,note\n1,\"two\nlines\"x\n",
            "meters.csv:3: field 2: expected a delimiter or the end of the line after a closing quote, found \"x\" (a quote inside a quoted field is written twice: \"\")",
            byteOffset: 21)
        assertCSVError(
            "\"a\" ,b",
            "meters.csv:1: field 1: expected a delimiter or the end of the line after a closing quote, found a space (a quote inside a quoted field is written twice: \"\")")
    }

    func testInvalidUTF8IsAnErrorAtItsLine() {
        assertCSVError(
            bytes: Array("a,b\n1,\"ok\nstill ok ".utf8) + [0xC3, 0x28] + Array("\"\n".utf8),
            "meters.csv:3: field 2: invalid utf-8 (byte 0xC3); the file must be encoded as utf-8",
            byteOffset: 19)
        assertCSVError(bytes: [0x61, 0x2C, 0xFF, 0x0A], "meters.csv:1: field 2: invalid utf-8 (byte 0xFF); the file must be encoded as utf-8", byteOffset: 2)
        assertCSVError(bytes: [0xEF, 0xBB, 0x61], "meters.csv:1: field 1: invalid utf-8 (byte 0xEF); the file must be encoded as utf-8", byteOffset: 0)
        assertCSVError(bytes: [0xED, 0xA0, 0x80], "meters.csv:1: field 1: invalid utf-8 (byte 0xED); the file must be encoded as utf-8")
        assertCSVError(bytes: [0xC0, 0x80], "meters.csv:1: field 1: invalid utf-8 (byte 0xC0); the file must be encoded as utf-8")
        assertCSVError(bytes: [0x61, 0xE6, 0xB0], "meters.csv:1: field 1: invalid utf-8 (byte 0xE6); the file must be encoded as utf-8", byteOffset: 1)
    }

    func testFieldAndRecordLimits() {
        let limit = "meters.csv:2: field 2: field is larger than the limit of 8 bytes (an unclosed quote can cause this)"
        assertCSVError(bytes: Array("a,b\nc,123456789\n".utf8), limit, byteOffset: 6, maximumFieldBytes: 8)
        assertCSVError(bytes: Array("a,b\nc,\"123456789\"\n".utf8), limit, byteOffset: 6, maximumFieldBytes: 8)
        assertCSVError(bytes: Array("a,b\nc,\"unclosed, and on and on\n".utf8), limit, maximumFieldBytes: 8)
        XCTAssertEqual(try readCSV("12345678,\"1234\"\"567\"\n", maximumFieldBytes: 8).first?.fields, ["12345678", "1234\"567"])

        for readSize in [16, 64 << 10] {
            let options = CSVReader.Options(maximumFieldBytes: 8, maximumRecordBytes: 64, readSize: readSize)
            let text = "ok\n" + String(repeating: "1234567,", count: 20) + "\n"
            let reader = CSVReader(bytes: Array(text.utf8), name: "m.csv", options: options)
            XCTAssertEqual(try reader.next()?.fields, ["ok"])
            XCTAssertThrowsError(try reader.next()) {
                XCTAssertEqual(($0 as? CSVError)?.description, "m.csv:2: record is larger than the limit of 64 bytes")
                XCTAssertEqual(($0 as? CSVError)?.byteOffset, 3)
            }
        }
    }

    func testReadFailuresAreCSVErrors() {
        let reader = CSVReader(fileDescriptor: -1, name: "broken.csv")
        XCTAssertThrowsError(try reader.next()) {
            XCTAssertEqual(($0 as? CSVError)?.description, "broken.csv:1: cannot read broken.csv: Bad file descriptor")
        }
    }

    func testFieldCountCheckAndCallerErrors() throws {
        let records = try readCSV("a,b,c\n1,2\n1,2,3,4\n")
        XCTAssertNoThrow(try records[0].requireFieldCount(3))
        XCTAssertThrowsError(try records[1].requireFieldCount(3)) {
            XCTAssertEqual(($0 as? CSVError)?.description, "meters.csv:2: field 3: expected 3 fields, found 2")
        }
        XCTAssertThrowsError(try records[2].requireFieldCount(3)) {
            XCTAssertEqual(($0 as? CSVError)?.description, "meters.csv:3: field 4: expected 3 fields, found 4")
            XCTAssertEqual(($0 as? CSVError)?.kind, .fieldCountMismatch(expected: 3, found: 4))
        }
        XCTAssertEqual(
            records[1].error(field: 2, "unknown meter type `2`").description,
            "meters.csv:2: field 2: unknown meter type `2`")
        XCTAssertEqual(records[1].error(field: nil, "duplicate serial").description, "meters.csv:2: duplicate serial")
    }
}
