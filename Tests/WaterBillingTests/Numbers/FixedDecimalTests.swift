import WaterBilling
import WBillTestSupport
import XCTest

final class FixedDecimalTests: XCTestCase {
    func testInitValidatesScale() throws {
        let value = try FixedDecimal(units: -125, scale: 2)
        XCTAssertEqual(value.units, -125)
        XCTAssertEqual(value.scale, 2)
        XCTAssertEqual(try FixedDecimal(units: 1, scale: 18).description, "0.000000000000000001")
        assertThrows(try FixedDecimal(units: 1, scale: 19), .scaleOutOfRange(scale: 19, allowed: 0...18))
        assertThrows(try FixedDecimal(units: 1, scale: -1), .scaleOutOfRange(scale: -1, allowed: 0...18))
        XCTAssertEqual(FixedDecimal(42).description, "42")
        XCTAssertEqual(FixedDecimal.zero.description, "0")
    }

    func testDescriptionPrintsExactlyScaleDecimals() throws {
        let rows: [(Int64, Int, String)] = [
            (0, 0, "0"), (0, 2, "0.00"), (5, 3, "0.005"), (-5, 2, "-0.05"), (150, 2, "1.50"),
            (182_000, 2, "1820.00"), (-7, 0, "-7"), (123_456_789, 4, "12345.6789"),
            (Int64.max, 0, "9223372036854775807"), (Int64.min, 0, "-9223372036854775808"),
            (Int64.max, 18, "9.223372036854775807"), (Int64.min, 18, "-9.223372036854775808"),
            (1, 18, "0.000000000000000001"), (-1, 18, "-0.000000000000000001"),
        ]
        for (units, scale, text) in rows {
            XCTAssertEqual(try FixedDecimal(units: units, scale: scale).description, text)
        }
    }

    func testDescriptionAgreesWithDigitsAndAPointForRandomValues() throws {
        // The text written digit by digit is the plain construction: the magnitude's digits, padded
        // with zeros to one whole digit, a point before the last `scale`, the sign.
        var generator = SplitMix64(seed: 12)
        for _ in 0..<20_000 {
            let units = Int64(bitPattern: generator.next()) >> Int64.random(in: 0...63, using: &generator)
            let scale = Int.random(in: FixedDecimal.scaleRange, using: &generator)
            let digits = String(units.magnitude)
            let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
            let whole = padded.dropLast(scale)
            let expected = (units < 0 ? "-" : "") + whole + (scale > 0 ? "." + padded.suffix(scale) : "")
            XCTAssertEqual(try FixedDecimal(units: units, scale: scale).description, expected, "\(units) at scale \(scale)")
        }
    }

    func testPredicates() {
        XCTAssertTrue(dec("0.000").isZero)
        XCTAssertFalse(dec("0.001").isZero)
        XCTAssertTrue(dec("-0.001").isNegative)
        XCTAssertFalse(dec("-0.000").isNegative)
        XCTAssertTrue(dec("0.001").isPositive)
        XCTAssertFalse(dec("0").isPositive)
    }

    func testEqualityIsByValueAcrossScales() {
        XCTAssertEqual(dec("1.5"), dec("1.50"))
        XCTAssertEqual(dec("1.5"), dec("1.500000000000000000"))
        XCTAssertEqual(dec("0"), dec("-0.00"))
        XCTAssertEqual(dec("100"), dec("100.000"))
        XCTAssertNotEqual(dec("1.5"), dec("1.05"))
        XCTAssertNotEqual(dec("1.5"), dec("-1.5"))
        XCTAssertNotEqual(dec("0.000000000000000001"), dec("0"))
    }

    func testHashingIsConsistentWithEquality() {
        let set: Set<FixedDecimal> = [dec("1.5"), dec("1.50"), dec("1.500"), dec("01.5")]
        XCTAssertEqual(set.count, 1)
        XCTAssertEqual(Set([dec("0"), dec("0.00"), dec("-0.0")]).count, 1)
        XCTAssertEqual(Set([dec("1.5"), dec("1.05"), dec("15"), dec("0.15")]).count, 4)
        XCTAssertEqual(dec("100").hashValue, dec("100.00").hashValue)
        let dictionary = [dec("2.50"): "tier"]
        XCTAssertEqual(dictionary[dec("2.5")], "tier")
    }

    func testEqualValuesAtDifferentScalesAreEqualAndHashEqual() throws {
        var random = SplitMix64(seed: 1)
        for _ in 0..<5000 {
            let scale = Int.random(in: 0...18, using: &random)
            let value = try FixedDecimal(units: Int64.random(in: -1_000_000...1_000_000, using: &random), scale: scale)
            let wider = Int.random(in: scale...18, using: &random)
            guard let rescaled = try? value.rescaled(to: wider, rounding: .down) else { continue }
            XCTAssertEqual(value, rescaled)
            XCTAssertEqual(value.hashValue, rescaled.hashValue)
            XCTAssertEqual(value.normalized(), rescaled.normalized())
            XCTAssertEqual(value.normalized().units, rescaled.normalized().units)
            XCTAssertEqual(value.normalized().scale, rescaled.normalized().scale)
        }
    }

    func testOrderingIsByValue() {
        let sorted = ["2", "1.50", "-0.5", "0.001", "-1", "0", "1.4999"].map { dec($0) }.sorted()
        XCTAssertEqual(sorted.map(\.description), ["-1", "-0.5", "0", "0.001", "1.4999", "1.50", "2"])
        XCTAssertFalse(dec("1.5") < dec("1.50"))
        XCTAssertFalse(dec("1.50") < dec("1.5"))
        XCTAssertTrue(dec("-9.223372036854775808") < dec("-9.223372036854775807"))
        XCTAssertTrue(dec("9223372036854775806") < dec("9223372036854775807"))
        XCTAssertTrue(dec("0.000000000000000001") > dec("0"))
    }

    func testOrderingMatchesAnIndependentReference() throws {
        var random = SplitMix64(seed: 2)
        for _ in 0..<5000 {
            let a = try FixedDecimal(units: random.mixedInt64(), scale: Int.random(in: 0...18, using: &random))
            let b = try FixedDecimal(units: random.mixedInt64(), scale: Int.random(in: 0...18, using: &random))
            // a ? b  ⇔  a.units · 10^b.scale ? b.units · 10^a.scale
            let left = Int128(a.units) * pow10(b.scale)
            let right = Int128(b.units) * pow10(a.scale)
            XCTAssertEqual(a < b, left < right, "\(a) < \(b)")
            XCTAssertEqual(a == b, left == right, "\(a) == \(b)")
        }
    }

    func testNormalizedStripsOnlyFractionZeros() {
        XCTAssertEqual(dec("12.500").normalized().description, "12.5")
        XCTAssertEqual(dec("100.000").normalized().description, "100")
        XCTAssertEqual(dec("100").normalized().description, "100")
        XCTAssertEqual(dec("-0.0").normalized().description, "0")
        XCTAssertEqual(dec("0.010").normalized().description, "0.01")
    }
}
