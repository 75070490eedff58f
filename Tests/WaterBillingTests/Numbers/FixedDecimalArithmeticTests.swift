import WaterBilling
import WBillTestSupport
import XCTest

final class FixedDecimalArithmeticTests: XCTestCase {
    private let rules: [RoundingRule] = [.halfUp, .halfEven, .down, .up, .floor, .ceiling]

    // MARK: rescaling and rounding

    func testRoundingTableForEveryRule() throws {
        // (value, target scale, [half-up, half-even, down, up, floor, ceiling])
        let rows: [(String, Int, [String])] = [
            ("2.5", 0, ["3", "2", "2", "3", "2", "3"]),
            ("3.5", 0, ["4", "4", "3", "4", "3", "4"]),
            ("-2.5", 0, ["-3", "-2", "-2", "-3", "-3", "-2"]),
            ("-3.5", 0, ["-4", "-4", "-3", "-4", "-4", "-3"]),
            ("2.4", 0, ["2", "2", "2", "3", "2", "3"]),
            ("2.6", 0, ["3", "3", "2", "3", "2", "3"]),
            ("-2.4", 0, ["-2", "-2", "-2", "-3", "-3", "-2"]),
            ("-2.6", 0, ["-3", "-3", "-2", "-3", "-3", "-2"]),
            ("0.5", 0, ["1", "0", "0", "1", "0", "1"]),
            ("-0.5", 0, ["-1", "0", "0", "-1", "-1", "0"]),
            ("1.5", 0, ["2", "2", "1", "2", "1", "2"]),
            ("2.0", 0, ["2", "2", "2", "2", "2", "2"]),
            ("-2.0", 0, ["-2", "-2", "-2", "-2", "-2", "-2"]),
            ("0.00", 0, ["0", "0", "0", "0", "0", "0"]),
            ("2.5000000001", 0, ["3", "3", "2", "3", "2", "3"]),
            ("2.4999999999", 0, ["2", "2", "2", "3", "2", "3"]),
            ("-2.5000000001", 0, ["-3", "-3", "-2", "-3", "-3", "-2"]),
            ("2.45", 1, ["2.5", "2.4", "2.4", "2.5", "2.4", "2.5"]),
            ("2.55", 1, ["2.6", "2.6", "2.5", "2.6", "2.5", "2.6"]),
            ("-2.45", 1, ["-2.5", "-2.4", "-2.4", "-2.5", "-2.5", "-2.4"]),
            ("2.449", 1, ["2.4", "2.4", "2.4", "2.5", "2.4", "2.5"]),
            ("2.451", 1, ["2.5", "2.5", "2.4", "2.5", "2.4", "2.5"]),
            ("1.005", 2, ["1.01", "1.00", "1.00", "1.01", "1.00", "1.01"]),
            ("1.015", 2, ["1.02", "1.02", "1.01", "1.02", "1.01", "1.02"]),
            ("-0.125", 2, ["-0.13", "-0.12", "-0.12", "-0.13", "-0.13", "-0.12"]),
            ("184.825", 2, ["184.83", "184.82", "184.82", "184.83", "184.82", "184.83"]),
            ("0.004", 2, ["0.00", "0.00", "0.00", "0.01", "0.00", "0.01"]),
            ("-0.004", 2, ["0.00", "0.00", "0.00", "-0.01", "-0.01", "0.00"]),
            ("9.223372036854775807", 0, ["9", "9", "9", "10", "9", "10"]),
            ("-9.223372036854775808", 0, ["-9", "-9", "-9", "-10", "-10", "-9"]),
            ("9.223372036854775807", 17, [
                "9.22337203685477581", "9.22337203685477581", "9.22337203685477580", "9.22337203685477581",
                "9.22337203685477580", "9.22337203685477581",
            ]),
            ("1.5", 3, ["1.500", "1.500", "1.500", "1.500", "1.500", "1.500"]),
            ("-1.5", 1, ["-1.5", "-1.5", "-1.5", "-1.5", "-1.5", "-1.5"]),
        ]
        for (text, scale, expected) in rows {
            let got = try rules.map { try dec(text).rescaled(to: scale, rounding: $0).description }
            XCTAssertEqual(got, expected, "\(text) to \(scale) decimals")
        }
    }

