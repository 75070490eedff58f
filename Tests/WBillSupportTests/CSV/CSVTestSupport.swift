import Foundation
import XCTest
import WBillSupport

/// Reads every record of `text`.
func readCSV(
    _ text: String, delimiter: Unicode.Scalar = ",", readSize: Int = 256 << 10, maximumFieldBytes: Int = 1 << 20
) throws -> [CSVRecord] {
    try readCSV(bytes: Array(text.utf8), delimiter: delimiter, readSize: readSize, maximumFieldBytes: maximumFieldBytes)
}

/// Reads every record of `bytes`.
func readCSV(
    bytes: [UInt8], delimiter: Unicode.Scalar = ",", readSize: Int = 256 << 10, maximumFieldBytes: Int = 1 << 20,
    maximumRecordBytes: Int = 16 << 20
) throws -> [CSVRecord] {
    let options = CSVReader.Options(
        maximumFieldBytes: maximumFieldBytes, maximumRecordBytes: maximumRecordBytes, readSize: readSize)
    let reader = CSVReader(bytes: bytes, name: "meters.csv", delimiter: delimiter, options: options)
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

/// Asserts reading `bytes` fails with exactly `expected`, whatever the read size.
func assertCSVError(
    bytes: [UInt8], _ expected: String, byteOffset: Int? = nil, maximumFieldBytes: Int = 1 << 20,
    maximumRecordBytes: Int = 16 << 20, file: StaticString = #filePath, line: UInt = #line
) {
    for readSize in [1, 2, 3, 7, 64 << 10] {
        do {
            let records = try readCSV(
                bytes: bytes, readSize: readSize, maximumFieldBytes: maximumFieldBytes,
                maximumRecordBytes: maximumRecordBytes)
            XCTFail("expected an error, got \(records.map(\.fields))", file: file, line: line)
        } catch let error as CSVError {
            XCTAssertEqual(error.description, expected, "read size \(readSize)", file: file, line: line)
            if let byteOffset {
                XCTAssertEqual(error.byteOffset, byteOffset, "read size \(readSize)", file: file, line: line)
            }
        } catch {
            XCTFail("expected a CSVError, got \(error)", file: file, line: line)
        }
    }
}

/// Asserts reading `text` fails with exactly `expected`, whatever the read size.
func assertCSVError(
    _ text: String, _ expected: String, byteOffset: Int? = nil, file: StaticString = #filePath, line: UInt = #line
) {
    assertCSVError(bytes: Array(text.utf8), expected, byteOffset: byteOffset, file: file, line: line)
}

/// A temporary file path, removed by the caller.
func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "wbill-\(getpid())-\(name)"
}
