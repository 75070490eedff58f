import WaterBilling
import XCTest
import WBillSupport

final class LedgerTests: XCTestCase {
    func testTheLedgerIsAppendOnly() throws {
        let fixture = try CustomerFixture()
        let number = try fixture.open(meters: ["WM-1"]).account.number
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: number, amount: "5", channel: .cash))
        for sql in ["UPDATE ledger_entries SET amount = 1", "DELETE FROM ledger_entries"] {
            XCTAssertThrowsError(try fixture.database.run(sql)) { error in
                XCTAssertTrue("\(error)".contains("the ledger is append-only"), "\(error)")
            }
        }
    }

    func testEachKindHasItsSign() throws {
        let fixture = try CustomerFixture()
        let account = try fixture.open(meters: ["WM-1"]).account
        let ledger = Ledger(database: fixture.database)
        let five = try Money(parsing: "5", currency: .cny)
        XCTAssertThrowsEqual(try ledger.append(LedgerPosting(kind: .billCharge, amount: five), to: account, audit: fixture.audit),
                             AccountError.invalidAmount("5.00", reason: "a bill-charge must be negative in the ledger"))
        XCTAssertThrowsEqual(try ledger.append(LedgerPosting(kind: .payment, amount: try five.negated()), to: account, audit: fixture.audit),
                             AccountError.invalidAmount("-5.00", reason: "a payment must be positive in the ledger"))
        XCTAssertThrowsEqual(try ledger.append(LedgerPosting(kind: .adjustment, amount: .zero(.cny), reason: "x"), to: account, audit: fixture.audit),
                             AccountError.invalidAmount("0.00", reason: "a adjustment must be non-zero in the ledger"))
        XCTAssertThrowsEqual(try ledger.append(LedgerPosting(kind: .payment, amount: Money(minorUnits: 5, currency: .usd)), to: account, audit: fixture.audit),
                             AccountError.invalidAmount("0.05", reason: "account \(account.number) is kept in CNY, not USD"))
        // The schema holds the same rules for writers that bypass Ledger.
        XCTAssertThrowsError(try fixture.database.run("""
            INSERT INTO ledger_entries (account_id, customer_id, kind, amount, at, operator) VALUES (?, ?, 'refund', 100, 'x', 'y')
            """, [account.id, account.holderID]))
        XCTAssertThrowsError(try fixture.database.run("""
            INSERT INTO ledger_entries (account_id, customer_id, kind, amount, at, operator) VALUES (?, ?, 'adjustment', 100, 'x', 'y')
            """, [account.id, account.holderID]))
    }

    func testAnAppendedEntryIsTheEntryReadBack() throws {
        // append builds the entry it wrote (with the balance after it) instead of reading it back.
        let fixture = try CustomerFixture()
        let account = try fixture.open(meters: ["WM-1"]).account
        let ledger = Ledger(database: fixture.database)
        let postings = [
            LedgerPosting(kind: .recharge, amount: try Money(parsing: "50", currency: .cny), channel: .wechat, reference: "W1"),
            LedgerPosting(kind: .adjustment, amount: try Money(parsing: "-12.34", currency: .cny), reason: "typed twice"),
            LedgerPosting(kind: .deduction, amount: try Money(parsing: "-40", currency: .cny), reference: "consumption 1", reason: "x"),
        ]
        var appended: [LedgerEntry] = []
        for posting in postings { appended.append(try ledger.append(posting, to: account, audit: fixture.audit)) }
        appended.append(try ledger.append(LedgerPosting(kind: .reversal, amount: try Money(parsing: "40", currency: .cny),
                                                        reversesID: appended[2].id), to: account, audit: fixture.audit))
        XCTAssertEqual(appended.map(\.balanceAfter.description), ["50.00", "37.66", "-2.34", "37.66"])
        for entry in appended { XCTAssertEqual(try ledger.entry(id: entry.id), entry) }
    }

    func testBillChargesAndPaymentsMakeMoneyOwedThatCloseRefuses() throws {
        // The later bill run appends bill-charge and payment entries; a negative balance is money owed.
        let fixture = try CustomerFixture()
        let account = try fixture.open(CustomerFixture.postpaid, meters: ["WM-1"]).account
        let ledger = Ledger(database: fixture.database)
        try ledger.append(LedgerPosting(kind: .billCharge, amount: try Money(parsing: "-184.82", currency: .cny)), to: account, audit: fixture.audit)
        try ledger.append(LedgerPosting(kind: .payment, amount: try Money(parsing: "100", currency: .cny), channel: .cash), to: account, audit: fixture.audit)
        XCTAssertEqual(try ledger.balance(of: account).description, "-84.82")
        XCTAssertThrowsEqual(try AccountClosing(database: fixture.database).close(
            ClosingRequest(accountNumber: account.number, readings: [("WM-1", "3")]), audit: fixture.audit),
                             CustomerError.closeWhileOwing(account: account.number, owed: try Money(parsing: "84.82", currency: .cny)))
        XCTAssertEqual(CustomerError.closeWhileOwing(account: account.number, owed: try Money(parsing: "84.82", currency: .cny)).description,
                       "account \(account.number) owes 84.82 CNY; it can be closed once that is paid")
        let list = try AccountStore(database: fixture.database).list(AccountFilter(owing: true))
        XCTAssertEqual(list.map(\.account.number), [account.number])
    }

    func testFiltersChooseRowsButTheBalanceColumnStaysTheAccounts() throws {
        let fixture = try CustomerFixture()
        let number = try fixture.open(meters: ["WM-1"]).account.number
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: number, amount: "100", channel: .cash))
        fixture.advance(days: 2)
        try fixture.perform(MoneyRequest(action: .refund, accountNumber: number, amount: "30", channel: .cash))
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: number, amount: "5", channel: .alipay))
        let account = try AccountStore(database: fixture.database).find(number)
        let ledger = Ledger(database: fixture.database)
        XCTAssertEqual(try ledger.entries(of: account).map(\.balanceAfter.description), ["100.00", "70.00", "75.00"])
        XCTAssertEqual(try ledger.entries(of: account, matching: LedgerFilter(kinds: [.recharge])).map(\.balanceAfter.description),
                       ["100.00", "75.00"])
        let day = fixture.time.date
        XCTAssertEqual(try ledger.entries(of: account, matching: LedgerFilter(from: day, to: day)).map(\.amount.description),
                       ["-30.00", "5.00"])
        XCTAssertEqual(try ledger.entries(of: account, matching: LedgerFilter(to: day.adding(days: -1))).count, 1)
        XCTAssertEqual(try ledger.entries(of: account, matching: LedgerFilter(last: 1)).map(\.amount.description), ["5.00"])
    }

    func testEntriesKeepTheHolderTheyWereMadeUnder() throws {
        let fixture = try CustomerFixture()
        let opened = try fixture.open(meters: ["WM-1"])
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: opened.account.number, amount: "10", channel: .cash))
        fixture.advance(days: 3)
        let moved = try fixture.database.writeTransaction {
            try AccountTransfer(database: fixture.database).transfer(TransferRequest(
                accountNumber: opened.account.number, newHolder: .newCustomer(CustomerFixture.resident("Li Lei")), date: fixture.time.date),
                audit: fixture.audit)
        }
        try fixture.perform(MoneyRequest(action: .refund, accountNumber: opened.account.number, amount: "10", channel: .cash))
        let entries = try Ledger(database: fixture.database).entries(of: moved.account)
        XCTAssertEqual(entries.map(\.customerID), [opened.customer.id, moved.holder.id])
    }
}