    /// Checks each rule's defining property on generated values, many of them exact ties.
    func testRoundingPropertiesOnGeneratedValues() throws {
        var random = SplitMix64(seed: 4)
        for _ in 0..<20_000 {
            let scale = Int.random(in: 1...18, using: &random)
            let target = Int.random(in: 0..<scale, using: &random)
            let step = pow10(scale - target)
            var units = random.mixedInt64()
            if random.next() % 3 == 0 {  // make an exact tie: …d5000 at the dropped digits
                let base = Int64.random(in: -1_000_000_000...1_000_000_000, using: &random)
                let tie = Int128(base) * step + step / 2 * (base < 0 ? -1 : 1)
                guard let fits = Int64(exactly: tie) else { continue }
                units = fits
            }
            let value = try FixedDecimal(units: units, scale: scale)
            for rule in rules {
                let rounded = try value.rescaled(to: target, rounding: rule)
                XCTAssertEqual(rounded.scale, target)
                let back = Int128(rounded.units) * step
                let error = back - Int128(units)  // rounded − exact, in units of the original scale
                let context = "\(value) \(rule) → \(rounded)"
                XCTAssertLessThan(error.magnitude, step.magnitude, context)
                switch rule {
                case .down: XCTAssertTrue(units >= 0 ? error <= 0 : error >= 0, context)
                case .up: XCTAssertTrue(units >= 0 ? error >= 0 : error <= 0, context)
                case .floor: XCTAssertLessThanOrEqual(error, 0, context)
                case .ceiling: XCTAssertGreaterThanOrEqual(error, 0, context)
                case .halfUp, .halfEven:
                    XCTAssertLessThanOrEqual(error.magnitude * 2, step.magnitude, context)
                    if error.magnitude * 2 == step.magnitude {
                        if rule == .halfUp {
                            XCTAssertGreaterThan(back.magnitude, Int128(units).magnitude, "tie goes away from zero: \(context)")
                        } else {
                            XCTAssertEqual(rounded.units % 2, 0, "tie goes to even: \(context)")
                        }
                    }
                }
            }
        }
    }

    func testRescalingUpIsExactOrThrows() throws {
        XCTAssertEqual(try dec("0.5").rescaled(to: 18, rounding: .down).units, 500_000_000_000_000_000)
        XCTAssertEqual(try dec("922337203685477580.7").rescaled(to: 1, rounding: .down).units, Int64.max)
        assertThrows(
            try dec("10").rescaled(to: 18, rounding: .halfUp), .overflow("rescaling 10 to 18 decimals"),
            message: "overflow in rescaling 10 to 18 decimals: the result is out of range")
        assertThrows(
            try FixedDecimal(Int64.max).rescaled(to: 1, rounding: .down),
            .overflow("rescaling 9223372036854775807 to 1 decimal"))
        assertThrows(try dec("1").rescaled(to: 19, rounding: .down), .scaleOutOfRange(scale: 19, allowed: 0...18))
        assertThrows(try dec("1").rescaled(to: -1, rounding: .down), .scaleOutOfRange(scale: -1, allowed: 0...18))
    }

    // MARK: addition and subtraction

    func testAddingAndSubtractingUseTheLargerScale() throws {
        XCTAssertEqual(try dec("1.5").adding(dec("0.25")).description, "1.75")
        XCTAssertEqual(try dec("0.1").adding(dec("0.2")).description, "0.3")
        XCTAssertEqual(try dec("1.50").subtracting(dec("1.5")).description, "0.00")
        XCTAssertEqual(try dec("-0.001").adding(dec("0.001")).description, "0.000")
        XCTAssertEqual(try dec("3").subtracting(dec("5.5")).description, "-2.5")
        XCTAssertEqual(try dec("922337203685477580").adding(dec("0.7")).units, Int64.max)
    }

