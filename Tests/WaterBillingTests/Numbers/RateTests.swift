import WaterBilling
import XCTest

final class RateTests: XCTestCase {
    private func rate(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Rate {
        do {
            return try Rate(parsing: text)
        } catch {
            XCTFail("could not parse \(text): \(error)", file: file, line: line)
            return try! Rate(.zero)
        }
    }

    func testParsing() throws {
        XCTAssertEqual(rate("4.16").perCubicMetre.description, "4.16")
        XCTAssertEqual(rate("2.075").perCubicMetre.scale, 3)
        XCTAssertEqual(rate("1.123456").description, "1.123456")
        XCTAssertEqual(rate("0").description, "0")
        XCTAssertEqual(rate("4.160").description, "4.160", "decimals are kept as written")
        assertThrows(
            try Rate(parsing: "1.1234567"), .tooManyDecimals(text: "1.1234567", allowed: 6),
            message: "\"1.1234567\" has 7 decimals, at most 6 allowed")
        assertThrows(
            try Rate(parsing: "-1.00"), .negativeNotAllowed(text: "-1.00"),
            message: "\"-1.00\" is negative, which is not allowed here")
        assertThrows(try Rate(parsing: "4,16"), .malformed(text: "4,16", expected: "a number without thousands separators, with \".\" as the decimal point"))
    }

    func testInitFromDecimal() throws {
        XCTAssertEqual(try Rate(dec("5.60")).description, "5.60")
        assertThrows(try Rate(dec("-0.01")), .negativeNotAllowed(text: "-0.01"))
        assertThrows(try Rate(dec("0.0000001")), .tooManyDecimals(text: "0.0000001", allowed: 6))
    }

    func testEqualityAndOrderingAreByValue() {
        XCTAssertEqual(rate("4.16"), rate("4.160"))
        XCTAssertEqual(Set([rate("4.16"), rate("4.160"), rate("5.6")]).count, 2)
        XCTAssertTrue(rate("4.16") < rate("5.6"))
        XCTAssertFalse(rate("5.60") < rate("5.6"))
    }

    /// Published example: 180.000 m³ at 2.07 per m³ is 372.60.
    func testFlatRateExample() throws {
        let exact = try rate("2.07").amount(for: Volume(parsing: "180.000"))
        XCTAssertEqual(exact.description, "372.60000", "exact product at scale 3 + 2, not rounded")
        XCTAssertEqual(try amount(for: Volume(parsing: "180"), rate: rate("2.07")), exact)
        XCTAssertEqual(try Money.rounding(exact, to: .cny, rule: .halfUp).formatted(withCode: true), "372.60 CNY")
    }

    /// Published example: 35 m³ in monthly tiers 22 at 4.16, 8 at 5.60, 5 at 9.70 is 184.82.
    func testTieredExample() throws {
        let used = try Volume(parsing: "35")
        let tiers: [(upTo: Volume?, rate: Rate)] = [
            (try Volume(parsing: "22"), rate("4.16")), (try Volume(parsing: "30"), rate("5.60")), (nil, rate("9.70")),
        ]
        var lower = Volume.zero
        var lines: [FixedDecimal] = []
        for tier in tiers {
            let upper = tier.upTo.map { min($0, used) } ?? used
            guard upper > lower else { break }
            lines.append(try tier.rate.amount(for: upper.subtracting(lower)))
            lower = upper
        }
        XCTAssertEqual(lines.map(\.description), ["91.52000", "44.80000", "48.50000"])
        let exact = try FixedDecimal.sum(lines)
        XCTAssertEqual(exact.description, "184.82000")
        XCTAssertEqual(try Money.rounding(exact, to: .cny, rule: .halfUp).description, "184.82")
    }

    func testAmountIsExactAndDetectsOverflow() throws {
        XCTAssertEqual(try rate("2.075").amount(for: Volume(parsing: "0.001")).description, "0.002075")
        XCTAssertEqual(try rate("1.123456").amount(for: Volume(parsing: "-3")).description, "-3.370368000")
        assertThrows(try rate("2").amount(for: Volume(litres: Int64.max)), .overflow("multiplication"))
    }
}
