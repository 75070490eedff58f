@testable import WaterBilling
import XCTest

/// A late fee is exact, then rounded half-up to the minor unit once.
final class LateFeesTests: XCTestCase {
    func testTheFeeIsOwedTimesRateTimesDaysOverAThousandRoundedHalfUp() throws {
        let half = try FixedDecimal(parsing: "0.5")
        // 100.00 at 0.5 per mille for 10 days: 10000 × 0.5 × 10 ÷ 1000 = 50 exactly.
        XCTAssertEqual(try LateFees.fee(on: 10_000, perMille: half, days: 10), 50)
        // 40.64 for 5 days: 10.16 fen → 10; 42.00: 10.5 fen → 11 (a tie goes up).
        XCTAssertEqual(try LateFees.fee(on: 4064, perMille: half, days: 5), 10)
        XCTAssertEqual(try LateFees.fee(on: 4200, perMille: half, days: 5), 11)
        XCTAssertEqual(try LateFees.fee(on: 100, perMille: half, days: 10), 1, "0.5 rounds up")
        XCTAssertEqual(try LateFees.fee(on: 99, perMille: half, days: 10), 0, "0.495 rounds down")
        // Three decimals of rate: 0.125 per mille of 1,000,000.00 for 1 day = 12.50.
        XCTAssertEqual(try LateFees.fee(on: 100_000_000, perMille: try FixedDecimal(parsing: "0.125"), days: 1), 12_500)
        // No 64-bit overflow on the way: the product is taken in 128 bits.
        XCTAssertEqual(try LateFees.fee(on: Int64.max / 1000, perMille: FixedDecimal(10), days: 100), Int64.max / 1000)
    }
}
