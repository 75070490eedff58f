import WBillSupport
import XCTest
@testable import WBillCLI

/// `CSVField`: the bytes of a typed value's csv field are the text formats' field, exactly.
final class CSVFieldTests: XCTestCase {
    func testEveryKindOfValueIsTheFieldOfItsText() {
        let texts = ["", "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", " lead", "trail ", "\ttab", "tab\t",
                     "\u{FEFF}bom", "王芳", "x\u{FEFF}", " ", "\"", "é,", "a\r\nb"]
        var values: [TabularValue] = texts.map(TabularValue.text) + [.null, .boolean(true), .boolean(false)]
        values += [0, 7, -7, 1_234_567, Int64.max, Int64.min].map(TabularValue.integer)
        for (unscaled, scale) in [(0, 2), (-5, 2), (1_250, 3), (123_456, 0), (-1, 4), (Int64.max, 3)] as [(Int64, Int)] {
            values.append(.decimal(unscaled: unscaled, scale: scale))
        }
        values += [.date(CivilDate(year: 2026, month: 11, day: 30)!), .timestamp(Timestamp(millisecondsSinceEpoch: 1_795_000_000_123))]
        for value in values {
            var bytes: [UInt8] = []
            CSVField.append(value, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), TableRenderer.csvField(Cell(value).text), "\(value)")
        }
    }
}
