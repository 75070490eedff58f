@testable import WBillSupport
import XCTest

/// `CivilDate`: parsing, formatting and arithmetic over the whole supported range.
final class CivilDateTests: XCTestCase {
    func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

    func testKnownDays() throws {
        XCTAssertEqual(try date("1970-01-01").daysSinceEpoch, 0)
        XCTAssertEqual(try date("1969-12-31").daysSinceEpoch, -1)
        XCTAssertEqual(try date("2000-03-01").daysSinceEpoch, 11_017)
        XCTAssertEqual(try date("2026-11-23").daysSinceEpoch, 20_780)
        XCTAssertEqual(try date("0001-01-01").daysSinceEpoch, -719_162)
        XCTAssertEqual(try date("9999-12-31").daysSinceEpoch, 2_932_896)
        XCTAssertEqual(CivilDate(daysSinceEpoch: 20_780).description, "2026-11-23")
        XCTAssertEqual(CivilDate(daysSinceEpoch: -719_162).description, "0001-01-01")
    }

    func testEveryDayFromYear1To9999RoundTrips() {
        // Walk the calendar with plain counting and check the closed-form conversions agree, day by day.
        var expected = CivilDate(year: 1, month: 1, day: 1)!.daysSinceEpoch
        var checked = 0
        for year in 1...9999 {
            for month in 1...12 {
                let length = [31, CivilDate.isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
                if CivilDate.daysIn(month: month, year: year) != length {
                    return XCTFail("\(year)-\(month) has \(CivilDate.daysIn(month: month, year: year)) days, expected \(length)")
                }
                for day in 1...length {
                    let date = CivilDate(daysSinceEpoch: expected)
                    let components = date.components
                    if components.year != year || components.month != month || components.day != day {
                        return XCTFail("day \(expected) is \(components), expected \(year)-\(month)-\(day)")
                    }
                    // Text round trips for month ends in a sample of years, and a spread of other days.
                    if (day == 1 || day == length) && (year % 7 == 0 || (1899...2101).contains(year)) || expected % 997 == 0 {
                        let text = date.description
                        XCTAssertEqual(try CivilDate(parsing: text), date, text)
                        XCTAssertEqual(CivilDate(year: year, month: month, day: day), date)
                        checked += 1
                    }
                    expected += 1
                }
            }
        }
        XCTAssertEqual(expected, CivilDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch + 1)
        XCTAssertGreaterThan(checked, 40_000)
    }

    func testLeapDays() throws {
        for year in [2000, 2024, 1600, 2400, 4] {
            XCTAssertTrue(CivilDate.isLeap(year), "\(year)")
            XCTAssertEqual(try date(String(format: "%04d-02-29", year)).adding(days: 1).description,
                           String(format: "%04d-03-01", year))
        }
        for year in [1900, 2100, 2023, 1700, 9999] {
            XCTAssertFalse(CivilDate.isLeap(year), "\(year)")
            XCTAssertNil(CivilDate(year: year, month: 2, day: 29))
            XCTAssertThrowsError(try date(String(format: "%04d-02-29", year))) { error in
                XCTAssertEqual(error as? DateParseError,
                               DateParseError(text: String(format: "%04d-02-29", year), expected: "a day that exists in the calendar",
                                              missingDay: "February \(year) has 28 days"))
            }
        }
    }

    func testInvalidTexts() {
        for text in ["", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "20260101", "2026-01-01 ", " 2026-01-01",
                     "2026-01-01T00:00:00Z", "+026-01-01", "2026-+1-01", "abcd-ef-gh", "２０２６-01-01", "2026--1-01"] {
            XCTAssertThrowsError(try date(text), text) { error in
                XCTAssertEqual(error as? DateParseError, DateParseError(text: text, expected: "a date as YYYY-MM-DD"), text)
            }
        }
        for (text, why) in [("2026-00-10", "months run from 01 to 12"), ("2026-13-01", "months run from 01 to 12"),
                            ("2026-04-31", "April 2026 has 30 days"), ("2026-01-00", "days run from 01"),
                            ("2026-01-32", "January 2026 has 31 days"), ("0000-01-01", "years run from 0001 to 9999")] {
            XCTAssertThrowsError(try date(text), text) { error in
                XCTAssertEqual(error as? DateParseError,
                               DateParseError(text: text, expected: "a day that exists in the calendar", missingDay: why))
            }
        }
        XCTAssertEqual(DateParseError(text: "2026-02-30", expected: "a day", missingDay: "February 2026 has 28 days").description,
                       #""2026-02-30" is not a day of the calendar: February 2026 has 28 days"#)
        XCTAssertEqual(DateParseError(text: "x", expected: "a date as YYYY-MM-DD").description, #""x" is not a date as YYYY-MM-DD"#)
        XCTAssertEqual(DateParseError(text: "x", expected: "y").failureKind, .badInput)
    }

    func testArithmetic() throws {
        XCTAssertEqual(try date("2024-01-31").adding(months: 1).description, "2024-02-29")
        XCTAssertEqual(try date("2025-01-31").adding(months: 1).description, "2025-02-28")
        XCTAssertEqual(try date("2026-12-15").adding(months: 1).description, "2027-01-15")
        XCTAssertEqual(try date("2026-03-31").adding(months: -1).description, "2026-02-28")
        XCTAssertEqual(try date("2026-01-15").adding(months: -13).description, "2024-12-15")
        XCTAssertEqual(try date("2026-10-31").adding(months: 24).description, "2028-10-31")
        XCTAssertEqual(try date("2026-10-01").adding(days: 45).description, "2026-11-15")
        XCTAssertEqual(try date("2026-03-01").adding(days: -1).description, "2026-02-28")
        XCTAssertEqual(try date("2026-01-01").days(to: try date("2027-01-01")), 365)
        XCTAssertEqual(try date("2028-01-01").days(to: try date("2027-01-01")), -365)
        XCTAssertEqual(try date("2026-11-23").firstOfMonth.description, "2026-11-01")
        XCTAssertLessThan(try date("2026-11-22"), try date("2026-11-23"))
        XCTAssertEqual(try date("2026-11-23").year, 2026)
        XCTAssertEqual(try date("2026-11-23").month, 11)
        XCTAssertEqual(try date("2026-11-23").day, 23)
    }
}
