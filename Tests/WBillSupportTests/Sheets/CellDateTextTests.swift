import XCTest
@testable import WBillSupport

final class CellDateTextTests: XCTestCase {
    func text(_ serial: Double, _ system: SpreadsheetDateSystem = .from1900, timeOnly: Bool = false) -> String {
        switch CellDateText.text(serial: serial, system: system, timeOnly: timeOnly) {
        case .success(let text): return text
        case .failure(let refusal): return "refused: \(refusal.reason)"
        }
    }

    func testThe1900SystemWithItsLeapYearBug() {
        XCTAssertEqual(text(1), "1900-01-01")
        XCTAssertEqual(text(59), "1900-02-28")
        XCTAssertEqual(text(60), "refused: 1900-02-29 does not exist (spreadsheets count a 29 February 1900 that the calendar never had)")
        XCTAssertEqual(text(61), "1900-03-01")
        XCTAssertEqual(text(46349), "2026-11-23")
        XCTAssertEqual(text(2958465), "9999-12-31")
        XCTAssertTrue(text(2958466).hasPrefix("refused: a date cell whose serial number is not a date from 1900 to 9999"))
        XCTAssertTrue(text(0).hasPrefix("refused: day 0"))
        XCTAssertTrue(text(-1).hasPrefix("refused:"))
    }

    func testThe1904System() {
        XCTAssertEqual(text(0, .from1904), "1904-01-01")
        XCTAssertEqual(text(44887, .from1904), "2026-11-23")
        XCTAssertTrue(text(-1, .from1904).hasSuffix("from 1904 to 9999"))
    }

    func testTimesOfDay() {
        XCTAssertEqual(text(46349 + 0.395833333333333), "2026-11-23T09:30:00")
        XCTAssertEqual(text(46349.5 + 0.25 / 86400), "2026-11-23T12:00:00.250")
        XCTAssertEqual(text(0.75, timeOnly: true), "18:00:00")
        XCTAssertEqual(text(46349.75, timeOnly: true), "2026-11-23T18:00:00")
        XCTAssertEqual(text(46348.9999999999), "2026-11-23")  // rounds to the millisecond, into the next day
    }

    func testNumberFormatsThatAreDatesOrTimes() {
        XCTAssertEqual(NumberFormatKind.builtIn(14), .date)
        XCTAssertEqual(NumberFormatKind.builtIn(22), .date)
        XCTAssertEqual(NumberFormatKind.builtIn(20), .time)
        XCTAssertEqual(NumberFormatKind.builtIn(0), .number)
        XCTAssertEqual(NumberFormatKind.builtIn(49), .number)
        for code in ["yyyy-mm-dd", "d-mmm-yy", "mmm", "[$-409]mmmm d, yyyy;@", "yyyy\"年\"m\"月\"d\"日\"", "dd/mm/yyyy hh:mm"] {
            XCTAssertEqual(NumberFormatKind.code(code), .date, code)
        }
        for code in ["h:mm", "hh:mm:ss AM/PM", "[h]:mm:ss", "mm:ss", "[mm]:ss"] {
            XCTAssertEqual(NumberFormatKind.code(code), .time, code)
        }
        for code in ["General", "0.00", "#,##0.000 \"m³\"", "0.00E+00", "[Red]0.0", "0.0\\d", "@", "0.0_)", "\"days\" 0"] {
            XCTAssertEqual(NumberFormatKind.code(code), .number, code)
        }
    }
}
