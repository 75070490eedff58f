@testable import WaterBilling
import WBillTestSupport
import XCTest

final class LargestRemainderTests: XCTestCase {
    func testSplitTable() throws {
        let rows: [(Int64, [Int64], [Int64])] = [
            (10_000, [1, 1, 1], [3334, 3333, 3333]),
            (-10_000, [1, 1, 1], [-3334, -3333, -3333]),
            (100, [1, 2], [33, 67]),  // remainders 1 and 2: the larger one gets the unit
            (1, [1, 1], [1, 0]),  // tie → earlier
            (2, [1, 1, 1], [1, 1, 0]),
            (5, [1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0]),
            (100_000, [31, 28, 31], [34_445, 31_111, 34_444]),  // tie between first and last → first
            (1000, [0, 1, 0], [0, 1000, 0]),
            (0, [1, 2], [0, 0]),
            (7, [5], [7]),
            (Int64.max, [1, 1], [4_611_686_018_427_387_904, 4_611_686_018_427_387_903]),
            (Int64.min, [1, 1], [-4_611_686_018_427_387_904, -4_611_686_018_427_387_904]),
            (Int64.min, [1, 1, 1], [-3_074_457_345_618_258_603, -3_074_457_345_618_258_603, -3_074_457_345_618_258_602]),
            (Int64.max, [Int64.max, Int64.max, 1], [4_611_686_018_427_387_903, 4_611_686_018_427_387_903, 1]),
        ]
        for (total, weights, expected) in rows {
            XCTAssertEqual(try LargestRemainder.split(total, byWeights: weights), expected, "\(total) by \(weights)")
        }
    }

    func testInvalidWeights() {
        assertThrows(try LargestRemainder.split(1, byWeights: []), .invalidWeights("no weights given"))
        assertThrows(
            try LargestRemainder.split(1, byWeights: [3, 0, -1]), .invalidWeights("weight -1 at position 3 is negative"),
            message: "invalid weights: weight -1 at position 3 is negative")
        assertThrows(try LargestRemainder.split(1, byWeights: [0, 0]), .invalidWeights("all weights are zero"))
    }

    /// Parts sum to the total, stay within one unit of the exact share, favour earlier parts on ties.
    func testGeneratedSplitsAreExactAndFair() throws {
        var random = SplitMix64(seed: 8)
        for _ in 0..<5000 {
            let total = random.mixedInt64()
            let weights = LargestRemainderTests.randomWeights(using: &random)
            let parts = try LargestRemainder.split(total, byWeights: weights)
            LargestRemainderTests.checkSplit(total, weights, parts)
        }
    }

    static func randomWeights(using random: inout SplitMix64) -> [Int64] {
        let count = Int.random(in: 1...12, using: &random)
        var weights = (0..<count).map { _ -> Int64 in
            switch random.next() % 6 {
            case 0: return 0
            case 1: return Int64.max
            case 2: return Int64.random(in: 1...Int64.max, using: &random)
            default: return Int64.random(in: 1...31, using: &random)
            }
        }
        if weights.allSatisfy({ $0 == 0 }) { weights[0] = 1 }
        return weights
    }

    static func checkSplit(_ total: Int64, _ weights: [Int64], _ parts: [Int64], file: StaticString = #filePath, line: UInt = #line) {
        let context = "\(total) by \(weights) → \(parts)"
        XCTAssertEqual(parts.count, weights.count, context, file: file, line: line)
        XCTAssertEqual(parts.reduce(Int128(0)) { $0 + Int128($1) }, Int128(total), "parts sum to the whole: \(context)", file: file, line: line)
        let weightSum = weights.reduce(Int128(0)) { $0 + Int128($1) }
        for (part, weight) in zip(parts, weights) {
            // |part − total·weight/W| < 1  ⇔  |part·W − total·weight| < W
            let deviation = Int128(part) * weightSum - Int128(total) * Int128(weight)
            XCTAssertLessThan(deviation.magnitude, weightSum.magnitude, "within one unit: \(context)", file: file, line: line)
            if weight == 0 { XCTAssertEqual(part, 0, "zero weight gets zero: \(context)", file: file, line: line) }
            if part != 0 { XCTAssertEqual(part < 0, total < 0, "same sign as the whole: \(context)", file: file, line: line) }
        }
        for i in weights.indices {
            for j in weights.indices where i < j && weights[i] == weights[j] {
                XCTAssertGreaterThanOrEqual(parts[i].magnitude, parts[j].magnitude, "ties favour the earlier part: \(context)", file: file, line: line)
            }
        }
    }
}
