import WaterBilling
import WBillTestSupport
import XCTest

final class FixedDecimalParsingTests: XCTestCase {
    func testAcceptedTexts() throws {
        // (text, maxScale, units, scale, description)
        let rows: [(String, Int, Int64, Int, String)] = [
            ("0", 18, 0, 0, "0"),
            ("-0", 18, 0, 0, "0"),
            ("+0.00", 18, 0, 2, "0.00"),
            ("1.50", 18, 150, 2, "1.50"),
            ("+12", 18, 12, 0, "12"),
            ("-12.5", 18, -125, 1, "-12.5"),
            ("007", 18, 7, 0, "7"),
            ("00.10", 18, 10, 2, "0.10"),
            ("1820", 0, 1820, 0, "1820"),
            ("12.345", 3, 12_345, 3, "12.345"),
            ("9223372036854775807", 18, Int64.max, 0, "9223372036854775807"),
            ("-9223372036854775808", 18, Int64.min, 0, "-9223372036854775808"),
            ("-9.223372036854775808", 18, Int64.min, 18, "-9.223372036854775808"),
            ("0.000000000000000001", 18, 1, 18, "0.000000000000000001"),
            ("0000000000000000000000000000001", 18, 1, 0, "1"),
        ]
        for (text, maxScale, units, scale, description) in rows {
            let value = try FixedDecimal(parsing: text, maxScale: maxScale)
            XCTAssertEqual(value.units, units, text)
            XCTAssertEqual(value.scale, scale, text)
            XCTAssertEqual(value.description, description, text)
        }
    }

    func testRejectedSyntaxSaysWhatWasExpected() {
        let number = "a number: digits, an optional leading sign and at most one \".\""
        let separators = "a number without thousands separators, with \".\" as the decimal point"
        let rows: [(String, String)] = [
            ("", "a number, got empty text"),
            (" 1", "a number without spaces"),
            ("1 ", "a number without spaces"),
            ("1 000", "a number without spaces"),
            ("\t1", "a number without spaces"),
            ("1,000.00", separators),
            ("1,5", separators),
            ("1_000", separators),
            ("1'000", separators),
            ("1e3", "a number without an exponent"),
            ("1E3", "a number without an exponent"),
            ("1.5e2", "a number without an exponent"),
            (".5", "a digit before \".\" (write 0.5, not .5)"),
            ("-.5", "a digit before \".\" (write 0.5, not .5)"),
            ("1.", "digits after \".\""),
            ("-1.", "digits after \".\""),
            ("-", "digits after the sign"),
            ("+", "digits after the sign"),
            ("--1", number),
            ("+-1", number),
            ("1-", number),
            ("1.2.3", number),
            ("1..2", number),
            ("1.-5", number),
            ("abc", number),
            ("NaN", number),
            ("inf", number),
            ("0x10", number),
            ("١٢", number),  // Arabic-Indic digits
            ("１", number),  // full-width digit
            ("1\u{00A0}000", number),  // no-break space
            ("¥12", number),
        ]
        for (text, expected) in rows {
            assertThrows(
                try FixedDecimal(parsing: text), .malformed(text: text, expected: expected),
                message: "\"\(text)\" is not valid: expected \(expected)")
        }
    }

    func testTooManyDecimalsCountsDecimalsAsWritten() {
        let rows: [(String, Int, String)] = [
            ("12.345", 2, "\"12.345\" has 3 decimals, at most 2 allowed"),
            ("1.500", 2, "\"1.500\" has 3 decimals, at most 2 allowed"),
            ("1.5", 0, "\"1.5\" has 1 decimal, at most 0 allowed"),
            ("0.0000000000000000001", 18, "\"0.0000000000000000001\" has 19 decimals, at most 18 allowed"),
        ]
        for (text, allowed, message) in rows {
            assertThrows(
                try FixedDecimal(parsing: text, maxScale: allowed), .tooManyDecimals(text: text, allowed: allowed),
                message: message)
        }
    }

    func testOverflowIsReportedNotTrapped() {
        for text in [
            "9223372036854775808", "-9223372036854775809", "92233720368547758.08", "9.223372036854775808",
            "1234567890123456789012345678901234567890", "-99999999999999999999999999999999999999999999.9",
        ] {
            assertThrows(
                try FixedDecimal(parsing: text), .overflow("parsing \"\(text)\""),
                message: "overflow in parsing \"\(text)\": the result is out of range")
        }
    }

    func testMaxScaleMustBeSupported() {
        assertThrows(try FixedDecimal(parsing: "1", maxScale: 19), .scaleOutOfRange(scale: 19, allowed: 0...18))
        assertThrows(try FixedDecimal(parsing: "1", maxScale: -1), .scaleOutOfRange(scale: -1, allowed: 0...18))
    }

    /// parse ∘ format is the identity on canonical texts.
    func testCanonicalTextsRoundTrip() throws {
        for text in [
            "0", "0.00", "7", "-7", "-0.5", "1.50", "1820.00", "0.000000000000000001", "-0.000000000000000001",
            "123456789.123456789", "9223372036854775807", "-9223372036854775808", "-9.223372036854775808",
        ] {
            XCTAssertEqual(try FixedDecimal(parsing: text).description, text)
        }
    }

    /// format ∘ parse gives back the same units and scale, for generated values.
    func testGeneratedValuesRoundTrip() throws {
        var random = SplitMix64(seed: 3)
        for _ in 0..<10_000 {
            let value = try FixedDecimal(units: random.mixedInt64(), scale: Int.random(in: 0...18, using: &random))
            let parsed = try FixedDecimal(parsing: value.description)
            XCTAssertEqual(parsed.units, value.units, value.description)
            XCTAssertEqual(parsed.scale, value.scale, value.description)
            // The same digits with an explicit "+" give the absolute value (which Int64.min does not have).
            let unsigned = "+" + value.description.drop { $0 == "-" }
            if value.units == Int64.min {
                assertThrows(try FixedDecimal(parsing: unsigned), .overflow("parsing \"\(unsigned)\""))
            } else {
                let plus = try FixedDecimal(parsing: unsigned)
                XCTAssertEqual(plus.units, abs(value.units), unsigned)
                XCTAssertEqual(plus.scale, value.scale, unsigned)
            }
        }
    }
}
