import XCTest
@testable import WaterBilling

final class GrantTests: XCTestCase {
    let catalogue = PermissionCatalogue(commands: [
        PermissionEntry(name: "account.recharge", readOnly: false),
        PermissionEntry(name: "account.list", readOnly: true),
        PermissionEntry(name: "meter.group.add", readOnly: false),
        PermissionEntry(name: "meter.list", readOnly: true),
        PermissionEntry(name: "init", readOnly: false),
    ])

    func allowed(_ grants: String...) -> [String] {
        catalogue.allowed(by: grants.map(Grant.init)).map(\.name)
    }

    func testPermissionsWildcardsAndReadOnlyGrants() {
        XCTAssertEqual(allowed("*"), ["account.recharge", "account.list", "meter.group.add", "meter.list", "init", "operator.act-for"])
        XCTAssertEqual(allowed("*:read"), ["account.list", "meter.list"])
        XCTAssertEqual(allowed("account.*"), ["account.recharge", "account.list"])
        XCTAssertEqual(allowed("meter.*"), ["meter.group.add", "meter.list"])
        XCTAssertEqual(allowed("meter.group.*"), ["meter.group.add"])
        XCTAssertEqual(allowed("account.recharge", "init"), ["account.recharge", "init"])
        XCTAssertEqual(allowed("operator.*"), ["operator.act-for"])
        // A wildcard needs the dot: "account*" is no pattern, and "acc.*" no group.
        XCTAssertEqual(allowed("account"), [])
    }

    func testOnlyWhatTheCatalogueHasIsKnown() {
        XCTAssertTrue(Grant("*").isKnown(in: catalogue))
        XCTAssertTrue(Grant("meter.group.*:read").isKnown(in: catalogue))
        XCTAssertTrue(Grant("operator.act-for").isKnown(in: catalogue))
        XCTAssertFalse(Grant("acount.*").isKnown(in: catalogue))
        XCTAssertFalse(Grant("init.*").isKnown(in: catalogue))
        XCTAssertFalse(Grant("account.delete").isKnown(in: catalogue))
        XCTAssertEqual(Grant("report.*:read").description, "report.*:read")
        XCTAssertEqual(Grant.list("a.b  *:read").map(\.description), ["a.b", "*:read"])
    }
}
