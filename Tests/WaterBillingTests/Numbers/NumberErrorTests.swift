import WaterBilling
import XCTest

final class NumberErrorTests: XCTestCase {
    func testDescriptionsAreLowerCaseHumanMessages() {
        let rows: [(NumberError, String)] = [
            (.malformed(text: "1e3", expected: "a number without an exponent"),
             "\"1e3\" is not valid: expected a number without an exponent"),
            (.tooManyDecimals(text: "12.345", allowed: 2), "\"12.345\" has 3 decimals, at most 2 allowed"),
            (.tooManyDecimals(text: "100.5", allowed: 0), "\"100.5\" has 1 decimal, at most 0 allowed"),
            (.overflow("addition"), "overflow in addition: the result is out of range"),
            (.divisionByZero, "division by zero"),
            (.negativeNotAllowed(text: "-4.16"), "\"-4.16\" is negative, which is not allowed here"),
            (.scaleOutOfRange(scale: 19, allowed: 0...18), "19 decimals requested, only 0...18 supported"),
            (.invalidWeights("all weights are zero"), "invalid weights: all weights are zero"),
            (.currencyMismatch(.cny, .usd), "currency mismatch: CNY and USD"),
            (.invalidCurrency(code: "cny", reason: "expected 3 upper-case letters A-Z"),
             "\"cny\" is not a valid currency: expected 3 upper-case letters A-Z"),
            (.unknownCurrency("XTS"), "unknown currency \"XTS\": declare it with an explicit minor unit"),
        ]
        for (error, message) in rows {
            XCTAssertEqual(error.description, message)
            XCTAssertEqual(String(describing: error), message)
        }
    }

    func testMismatchOfSameCodeNamesTheMinorUnits() throws {
        let odd = try Currency(code: "CNY", minorUnit: 3)
        XCTAssertEqual(
            NumberError.currencyMismatch(.cny, odd).description,
            "currency mismatch: CNY with 2 decimals and CNY with 3 decimals")
    }

    func testEquatable() {
        XCTAssertEqual(NumberError.overflow("sum"), .overflow("sum"))
        XCTAssertNotEqual(NumberError.overflow("sum"), .overflow("addition"))
        XCTAssertNotEqual(NumberError.tooManyDecimals(text: "1.234", allowed: 2), .tooManyDecimals(text: "1.234", allowed: 1))
    }
}
