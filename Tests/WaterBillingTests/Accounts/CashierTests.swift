import WaterBilling
import XCTest
import WBillSupport

final class CashierTests: XCTestCase {
    private var fixture: CustomerFixture!
    private var prepaid = ""

    override func setUpWithError() throws {
        fixture = try CustomerFixture()
        prepaid = try fixture.open(meters: ["WM-1"]).account.number
    }

    private func recharge(_ amount: String, _ channel: PaymentChannel = .cash, ref: String? = nil,
                          account: String? = nil) throws -> MoneyOutcome {
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: account ?? prepaid, amount: amount, channel: channel, reference: ref))
    }

    private func refund(_ amount: String, _ channel: PaymentChannel = .cash, ref: String? = nil) throws -> MoneyOutcome {
        try fixture.perform(MoneyRequest(action: .refund, accountNumber: prepaid, amount: amount, channel: channel, reference: ref))
    }

    func testRechargeWritesOneEntryWithTheBalanceAfterAndAnAuditRecord() throws {
        let first = try recharge("100", ref: "POS-1")
        XCTAssertFalse(first.isRetry)
        XCTAssertEqual(first.entry.kind, .recharge)
        XCTAssertEqual(first.entry.amount, try Money(parsing: "100.00", currency: .cny))
        XCTAssertEqual(first.entry.balanceAfter.description, "100.00")
        XCTAssertEqual(first.entry.channel, .cash)
        XCTAssertEqual(first.entry.reference, "POS-1")
        XCTAssertEqual(first.entry.operatorName, "clerk")
        XCTAssertEqual(first.entry.accountNumber, prepaid)
        let second = try recharge("0.05", .alipay)
        XCTAssertEqual(second.entry.balanceAfter.description, "100.05")
        XCTAssertEqual(try fixture.ledgerSum(prepaid), 10_005)
        let audits = try AuditTrail.entries(in: fixture.database, matching: AuditFilter(entity: "account", entityID: prepaid))
        XCTAssertEqual(audits.filter { $0.action == "recharge" }.count, 2)
        XCTAssertTrue(audits.last?.changes.contains(#""receipt":{"old":null,"new":"\#(second.entry.id)"}"#) ?? false)
    }

    func testRefundIsNeverMoreThanTheBalance() throws {
        _ = try recharge("50.00")
        XCTAssertThrowsEqual(try refund("50.01"), AccountError.insufficientBalance(
            number: prepaid, balance: try Money(parsing: "50", currency: .cny), requested: try Money(parsing: "50.01", currency: .cny)))
        XCTAssertEqual(try fixture.count("ledger_entries"), 1)
        let paidOut = try refund("50")
        XCTAssertEqual(paidOut.entry.amount.description, "-50.00")
        XCTAssertEqual(paidOut.entry.balanceAfter.description, "0.00")
        XCTAssertThrowsError(try refund("0.01"))
    }

    func testAmountsMustBeExactPositiveAndInTheCurrency() throws {
        XCTAssertThrowsEqual(try recharge("1.234"), AccountError.invalidAmount("1.234", reason: "CNY amounts have at most 2 decimals"))
        XCTAssertThrowsEqual(try recharge("-5"), AccountError.invalidAmount("-5", reason: "a recharge must be more than zero"))
        XCTAssertThrowsEqual(try recharge("0.00"), AccountError.invalidAmount("0.00", reason: "a recharge must be more than zero"))
        XCTAssertThrowsEqual(try recharge("12,50"), AccountError.invalidAmount("12,50", reason: "expected an amount such as 100.00"))
        XCTAssertThrowsEqual(try recharge("99999999999999999999"), AccountError.invalidAmount("99999999999999999999", reason: "too large"))
        XCTAssertThrowsEqual(try refund("-1"), AccountError.invalidAmount("-1", reason: "a refund must be more than zero"))
        XCTAssertEqual(try fixture.count("ledger_entries"), 0)
        XCTAssertEqual(AccountError.invalidAmount("1.234", reason: "x").failureKind, .badInput)
    }

    func testAdjustmentsAreSignedNeedAReasonAndMayTakeTheBalanceBelowZero() throws {
        _ = try recharge("10")
        let debit = try fixture.perform(MoneyRequest(action: .adjust, accountNumber: prepaid, amount: "-12.50", reason: " entered twice "))
        XCTAssertEqual(debit.entry.kind, .adjustment)
        XCTAssertEqual(debit.entry.reason, "entered twice")
        XCTAssertNil(debit.entry.channel)
        XCTAssertEqual(debit.entry.balanceAfter.description, "-2.50")
        XCTAssertThrowsEqual(try fixture.perform(MoneyRequest(action: .adjust, accountNumber: prepaid, amount: "0", reason: "x")),
                             AccountError.invalidAmount("0", reason: "an adjustment must not be zero (positive credits the account, negative debits it)"))
        XCTAssertThrowsEqual(try fixture.perform(MoneyRequest(action: .adjust, accountNumber: prepaid, amount: "1", reason: " ")),
                             AccountError.invalidReason(" "))
        // With a negative balance nothing can be refunded.
        XCTAssertThrowsError(try refund("0.01")) { error in
            XCTAssertEqual((error as? AccountError)?.failureKind, .refused)
        }
    }

    func testTheChannelMustBeOneTheCustomerTypeAccepts() throws {
        XCTAssertThrowsEqual(try recharge("5", .wechat),
                             AccountError.channelNotAccepted(channel: .wechat, customerType: CustomerFixture.prepaid, accepted: [.cash, .alipay]))
        let district = try fixture.open(CustomerFixture.free, meters: ["WM-2"], customer: CustomerDraft([.name: "District 1", .address: "North"]))
        XCTAssertThrowsEqual(try recharge("5", .cash, account: district.account.number),
                             AccountError.channelNotAccepted(channel: .cash, customerType: CustomerFixture.free, accepted: []))
        XCTAssertEqual(AccountError.channelNotAccepted(channel: .cash, customerType: "X", accepted: []).description,
                       "customer type 'X' accepts no payment channel (it does not charge), so it cannot take cash")
    }

    func testCardMeterAccountsMoveMoneyThroughTheCardButShowTheirHistory() throws {
        let card = try fixture.open(CustomerFixture.card, meters: ["IC-1"]).account.number
        XCTAssertThrowsEqual(try recharge("5", account: card), AccountError.cardMeter(card))
        XCTAssertThrowsEqual(try fixture.perform(MoneyRequest(action: .refund, accountNumber: card, amount: "5", channel: .cash)),
                             AccountError.cardMeter(card))
        XCTAssertEqual(AccountError.cardMeter(card).description,
                       "account \(card) is a card-meter (meter-prepaid) account: its recharges and refunds go through the IC card")
        let account = try AccountStore(database: fixture.database).find(card)
        XCTAssertEqual(try Ledger(database: fixture.database).entries(of: account), [])
    }

    func testPostpaidAccountsTakeMoneyInAdvance() throws {
        let postpaid = try fixture.open(CustomerFixture.postpaid, meters: ["WM-2"]).account.number
        XCTAssertEqual(try recharge("30", .wechat, account: postpaid).entry.balanceAfter.description, "30.00")
    }

    func testUnknownAndClosedAccountsAreRefused() throws {
        XCTAssertThrowsEqual(try recharge("5", account: "AC99"), AccountError.notFound("AC99"))
        XCTAssertEqual(try recharge("5", account: " ac00000001 ").entry.accountNumber, "AC00000001")
        _ = try refund("5")
        try fixture.database.writeTransaction {
            _ = try AccountClosing(database: fixture.database).close(
                ClosingRequest(accountNumber: prepaid, readings: [("WM-1", "1.5")]), audit: fixture.audit)
        }
        XCTAssertThrowsEqual(try recharge("5"), AccountError.closed(number: prepaid, since: fixture.time.description))
    }

    func testARetryWithTheSameReferenceReturnsTheOriginalEntryAndWritesNothing() throws {
        let original = try recharge("100", .alipay, ref: "GW-7")
        _ = try recharge("20")
        fixture.advance(days: 1)
        let retry = try recharge("100.00", .alipay, ref: " GW-7 ")
        XCTAssertTrue(retry.isRetry)
        XCTAssertEqual(retry.entry, original.entry)  // same id, time and balance after (100.00, not 220.00)
        XCTAssertEqual(try fixture.count("ledger_entries"), 2)
        XCTAssertEqual(try AuditTrail.entries(in: fixture.database, matching: AuditFilter(entity: "account")).filter { $0.action == "recharge" }.count, 2)
        // The same reference on another kind is another movement.
        XCTAssertFalse(try refund("10", ref: "GW-7").isRetry)
    }

    func testTheSameReferenceWithOtherDetailsIsRefusedNamingWhatDiffers() throws {
        let original = try recharge("100", .alipay, ref: "GW-8").entry
        let other = try fixture.open(meters: ["WM-3"], customer: CustomerFixture.resident("Li Lei")).account.number
        XCTAssertThrowsEqual(try recharge("50", .cash, ref: "GW-8", account: other), AccountError.referenceReused(
            reference: "GW-8", kind: .recharge, original: original,
            differences: ["account (\(other) instead of \(prepaid))", "amount (50.00 instead of 100.00)", "channel (cash instead of alipay)"]))
        let message = AccountError.referenceReused(reference: "GW-8", kind: .recharge, original: original,
                                                   differences: ["amount (50.00 instead of 100.00)"]).description
        XCTAssertEqual(message, "reference 'GW-8' was already used for the recharge of 100.00 CNY on account \(prepaid) (receipt \(original.id) at \(original.at)); this one differs in amount (50.00 instead of 100.00); nothing was written")
        XCTAssertEqual(try fixture.count("ledger_entries"), 1)
        let adjusted = try fixture.perform(MoneyRequest(action: .adjust, accountNumber: prepaid, amount: "1", reference: "ADJ-1", reason: "a"))
        XCTAssertThrowsEqual(try fixture.perform(MoneyRequest(action: .adjust, accountNumber: prepaid, amount: "1", reference: "ADJ-1", reason: "b")),
                             AccountError.referenceReused(reference: "ADJ-1", kind: .adjustment, original: adjusted.entry,
                                                          differences: ["reason ('b' instead of 'a')"]))
    }

    func testReferencesMustBePrintable() throws {
        XCTAssertThrowsEqual(try recharge("1", ref: "a\tb"), AccountError.invalidReference("a\tb"))
        XCTAssertThrowsEqual(try recharge("1", ref: String(repeating: "x", count: 65)), AccountError.invalidReference(String(repeating: "x", count: 65)))
    }
}
