import WaterBilling
import XCTest
import WBillSupport

final class AccountTransferTests: XCTestCase {
    private func transfer(_ fixture: CustomerFixture, _ number: String, to holder: TransferRequest.NewHolder,
                          date: CivilDate? = nil) throws -> TransferResult {
        try fixture.database.writeTransaction {
            try AccountTransfer(database: fixture.database).transfer(
                TransferRequest(accountNumber: number, newHolder: holder, date: date ?? fixture.time.date), audit: fixture.audit)
        }
    }

    func testTheNewHolderTakesOverFromTheDateAndThePreviousOneStaysInTheHistory() throws {
        let fixture = try CustomerFixture()
        let opened = try fixture.open(meters: ["WM-1"])
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: opened.account.number, amount: "40", channel: .cash))
        let opening = fixture.time.date
        fixture.advance(days: 10)
        let done = try transfer(fixture, opened.account.number, to: .newCustomer(CustomerFixture.resident("Li Lei")),
                                date: opening.adding(days: 7))
        XCTAssertTrue(done.holderIsNew)
        XCTAssertEqual(done.previous.id, opened.customer.id)
        XCTAssertEqual(done.account.holderName, "Li Lei")
        XCTAssertEqual(done.balance.description, "40.00")  // a prepaid balance carries over
        let holders = try AccountStore(database: fixture.database).holders(of: done.account)
        XCTAssertEqual(holders.map { "\($0.customerName) \($0.fromDate)..\($0.toDate ?? "")" },
                       ["Wang Fang \(opening)..\(opening.adding(days: 7))", "Li Lei \(opening.adding(days: 7))..\("")"])
        // And back to an existing customer.
        fixture.advance(days: 1)
        let back = try transfer(fixture, opened.account.number, to: .existing(opened.customer.id))
        XCTAssertFalse(back.holderIsNew)
        XCTAssertEqual(back.account.holderID, opened.customer.id)
        XCTAssertEqual(try fixture.count("customers"), 2)
    }

    func testTransfersThatCannotBeMade() throws {
        let fixture = try CustomerFixture()
        let opened = try fixture.open(meters: ["WM-1"])
        let number = opened.account.number
        let today = fixture.time.date
        XCTAssertThrowsEqual(try transfer(fixture, number, to: .existing(opened.customer.id), date: today),
                             CustomerError.transferDateNotAfterHolding(holder: "Wang Fang", account: number, since: today.description))
        XCTAssertEqual(CustomerError.transferDateNotAfterHolding(holder: "Wang Fang", account: number, since: today.description).description,
                       "Wang Fang has held account \(number) since \(today); the transfer date must be after that")
        fixture.advance(days: 1)
        XCTAssertThrowsEqual(try transfer(fixture, number, to: .existing(opened.customer.id)),
                             CustomerError.alreadyHolder(customer: opened.customer.id, name: "Wang Fang", account: number))
        XCTAssertEqual(CustomerError.alreadyHolder(customer: opened.customer.id, name: "Wang Fang", account: number).description,
                       "customer \(opened.customer.id) (Wang Fang) already holds account \(number)")
        XCTAssertThrowsEqual(try transfer(fixture, number, to: .existing(42)), CustomerError.notFound(42))
        XCTAssertThrowsEqual(try transfer(fixture, number, to: .existing(1), date: fixture.time.date.adding(days: 1)),
                             CustomerError.transferDateInFuture(fixture.time.date.adding(days: 1)))
        XCTAssertThrowsEqual(try transfer(fixture, number, to: .newCustomer(CustomerDraft([.name: "Li Lei"]))),
                             CustomerError.invalidInformation([.idNumber, .phone, .address, .persons].map {
                                 CustomerFieldProblem(field: $0, value: "", reason: "required for residential customers")
                             }))
        XCTAssertEqual(try fixture.count("account_holders"), 1)
    }
}
