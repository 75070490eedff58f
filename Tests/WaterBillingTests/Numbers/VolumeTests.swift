import WaterBilling
import WBillTestSupport
import XCTest

final class VolumeTests: XCTestCase {
    private func m3(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Volume {
        do {
            return try Volume(parsing: text)
        } catch {
            XCTFail("could not parse \(text): \(error)", file: file, line: line)
            return .zero
        }
    }

    func testParsing() throws {
        let rows: [(String, Int64)] = [
            ("300", 300_000), ("12.5", 12_500), ("0.001", 1), ("-1.25", -1250), ("+7", 7000), ("0", 0),
            ("12.500", 12_500), ("0012.50", 12_500), ("9223372036854775.807", Int64.max),
            ("-9223372036854775.808", Int64.min),
        ]
        for (text, litres) in rows {
            XCTAssertEqual(try Volume(parsing: text).litres, litres, text)
        }
    }

    func testParsingRejects() {
        assertThrows(
            try Volume(parsing: "0.0001"), .tooManyDecimals(text: "0.0001", allowed: 3),
            message: "\"0.0001\" has 4 decimals, at most 3 allowed")
        assertThrows(try Volume(parsing: "12.5000"), .tooManyDecimals(text: "12.5000", allowed: 3))
        assertThrows(
            try Volume(parsing: "1,5"),
            .malformed(text: "1,5", expected: "a number without thousands separators, with \".\" as the decimal point"))
        assertThrows(try Volume(parsing: "12 m3"), .malformed(text: "12 m3", expected: "a number without spaces"))
        assertThrows(try Volume(parsing: "12m3"), .malformed(text: "12m3", expected: "a number: digits, an optional leading sign and at most one \".\""))
        assertThrows(try Volume(parsing: ""), .malformed(text: "", expected: "a number, got empty text"))
        assertThrows(try Volume(parsing: "9223372036854775.808"), .overflow("parsing \"9223372036854775.808\""))
        assertThrows(try Volume(parsing: "9223372036854776"), .overflow("rescaling 9223372036854776 to 3 decimals"))
    }

    func testFormatting() {
        let rows: [(Int64, String, String)] = [
            (300_000, "300.000", "300"), (12_500, "12.500", "12.5"), (1, "0.001", "0.001"), (0, "0.000", "0"),
            (-500, "-0.500", "-0.5"), (1010, "1.010", "1.01"), (100_000, "100.000", "100"),
            (Int64.min, "-9223372036854775.808", "-9223372036854775.808"),
        ]
        for (litres, full, trimmed) in rows {
            let volume = Volume(litres: litres)
            XCTAssertEqual(volume.description, full)
            XCTAssertEqual(volume.formattedTrimmed, trimmed)
            XCTAssertEqual(volume.asFixedDecimal.scale, 3)
            XCTAssertEqual(volume.asFixedDecimal.units, litres)
        }
    }

    func testFormatParseRoundTripOnGeneratedVolumes() throws {
        var random = SplitMix64(seed: 11)
        for _ in 0..<10_000 {
            let volume = Volume(litres: random.mixedInt64())
            XCTAssertEqual(try Volume(parsing: volume.description), volume, volume.description)
            XCTAssertEqual(try Volume(parsing: volume.formattedTrimmed), volume, volume.formattedTrimmed)
        }
        for text in ["300.000", "0.001", "-12.500", "0.000"] {
            XCTAssertEqual(try Volume(parsing: text).description, text)
        }
        for text in ["300", "12.5", "0.001", "-0.5", "0"] {
            XCTAssertEqual(try Volume(parsing: text).formattedTrimmed, text)
        }
    }

    func testArithmetic() throws {
        XCTAssertEqual(try Volume(cubicMetres: 300), m3("300"))
        assertThrows(try Volume(cubicMetres: Int64.max / 1000 + 1), .overflow("converting 9223372036854776 m³ to litres"))
        XCTAssertEqual(try m3("1234.5").subtracting(m3("1200.75")).description, "33.750")
        XCTAssertEqual(try m3("0.001").adding(m3("0.999")).description, "1.000")
        XCTAssertEqual(try m3("2").negated().description, "-2.000")
        assertThrows(try Volume(litres: Int64.max).adding(Volume(litres: 1)), .overflow("volume addition"))
        assertThrows(try Volume(litres: Int64.min).subtracting(Volume(litres: 1)), .overflow("volume subtraction"))
        assertThrows(try Volume(litres: Int64.min).negated(), .overflow("volume negation"))
        XCTAssertEqual(try Volume.sum([m3("22"), m3("8"), m3("5")]).description, "35.000")
        XCTAssertEqual(try Volume.sum([]), .zero)
        assertThrows(try Volume.sum([Volume(litres: Int64.max), Volume(litres: 1)]), .overflow("volume sum"))
        XCTAssertTrue(m3("0").isZero)
        XCTAssertTrue(m3("-0.001").isNegative)
        XCTAssertEqual([m3("2"), m3("-1"), m3("0.5")].sorted().map(\.formattedTrimmed), ["-1", "0.5", "2"])
        XCTAssertEqual(Set([m3("1.5"), m3("1.500")]).count, 1)
    }

    func testSplitExamples() throws {
        let rows: [(String, [Int64], [String])] = [
            ("10", [10, 20], ["3.333", "6.667"]),
            ("100", [31, 28, 31], ["34.445", "31.111", "34.444"]),
            ("0.001", [1, 1], ["0.001", "0.000"]),
            ("0.002", [1, 1, 1], ["0.001", "0.001", "0.000"]),
            ("-0.001", [1, 1], ["-0.001", "0.000"]),
            ("35", [0, 30], ["0.000", "35.000"]),
        ]
        for (text, weights, expected) in rows {
            let parts = try m3(text).split(byWeights: weights)
            XCTAssertEqual(parts.map(\.description), expected, "\(text) by \(weights)")
            XCTAssertEqual(try Volume.sum(parts), m3(text))
        }
        assertThrows(try m3("1").split(byWeights: [0]), .invalidWeights("all weights are zero"))
        assertThrows(try m3("1").split(byWeights: [-1, 2]), .invalidWeights("weight -1 at position 1 is negative"))
    }

    func testSplitAlwaysSumsToTheWhole() throws {
        var random = SplitMix64(seed: 12)
        for _ in 0..<5000 {
            let volume = Volume(litres: random.mixedInt64())
            let weights = LargestRemainderTests.randomWeights(using: &random)
            let parts = try volume.split(byWeights: weights)
            XCTAssertEqual(try Volume.sum(parts), volume, "\(volume) by \(weights)")
            LargestRemainderTests.checkSplit(volume.litres, weights, parts.map(\.litres))
        }
    }
}
