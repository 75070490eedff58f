import Foundation
import WaterBilling
import XCTest

final class CurrencyTests: XCTestCase {
    func testBuiltInConstants() {
        XCTAssertEqual(Currency.cny.code, "CNY")
        XCTAssertEqual(Currency.cny.minorUnit, 2)
        XCTAssertEqual(Currency.jpy.minorUnit, 0)
        XCTAssertEqual(Currency.krw.minorUnit, 0)
        XCTAssertEqual(Currency.kwd.minorUnit, 3)
        XCTAssertEqual(Currency.clf.minorUnit, 4)
        XCTAssertEqual(Currency.usd.description, "USD")
        XCTAssertEqual(Set(Currency.builtIn.map(\.code)).count, Currency.builtIn.count, "codes are unique")
        for currency in Currency.builtIn {
            XCTAssertEqual(try Currency(code: currency.code, minorUnit: currency.minorUnit), currency, "built-ins are valid")
        }
    }

    func testLookup() throws {
        XCTAssertEqual(Currency.lookup("CNY"), .cny)
        XCTAssertEqual(Currency.lookup("JPY")?.minorUnit, 0)
        XCTAssertNil(Currency.lookup("cny"))
        XCTAssertNil(Currency.lookup("XTS"))
        XCTAssertEqual(try Currency(code: "EUR"), .eur)
        assertThrows(
            try Currency(code: "XTS"), .unknownCurrency("XTS"),
            message: "unknown currency \"XTS\": declare it with an explicit minor unit")
        assertThrows(
            try Currency(code: "cny"), .invalidCurrency(code: "cny", reason: "expected 3 upper-case letters A-Z"))
    }

    func testDeclaringAnyCode() throws {
        let test = try Currency(code: "XTS", minorUnit: 3)
        XCTAssertEqual(test.code, "XTS")
        XCTAssertEqual(test.minorUnit, 3)
        XCTAssertNotEqual(try Currency(code: "CNY", minorUnit: 3), .cny, "the minor unit is part of the identity")
        XCTAssertEqual(try Currency(code: "CNY", minorUnit: 2), .cny)
    }

    func testInvalidCodesAndMinorUnits() {
        for code in ["", "CN", "CNYY", "cny", "Cny", "C1Y", "ÇNY", " CNY", "CN-"] {
            assertThrows(
                try Currency(code: code, minorUnit: 2),
                .invalidCurrency(code: code, reason: "expected 3 upper-case letters A-Z"),
                message: "\"\(code)\" is not a valid currency: expected 3 upper-case letters A-Z")
        }
        for minorUnit in [-1, 5, 18] {
            assertThrows(
                try Currency(code: "CNY", minorUnit: minorUnit),
                .invalidCurrency(code: "CNY", reason: "minor unit \(minorUnit) is outside 0...4"),
                message: "\"CNY\" is not a valid currency: minor unit \(minorUnit) is outside 0...4")
        }
    }

    func testCodableRoundTripAndValidation() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(Currency.cny)
        XCTAssertEqual(String(decoding: json, as: UTF8.self), #"{"code":"CNY","minorUnit":2}"#)
        XCTAssertEqual(try JSONDecoder().decode(Currency.self, from: json), .cny)
        for bad in [#"{"code":"cny","minorUnit":2}"#, #"{"code":"CNY","minorUnit":7}"#, #"{"code":"CNY"}"#] {
            XCTAssertThrowsError(try JSONDecoder().decode(Currency.self, from: Data(bad.utf8))) { error in
                XCTAssertTrue(error is DecodingError, "\(bad): \(error)")
            }
        }
    }
}
