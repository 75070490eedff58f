@testable import WaterBilling
import XCTest

final class RoundingRuleTests: XCTestCase {
    func testNamesAreTheConfigurationSpellings() {
        XCTAssertEqual(RoundingRule.allCases.map(\.rawValue), ["half-up", "half-even", "down", "up", "floor", "ceiling"])
        for rule in RoundingRule.allCases {
            XCTAssertEqual(try RoundingRule(parsing: rule.rawValue), rule)
        }
    }

    func testParsingRejectsUnknownNames() {
        let expected = "a rounding rule: one of half-up, half-even, down, up, floor, ceiling"
        for name in ["", "half_up", "HALF-UP", "halfUp", " half-up", "round"] {
            assertThrows(
                try RoundingRule(parsing: name), .malformed(text: name, expected: expected),
                message: "\"\(name)\" is not valid: expected \(expected)")
        }
    }

    /// The integer core: dividend / divisor rounded, for every sign combination.
    func testIntegerDivisionTable() {
        // (dividend, divisor, half-up, half-even, down, up, floor, ceiling)
        let rows: [(Int128, Int128, [Int128])] = [
            (5, 2, [3, 2, 2, 3, 2, 3]),  // 2.5
            (7, 2, [4, 4, 3, 4, 3, 4]),  // 3.5
            (-5, 2, [-3, -2, -2, -3, -3, -2]),  // -2.5
            (5, -2, [-3, -2, -2, -3, -3, -2]),  // -2.5
            (-5, -2, [3, 2, 2, 3, 2, 3]),  // 2.5
            (7, 3, [2, 2, 2, 3, 2, 3]),  // 2.33
            (8, 3, [3, 3, 2, 3, 2, 3]),  // 2.67
            (-8, 3, [-3, -3, -2, -3, -3, -2]),  // -2.67
            (6, 3, [2, 2, 2, 2, 2, 2]),  // exact
            (-6, 3, [-2, -2, -2, -2, -2, -2]),
            (0, 7, [0, 0, 0, 0, 0, 0]),
            (1, 2, [1, 0, 0, 1, 0, 1]),  // 0.5
            (-1, 2, [-1, 0, 0, -1, -1, 0]),  // -0.5
        ]
        for (dividend, divisor, expected) in rows {
            let got = RoundingRule.allCases.map { $0.divide(dividend, by: divisor) }
            XCTAssertEqual(got, expected, "\(dividend) / \(divisor)")
        }
    }
}
