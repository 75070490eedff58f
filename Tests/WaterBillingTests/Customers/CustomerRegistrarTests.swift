import WaterBilling
import XCTest
import WBillSupport

final class CustomerRegistrarTests: XCTestCase {
    func testOpeningInstallsTheMetersAndOpensTheAccountByBusinessMode() throws {
        let fixture = try CustomerFixture()
        let opened = try fixture.open(CustomerFixture.postpaid, meters: ["wm-1", " WM-2 "])
        XCTAssertEqual(opened.account.number, "AC00000001")
        XCTAssertEqual(opened.account.businessMode, .postpaid)
        XCTAssertFalse(opened.account.isPrepaid)
        XCTAssertEqual(opened.account.status, .open)
        XCTAssertEqual(opened.account.holderName, "Wang Fang")
        XCTAssertEqual(opened.meters.map(\.serial), ["WM-1", "WM-2"])
        XCTAssertEqual(opened.meters.map(\.state), [.installed, .installed])
        let stored = try opened.meters.map { try MeterStore(database: fixture.database).find($0.serial) }
        XCTAssertEqual(opened.meters, stored, "the meters returned are the meters as stored")
        XCTAssertEqual(opened.account, try AccountStore(database: fixture.database).find("AC00000001"),
                       "the account returned is the account as stored")
        let second = try fixture.open(CustomerFixture.card, meters: ["IC-1"], customer: CustomerFixture.resident("Li Lei"))
        XCTAssertEqual(second.account.number, "AC00000002")
        XCTAssertTrue(second.account.isCardMeter)
        let history = try MeterStore(database: fixture.database).history(of: opened.meters[0])
        XCTAssertEqual(history.last?.event, "installed")
        XCTAssertEqual(history.last?.detail, "account AC00000001")
        let actions = try AuditTrail.entries(in: fixture.database, matching: AuditFilter()).suffix(7).map { "\($0.entity) \($0.action)" }
        XCTAssertEqual(Array(actions.prefix(4)), ["customer create", "meter install", "meter install", "account open"])
        let holders = try AccountStore(database: fixture.database).holders(of: opened.account)
        XCTAssertEqual(holders.map(\.fromDate), [fixture.time.date.description])
    }

    func testEveryMeterProblemIsListedAndNothingIsWritten() throws {
        let fixture = try CustomerFixture()
        try fixture.open(meters: ["WM-1"])
        try fixture.database.writeTransaction {
            _ = try MeterStore(database: fixture.database).edit("WM-3", { var c = MeterChanges(); c.state = .faulty; return c }(), audit: fixture.audit)
        }
        let before = try fixture.count("customers")
        XCTAssertThrowsEqual(try fixture.open(meters: ["WM-1", "IC-2", "WM-3", "nope", "WM-2", "wm-2", "a b"]), CustomerError.meterProblems([
            RegistrationProblem(field: "meter", value: "WM-1", reason: "is not in stock: it is installed on account AC00000001", failureKind: .refused),
            RegistrationProblem(field: "meter", value: "IC-2", reason: "is of meter type 'IC card DN15'; customer type 'Prepaid homes' allows 'DN20 mechanical'", failureKind: .refused),
            RegistrationProblem(field: "meter", value: "WM-3", reason: "is not in stock: it is marked faulty", failureKind: .refused),
            RegistrationProblem(field: "meter", value: "nope", reason: "no such meter", failureKind: .refused, cause: .unknownMeter),
            RegistrationProblem(field: "meter", value: "wm-2", reason: "given twice", failureKind: .badInput),
            RegistrationProblem(field: "meter", value: "a b", reason: "letters A-Z, digits and - _ . / only", failureKind: .badInput),
        ]))
        XCTAssertEqual(try fixture.count("customers"), before)
        XCTAssertEqual(try MeterStore(database: fixture.database).find("WM-2").state, .inStock)
        XCTAssertEqual(CustomerError.meterProblems([RegistrationProblem(field: "meter", value: "X", reason: "r", failureKind: .refused)]).failureKind, .refused)
    }

