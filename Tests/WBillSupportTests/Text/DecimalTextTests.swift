import WBillTestSupport
import XCTest
@testable import WBillSupport

/// `DecimalText`: the exact text of scaled integers, and its byte and length forms agreeing with it.
final class DecimalTextTests: XCTestCase {
    /// The text as the first version built it from strings, kept here as the reference.
    func reference(_ unscaled: Int64, scale: Int, decimals: Int) -> String {
        let digits = String(unscaled.magnitude)
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        let whole = padded.dropLast(scale)
        let fraction = String(padded.suffix(scale)) + String(repeating: "0", count: decimals - scale)
        return (unscaled < 0 ? "-" : "") + whole + (decimals > 0 ? "." + fraction : "")
    }

    func testExamples() {
        XCTAssertEqual(DecimalText.exact(-5, scale: 2, decimals: 2), "-0.05")
        XCTAssertEqual(DecimalText.exact(7, scale: 0, decimals: 2), "7.00")
        XCTAssertEqual(DecimalText.exact(0, scale: 3, decimals: 3), "0.000")
        XCTAssertEqual(DecimalText.exact(1_250, scale: 3, decimals: 3), "1.250")
        XCTAssertEqual(DecimalText.exact(Int64.min, scale: 0, decimals: 0), "-9223372036854775808")
        XCTAssertEqual(DecimalText.exact(Int64.max, scale: 4, decimals: 4), "922337203685477.5807")
    }

    func testBytesAndLengthAgreeWithTheTextForManyValues() {
        var generator = SplitMix64(seed: 15)
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, 12_345, Int64.max, Int64.min, Int64.min + 1]
        for _ in 0..<5_000 {
            let bits = Int64(bitPattern: generator.next())
            values.append(bits >> Int64(generator.next() % 63))
        }
        for value in values {
            for scale in 0...4 {
                for decimals in scale...(scale + 2) {
                    let expected = reference(value, scale: scale, decimals: decimals)
                    XCTAssertEqual(DecimalText.exact(value, scale: scale, decimals: decimals), expected)
                    var bytes: [UInt8] = [0x41]
                    DecimalText.append(value, scale: scale, decimals: decimals, to: &bytes)
                    XCTAssertEqual(bytes, [0x41] + Array(expected.utf8))
                    XCTAssertEqual(DecimalText.length(value, scale: scale, decimals: decimals), expected.count, "\(value) \(scale) \(decimals)")
                }
            }
        }
    }
}
