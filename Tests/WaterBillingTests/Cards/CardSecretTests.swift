@testable import WaterBilling
import WBillSupport
import XCTest

/// Each database gets its own card secret from its migration, and keeps it.
final class CardSecretTests: XCTestCase {
    func testEachDatabaseHasItsOwnSecretOf32RandomBytes() throws {
        let scratch = try TemporaryDatabase()
        let first = try scratch.wbillDatabase("first.db")
        let second = try scratch.wbillDatabase("second.db")
        let secret = try XCTUnwrap(UtilitySettings(database: first).value(CardKeys.settingKey))
        XCTAssertEqual(secret.count, 64)
        XCTAssertNotNil(Hex.parse(secret))
        XCTAssertNotEqual(try UtilitySettings(database: second).value(CardKeys.settingKey), secret)
        XCTAssertNotEqual(try CardKeys.stored(in: first).utilityCode, try CardKeys.stored(in: second).utilityCode)
    }

    func testADatabaseWithoutASecretIsRefusedNotGivenOne() throws {
        let scratch = try TemporaryDatabase()
        let database = try scratch.wbillDatabase()
        try database.run("DELETE FROM settings WHERE key = ?", [CardKeys.settingKey])
        XCTAssertThrowsError(try CardKeys.stored(in: database)) { XCTAssertEqual($0 as? CardError, .noSecret) }
    }
}