    func testAddingAndSubtractingDetectOverflow() {
        let max = FixedDecimal(Int64.max)
        let min = FixedDecimal(Int64.min)
        assertThrows(try max.adding(FixedDecimal(1)), .overflow("addition"))
        assertThrows(try min.adding(FixedDecimal(-1)), .overflow("addition"))
        assertThrows(try min.subtracting(FixedDecimal(1)), .overflow("subtraction"))
        assertThrows(try max.subtracting(FixedDecimal(-1)), .overflow("subtraction"))
        assertThrows(try FixedDecimal(0).subtracting(min), .overflow("subtraction"))
        assertThrows(try max.adding(dec("0.1")), .overflow("addition"))  // aligning the scales overflows
        XCTAssertEqual(try max.adding(min).description, "-1")
    }

    func testAdditionMatchesAnIndependentReference() throws {
        var random = SplitMix64(seed: 5)
        for _ in 0..<10_000 {
            let a = try FixedDecimal(units: random.mixedInt64(), scale: Int.random(in: 0...18, using: &random))
            let b = try FixedDecimal(units: random.mixedInt64(), scale: Int.random(in: 0...18, using: &random))
            let scale = max(a.scale, b.scale)
            let exact = Int128(a.units) * pow10(scale - a.scale) + Int128(b.units) * pow10(scale - b.scale)
            if let fits = Int64(exactly: exact) {
                let sum = try a.adding(b)
                XCTAssertEqual(sum.units, fits)
                XCTAssertEqual(sum.scale, scale)
                XCTAssertEqual(try b.adding(a), sum)
                // (a + b) − b is a at the wider scale, which itself may not fit in Int64 units.
                if Int64(exactly: Int128(a.units) * pow10(scale - a.scale)) != nil {
                    XCTAssertEqual(try sum.subtracting(b), a)
                } else {
                    assertThrows(try sum.subtracting(b), .overflow("subtraction"))
                }
            } else {
                assertThrows(try a.adding(b), .overflow("addition"))
            }
        }
    }

    // MARK: multiplication

    func testMultiplicationRoundsOnce() throws {
        XCTAssertEqual(try dec("1.5").multiplied(by: dec("1.5"), scale: 2, rounding: .down).description, "2.25")
        let half = try rules.map { try dec("1.5").multiplied(by: dec("1.5"), scale: 1, rounding: $0).description }
        XCTAssertEqual(half, ["2.3", "2.2", "2.2", "2.3", "2.2", "2.3"])
        let negative = try rules.map { try dec("-1.5").multiplied(by: dec("1.5"), scale: 1, rounding: $0).description }
        XCTAssertEqual(negative, ["-2.3", "-2.2", "-2.2", "-2.3", "-2.3", "-2.2"])
        XCTAssertEqual(try dec("2").multiplied(by: dec("3"), scale: 4, rounding: .down).description, "6.0000")
        XCTAssertEqual(
            try dec("0.000000001").multiplied(by: dec("0.000000001"), scale: 18, rounding: .down).description,
            "0.000000000000000001")
        XCTAssertEqual(
            try dec("0.000000001").multiplied(by: dec("0.000000001"), scale: 17, rounding: .halfUp).description,
            "0.00000000000000000")
        XCTAssertEqual(
            try dec("0.000000001").multiplied(by: dec("0.000000001"), scale: 17, rounding: .up).description,
            "0.00000000000000001")
        // The exact product needs 128 bits (scale 18, units beyond Int64) but the rounded result fits.
        XCTAssertEqual(
            try dec("9223372036.854775807").multiplied(by: dec("9.000000000"), scale: 6, rounding: .halfUp).description,
            "83010348331.692982")
    }

