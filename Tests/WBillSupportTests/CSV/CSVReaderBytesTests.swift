import XCTest
import WBillSupport

/// `advance()` with `fieldBytes(at:)` reads the same fields as `next()`, whatever the read size:
/// quoted fields with doubled quotes (kept apart from the buffer), line breaks inside quotes, blank
/// lines, a byte-order mark and a last record without a line end.
final class CSVReaderBytesTests: XCTestCase {
    let text = "\u{FEFF}serial,note\r\n"
        + "A-1,\"say \"\"hi\"\"\"\r\n"
        + "\r\n"
        + "B-2,\"two\nlines, \"\"quoted\"\" twice: \"\"\"\"\"\n"
        + "水表,\"\",plain\n"
        + "\"\"\"\",last"

    func readBoth(readSize: Int) throws -> (strings: [CSVRecord], bytes: [CSVRecord]) {
        let options = CSVReader.Options(readSize: readSize)
        let strings = CSVReader(bytes: Array(text.utf8), name: "in.csv", options: options)
        var viaNext: [CSVRecord] = []
        while let record = try strings.next() { viaNext.append(record) }
        let bytes = CSVReader(bytes: Array(text.utf8), name: "in.csv", options: options)
        var viaBytes: [CSVRecord] = []
        while try bytes.advance() {
            let fields = (0..<bytes.fieldCount).map { String(decoding: bytes.fieldBytes(at: $0), as: UTF8.self) }
            viaBytes.append(CSVRecord(source: "in.csv", line: bytes.recordLine, byteOffset: bytes.recordByteOffset, fields: fields))
            XCTAssertEqual(bytes.currentRecord(), viaBytes.last)
        }
        return (viaNext, viaBytes)
    }

    func testBytesAndStringsAgreeAtEveryReadSize() throws {
        for readSize in [1, 2, 3, 5, 8, 64 << 10] {
            let (strings, bytes) = try readBoth(readSize: readSize)
            XCTAssertEqual(bytes, strings, "read size \(readSize)")
            XCTAssertEqual(strings.map(\.fields), [
                ["serial", "note"], ["A-1", "say \"hi\""], ["B-2", "two\nlines, \"quoted\" twice: \"\""],
                ["水表", "", "plain"], ["\"", "last"],
            ])
            XCTAssertEqual(strings.map(\.line), [1, 2, 4, 6, 7])
        }
    }
}