    func testBadBasicInformationAndUnknownTypesAreRefused() throws {
        let fixture = try CustomerFixture()
        XCTAssertThrowsEqual(try fixture.open(meters: ["WM-1"], customer: CustomerFixture.resident(persons: "0")),
                             CustomerError.invalidInformation([CustomerFieldProblem(field: .persons, value: "0", reason: "a whole number of persons, 1 to 999")]))
        XCTAssertThrowsEqual(try fixture.open("Residental", meters: ["WM-1"]),
                             CatalogueError.notFound(entity: "customer type", name: "Residental", suggestion: "Residential"))
        XCTAssertEqual(try fixture.count("accounts"), 0)
    }

    func testEligibleMetersAreInStockAndOfAnAllowedType() throws {
        let fixture = try CustomerFixture(meters: 3)
        try fixture.open(meters: ["WM-2"])
        let type = try CustomerTypeStore(database: fixture.database).named(CustomerFixture.postpaid)
        let registrar = CustomerRegistrar(database: fixture.database)
        XCTAssertEqual(try registrar.eligibleMeters(for: type).map(\.serial), ["WM-1", "WM-3"])
        XCTAssertEqual(try registrar.eligibleMeters(for: type, limit: 1).map(\.serial), ["WM-1"])
        XCTAssertEqual(try registrar.eligibleMeterCount(for: type), 2)
    }

    func testACustomerTypeBoundToAnAccountCanBeNeitherEditedNorDeleted() throws {
        // Rule 5: the lock is the customer-types store's, and opening the first account engages it.
        let fixture = try CustomerFixture()
        let store = CustomerTypeStore(database: fixture.database)
        var changes = CustomerTypeChanges()
        changes.channels = [.cash]
        XCTAssertNoThrow(try store.edit(CustomerFixture.shops, changes, audit: fixture.audit))
        try fixture.open(CustomerFixture.shops, meters: ["WM-1"],
                         customer: CustomerDraft([.name: "Corner Store", .taxNumber: "91110000", .contact: "Mr Qian", .phone: "010 1234", .address: "Market St 5"]))
        XCTAssertThrowsEqual(try store.edit(CustomerFixture.shops, changes, audit: fixture.audit),
                             CatalogueError.customerTypeBound(name: "Shops", accounts: 1, deleting: false))
        XCTAssertThrowsEqual(try store.delete(CustomerFixture.shops, audit: fixture.audit),
                             CatalogueError.customerTypeBound(name: "Shops", accounts: 1, deleting: true))
        XCTAssertEqual(CatalogueError.customerTypeBound(name: "Shops", accounts: 1, deleting: true).description,
                       "customer type 'Shops' is bound to 1 account and can no longer be deleted")
        XCTAssertNoThrow(try store.delete(CustomerFixture.free, audit: fixture.audit))
    }

    func testAccountNumbersFollowTheSettings() throws {
        let fixture = try CustomerFixture()
        XCTAssertEqual(try AccountNumbering.current(in: fixture.database), try AccountNumbering(prefix: "AC", digits: 8))
        try fixture.database.writeTransaction { try AccountNumbering(prefix: "w-", digits: 4).store(in: fixture.database) }
        XCTAssertEqual(try fixture.open(meters: ["WM-1"]).account.number, "W-0001")
        XCTAssertEqual(try AccountNumbering(prefix: "AC", digits: 4).number(123_456), "AC123456")
        XCTAssertThrowsEqual(try AccountNumbering(prefix: "A1", digits: 8),
                             AccountError.invalidAccountPrefix("A1"))
        XCTAssertEqual(AccountError.invalidAccountPrefix("A1").description, "an account prefix is at most 8 letters A-Z or '-' (got 'A1')")
        XCTAssertThrowsEqual(try AccountNumbering(prefix: "AC", digits: 3),
                             AccountError.invalidAccountDigits(3))
        XCTAssertEqual(AccountError.invalidAccountDigits(3).description, "account numbers have 4 to 12 digits (got 3)")
        XCTAssertEqual(try AccountStore(database: fixture.database).find(" w-0001").number, "W-0001")
    }
}
