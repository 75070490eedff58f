import WaterBilling
import XCTest

/// The limits named once in `DomainLimits` are the ones the schema's CHECK constraints enforce.
final class DomainLimitsTests: XCTestCase {
    func schema() -> String { Schema.migrations.map(\.sql).joined(separator: "\n") }

    func testTheSchemaChecksTheSameRanges() {
        let sql = schema()
        XCTAssertTrue(sql.contains("persons BETWEEN \(DomainLimits.persons.lowerBound) AND \(DomainLimits.persons.upperBound)"))
        XCTAssertTrue(sql.contains("caliber BETWEEN \(DomainLimits.caliber.lowerBound) AND \(DomainLimits.caliber.upperBound)"))
        XCTAssertTrue(sql.contains("register_digits BETWEEN \(DomainLimits.registerDigits.lowerBound) AND \(DomainLimits.registerDigits.upperBound)"))
        XCTAssertTrue(DomainLimits.registerDigits.contains(DomainLimits.defaultRegisterDigits))
    }

    func testARangeIsSpelledFromItsBounds() {
        XCTAssertEqual(DomainLimits.spelled(DomainLimits.persons), "1 to 999")
        XCTAssertEqual(DomainLimits.spelled(DomainLimits.caliber), "1 to 3000")
    }
}
