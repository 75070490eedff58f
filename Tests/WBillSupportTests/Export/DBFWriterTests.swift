import Foundation
import WBillTestSupport
import XCTest
@testable import WBillSupport

/// `DBFWriter`: dBase III tables whose header, records and text encodings an independent reader
/// (python3-dbfread) reads back as written.
final class DBFWriterTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    let fields = [
        DBFField("ACCOUNT", .character(width: 10)),
        DBFField("NAME", .character(width: 12)),
        DBFField("VOLUME", .numeric(width: 12, decimals: 3)),
        DBFField("AMOUNT", .numeric(width: 10, decimals: 2)),
        DBFField("READ_ON", .date),
        DBFField("PREPAID", .logical),
    ]
    let day = CivilDate(year: 2026, month: 11, day: 30)!

    /// Writes `rows` to `name` and commits it; returns the path.
    func write(_ name: String, _ rows: [[DBFValue]], encoding: DBFEncoding = .utf8, truncates: Bool = false) throws -> String {
        let path = scratch.file(name)
        let file = try AtomicFile(path: path)
        let writer = try DBFWriter(file: file, fields: fields, encoding: encoding, truncatesText: truncates, lastUpdate: day)
        for row in rows { try writer.append(row) }
        try writer.finish()
        try file.commit()
        return path
    }

    func row(_ account: String, _ name: String, volume: Int64, amount: Int64, prepaid: Bool?) -> [DBFValue] {
        [.text(account), .text(name), .decimal(unscaled: volume, scale: 3), .decimal(unscaled: amount, scale: 2),
         .date(day), prepaid.map(DBFValue.logical) ?? .null]
    }

    func testTheHeaderDeclaresVersionDateCountsLengthsAndFields() throws {
        let path = try write("h.dbf", [row("AC1", "Li", volume: 1, amount: 2, prepaid: true)], encoding: .gbk)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes[0..<4]), [0x03, 126, 11, 30])
        XCTAssertEqual(Array(bytes[4..<8]), [1, 0, 0, 0])
        let headerLength = 32 + 32 * fields.count + 1
        XCTAssertEqual(Int(bytes[8]) | Int(bytes[9]) << 8, headerLength)
        XCTAssertEqual(Int(bytes[10]) | Int(bytes[11]) << 8, 1 + 10 + 12 + 12 + 10 + 8 + 1)
        XCTAssertEqual(bytes[29], 0x7A)
        XCTAssertEqual(Array(bytes[32..<39]), Array("ACCOUNT".utf8))
        XCTAssertEqual(bytes[32 + 11], UInt8(ascii: "C"))
        XCTAssertEqual(bytes[32 + 2 * 32 + 11], UInt8(ascii: "N"))
        XCTAssertEqual(bytes[32 + 2 * 32 + 16], 12)
        XCTAssertEqual(bytes[32 + 2 * 32 + 17], 3)
        XCTAssertEqual(bytes[headerLength - 1], 0x0D)
        XCTAssertEqual(bytes.count, headerLength + 54 + 1)
        XCTAssertEqual(bytes.last, 0x1A)
        let record = String(decoding: bytes[headerLength..<(headerLength + 54)], as: UTF8.self)
        XCTAssertEqual(record, " AC1       Li                 0.001      0.0220261130T")
    }

    func testNumbersAreExactWithTheFieldsDecimals() {
        XCTAssertEqual(DecimalText.exact(-5, scale: 2, decimals: 2), "-0.05")
        XCTAssertEqual(DecimalText.exact(123_456, scale: 3, decimals: 3), "123.456")
        XCTAssertEqual(DecimalText.exact(7, scale: 0, decimals: 2), "7.00")
        XCTAssertEqual(DecimalText.exact(Int64.min, scale: 2, decimals: 2), "-92233720368547758.08")
        XCTAssertEqual(DecimalText.exact(42, scale: 0, decimals: 0), "42")
    }

    func testWhatDoesNotFitIsRefusedNamingTheRecordAndField() throws {
        let file = try AtomicFile(path: scratch.file("bad.dbf"))
        let writer = try DBFWriter(file: file, fields: fields, encoding: .cp1252, lastUpdate: day)
        try writer.append(row("AC1", "Zoë", volume: 1, amount: 1, prepaid: nil))
        XCTAssertThrowsError(try writer.append(row("AC2", "a name too long", volume: 1, amount: 1, prepaid: nil))) {
            XCTAssertEqual($0 as? DBFError, .textTooLong(record: 2, field: "NAME", bytes: 15, width: 12))
        }
        XCTAssertThrowsError(try writer.append(row("AC2", "张三", volume: 1, amount: 1, prepaid: nil))) {
            XCTAssertEqual($0 as? DBFError, .notEncodable(record: 2, field: "NAME", text: "张三", encoding: "cp1252"))
        }
        XCTAssertThrowsError(try writer.append(row("AC2", "x", volume: 1, amount: 123_456_789_00, prepaid: nil))) {
            XCTAssertEqual($0 as? DBFError, .numberTooWide(record: 2, field: "AMOUNT", text: "123456789.00", width: 10))
        }
        XCTAssertThrowsError(try writer.append([.text("A"), .text("B"), .decimal(unscaled: 1, scale: 4), .null, .null, .null])) {
            XCTAssertEqual($0 as? DBFError, .tooManyDecimals(record: 2, field: "VOLUME", scale: 4, decimals: 3))
        }
        XCTAssertEqual(writer.recordCount, 1)
    }

    func testFieldsDBaseCannotHoldAreRefused() throws {
        let file = try AtomicFile(path: scratch.file("f.dbf"))
        for (field, error) in [
            (DBFField("ELEVENCHARS", .logical), DBFError.badFieldName("ELEVENCHARS")),
            (DBFField("1ST", .logical), .badFieldName("1ST")),
            (DBFField("NOTE", .character(width: 255)), .badFieldSize(field: "NOTE", width: 255, decimals: 0)),
            (DBFField("N", .numeric(width: 3, decimals: 2)), .badFieldSize(field: "N", width: 3, decimals: 2)),
        ] {
            XCTAssertThrowsError(try DBFWriter(file: file, fields: [field], encoding: .utf8, lastUpdate: day)) {
                XCTAssertEqual($0 as? DBFError, error)
            }
        }
        XCTAssertThrowsError(try DBFWriter(file: file, fields: [DBFField("a", .logical), DBFField("A", .logical)],
                                           encoding: .utf8, lastUpdate: day)) {
            XCTAssertEqual($0 as? DBFError, .duplicateFieldName("A"))
        }
    }

    /// dbfread, which no one here wrote, reads types, values and text in each encoding as written.
    func testAnIndependentReaderReadsEveryEncodingBack() throws {
        for encoding in DBFEncoding.allCases {
            let name = encoding == .cp1252 ? "Zoë Müller" : "张三丰"
            let path = try write("\(encoding.rawValue).dbf", [
                row("AC00000001", name, volume: 12_345, amount: -1_050, prepaid: true),
                row("AC00000002", "a name too long to fit", volume: 0, amount: 99, prepaid: nil),
            ], encoding: encoding, truncates: true)
            let script = """
                import sys, dbfread
                t = dbfread.DBF(sys.argv[1], encoding=None if sys.argv[2] != 'utf-8' else 'utf-8', char_decode_errors='strict')
                print(t.encoding, len(t))
                print('|'.join(f'{f.name}:{f.type}:{f.length}:{f.decimal_count}' for f in t.fields))
                for r in t:
                    print('|'.join(repr(v) for v in r.values()))
                """
            let output = try ExternalProgram.python(script, path, encoding.rawValue)
            let shownEncoding = ["utf-8": "utf-8", "gbk": "cp936", "cp1252": "cp1252"][encoding.rawValue]!
            XCTAssertEqual(output, """
                \(shownEncoding) 2
                ACCOUNT:C:10:0|NAME:C:12:0|VOLUME:N:12:3|AMOUNT:N:10:2|READ_ON:D:8:0|PREPAID:L:1:0
                'AC00000001'|'\(name)'|12.345|-10.5|datetime.date(2026, 11, 30)|True
                'AC00000002'|'a name too l'|0.0|0.99|datetime.date(2026, 11, 30)|None

                """, "encoding \(encoding)")
        }
    }

    func testTruncationCutsAtACharacterBoundary() throws {
        let path = try write("cut.dbf", [row("A", "水费水费水费水", volume: 0, amount: 0, prepaid: false)], encoding: .gbk, truncates: true)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let start = 32 + 32 * fields.count + 1 + 1 + 10
        // Seven characters of two bytes are 14; six fit in 12.
        XCTAssertEqual(Array(bytes[start..<(start + 12)]), [0xCB, 0xAE, 0xB7, 0xD1, 0xCB, 0xAE, 0xB7, 0xD1, 0xCB, 0xAE, 0xB7, 0xD1])
        let utf8 = try write("cut8.dbf", [row("A", "水费水费水", volume: 0, amount: 0, prepaid: false)], truncates: true)
        let utf8Bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: utf8)))
        // Four characters of three bytes are 12; the fifth does not fit.
        XCTAssertEqual(String(decoding: utf8Bytes[start..<(start + 12)], as: UTF8.self), "水费水费")
    }
}
