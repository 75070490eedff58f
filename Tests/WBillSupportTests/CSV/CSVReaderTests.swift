import Foundation
import WBillTestSupport
import XCTest
import WBillSupport

final class CSVReaderTests: XCTestCase {
    func testSimpleRecordsWithLineNumbersAndOffsets() throws {
        let records = try readCSV("serial,type\nM-1,dn15\nM-2,dn20\n")
        XCTAssertEqual(records.map(\.fields), [["serial", "type"], ["M-1", "dn15"], ["M-2", "dn20"]])
        XCTAssertEqual(records.map(\.line), [1, 2, 3])
        XCTAssertEqual(records.map(\.byteOffset), [0, 12, 21])
        XCTAssertEqual(records[1].source, "meters.csv")
    }

    func testQuotedFieldsRFC4180() throws {
        let records = try readCSV("\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"\",plain\r\nnext,\"\"\"\"\r\n")
        XCTAssertEqual(records.map(\.fields), [["a,b", "say \"hi\"", "line\nbreak", "", "plain"], ["next", "\""]])
        XCTAssertEqual(records.map(\.line), [1, 3])
    }

    func testLineEndsLFCRLFAndLoneCR() throws {
        let records = try readCSV("a\r\nb\nc\rd\r\n\re")
        XCTAssertEqual(records.map(\.fields), [["a"], ["b"], ["c"], ["d"], ["e"]])
        XCTAssertEqual(records.map(\.line), [1, 2, 3, 4, 6])
    }

    func testLastRecordWithoutLineEnd() throws {
        XCTAssertEqual(try readCSV("a,b\nc,d").map(\.fields), [["a", "b"], ["c", "d"]])
        XCTAssertEqual(try readCSV("a,\"b\"").map(\.fields), [["a", "b"]])
        XCTAssertEqual(try readCSV("a,").map(\.fields), [["a", ""]])
    }

    func testBlankLinesAreSkippedButCounted() throws {
        let records = try readCSV("\n\na\r\n\r\n\nb\n\n")
        XCTAssertEqual(records.map(\.fields), [["a"], ["b"]])
        XCTAssertEqual(records.map(\.line), [3, 6])
    }

    func testEmptyFieldsAndSpacesAreData() throws {
        XCTAssertEqual(try readCSV(",\n \n,,x\n\"\"\n").map(\.fields), [["", ""], [" "], ["", "", "x"], [""]])
        XCTAssertEqual(try readCSV("  a , b  \n").map(\.fields), [["  a ", " b  "]])
    }

    func testEmptyInputs() throws {
        XCTAssertEqual(try readCSV(""), [])
        XCTAssertEqual(try readCSV("\n\r\n"), [])
        XCTAssertEqual(try readCSV(bytes: [0xEF, 0xBB, 0xBF]), [])
    }

    func testByteOrderMarkIsSkippedButCountedInOffsets() throws {
        let records = try readCSV(bytes: [0xEF, 0xBB, 0xBF] + Array("serial\nM-1\n".utf8))
        XCTAssertEqual(records.map(\.fields), [["serial"], ["M-1"]])
        XCTAssertEqual(records.map(\.byteOffset), [3, 10])
    }

    func testUnicodeFields() throws {
        let records = try readCSV("名称,备注\n张三,\"水表 💧, 一号\"\n")
        XCTAssertEqual(records.map(\.fields), [["名称", "备注"], ["张三", "水表 💧, 一号"]])
    }

    func testTabDelimitedAndOtherDelimiters() throws {
        XCTAssertEqual(try readCSV("a\tb,c\t\"d\te\"\n", delimiter: "\t").map(\.fields), [["a", "b,c", "d\te"]])
        XCTAssertEqual(try readCSV("a;b,c;\"d;e\"\n", delimiter: ";").map(\.fields), [["a", "b,c", "d;e"]])
    }

    func testQuotedLineBreaksKeepLaterLineNumbersRight() throws {
        let text = "id,note\n1,\"two\nlines\"\n2,\"three\r\nlines\rhere\"\n\n3,done\n"
        let records = try readCSV(text)
        XCTAssertEqual(records.map(\.line), [1, 2, 4, 8])
        XCTAssertEqual(records[2].fields, ["2", "three\r\nlines\rhere"])
    }