    func testMultiplicationDetectsOverflow() {
        assertThrows(
            try dec("9223372036.854775807").multiplied(by: dec("9223372036.854775807"), scale: 0, rounding: .down),
            .overflow("multiplication"))
        assertThrows(try dec("10").multiplied(by: dec("1"), scale: 18, rounding: .down), .overflow("multiplication"))
        assertThrows(try FixedDecimal(Int64.max).multiplied(by: 2), .overflow("multiplication"))
        assertThrows(try FixedDecimal(Int64.min).multiplied(by: -1), .overflow("multiplication"))
        assertThrows(try dec("1").multiplied(by: dec("1"), scale: 19, rounding: .down), .scaleOutOfRange(scale: 19, allowed: 0...18))
    }

    func testExactMultiplication() throws {
        let product = try dec("180.000").multipliedExactly(by: dec("2.07"))
        XCTAssertEqual(product.description, "372.60000")
        XCTAssertEqual(try dec("1.25").multipliedExactly(by: dec("-0.5")).description, "-0.625")
        XCTAssertEqual(try dec("1.50").multiplied(by: 3).description, "4.50")
        assertThrows(
            try dec("0.0000000001").multipliedExactly(by: dec("0.000000001")), .scaleOutOfRange(scale: 19, allowed: 0...18))
        assertThrows(try FixedDecimal(Int64.max).multipliedExactly(by: FixedDecimal(2)), .overflow("multiplication"))
    }

    func testRoundedMultiplicationAgreesWithExactMultiplication() throws {
        var random = SplitMix64(seed: 6)
        for _ in 0..<5000 {
            let a = try FixedDecimal(units: Int64.random(in: -999_999_999...999_999_999, using: &random), scale: Int.random(in: 0...9, using: &random))
            let b = try FixedDecimal(units: Int64.random(in: -999_999_999...999_999_999, using: &random), scale: Int.random(in: 0...9, using: &random))
            let exact = try a.multipliedExactly(by: b)
            let target = Int.random(in: 0...18, using: &random)
            for rule in rules {
                guard let expected = try? exact.rescaled(to: target, rounding: rule) else { continue }
                XCTAssertEqual(try a.multiplied(by: b, scale: target, rounding: rule), expected)
            }
        }
    }

    // MARK: division

    func testDivisionRoundsOnce() throws {
        XCTAssertEqual(try dec("1").divided(by: dec("3"), scale: 6, rounding: .halfUp).description, "0.333333")
        let twoThirds = try rules.map { try dec("2").divided(by: dec("3"), scale: 4, rounding: $0).description }
        XCTAssertEqual(twoThirds, ["0.6667", "0.6667", "0.6666", "0.6667", "0.6666", "0.6667"])
        let minusTwoThirds = try rules.map { try dec("-2").divided(by: dec("3"), scale: 4, rounding: $0).description }
        XCTAssertEqual(minusTwoThirds, ["-0.6667", "-0.6667", "-0.6666", "-0.6667", "-0.6667", "-0.6666"])
        let tie = try rules.map { try dec("10").divided(by: dec("4"), scale: 0, rounding: $0).description }
        XCTAssertEqual(tie, ["3", "2", "2", "3", "2", "3"])
        XCTAssertEqual(try dec("14").divided(by: dec("-4"), scale: 0, rounding: .halfEven).description, "-4")
        XCTAssertEqual(try dec("7.50").divided(by: dec("2.5"), scale: 2, rounding: .down).description, "3.00")
        XCTAssertEqual(try dec("1.500000000000000000").divided(by: dec("2"), scale: 0, rounding: .halfUp).description, "1")
        XCTAssertEqual(try dec("1").divided(by: dec("0.000000000000000001"), scale: 0, rounding: .down).units, 1_000_000_000_000_000_000)
    }

    func testDivisionByZeroThrows() {
        assertThrows(try dec("1").divided(by: dec("0"), scale: 2, rounding: .halfUp), .divisionByZero, message: "division by zero")
        assertThrows(try dec("0").divided(by: dec("0.00"), scale: 0, rounding: .down), .divisionByZero)
        assertThrows(try FixedDecimal(Int64.min).divided(by: .zero, scale: 18, rounding: .up), .divisionByZero)
    }

