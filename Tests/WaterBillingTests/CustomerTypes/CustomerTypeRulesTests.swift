import XCTest
@testable import WaterBilling
@testable import WBillSupport

/// DOMAIN.md rules 1–5, case by case.
final class CustomerTypeRulesTests: XCTestCase {
    var fixture: TestDatabase!
    var store: CustomerTypeStore!

    override func setUpWithError() throws {
        fixture = try TestDatabase()
        try fixture.addStandardMeterTypes()
        try fixture.addTariffRow("Residential tiers", kind: "postpaid")
        try fixture.addTariffRow("Card water", kind: "meter-prepaid")
        try fixture.addTariffRow("Balance water", kind: "system-prepaid")
        store = CustomerTypeStore(database: fixture.database)
    }

    func draft(_ mode: BusinessMode, meter: String, tariff: String?, channels: [PaymentChannel] = [.cash],
               charges: Bool = true) -> CustomerTypeDraft {
        CustomerTypeDraft(name: "T", waterNature: .residential, businessMode: mode, meterTypes: [meter], charges: charges,
                          tariff: tariff, channels: channels)
    }

    func message(_ draft: CustomerTypeDraft) -> String? {
        do {
            try store.add(draft, audit: fixture.audit)
            return nil
        } catch {
            return (error as? CatalogueError)?.description ?? "\(error)"
        }
    }

    // Rules 1 and 2: every business mode with each meter payment model and each tariff kind.
    func testTheBusinessModeTable() throws {
        let meters = [("DN20 mechanical", PaymentModel.postpaid), ("IC card DN15", .prepaid)]
        let tariffs = [("Residential tiers", "postpaid"), ("Card water", "meter-prepaid"), ("Balance water", "system-prepaid")]
        for mode in BusinessMode.allCases {
            for (meter, model) in meters {
                for (tariff, kind) in tariffs {
                    let result = message(draft(mode, meter: meter, tariff: tariff))
                    let meterOK = model == mode.requiredPaymentModel
                    let tariffOK = kind == mode.rawValue
                    if meterOK && tariffOK {
                        XCTAssertNil(result, "\(mode) + \(meter) + \(tariff)")
                        try store.delete("T", audit: fixture.audit)
                    } else if !meterOK {
                        XCTAssertEqual(result?.hasPrefix("meter type '\(meter)' is \(model.rawValue), but business mode \(mode.rawValue) needs \(mode.requiredPaymentModel.rawValue) meter types"), true, result ?? "accepted")
                    } else {
                        XCTAssertEqual(result, "tariff '\(tariff)' is a \(kind) tariff, but business mode \(mode.rawValue) needs a \(mode.rawValue) tariff")
                    }
                }
            }
        }
        XCTAssertEqual(try fixture.count("customer_types"), 0, "refusals store nothing")
    }

    func testTheMeterMessageSaysWhatWouldBeRight() {
        XCTAssertEqual(message(draft(.postpaid, meter: "IC card DN15", tariff: "Residential tiers")),
                       "meter type 'IC card DN15' is prepaid, but business mode postpaid needs postpaid meter types; choose a postpaid meter type, or business mode meter-prepaid for this one")
        XCTAssertEqual(message(draft(.meterPrepaid, meter: "DN20 mechanical", tariff: "Card water")),
                       "meter type 'DN20 mechanical' is postpaid, but business mode meter-prepaid needs prepaid meter types; choose a prepaid meter type, or business mode system-prepaid or postpaid for this one")
    }

    // Rule 1: the tariff must exist.
    func testAnUnknownTariff() {
        XCTAssertEqual(message(draft(.postpaid, meter: "DN20 mechanical", tariff: "Residental tiers")),
                       "no tariff named 'Residental tiers'; did you mean 'Residential tiers'?")
        XCTAssertEqual(message(draft(.postpaid, meter: "DN20 mechanical", tariff: "Commercial")),
                       "no tariff named 'Commercial'")
    }

    // Rule 3 is stored as given; rule 4: charging needs a tariff and a channel, not charging takes neither.
    func testChargingRules() throws {
        XCTAssertEqual(message(draft(.postpaid, meter: "DN20 mechanical", tariff: nil)),
                       "a customer type that charges needs a tariff of kind postpaid")
        XCTAssertEqual(message(draft(.postpaid, meter: "DN20 mechanical", tariff: "Residential tiers", channels: [])),
                       "a customer type that charges needs at least one payment channel (one of cash, bank-transfer, bank-collection, wechat, alipay, unionpay-pos)")
        XCTAssertEqual(message(draft(.postpaid, meter: "DN20 mechanical", tariff: "Residential tiers", charges: false)),
                       "a customer type that does not charge bills nothing, so it takes no tariff and no payment channels")
        var statistical = draft(.postpaid, meter: "DN20 mechanical", tariff: nil, channels: [], charges: false)
        statistical.countsConsumption = false
        XCTAssertNil(message(statistical))
        let stored = try store.named("t")
        XCTAssertFalse(stored.countsConsumption)
        XCTAssertFalse(stored.charges)
        XCTAssertNil(stored.tariff)
    }

    func testAtLeastOneMeterType() {
        var empty = draft(.postpaid, meter: "DN20 mechanical", tariff: "Residential tiers")
        empty.meterTypes = []
        XCTAssertEqual(message(empty), "a customer type needs at least one meter type; business mode postpaid takes postpaid meter types")
    }

    // Rule 5: bound to an account, a type can be neither modified nor deleted.
    func testTheAccountLock() throws {
        let type = try store.add(draft(.postpaid, meter: "DN20 mechanical", tariff: "Residential tiers"), audit: fixture.audit)
        var renamed = CustomerTypeChanges()
        renamed.name = "Renamed"
        XCTAssertNoThrow(try store.edit("T", renamed, audit: fixture.audit))
        try fixture.database.run("""
            INSERT INTO accounts (number, customer_type_id, business_mode, currency, minor_unit, opened_at, opened_by)
            VALUES ('AC1', ?, 'postpaid', 'CNY', 2, 'x', 'tester')
            """, [type.id])
        XCTAssertThrowsError(try store.edit("Renamed", CustomerTypeChanges(), audit: fixture.audit)) { error in
            XCTAssertEqual((error as? CatalogueError)?.description, "customer type 'Renamed' is bound to 1 account and can no longer be modified")
        }
        XCTAssertThrowsError(try store.delete("Renamed", audit: fixture.audit)) { error in
            XCTAssertEqual((error as? CatalogueError)?.description, "customer type 'Renamed' is bound to 1 account and can no longer be deleted")
        }
        XCTAssertEqual(try store.named("renamed").name, "Renamed")
    }

    func testATypeThatStopsChargingDropsItsTariffAndChannelsUnlessTheChangeNamesThem() throws {
        let type = try store.add(draft(.postpaid, meter: "DN20 mechanical", tariff: "Residential tiers"), audit: fixture.audit)
        var stop = CustomerTypeChanges()
        stop.charges = false
        let free = stop.applied(to: type)
        XCTAssertEqual([free.charges ? "charges" : "free", free.tariff ?? "no tariff", "\(free.channels.count) channels"],
                       ["free", "no tariff", "0 channels"])
        stop.tariff = "Residential tiers"
        XCTAssertEqual(stop.applied(to: type).tariff, "Residential tiers", "named in the same change: kept, for the rules to refuse")
        var rename = CustomerTypeChanges()
        rename.name = "Renamed"
        XCTAssertEqual(rename.applied(to: type).tariff, type.tariff, "a change that does not touch charging keeps them")
    }
}
