import WaterBilling
import XCTest
import WBillSupport

/// `AlarmDesk` and `ValveQueue` as other operations (readings, remote imports) will call them:
/// meter alarms, events without a value, de-duplication per kind, account and meter.
final class AlarmDeskTests: XCTestCase {
    var fixture: CustomerFixture!
    var desk: AlarmDesk!

    override func setUpWithError() throws {
        fixture = try CustomerFixture()
        try fixture.open(meters: ["WM-1", "WM-2"])
        desk = AlarmDesk(database: fixture.database)
    }

    override func tearDown() {
        desk = nil
        fixture = nil
    }

    func meterID(_ serial: String) throws -> Int64 {
        try MeterStore(database: fixture.database).find(serial).id
    }

    func raised(_ raising: AlarmRaising, file: StaticString = #filePath, line: UInt = #line) -> Int64? {
        guard case .raised(let alarm) = raising else {
            XCTFail("expected a new alarm, got \(raising)", file: file, line: line)
            return nil
        }
        return alarm.id
    }

    func testTheSameConditionRaisesOneAlarmUntilItIsClosed() throws {
        let one = try meterID("WM-1")
        let two = try meterID("WM-2")
        let first = raised(try desk.raise(.highConsumption, accountID: 1, meterID: one, value: 450, threshold: 300, cause: "reading 7",
                                          audit: fixture.audit))
        let alarm = try AlarmStore(database: fixture.database).find(try XCTUnwrap(first))
        XCTAssertEqual(alarm.subject, "meter WM-1 on account \(alarm.accountNumber ?? "")")
        XCTAssertEqual(alarm.value?.text, "450")
        XCTAssertEqual(alarm.unit, "%")
        // The same kind, account and meter: the active alarm, nothing written.
        XCTAssertEqual(try desk.raise(.highConsumption, accountID: 1, meterID: one, value: 900, threshold: 300, cause: "reading 8",
                                      audit: fixture.audit), .alreadyActive(alarm))
        // Another meter, another kind, or the meter alone are other conditions.
        XCTAssertNotNil(raised(try desk.raise(.highConsumption, accountID: 1, meterID: two, value: 400, threshold: 300, cause: "", audit: fixture.audit)))
        XCTAssertNotNil(raised(try desk.raise(.zeroConsumption, accountID: 1, meterID: one, value: 31, threshold: 30, cause: "", audit: fixture.audit)))
        XCTAssertNotNil(raised(try desk.raise(.highConsumption, accountID: nil, meterID: one, value: 400, threshold: 300, cause: "", audit: fixture.audit)))
        XCTAssertEqual(try fixture.count("alarms"), 4)

        // Acknowledged is still active; closed is not.
        _ = try fixture.database.writeTransaction { try desk.acknowledge([alarm.id], audit: fixture.audit) }
        XCTAssertEqual(try fixture.count("alarms"), 4)
        guard case .alreadyActive = try desk.raise(.highConsumption, accountID: 1, meterID: one, value: 1, threshold: 300, cause: "",
                                                   audit: fixture.audit) else { return XCTFail("an acknowledged alarm is active") }
        _ = try fixture.database.writeTransaction { try desk.close([alarm.id], audit: fixture.audit) }
        XCTAssertNotNil(raised(try desk.raise(.highConsumption, accountID: 1, meterID: one, value: 500, threshold: 300, cause: "",
                                              audit: fixture.audit)))
    }

    func testEventsHaveNoValueAndSwitchedOffKindsWriteNothing() throws {
        let one = try meterID("WM-1")
        let id = try XCTUnwrap(raised(try desk.raise(.tamper, accountID: nil, meterID: one, value: nil, threshold: nil,
                                                     cause: "remote file line 3", audit: fixture.audit)))
        let alarm = try AlarmStore(database: fixture.database).find(id)
        XCTAssertNil(alarm.value)
        XCTAssertNil(alarm.unit)
        XCTAssertEqual(alarm.subject, "meter WM-1")

        try AlarmOptions(database: fixture.database).set(.lowBattery, threshold: nil, enabled: false, audit: fixture.audit)
        XCTAssertEqual(try desk.raise(.lowBattery, accountID: nil, meterID: one, value: nil, threshold: nil, cause: "", audit: fixture.audit),
                       .disabled)
        XCTAssertEqual(try fixture.count("alarms"), 1)
    }

    func testTheSchemaKeepsOneActiveAlarmPerConditionForWritersAroundTheDesk() throws {
        let insert = "INSERT INTO alarms (kind, meter_id, raised_at, raised_by) VALUES ('tamper', 1, 'x', 'y')"
        try fixture.database.run(insert)
        XCTAssertThrowsError(try fixture.database.run(insert))
        try fixture.database.run("UPDATE alarms SET state = 'closed', closed_at = 'x', closed_by = 'y'")
        XCTAssertNoThrow(try fixture.database.run(insert))
    }

    func testTheValveQueueQueuesOnlyWhatChangesWhatTheValveWasLastTold() throws {
        let queue = ValveQueue(database: fixture.database)
        let one = try meterID("WM-1")
        XCTAssertNil(try queue.queue(.open, meterID: one, account: nil, balance: nil, entryID: nil, audit: fixture.audit),
                     "a valve never told to close is open")
        XCTAssertEqual(try queue.queue(.close, meterID: one, account: nil, balance: nil, entryID: nil, audit: fixture.audit)?.action, .close)
        XCTAssertNil(try queue.queue(.close, meterID: one, account: nil, balance: nil, entryID: nil, audit: fixture.audit))
        _ = try queue.acknowledge([1], audit: fixture.audit)
        XCTAssertNil(try queue.queue(.close, meterID: one, account: nil, balance: nil, entryID: nil, audit: fixture.audit),
                     "acknowledged or not, the valve was last told to close")
        XCTAssertEqual(try queue.queue(.open, meterID: one, account: nil, balance: nil, entryID: nil, audit: fixture.audit)?.action, .open)
        XCTAssertEqual(try queue.lastAction(of: one), .open)
        XCTAssertEqual(try fixture.count("valve_commands"), 2)
    }

    func testAnOptionsValueReadsEachKindOnceAndKeepsWhatItSets() throws {
        // One value serves one operation (a run of deductions): the settings are read once...
        let options = AlarmOptions(database: fixture.database)
        XCTAssertEqual(try options.option(.lowBalance).threshold?.amount, 1000)
        try UtilitySettings(database: fixture.database).set("low_balance_threshold", to: "2500")
        XCTAssertEqual(try options.option(.lowBalance).threshold?.amount, 1000)
        // ... a new value reads them again, and what a value sets it keeps.
        XCTAssertEqual(try AlarmOptions(database: fixture.database).option(.lowBalance).threshold?.amount, 2500)
        try options.set(.lowBalance, threshold: "30.00", enabled: false, audit: fixture.audit)
        XCTAssertEqual(try options.option(.lowBalance).threshold?.amount, 3000)
        XCTAssertEqual(try options.option(.lowBalance).enabled, false)
    }

    func testTheLowBalanceDefaultIsTenInTheCurrencysMainUnit() throws {
        for (currency, minorUnits, text) in [(Currency.cny, Int64(1000), "10.00"), (.jpy, 10, "10"), (.kwd, 10_000, "10.000")] {
            let database = try TestDatabase(currency: currency)
            let option = try AlarmOptions(database: database.database).option(.lowBalance)
            XCTAssertEqual(option.threshold?.amount, minorUnits)
            XCTAssertEqual(option.threshold?.text, text)
            XCTAssertEqual(option.unit, currency.code)
        }
    }
}