    func testDivisionDetectsOverflow() {
        assertThrows(try dec("1").divided(by: dec("0.000000000000000001"), scale: 1, rounding: .down), .overflow("division"))
        assertThrows(try FixedDecimal(Int64.max).divided(by: dec("0.5"), scale: 0, rounding: .down), .overflow("division"))
        assertThrows(try FixedDecimal(Int64.min).divided(by: FixedDecimal(-1), scale: 0, rounding: .down), .overflow("division"))
        // 10^36 · Int64.max overflows even 128 bits: must throw, not trap.
        assertThrows(
            try FixedDecimal(Int64.max).divided(by: dec("0.000000000000000001"), scale: 18, rounding: .down),
            .overflow("division"))
    }

    func testDivisionBracketsTheExactQuotient() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<10_000 {
            let a = try FixedDecimal(units: Int64.random(in: -1_000_000_000...1_000_000_000, using: &random), scale: Int.random(in: 0...6, using: &random))
            var divisorUnits = Int64.random(in: -1_000_000...1_000_000, using: &random)
            if divisorUnits == 0 { divisorUnits = 7 }
            let b = try FixedDecimal(units: divisorUnits, scale: Int.random(in: 0...6, using: &random))
            let scale = Int.random(in: 0...6, using: &random)
            let down = try a.divided(by: b, scale: scale, rounding: .floor)
            let up = try a.divided(by: b, scale: scale, rounding: .ceiling)
            // a / b = A / (B · 10^(sa − sb)); compare q · b with a at a common scale (all within Int128).
            let exact = Int128(a.units) * pow10(scale + b.scale)  // a · 10^(s + sa + sb)
            func times(_ q: Int64) -> Int128 { Int128(q) * Int128(b.units) * pow10(a.scale) }
            let positive = b.units > 0
            XCTAssertTrue(positive ? times(down.units) <= exact : times(down.units) >= exact, "\(a) / \(b) floor \(down)")
            XCTAssertTrue(positive ? times(down.units + 1) > exact : times(down.units + 1) < exact, "\(a) / \(b) floor \(down)")
            XCTAssertEqual(up.units - down.units, times(down.units) == exact ? 0 : 1, "\(a) / \(b)")
        }
    }

    // MARK: sign, absolute value, sum

    func testNegationAndAbsoluteValue() throws {
        XCTAssertEqual(try dec("1.50").negated().description, "-1.50")
        XCTAssertEqual(try dec("-1.50").abs().description, "1.50")
        XCTAssertEqual(try dec("1.50").abs().description, "1.50")
        XCTAssertEqual(try dec("0.00").negated().description, "0.00")
        assertThrows(try FixedDecimal(Int64.min).negated(), .overflow("negation"))
        assertThrows(try FixedDecimal(Int64.min).abs(), .overflow("negation"))
        XCTAssertEqual(try FixedDecimal(Int64.max).negated().units, -Int64.max)
    }

    func testSum() throws {
        XCTAssertEqual(try FixedDecimal.sum([]).description, "0")
        XCTAssertEqual(try FixedDecimal.sum([dec("1"), dec("0.25"), dec("-0.125")]).description, "1.125")
        XCTAssertEqual(try FixedDecimal.sum([dec("0.1"), dec("0.2")].lazy.map { $0 }).description, "0.3")
        // Partial sums may leave the Int64 range as long as the total fits.
        let max = FixedDecimal(Int64.max)
        XCTAssertEqual(try FixedDecimal.sum([max, FixedDecimal(1), FixedDecimal(-1)]), max)
        assertThrows(try FixedDecimal.sum([max, FixedDecimal(1)]), .overflow("sum"))
        assertThrows(try FixedDecimal.sum([max, dec("0.1"), dec("-0.1")]), .overflow("sum"))  // 10·max at scale 1
    }
}
