@testable import WaterBilling
import XCTest
import WBillSupport

/// How each proration convention counts spans in periods, exactly.
final class ProrationTests: XCTestCase {
    private func periods(_ convention: ProrationConvention, _ first: String, _ last: String, months: Int,
                         bill: DateSpan? = nil) throws -> ExactFraction {
        let piece = span(first, last)
        return try Proration(convention: convention, yearStart: .newYear, bill: bill ?? piece).periods(of: piece, months: months)
    }

    func testAReadWithinTheToleranceIsAWholeNumberOfPeriods() {
        // Months of 365/12 = 30.42 days: within 3 days, reads of 28 to 33 days are one month and
        // 58 to 63 days two; outside, the days over 365/12.
        let oneMonth = (1...70).filter { Proration.readCycle($0, months: 1, toleranceDays: 3) == ExactFraction(1, 1) }
        let twoMonths = (1...70).filter { Proration.readCycle($0, months: 1, toleranceDays: 3) == ExactFraction(2, 1) }
        XCTAssertEqual(oneMonth, Array(28...33))
        XCTAssertEqual(twoMonths, Array(58...63))
        XCTAssertEqual(Proration.readCycle(27, months: 1, toleranceDays: 3), ExactFraction(27 * 12, 365))
        // One bimonthly cycle is 60.83 days: 58 to 63 days. With tolerance 0 no whole number of
        // days is exactly 60.83, so every read counts its days.
        XCTAssertEqual((1...130).filter { Proration.readCycle($0, months: 2, toleranceDays: 3) == ExactFraction(1, 1) }, Array(58...63))
        XCTAssertEqual((1...130).filter { Proration.readCycle($0, months: 2, toleranceDays: 0) == ExactFraction(1, 1) }, [])
        // Never zero periods: a 3-day read is 3 × 12/365 months, not "within 3 days of none".
        XCTAssertEqual(Proration.readCycle(3, months: 1, toleranceDays: 3), ExactFraction(36, 365))
    }

    func testAPieceOfAReadGetsItsDaysShareOfTheWholeRead() throws {
        // The 59-day read 2026-01-10..2026-03-09 is two months; its first 22 days are 2 × 22/59.
        let bill = span("2026-01-10", "2026-03-09")
        XCTAssertEqual(try periods(.readCycle(toleranceDays: 3), "2026-01-10", "2026-01-31", months: 1, bill: bill), ExactFraction(44, 59))
        XCTAssertEqual(try periods(.readCycle(toleranceDays: 3), "2026-01-10", "2026-03-09", months: 1), ExactFraction(2, 1))
    }

    func testDaysOver365AndOverTheDaysOfTheYear() throws {
        // February 2028 (29 days of a 366-day year) in months.
        XCTAssertEqual(try periods(.days365, "2028-02-01", "2028-02-29", months: 1), ExactFraction(29 * 12, 365))
        XCTAssertEqual(try periods(.daysInYear, "2028-02-01", "2028-02-29", months: 1), ExactFraction(29 * 12, 366))
        XCTAssertEqual(try periods(.calendar, "2028-02-01", "2028-02-29", months: 1), ExactFraction(1, 1))
        // Across the new year 2027/2028: 31 days of 2027 over 365, 31 of 2028 over 366.
        XCTAssertEqual(try periods(.daysInYear, "2027-12-01", "2028-01-31", months: 12),
                       try ExactFraction(31, 365).adding(ExactFraction(31, 366)))
        XCTAssertEqual(try periods(.days365, "2028-01-01", "2028-12-31", months: 12), ExactFraction(366, 365))
        // A day is a day whatever the convention.
        for convention in [ProrationConvention.calendar, .readCycle(toleranceDays: 3), .days365, .daysInYear] {
            let piece = span("2028-02-01", "2028-02-29")
            XCTAssertEqual(try Proration(convention: convention, yearStart: .newYear, bill: piece).periods(of: piece, per: .daily),
                           ExactFraction(29, 1))
        }
    }
}
