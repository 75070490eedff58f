import WaterBilling
import WBillTestSupport
import XCTest

final class MoneyTests: XCTestCase {
    private func cny(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Money {
        do {
            return try Money(parsing: text, currency: .cny)
        } catch {
            XCTFail("could not parse \(text): \(error)", file: file, line: line)
            return .zero(.cny)
        }
    }

    func testParsingIsExact() throws {
        // (text, currency, minor units, description)
        let rows: [(String, Currency, Int64, String)] = [
            ("1820", .cny, 182_000, "1820.00"),
            ("1820.00", .cny, 182_000, "1820.00"),
            ("12.5", .cny, 1250, "12.50"),
            ("-0.05", .cny, -5, "-0.05"),
            ("+3", .cny, 300, "3.00"),
            ("-0", .cny, 0, "0.00"),
            ("500", .jpy, 500, "500"),
            ("1.234", .kwd, 1234, "1.234"),
            ("0.0001", .clf, 1, "0.0001"),
            ("92233720368547758.07", .cny, Int64.max, "92233720368547758.07"),
            ("-92233720368547758.08", .cny, Int64.min, "-92233720368547758.08"),
        ]
        for (text, currency, minorUnits, description) in rows {
            let money = try Money(parsing: text, currency: currency)
            XCTAssertEqual(money.minorUnits, minorUnits, text)
            XCTAssertEqual(money.currency, currency, text)
            XCTAssertEqual(money.description, description, text)
        }
    }

    func testParsingRefusesExtraDecimalsAndBadSyntax() {
        assertThrows(
            try Money(parsing: "12.345", currency: .cny), .tooManyDecimals(text: "12.345", allowed: 2),
            message: "\"12.345\" has 3 decimals, at most 2 allowed")
        assertThrows(try Money(parsing: "12.340", currency: .cny), .tooManyDecimals(text: "12.340", allowed: 2))
        assertThrows(
            try Money(parsing: "100.0", currency: .jpy), .tooManyDecimals(text: "100.0", allowed: 0),
            message: "\"100.0\" has 1 decimal, at most 0 allowed")
        assertThrows(
            try Money(parsing: "1,820.00", currency: .cny),
            .malformed(text: "1,820.00", expected: "a number without thousands separators, with \".\" as the decimal point"))
        assertThrows(try Money(parsing: "", currency: .cny), .malformed(text: "", expected: "a number, got empty text"))
        assertThrows(try Money(parsing: "92233720368547758.08", currency: .cny), .overflow("parsing \"92233720368547758.08\""))
        assertThrows(
            try Money(parsing: "92233720368547759", currency: .cny), .overflow("rescaling 92233720368547759 to 2 decimals"))
    }

    func testFormatting() throws {
        XCTAssertEqual(cny("1820").formatted(withCode: true), "1820.00 CNY")
        XCTAssertEqual(cny("1820").formatted(withCode: false), "1820.00")
        XCTAssertEqual(try Money(parsing: "500", currency: .jpy).formatted(withCode: true), "500 JPY")
        XCTAssertEqual(Money(minorUnits: -5, currency: .usd).formatted(withCode: true), "-0.05 USD")
        XCTAssertEqual(Money.zero(.cny).description, "0.00")
        XCTAssertEqual(cny("-12.34").asFixedDecimal.description, "-12.34")
        XCTAssertEqual(cny("-12.34").asFixedDecimal.scale, 2)
    }

    func testFormatParseRoundTripOnGeneratedAmounts() throws {
        var random = SplitMix64(seed: 9)
        for _ in 0..<10_000 {
            let currency = Currency.builtIn[Int(random.next() % UInt64(Currency.builtIn.count))]
            let money = Money(minorUnits: random.mixedInt64(), currency: currency)
            XCTAssertEqual(try Money(parsing: money.description, currency: currency), money, money.formatted(withCode: true))
        }
    }

    func testRoundingIsExplicit() throws {
        let rows: [(String, Currency, RoundingRule, String)] = [
            ("372.60000", .cny, .halfUp, "372.60"),
            ("184.825", .cny, .halfEven, "184.82"),
            ("184.825", .cny, .halfUp, "184.83"),
            ("184.825", .cny, .down, "184.82"),
            ("-0.005", .cny, .halfUp, "-0.01"),
            ("-0.005", .cny, .halfEven, "0.00"),
            ("99.5", .jpy, .halfEven, "100"),
            ("98.5", .jpy, .halfEven, "98"),
            ("1.2", .kwd, .down, "1.200"),
            ("7", .cny, .down, "7.00"),
        ]
        for (text, currency, rule, expected) in rows {
            let money = try Money.rounding(dec(text), to: currency, rule: rule)
            XCTAssertEqual(money.description, expected, "\(text) \(rule)")
            XCTAssertEqual(money.currency, currency)
        }
        assertThrows(
            try Money.rounding(FixedDecimal(Int64.max), to: .cny, rule: .halfUp),
            .overflow("rescaling 9223372036854775807 to 2 decimals"))
    }

    func testAddingAndSubtracting() throws {
        XCTAssertEqual(try cny("0.10").adding(cny("0.20")), cny("0.30"))
        XCTAssertEqual(try cny("10.00").subtracting(cny("12.5")).description, "-2.50")
        assertThrows(
            try cny("1").adding(Money(parsing: "1", currency: .usd)), .currencyMismatch(.cny, .usd),
            message: "currency mismatch: CNY and USD")
        let cny3 = try Currency(code: "CNY", minorUnit: 3)
        assertThrows(
            try cny("1").subtracting(Money(minorUnits: 1, currency: cny3)), .currencyMismatch(.cny, cny3),
            message: "currency mismatch: CNY with 2 decimals and CNY with 3 decimals")
        let max = Money(minorUnits: Int64.max, currency: .cny)
        let min = Money(minorUnits: Int64.min, currency: .cny)
        assertThrows(try max.adding(cny("0.01")), .overflow("money addition"))
        assertThrows(try min.subtracting(cny("0.01")), .overflow("money subtraction"))
        XCTAssertEqual(try max.adding(min).minorUnits, -1)
    }

    func testSignMultiplicationAndPredicates() throws {
        XCTAssertEqual(try cny("12.50").negated().description, "-12.50")
        assertThrows(try Money(minorUnits: Int64.min, currency: .cny).negated(), .overflow("money negation"))
        XCTAssertEqual(try cny("15.00").multiplied(by: 12).description, "180.00")
        assertThrows(try Money(minorUnits: Int64.max, currency: .cny).multiplied(by: 2), .overflow("money multiplication"))
        XCTAssertTrue(Money.zero(.jpy).isZero)
        XCTAssertTrue(cny("-0.01").isNegative)
        XCTAssertFalse(cny("0.00").isNegative)
        XCTAssertFalse(cny("0.01").isZero)
    }

    func testSum() throws {
        XCTAssertEqual(try Money.sum([], in: .cny), .zero(.cny))
        XCTAssertEqual(try Money.sum([cny("91.52"), cny("44.80"), cny("48.50")], in: .cny).description, "184.82")
        assertThrows(
            try Money.sum([cny("1"), Money(minorUnits: 1, currency: .usd)], in: .cny), .currencyMismatch(.cny, .usd))
        assertThrows(try Money.sum([cny("1")], in: .usd), .currencyMismatch(.usd, .cny))
        let max = Money(minorUnits: Int64.max, currency: .cny)
        XCTAssertEqual(try Money.sum([max, cny("1"), cny("-1")], in: .cny), max)
        assertThrows(try Money.sum([max, cny("0.01")], in: .cny), .overflow("money sum"))
    }

    func testEqualityOrderingAndHashing() throws {
        XCTAssertEqual(cny("1.5"), cny("1.50"))
        XCTAssertNotEqual(cny("1"), try Money(parsing: "1", currency: .usd))
        XCTAssertEqual(Set([cny("1.5"), cny("1.50"), cny("2")]).count, 2)
        XCTAssertEqual([cny("2"), cny("-1"), cny("0.5")].sorted().map(\.description), ["-1.00", "0.50", "2.00"])
        let usd = try Money(parsing: "1", currency: .usd)
        XCTAssertTrue(cny("100") < usd, "different currencies order by code: CNY before USD")
        XCTAssertFalse(usd < cny("100"))
    }

    func testAllocationExamples() throws {
        let rows: [(String, [Int64], [String])] = [
            ("100.00", [1, 1, 1], ["33.34", "33.33", "33.33"]),
            ("-100.00", [1, 1, 1], ["-33.34", "-33.33", "-33.33"]),
            ("0.05", [1, 1, 1, 1, 1, 1], ["0.01", "0.01", "0.01", "0.01", "0.01", "0.00"]),
            ("1.00", [1, 2], ["0.33", "0.67"]),
            ("0.01", [1, 1], ["0.01", "0.00"]),
            ("10.00", [0, 1, 0], ["0.00", "10.00", "0.00"]),
            ("0.00", [3, 4], ["0.00", "0.00"]),
            ("1820.00", [31, 28, 31], ["626.89", "566.22", "626.89"]),
        ]
        for (text, weights, expected) in rows {
            let parts = try cny(text).allocate(byWeights: weights)
            XCTAssertEqual(parts.map(\.description), expected, "\(text) by \(weights)")
            XCTAssertEqual(try Money.sum(parts, in: .cny), cny(text))
            XCTAssertTrue(parts.allSatisfy { $0.currency == .cny })
        }
        XCTAssertEqual(try Money(parsing: "100", currency: .jpy).allocate(byWeights: [1, 1, 1]).map(\.description), ["34", "33", "33"])
    }

    func testAllocationRejectsBadWeights() {
        assertThrows(try cny("1").allocate(byWeights: []), .invalidWeights("no weights given"))
        assertThrows(try cny("1").allocate(byWeights: [1, -2]), .invalidWeights("weight -2 at position 2 is negative"))
        assertThrows(
            try cny("1").allocate(byWeights: [0, 0, 0]), .invalidWeights("all weights are zero"),
            message: "invalid weights: all weights are zero")
    }

    func testAllocationAlwaysSumsToTheWhole() throws {
        var random = SplitMix64(seed: 10)
        for _ in 0..<5000 {
            let money = Money(minorUnits: random.mixedInt64(), currency: .cny)
            let weights = LargestRemainderTests.randomWeights(using: &random)
            let parts = try money.allocate(byWeights: weights)
            XCTAssertEqual(try Money.sum(parts, in: .cny), money, "\(money) by \(weights)")
            LargestRemainderTests.checkSplit(money.minorUnits, weights, parts.map(\.minorUnits))
        }
    }
}
