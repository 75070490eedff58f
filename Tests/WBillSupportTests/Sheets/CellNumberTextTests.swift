import XCTest
@testable import WBillSupport

final class CellNumberTextTests: XCTestCase {
    func text(_ value: Double) -> String? { try? CellNumberText.text(of: value).get() }

    func testNumbersReadAsTheShortestDecimalThatIsTheSameDouble() {
        XCTAssertEqual(text(12.3), "12.3")
        XCTAssertEqual(text(20), "20")
        XCTAssertEqual(text(-0.5), "-0.5")
        XCTAssertEqual(text(0), "0")
        XCTAssertEqual(text(-0.0), "0")
        XCTAssertEqual(text(1e-5), "0.00001")
        XCTAssertEqual(text(123456789012345), "123456789012345")
        XCTAssertEqual(text(1.25e10), "12500000000")
    }

    func testBinaryArithmeticNoiseReadsAsTheSpreadsheetShowsIt() {
        XCTAssertEqual(text(0.1 + 0.2), "0.3")
        XCTAssertEqual(text(12.3.nextUp), "12.3")
        XCTAssertEqual(text(1.1 * 3), "3.3")
        XCTAssertEqual(text(99.99999999999999), "100")  // 16 nines: rounds up to 15 digits, carrying
    }

    func testNumbersThatMayHaveLostDigitsAreRefused() {
        for value in [1234567890123456.0, 1e15, 110101199003071234.0, -1234567890123456.0, 0.1234567890123456] {
            guard case .failure(let refusal) = CellNumberText.text(of: value) else { return XCTFail("\(value) was read") }
            XCTAssertTrue(refusal.reason.contains("store it as text"), refusal.reason)
        }
        if case .failure(let refusal) = CellNumberText.text(of: 110101199003071234) {
            XCTAssertEqual(refusal.value, "110101199003071230")  // the double the cell holds
        }
        XCTAssertEqual(text(999999999999999), "999999999999999")
    }

    func testPlainTextIsNormalisedWithoutADouble() {
        func plain(_ written: String) -> String? {
            var out: [UInt8] = []
            return CellNumberText.normalizePlain(Array(written.utf8), into: &out) ? String(decoding: out, as: UTF8.self) : nil
        }
        XCTAssertEqual(plain("12.3"), "12.3")
        XCTAssertEqual(plain("-0012.3400"), "-12.34")
        XCTAssertEqual(plain("0.000"), "0")
        XCTAssertEqual(plain("-0"), "0")
        XCTAssertEqual(plain(".5"), "0.5")
        XCTAssertEqual(plain("5."), "5")
        XCTAssertEqual(plain("+7"), "7")
        XCTAssertEqual(plain("0.000000000000000000001"), "0.000000000000000000001")
        for written in ["", ".", "-", "1e5", "1E+16", "0.30000000000000004", "1234567890123456", "12a", "1.2.3"] {
            XCTAssertNil(plain(written), written)
        }
        // Whatever the fast path reads, the double's path reads the same.
        for written in ["12.3", "-0.5", "20", "0.1", "123456789.012345", "0.000123"] {
            XCTAssertEqual(plain(written), text(Double(written)!), written)
        }
    }
}
