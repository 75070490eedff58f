@testable import WaterBilling
import WBillSupport
import XCTest

/// Percentages and buckets, checked by hand.
final class ReportArithmeticTests: XCTestCase {
    func testAPercentageIsRoundedHalfUpToATenth() throws {
        func percent(_ part: Int64, _ whole: Int64) throws -> String? { try ReportPercentage.of(part, in: whole)?.description }
        XCTAssertEqual(try percent(1, 3), "33.3", "33.333…")
        XCTAssertEqual(try percent(2, 3), "66.7", "66.666…")
        XCTAssertEqual(try percent(1, 8), "12.5")
        XCTAssertEqual(try percent(1, 16), "6.3", "6.25: a tie goes up")
        XCTAssertEqual(try percent(1, 2000), "0.1", "0.05 goes up")
        XCTAssertEqual(try percent(1, 2001), "0.0", "0.04997… goes down")
        XCTAssertEqual(try percent(6172, 6172), "100.0")
        XCTAssertEqual(try percent(0, 6172), "0.0")
        XCTAssertEqual(try percent(3, 2), "150.0", "more collected than billed")
        XCTAssertEqual(try percent(-1, 16), "-6.3", "half away from zero")
        XCTAssertEqual(try percent(-3000, 6172), "-48.6", "-48.606…")
        XCTAssertNil(try percent(5, 0), "nothing billed")
        // No 64-bit overflow on the way: the product is taken in 128 bits.
        XCTAssertEqual(try percent(Int64.max, Int64.max), "100.0")
        XCTAssertEqual(try percent(Int64.max / 3, Int64.max), "33.3")
        XCTAssertThrowsError(try percent(Int64.max, 1), "a percentage beyond 64 bits")
    }

    func testBucketsCoverTheSpanAndCutItByDayMonthOrYear() throws {
        let span = try DateSpan(from: try CivilDate(parsing: "2026-10-30"), through: try CivilDate(parsing: "2027-01-02"))
        XCTAssertEqual(ReportGranularity.monthly.buckets(in: span).map { "\($0.name) \($0.days)" },
                       ["2026-10 2026-10-30..2026-10-31", "2026-11 2026-11-01..2026-11-30", "2026-12 2026-12-01..2026-12-31",
                        "2027-01 2027-01-01..2027-01-02"])
        XCTAssertEqual(ReportGranularity.annual.buckets(in: span).map { "\($0.name) \($0.days)" },
                       ["2026 2026-10-30..2026-12-31", "2027 2027-01-01..2027-01-02"])
        let days = ReportGranularity.daily.buckets(in: span)
        XCTAssertEqual(days.count, 65)
        XCTAssertEqual(days.first?.name, "2026-10-30")
        XCTAssertEqual(days.last?.name, "2027-01-02")
        XCTAssertEqual(ReportGranularity.monthly.bucket(of: try CivilDate(parsing: "2028-02-29")), "2028-02")
    }

    func testAnOverflowingSumIsAnErrorNotAWrap() {
        XCTAssertThrowsError(try ReportArithmetic.add(Int64.max, 1, what: "recharges of 2026-11", currency: .cny)) { error in
            XCTAssertEqual(error as? ReportError, .sumOutOfRange(what: "recharges of 2026-11", currency: .cny))
            XCTAssertEqual((error as? ReportError)?.description,
                           "the sum of recharges of 2026-11 goes beyond 92233720368547758.07 CNY, more than a report can hold")
        }
        XCTAssertThrowsError(try ReportArithmetic.negate(Int64.min, what: "billed of 2026-11", currency: .cny))
        XCTAssertEqual(try ReportArithmetic.add(-5, 7, what: "", currency: .cny), 2)
    }
}