    func testEveryReadSizeGivesTheSameRecords() throws {
        let text = "\u{FEFF}h1,h2\r\n\"a\"\"b\",\"c\r\nd\"\r\n\r\n水,\"💧\"\re,\"\"\n,\nlast,\"x\"\"\""
        let expected = try readCSV(text)
        XCTAssertEqual(expected.map(\.fields), [["h1", "h2"], ["a\"b", "c\r\nd"], ["水", "💧"], ["e", ""], ["", ""], ["last", "x\""]])
        XCTAssertEqual(expected.map(\.line), [1, 2, 5, 6, 7, 8])
        for readSize in 1...40 {
            XCTAssertEqual(try readCSV(text, readSize: readSize), expected, "read size \(readSize)")
        }
    }

    func testLongFieldsAcrossManyReads() throws {
        let long = String(repeating: "x", count: 100_000)
        let quoted = String(repeating: "ab\"\"", count: 30_000)
        let records = try readCSV("\(long),\"\(quoted)\"\nend\n", readSize: 4096)
        XCTAssertEqual(records[0].fields[0].count, 100_000)
        XCTAssertEqual(records[0].fields[1], String(repeating: "ab\"", count: 30_000))
        XCTAssertEqual(records[1].line, 2)
    }

    func testReadsARealFile() throws {
        let path = temporaryPath("meters.csv")
        try "serial,reading\r\nM-1,\"12.5\"\r\nM-2,7\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        let reader = try CSVReader(path: path)
        XCTAssertEqual(reader.name, path)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        XCTAssertEqual(records.map(\.fields), [["serial", "reading"], ["M-1", "12.5"], ["M-2", "7"]])
        XCTAssertEqual(records.last?.source, path)
    }

    func testOpeningAMissingFileThrowsFileIOError() {
        XCTAssertThrowsError(try CSVReader(path: "/nonexistent/meters.csv")) {
            XCTAssertEqual(($0 as? FileIOError)?.description, "cannot open /nonexistent/meters.csv: No such file or directory")
        }
    }

    func testReadsAPipeFedInSmallPieces() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let rows = (1...5000).map { "M-\($0),\"note \($0)\nsecond line\",\($0 * 3)" }
        let bytes = Array((rows.joined(separator: "\r\n") + "\r\n").utf8)
        let writeEnd = fds[1]
        let writer = Thread {
            var offset = 0
            while offset < bytes.count {
                let n = min(997, bytes.count - offset)
                let written = bytes[offset..<(offset + n)].withUnsafeBytes { write(writeEnd, $0.baseAddress, n) }
                if written <= 0 { break }
                offset += written
            }
            close(writeEnd)
        }
        writer.start()
        let reader = CSVReader(fileDescriptor: fds[0], name: "<pipe>")
        var count = 0
        while let record = try reader.next() {
            count += 1
            XCTAssertEqual(record.line, 2 * count - 1)
            XCTAssertEqual(record.fields, ["M-\(count)", "note \(count)\nsecond line", "\(count * 3)"])
        }
        close(fds[0])
        XCTAssertEqual(count, 5000)
    }

    func testGeneratedFileOfAHundredThousandRowsKeepsLineNumbers() throws {
        var random = SplitMix64(seed: 42)
        var text = "serial,reading,note\r\n"
        var expectedLines: [Int] = [1]
        var expectedNotes: [String] = ["note"]
        var line = 2
        for row in 0..<100_000 {
            let note: String
            switch random.next() % 5 {
            case 0: note = "plain"
            case 1: note = "two\nlines"
            case 2: note = "crlf\r\ninside"
            case 3: note = "comma, \"quoted\""
            default: note = ""
            }
            if random.next() % 50 == 0 {
                text += "\r\n"  // a blank line
                line += 1
            }
            expectedLines.append(line)
            expectedNotes.append(note)
            text += "M-\(row),\(row % 1000).\(row % 100)," + CSVWriter.line([note], lineEnding: .lf).dropLast() + "\r\n"
            line += 1 + note.utf8.filter { $0 == UInt8(ascii: "\n") }.count
        }
        let path = temporaryPath("generated.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        let reader = try CSVReader(path: path, options: CSVReader.Options(readSize: 64 << 10))
        var index = 0
        while let record = try reader.next() {
            XCTAssertEqual(record.line, expectedLines[index], "record \(index)")
            XCTAssertEqual(record.fields.count, 3)
            XCTAssertEqual(record.fields[2], expectedNotes[index], "record \(index)")
            index += 1
        }
        XCTAssertEqual(index, 100_001)
    }
}
