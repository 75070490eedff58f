import XCTest
import WBillSupport

final class TOMLScalarTextTests: XCTestCase {
    private func kind(_ valueText: String, file: StaticString = #filePath, line: UInt = #line) -> TOMLValue.Kind? {
        value(parseTOML("v = \(valueText)", file: file, line: line), "v")?.kind
    }

    func testDecimalsStayExactlyAsWritten() {
        XCTAssertEqual(kind("0.1"), .decimal("0.1"))
        XCTAssertEqual(kind("4.16"), .decimal("4.16"))
        XCTAssertEqual(kind("1_000.255"), .decimal("1000.255"))
        XCTAssertEqual(kind("-0.5"), .decimal("-0.5"))
        XCTAssertEqual(kind("+4.16"), .decimal("4.16"))
        XCTAssertEqual(kind("5.00"), .decimal("5.00"))
        XCTAssertEqual(kind("0.000_001"), .decimal("0.000001"))
        XCTAssertEqual(kind("123456789012345678901234567890.123456789"), .decimal("123456789012345678901234567890.123456789"))
    }

    func testIntegersKeepTheirTextInDecimal() {
        XCTAssertEqual(kind("1000"), .integer("1000"))
        XCTAssertEqual(kind("1_000"), .integer("1000"))
        XCTAssertEqual(kind("-17"), .integer("-17"))
        XCTAssertEqual(kind("+17"), .integer("17"))
        XCTAssertEqual(kind("0"), .integer("0"))
        XCTAssertEqual(kind("-0"), .integer("-0"))
        XCTAssertEqual(kind("0xDEAD_beef"), .integer("3735928559"))
        XCTAssertEqual(kind("0o755"), .integer("493"))
        XCTAssertEqual(kind("0b1101"), .integer("13"))
        XCTAssertEqual(kind("0x7FFFFFFFFFFFFFFF"), .integer("9223372036854775807"))
    }

    func testBooleansAndDates() {
        XCTAssertEqual(kind("true"), .boolean(true))
        XCTAssertEqual(kind("false"), .boolean(false))
        XCTAssertEqual(kind("2026-01-01"), .date(year: 2026, month: 1, day: 1))
        XCTAssertEqual(kind("2024-02-29"), .date(year: 2024, month: 2, day: 29))
        XCTAssertEqual(kind("2000-02-29"), .date(year: 2000, month: 2, day: 29))
    }

    func testRefusedNumbersSayWhy() {
        assertTOMLError("v = 1e3", "tariff.toml:1:5: exponent notation is not allowed, found \"1e3\"; exact decimal numbers are required, so write the digits out (e.g. 1000 or 0.0025)")
        assertTOMLError("v = 2.5E-3", "tariff.toml:1:5: exponent notation is not allowed, found \"2.5E-3\"; exact decimal numbers are required, so write the digits out (e.g. 1000 or 0.0025)")
        assertTOMLError("v = inf", "tariff.toml:1:5: inf and nan are not allowed, found \"inf\"; exact decimal numbers are required")
        assertTOMLError("v = -nan", "tariff.toml:1:5: inf and nan are not allowed, found \"-nan\"; exact decimal numbers are required")
        assertTOMLError("v = 1__0", "tariff.toml:1:5: invalid number \"1__0\": an underscore must be between two digits")
        assertTOMLError("v = _1", "tariff.toml:1:5: expected a value, found \"_1\"; strings must be in quotes")
        assertTOMLError("v = 1_", "tariff.toml:1:5: invalid number \"1_\": an underscore must be between two digits")
        assertTOMLError("v = 1_.5", "tariff.toml:1:5: invalid number \"1_.5\": an underscore must be between two digits")
        assertTOMLError("v = 0123", "tariff.toml:1:5: invalid number \"0123\": leading zeros are not allowed")
        assertTOMLError("v = 01.5", "tariff.toml:1:5: invalid number \"01.5\": leading zeros are not allowed")
        assertTOMLError("v = 1.", "tariff.toml:1:5: invalid number \"1.\": expected digits after the decimal point")
        assertTOMLError("v = .5", "tariff.toml:1:5: expected a value, found \".5\"")
        assertTOMLError("v = 1.2.3", "tariff.toml:1:5: invalid number \"1.2.3\"")
        assertTOMLError("v = 12abc", "tariff.toml:1:5: invalid number \"12abc\"")
        assertTOMLError("v = -0x10", "tariff.toml:1:5: invalid number \"-0x10\": a sign is not allowed on hexadecimal, octal or binary integers")
        assertTOMLError("v = 0x8000000000000000", "tariff.toml:1:5: integer \"0x8000000000000000\" is out of range; the largest is 9223372036854775807")
        assertTOMLError("v = 0b102", "tariff.toml:1:5: invalid number \"0b102\"")
    }

    func testRefusedWordsAndDates() {
        assertTOMLError("v = yes", "tariff.toml:1:5: expected a value, found \"yes\"; strings must be in quotes")
        assertTOMLError("v = True", "tariff.toml:1:5: expected a value, found \"True\"; booleans are written true or false, in lower case")
        assertTOMLError("v = 2026-02-30", "tariff.toml:1:5: invalid date \"2026-02-30\": february 2026 has 28 days")
        assertTOMLError("v = 2100-02-29", "tariff.toml:1:5: invalid date \"2100-02-29\": february 2100 has 28 days")
        assertTOMLError("v = 2026-04-31", "tariff.toml:1:5: invalid date \"2026-04-31\": april 2026 has 30 days")
        assertTOMLError("v = 2026-13-01", "tariff.toml:1:5: invalid date \"2026-13-01\": the month must be 01 to 12")
        assertTOMLError("v = 2026-01-00", "tariff.toml:1:5: invalid date \"2026-01-00\": the day must be 01 or more")
        assertTOMLError("v = 2026-1-01", "tariff.toml:1:5: invalid number \"2026-1-01\"")
    }

    func testDateTimesAndTimesAreRefusedClearly() {
        let hint = "write a local date such as 2026-01-01"
        assertTOMLError("v = 1979-05-27T07:32:00Z", "tariff.toml:1:5: date-times are not supported, found \"1979-05-27T07:32:00Z\"; \(hint)")
        assertTOMLError("v = 1979-05-27T00:32:00.999999-07:00", "tariff.toml:1:5: date-times are not supported, found \"1979-05-27T00:32:00.999999-07:00\"; \(hint)")
        assertTOMLError("v = 1979-05-27 07:32:00", "tariff.toml:1:5: date-times are not supported, found \"1979-05-27 07:32:00\"; \(hint)")
        assertTOMLError("v = 07:32:00", "tariff.toml:1:5: times of day are not supported, found \"07:32:00\"; \(hint)")
    }

    func testDateFollowedByACommentIsStillADate() {
        XCTAssertEqual(kind("2026-01-01 # from"), .date(year: 2026, month: 1, day: 1))
    }

    func testTOMLDateValidatesAndPrints() {
        XCTAssertNil(TOMLDate(year: 2026, month: 2, day: 29))
        XCTAssertNil(TOMLDate(year: 10000, month: 1, day: 1))
        XCTAssertEqual(TOMLDate(year: 7, month: 3, day: 9)?.description, "0007-03-09")
        XCTAssertLessThan(TOMLDate(year: 2025, month: 12, day: 31)!, TOMLDate(year: 2026, month: 1, day: 1)!)
    }
}
