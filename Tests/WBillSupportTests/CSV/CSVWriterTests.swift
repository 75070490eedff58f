import Foundation
import WBillTestSupport
import XCTest
import WBillSupport

final class CSVWriterTests: XCTestCase {
    func testQuotingRules() {
        XCTAssertEqual(CSVWriter.line(["plain", "12.50", "水表"]), "plain,12.50,水表\r\n")
        XCTAssertEqual(CSVWriter.line(["a,b", "say \"hi\"", "two\nlines", "cr\rhere"]), "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n")
        XCTAssertEqual(CSVWriter.line([" lead", "trail ", "\ttab", "in side"]), "\" lead\",\"trail \",\"\ttab\",in side\r\n")
        XCTAssertEqual(CSVWriter.line(["", "x", ""]), ",x,\r\n")
        XCTAssertEqual(CSVWriter.line([""]), "\"\"\r\n")
        XCTAssertEqual(CSVWriter.line([]), "\r\n")
        XCTAssertEqual(CSVWriter.line(["a", "b"], lineEnding: .lf), "a,b\n")
    }

    func testTSVQuotesTabsNewlinesAndQuotes() {
        XCTAssertEqual(CSVWriter.line(["a,b", "c\td", "e\nf", "g\"h"], delimiter: "\t", lineEnding: .lf), "a,b\t\"c\td\"\t\"e\nf\"\t\"g\"\"h\"\n")
    }

    func testSinkReceivesBufferedChunksAndFlush() throws {
        var chunks: [[UInt8]] = []
        let writer = CSVWriter { chunks.append($0) }
        try writer.write(["a", "b"])
        XCTAssertTrue(chunks.isEmpty)
        try writer.flush()
        XCTAssertEqual(chunks, [Array("a,b\r\n".utf8)])
        for i in 0..<20_000 { try writer.write(["row \(i)", "value"]) }
        XCTAssertGreaterThan(chunks.count, 2)
        try writer.flush()
        XCTAssertEqual(chunks.reduce(0) { $0 + $1.count }, 5 + (0..<20_000).reduce(0) { $0 + "row \($1),value\r\n".utf8.count })
    }

    func testSinkErrorsPropagate() {
        struct Full: Error {}
        let writer = CSVWriter { _ in throw Full() }
        XCTAssertNoThrow(try writer.write(["a"]))
        XCTAssertThrowsError(try writer.flush()) { XCTAssertTrue($0 is Full) }
    }

    func testWritesToAFileDescriptor() throws {
        let path = temporaryPath("out.csv")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { unlink(path) }
        let writer = CSVWriter(fileDescriptor: fd, name: path, lineEnding: .lf)
        try writer.write(["serial", "note"])
        try writer.write(["M-1", "a \"quoted\", multi\nline note"])
        try writer.flush()
        close(fd)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "serial,note\nM-1,\"a \"\"quoted\"\", multi\nline note\"\n")

        let broken = CSVWriter(fileDescriptor: -1, name: "nowhere.csv")
        try broken.write(["x"])
        XCTAssertThrowsError(try broken.flush()) {
            XCTAssertEqual(($0 as? FileIOError)?.description, "cannot write nowhere.csv: Bad file descriptor")
        }
    }

    func testRandomFieldsRoundTripThroughTheReader() throws {
        var random = SplitMix64(seed: 2026)
        let pieces = ["a", "Z", "0", " ", ",", "\"", "\n", "\r\n", "\r", "\t", ";", "水", "费", "💧", "👩‍👩‍👧", "é", "e\u{301}", "\u{FEFF}", ""]
        for (delimiter, lineEnding) in [(Unicode.Scalar(","), CSVWriter.LineEnding.crlf), ("\t", .lf), (";", .crlf)] {
            var rows: [[String]] = []
            for _ in 0..<2000 {
                let width = Int(random.next() % 6) + 1
                rows.append((0..<width).map { _ in
                    (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                })
            }
            var bytes: [UInt8] = []
            let writer = CSVWriter(delimiter: delimiter, lineEnding: lineEnding) { bytes += $0 }
            for row in rows { try writer.write(row) }
            try writer.flush()
            for readSize in [5, 4096] {
                let read = try readCSV(bytes: bytes, delimiter: delimiter, readSize: readSize)
                XCTAssertEqual(read.count, rows.count)
                XCTAssertEqual(read.map(\.fields), rows, "delimiter \(delimiter.escaped(asASCII: true)), read size \(readSize)")
            }
        }
    }
}
