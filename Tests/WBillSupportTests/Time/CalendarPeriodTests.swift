@testable import WBillSupport
import XCTest

/// `CalendarPeriod`: days, months, quarters and years named absolutely or from today.
final class CalendarPeriodTests: XCTestCase {
    func period(_ text: String, today: String = "2026-11-05") throws -> String {
        let period = try CalendarPeriod(parsing: text, today: CivilDate(parsing: today))
        return "\(period.length.rawValue) \(period.label) \(period.span)"
    }

    func testAbsolutePeriods() throws {
        XCTAssertEqual(try period("2026-10"), "month 2026-10 2026-10-01..2026-10-31")
        XCTAssertEqual(try period("2028-02"), "month 2028-02 2028-02-01..2028-02-29")
        XCTAssertEqual(try period("2026-Q4"), "quarter 2026-Q4 2026-10-01..2026-12-31")
        XCTAssertEqual(try period("2026-q1"), "quarter 2026-Q1 2026-01-01..2026-03-31")
        XCTAssertEqual(try period("2026-10-05"), "day 2026-10-05 2026-10-05..2026-10-05")
        XCTAssertEqual(try period("2026"), "year 2026 2026-01-01..2026-12-31")
    }

    func testRelativePeriodsCountFromToday() throws {
        XCTAssertEqual(try period("last-month"), "month 2026-10 2026-10-01..2026-10-31")
        XCTAssertEqual(try period("this-month"), "month 2026-11 2026-11-01..2026-11-30")
        XCTAssertEqual(try period("LAST-MONTH", today: "2027-01-01"), "month 2026-12 2026-12-01..2026-12-31")
        XCTAssertEqual(try period("last-quarter"), "quarter 2026-Q3 2026-07-01..2026-09-30")
        XCTAssertEqual(try period("last-quarter", today: "2027-02-10"), "quarter 2026-Q4 2026-10-01..2026-12-31")
        XCTAssertEqual(try period("this-quarter", today: "2027-03-31"), "quarter 2027-Q1 2027-01-01..2027-03-31")
        XCTAssertEqual(try period("yesterday", today: "2028-03-01"), "day 2028-02-29 2028-02-29..2028-02-29")
        XCTAssertEqual(try period("today"), "day 2026-11-05 2026-11-05..2026-11-05")
        XCTAssertEqual(try period("last-year"), "year 2025 2025-01-01..2025-12-31")
        XCTAssertEqual(try period("this-year"), "year 2026 2026-01-01..2026-12-31")
    }

    func testWhatIsNoPeriodIsRefused() {
        for text in ["", "2026-13", "2026-Q5", "2026-Q0", "2026-1", "26-10", "2026-02-30", "last-week", "2026-10-", "Q4", "0000"] {
            XCTAssertThrowsError(try period(text), text) { error in
                XCTAssertEqual((error as? DateParseError)?.failureKind, .badInput, text)
            }
        }
    }

    func testAPeriodIsOverTheDayAfterItsLastDay() throws {
        let october = try CalendarPeriod(parsing: "2026-10", today: CivilDate(parsing: "2026-11-05"))
        XCTAssertFalse(october.isOver(on: try CivilDate(parsing: "2026-10-31")))
        XCTAssertTrue(october.isOver(on: try CivilDate(parsing: "2026-11-01")))
    }
}
