import Foundation
import WBillTestSupport
import XCTest
import WBillSupport

/// What a reader says about its whole input: the file's absolute path, its size and its SHA-256.
final class CSVReaderDigestTests: XCTestCase {
    func readAll(_ reader: CSVReader) throws -> Int {
        var count = 0
        while try reader.next() != nil { count += 1 }
        return count
    }

    func testTheDigestIsOfEveryByteReadOverManyReads() throws {
        let bytes = Array(("\u{FEFF}serial,note\r\n" + (1...3000).map { "M-\($0),\"note \($0)\nmore\"" }.joined(separator: "\r\n")).utf8)
        let reader = CSVReader(bytes: bytes, options: CSVReader.Options(readSize: 1000))
        reader.digestInput()
        _ = try reader.next()
        XCTAssertNil(reader.inputDigest, "not before the end of the input")
        XCTAssertEqual(try readAll(reader), 3000)
        XCTAssertEqual(reader.inputDigest, CSVInputDigest(byteCount: bytes.count, sha256: SHA256.hash(bytes)))
    }

    func testNoDigestUnlessAskedBeforeTheFirstRead() throws {
        let bytes = Array("a,b\n1,2\n".utf8)
        let unasked = CSVReader(bytes: bytes)
        XCTAssertFalse(unasked.reachedEndOfInput)
        XCTAssertEqual(try readAll(unasked), 2)
        XCTAssertNil(unasked.inputDigest)
        XCTAssertTrue(unasked.reachedEndOfInput)
        XCTAssertEqual(unasked.bytesRead, bytes.count, "the size, without a digest")
        let late = CSVReader(bytes: bytes)
        _ = try late.next()
        late.digestInput()
        XCTAssertEqual(try readAll(late), 1)
        XCTAssertNil(late.inputDigest, "half a file's hash would name no file")
    }

    func testAFileIsNamedByItsAbsolutePathAndItsHashAsSha256sumPrintsIt() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("customers.csv")
        try "type,name\nResidential,Wang Fang\n".write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: path)
        reader.digestInput()
        XCTAssertEqual(try readAll(reader), 2)
        XCTAssertEqual(reader.filePath, path)
        XCTAssertEqual(reader.inputDigest?.byteCount, 32)
        // printf 'type,name\nResidential,Wang Fang\n' | sha256sum
        XCTAssertEqual(reader.inputDigest?.sha256.description, "4e71285e1f7f69b328044b64d957fd97aa34f05c69545420588933545ea29b28")
        XCTAssertNil(CSVReader(bytes: []).filePath)
        XCTAssertNil(CSVReader.fromStandardInput().filePath)
    }

    func testRelativePathsAreMadeAbsoluteAgainstTheWorkingDirectory() {
        let directory = FileManager.default.currentDirectoryPath
        XCTAssertEqual(FileSystem.absolutePath("in.csv"), directory + "/in.csv")
        XCTAssertEqual(FileSystem.absolutePath("./in.csv"), directory + "/in.csv")
        XCTAssertEqual(FileSystem.absolutePath("../in.csv"), directory + "/../in.csv")
        XCTAssertEqual(FileSystem.absolutePath("/srv/in.csv"), "/srv/in.csv")
    }
}
