import XCTest
@testable import WaterBilling
@testable import WBillSupport

/// Reading one customer type by row id (what an account names) gives what the whole catalogue gives.
final class CustomerTypeLookupTests: XCTestCase {
    func testATypeByIDIsTheSameAsInTheCatalogueAndOnlyThatType() throws {
        let fixture = try TestDatabase()
        try fixture.addStandardMeterTypes()
        try fixture.addTariffRow("Residential tiers", kind: "postpaid")
        try fixture.addTariffRow("Balance water", kind: "system-prepaid")
        let store = CustomerTypeStore(database: fixture.database)
        try store.add(CustomerTypeDraft(name: "Homes", waterNature: .residential, businessMode: .postpaid,
                                        meterTypes: ["DN20 mechanical"], charges: true, tariff: "Residential tiers",
                                        channels: [.cash, .bankTransfer]), audit: fixture.audit)
        try store.add(CustomerTypeDraft(name: "Prepaid homes", waterNature: .residential, businessMode: .systemPrepaid,
                                        meterTypes: ["DN20 mechanical"], charges: true, tariff: "Balance water",
                                        channels: [.wechat]), audit: fixture.audit)
        for type in try store.all() {
            let byID = try store.withID(type.id)
            XCTAssertEqual(byID.name, type.name)
            XCTAssertEqual(byID.channels, type.channels)
            XCTAssertEqual(byID.meterTypes, type.meterTypes)
            XCTAssertEqual(byID.tariff, type.tariff)
            XCTAssertEqual(byID.businessMode, type.businessMode)
        }
        XCTAssertEqual(try store.withID(try store.named("prepaid homes").id).channels, [.wechat])
        XCTAssertThrowsError(try store.withID(999)) { error in
            XCTAssertEqual(error as? CatalogueError, .notFound(entity: "customer type", name: "#999", suggestion: nil))
        }
    }
}
