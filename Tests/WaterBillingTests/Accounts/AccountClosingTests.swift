import WaterBilling
import XCTest
import WBillSupport

final class AccountClosingTests: XCTestCase {
    private func close(_ fixture: CustomerFixture, _ number: String, _ readings: [(String, String)],
                       state: MeterState = .inStock) throws -> ClosedAccount {
        try fixture.database.writeTransaction {
            try AccountClosing(database: fixture.database).close(
                ClosingRequest(accountNumber: number, readings: readings.map { (serial: $0.0, value: $0.1) }, meterState: state),
                audit: fixture.audit)
        }
    }

    func testClosingTakesFinalReadingsAndReturnsTheMeters() throws {
        let fixture = try CustomerFixture()
        let opened = try fixture.open(CustomerFixture.postpaid, meters: ["WM-1", "WM-2"])
        let closed = try close(fixture, opened.account.number, [("wm-2", "20"), ("WM-1", "1.5")], state: .removed)
        XCTAssertEqual(closed.account.status, .closed)
        XCTAssertEqual(closed.readings.map { "\($0.serial) \($0.value) \($0.source.rawValue)" }, ["WM-1 1.500 final", "WM-2 20.000 final"])
        let meters = MeterStore(database: fixture.database)
        XCTAssertEqual(try meters.find("WM-1").state, .removed)
        XCTAssertEqual(try meters.history(of: meters.find("WM-2")).last?.detail, "account AC00000001 closed; final reading 20.000")
        XCTAssertEqual(try AccountStore(database: fixture.database).installedMeters(of: closed.account), [])
        XCTAssertThrowsEqual(try close(fixture, opened.account.number, []),
                             CustomerError.alreadyClosed(account: "AC00000001", closedAt: fixture.time.description))
        // A meter back in stock starts from its final reading on the next account.
        let again = try fixture.open(CustomerFixture.postpaid, meters: ["WM-3"], customer: CustomerFixture.resident("Li Lei"))
        _ = try close(fixture, again.account.number, [("WM-3", "7")])
        let next = try fixture.open(CustomerFixture.postpaid, meters: ["WM-3"], customer: CustomerFixture.resident("Zhao"))
        XCTAssertThrowsEqual(try close(fixture, next.account.number, [("WM-3", "6.999")]), CustomerError.invalidReadings([
            ReadingProblem(serial: "WM-3", value: "6.999", reason: "below its last reading 7.000 at \(fixture.time.description)")]))
    }

    func testReadingsAreRequiredAndChecked() throws {
        let fixture = try CustomerFixture()
        let number = try fixture.open(CustomerFixture.postpaid, meters: ["WM-1", "WM-2"]).account.number
        XCTAssertThrowsEqual(try close(fixture, number, [("WM-1", "2")]), CustomerError.missingReadings(account: number, serials: ["WM-2"], unit: .cubicMetres))
        XCTAssertEqual(CustomerError.missingReadings(account: number, serials: ["WM-2"], unit: .cubicMetres).failureKind, .usage)
        XCTAssertThrowsEqual(try close(fixture, number, [("WM-1", "2"), ("WM-2", "2"), ("WM-3", "2")]),
                             CustomerError.meterNotOnAccount(serial: "WM-3", account: number, installed: ["WM-1", "WM-2"]))
        XCTAssertEqual(CustomerError.meterNotOnAccount(serial: "WM-3", account: number, installed: ["WM-1", "WM-2"]).description,
                       "meter WM-3 is not on account \(number); its meters are WM-1, WM-2")
        XCTAssertEqual(CustomerError.meterNotOnAccount(serial: "WM-3", account: number, installed: []).description,
                       "meter WM-3 is not on account \(number); it has no meters")
        XCTAssertEqual(CustomerError.missingReadings(account: number, serials: ["WM-1", "WM-2"], unit: .cubicMetres).description,
                       "closing account \(number) needs a final reading of each meter on it: WM-1, WM-2")
        XCTAssertThrowsEqual(try close(fixture, number, [("WM-1", "1.499"), ("WM-2", "100000"), ("WM-2", "1.2345")]), CustomerError.invalidReadings([
            ReadingProblem(serial: "WM-2", value: "1.2345", reason: "a second reading of the same meter"),
            ReadingProblem(serial: "WM-1", value: "1.499", reason: "below its initial reading 1.500"),
            ReadingProblem(serial: "WM-2", value: "1.2345", reason: "a reading has at most 3 decimals (one litre)"),
        ]))
        XCTAssertThrowsEqual(try close(fixture, number, [("WM-1", "abc"), ("WM-2", "100000")]), CustomerError.invalidReadings([
            ReadingProblem(serial: "WM-1", value: "abc", reason: "expected a reading in m³ such as 1234.5"),
            ReadingProblem(serial: "WM-2", value: "100000", reason: "more than its 5-digit register shows (at most 99999.999)"),
        ]))
        XCTAssertEqual(try fixture.count("meter_readings"), 0)
        XCTAssertEqual(try AccountStore(database: fixture.database).find(number).status, .open)
    }

    func testMoneyOwedOrHeldKeepsTheAccountOpen() throws {
        let fixture = try CustomerFixture()
        let number = try fixture.open(meters: ["WM-1"]).account.number
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: number, amount: "12.30", channel: .cash))
        let balance = try Money(parsing: "12.30", currency: .cny)
        XCTAssertThrowsEqual(try close(fixture, number, [("WM-1", "1.5")]),
                             CustomerError.closeWithBalance(account: number, balance: balance, cardMeter: false))
        XCTAssertEqual(CustomerError.closeWithBalance(account: number, balance: balance, cardMeter: false).description,
                       "account \(number) has a balance of 12.30 CNY; it can be closed once that is refunded")
        try fixture.perform(MoneyRequest(action: .refund, accountNumber: number, amount: "12.30", channel: .cash))
        XCTAssertEqual(try close(fixture, number, [("WM-1", "1.5")]).account.status, .closed)
    }

    func testASystemPrepaidBalanceIsJudgedAfterTheFinalReadingsAreDeducted() throws {
        let fixture = try CustomerFixture()
        let number = try fixture.open(meters: ["WM-1"]).account.number
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: number, amount: "12.30", channel: .cash))
        // 1.5 → 2: 0.5 m³ at 3.00 costs 1.50, leaving 10.80 to refund; 1.5 → 6: 13.50, 1.20 short.
        XCTAssertThrowsEqual(try close(fixture, number, [("WM-1", "2")]),
                             CustomerError.closeWithBalance(account: number, balance: try Money(parsing: "10.80", currency: .cny), cardMeter: false))
        XCTAssertThrowsEqual(try close(fixture, number, [("WM-1", "6")]),
                             CustomerError.closeWhileOwing(account: number, owed: try Money(parsing: "1.20", currency: .cny)))
        XCTAssertEqual(try fixture.count("meter_readings"), 0)
        try fixture.perform(MoneyRequest(action: .refund, accountNumber: number, amount: "10.80", channel: .cash))
        XCTAssertEqual(try close(fixture, number, [("WM-1", "2")]).account.status, .closed)
        XCTAssertEqual(try Ledger(database: fixture.database).balance(of: AccountStore(database: fixture.database).find(number)).minorUnits, 0)
    }
}
