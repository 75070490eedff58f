@testable import WaterBilling
import WBillSupport
import XCTest

/// Percentages and buckets, checked by hand.
final class ReportArithmeticTests: XCTestCase {
    func testAPercentageIsRoundedHalfUpToATenth() {
        XCTAssertEqual(Percentage(1, of: 3)?.description, "33.3", "33.333…")
        XCTAssertEqual(Percentage(2, of: 3)?.description, "66.7", "66.666…")
        XCTAssertEqual(Percentage(1, of: 8)?.description, "12.5")
        XCTAssertEqual(Percentage(1, of: 16)?.description, "6.3", "6.25: a tie goes up")
        XCTAssertEqual(Percentage(1, of: 2000)?.description, "0.1", "0.05 goes up")
        XCTAssertEqual(Percentage(1, of: 2001)?.description, "0.0", "0.04997… goes down")
        XCTAssertEqual(Percentage(6172, of: 6172)?.description, "100.0")
        XCTAssertEqual(Percentage(0, of: 6172)?.description, "0.0")
        XCTAssertEqual(Percentage(3, of: 2)?.description, "150.0", "more collected than billed")
        XCTAssertEqual(Percentage(-1, of: 16)?.description, "-6.3", "half away from zero")
        XCTAssertEqual(Percentage(-3000, of: 6172)?.tenths, -486, "-48.606…")
        XCTAssertNil(Percentage(5, of: 0), "nothing billed")
        XCTAssertNil(Percentage(5, of: -10), "more cancelled than billed")
        // No 64-bit overflow on the way: the product is taken in 128 bits.
        XCTAssertEqual(Percentage(Int64.max, of: Int64.max)?.description, "100.0")
        XCTAssertEqual(Percentage(Int64.max / 3, of: Int64.max)?.description, "33.3")
        XCTAssertNil(Percentage(Int64.max, of: 1), "a percentage beyond 64 bits of tenths")
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
