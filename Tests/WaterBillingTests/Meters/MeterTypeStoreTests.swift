import XCTest
@testable import WaterBilling
@testable import WBillSupport

final class MeterTypeStoreTests: XCTestCase {
    var fixture: TestDatabase!
    var store: MeterTypeStore!

    override func setUpWithError() throws {
        fixture = try TestDatabase()
        try fixture.addStandardMeterTypes()
        store = MeterTypeStore(database: fixture.database)
    }

    func testAddDefaultsAndAudit() throws {
        let type = try store.named("ic CARD dn15")
        XCTAssertEqual(type.readingMethod, .card)
        XCTAssertEqual(type.registerDigits, 5)
        XCTAssertEqual(type.registerCapacityLitres, 99_999_999)
        XCTAssertEqual(try fixture.database.scalarInt("SELECT count(*) FROM audit_log WHERE entity = 'meter-type'"), 2)
    }

    func testNamesAreUniqueIgnoringCase() {
        XCTAssertThrowsError(try store.add(MeterTypeDraft(name: " dn20 MECHANICAL ", kind: .mechanical, paymentModel: .postpaid,
                                                          calibers: [20]), audit: fixture.audit)) { error in
            XCTAssertEqual(error as? CatalogueError, .alreadyExists(entity: "meter type", name: "dn20 MECHANICAL"))
        }
    }

    func testInvalidFields() {
        XCTAssertThrowsError(try store.add(MeterTypeDraft(name: "X", kind: .remote, paymentModel: .postpaid, calibers: []),
                                           audit: fixture.audit))
        XCTAssertThrowsError(try store.add(MeterTypeDraft(name: "X", kind: .remote, paymentModel: .postpaid, calibers: [20],
                                                          registerDigits: 2), audit: fixture.audit)) { error in
            XCTAssertEqual((error as? CatalogueError)?.description, "invalid register digits '2': expected 3 to 12 whole-m³ digits")
        }
    }

    func testFieldsLockOnceMetersExist() throws {
        var changes = MeterTypeChanges()
        changes.kind = .ultrasonic
        XCTAssertNoThrow(try store.edit("DN20 mechanical", changes, audit: fixture.audit), "no meters yet")
        try MeterStore(database: fixture.database).add(MeterDraft(serial: "WM-1", typeName: "DN20 mechanical", caliber: "20"),
                                                       audit: fixture.audit)
        changes.kind = .mechanical
        XCTAssertThrowsError(try store.edit("DN20 mechanical", changes, audit: fixture.audit)) { error in
            XCTAssertEqual((error as? CatalogueError)?.description,
                           "meter type 'DN20 mechanical' has 1 meter; its kind can no longer change")
        }
        var calibers = MeterTypeChanges()
        calibers.calibers = [20]
        XCTAssertThrowsError(try store.edit("DN20 mechanical", calibers, audit: fixture.audit))
        calibers.calibers = [15, 20, 25]
        calibers.name = "DN15-25 mechanical"
        let edited = try store.edit("DN20 mechanical", calibers, audit: fixture.audit)
        XCTAssertEqual(edited.calibers, [15, 20, 25])
        XCTAssertEqual(try store.named("DN15-25 mechanical").id, edited.id)
    }

    func testDeleteIsRefusedWhileInUse() throws {
        try MeterStore(database: fixture.database).add(MeterDraft(serial: "IC-1", typeName: "IC card DN15"), audit: fixture.audit)
        XCTAssertThrowsError(try store.delete("IC card DN15", audit: fixture.audit)) { error in
            XCTAssertEqual((error as? CatalogueError)?.description, "meter type 'IC card DN15' is in use by 1 meter")
        }
        try store.delete("DN20 mechanical", audit: fixture.audit)
        XCTAssertThrowsError(try store.named("DN20 mechanical"))
    }
}
