@testable import WaterBilling
import WBillSupport
import XCTest

/// The financial report over the ledger, with numbers checked by hand. A (Prepaid homes) and B
/// (Residential, postpaid) are opened on 2026-11-18. That day clerk recharges A 100.00 cash and B
/// pays 30.00 by wechat (credit: no bill yet); on the 19th boss refunds 25.50 from A by alipay and
/// adjusts it by -1.25; on 2026-12-02 boss recharges A 10.00 by alipay and reverses the refund.
final class FinancialSummaryTests: XCTestCase {
    var fixture: CustomerFixture!

    override func setUpWithError() throws {
        fixture = try CustomerFixture()
        let a = try fixture.open(CustomerFixture.prepaid, meters: ["WM-1"]).account.number
        let b = try fixture.open(CustomerFixture.postpaid, meters: ["WM-2"], customer: CustomerFixture.resident("Li Lei")).account.number
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: a, amount: "100", channel: .cash))
        try fixture.perform(MoneyRequest(action: .pay, accountNumber: b, amount: "30", channel: .wechat))
        fixture.advance(days: 1)
        fixture.operatorName = "boss"
        let refund = try fixture.perform(MoneyRequest(action: .refund, accountNumber: a, amount: "25.50", channel: .alipay)).entry
        try fixture.perform(MoneyRequest(action: .adjust, accountNumber: a, amount: "-1.25", reason: "fix"))
        fixture.advance(days: 13)
        try fixture.perform(MoneyRequest(action: .recharge, accountNumber: a, amount: "10", channel: .alipay))
        try fixture.database.writeTransaction {
            let account = try AccountStore(database: fixture.database).find(a)
            _ = try Ledger(database: fixture.database).append(
                LedgerPosting(kind: .reversal, amount: Money(minorUnits: 2550, currency: .cny), reason: "refund in error", reversesID: refund.id),
                to: account, audit: fixture.audit)
        }
    }

    func report(_ from: String, _ to: String, _ granularity: ReportGranularity, by dimension: FinancialDimension? = nil) throws -> [String] {
        let span = try DateSpan(from: try CivilDate(parsing: from), through: try CivilDate(parsing: to))
        return try FinancialSummary(database: fixture.database).report(span: span, granularity: granularity, by: dimension).lines.map { line in
            ([line.bucket, line.group ?? "-"]
             + [line.recharges, line.refunds, line.payments, line.deductions, line.cardPurchases, line.billCharges, line.lateFees,
                line.adjustments, line.reversals, line.moneyIn, line.billed, line.collected].map(\.description)
             + [line.collectionRate?.description ?? "-"]).joined(separator: " ")
        }
    }

    //                          recharges refunds payments deductions card bills late adjust reversals in billed collected rate
    func testByMonthEveryMonthHasALineAndAReversedRefundIsMoneyInAgain() throws {
        XCTAssertEqual(try report("2026-10-01", "2026-12-31", .monthly), [
            "2026-10 - 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 -",
            "2026-11 - 100.00 -25.50 30.00 0.00 0.00 0.00 0.00 -1.25 0.00 104.50 0.00 0.00 -",
            "2026-12 - 10.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 25.50 35.50 0.00 0.00 -",
        ])
        XCTAssertEqual(try report("2026-01-01", "2026-12-31", .annual), [
            "2026 - 110.00 -25.50 30.00 0.00 0.00 0.00 0.00 -1.25 25.50 140.00 0.00 0.00 -",
        ])
    }

    func testByChannelAReversalTakesTheChannelOfWhatItReverses() throws {
        XCTAssertEqual(try report("2026-11-01", "2026-12-31", .monthly, by: .channel), [
            "2026-11 - 0.00 0.00 0.00 0.00 0.00 0.00 0.00 -1.25 0.00 0.00 0.00 0.00 -",
            "2026-11 alipay 0.00 -25.50 0.00 0.00 0.00 0.00 0.00 0.00 0.00 -25.50 0.00 0.00 -",
            "2026-11 cash 100.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 100.00 0.00 0.00 -",
            "2026-11 wechat 0.00 0.00 30.00 0.00 0.00 0.00 0.00 0.00 0.00 30.00 0.00 0.00 -",
            "2026-12 alipay 10.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 25.50 35.50 0.00 0.00 -",
        ])
    }

    func testByDayOperatorAndCustomerType() throws {
        XCTAssertEqual(try report("2026-11-18", "2026-11-20", .daily, by: .operator), [
            "2026-11-18 clerk 100.00 0.00 30.00 0.00 0.00 0.00 0.00 0.00 0.00 130.00 0.00 0.00 -",
            "2026-11-19 boss 0.00 -25.50 0.00 0.00 0.00 0.00 0.00 -1.25 0.00 -25.50 0.00 0.00 -",
        ], "split, only the days with entries")
        XCTAssertEqual(try report("2026-11-18", "2026-11-20", .daily).count, 3, "not split, every day")
        XCTAssertEqual(try report("2026-11-01", "2026-12-31", .annual, by: .customerType), [
            "2026 Prepaid homes 110.00 -25.50 0.00 0.00 0.00 0.00 0.00 -1.25 25.50 110.00 0.00 0.00 -",
            "2026 Residential 0.00 0.00 30.00 0.00 0.00 0.00 0.00 0.00 0.00 30.00 0.00 0.00 -",
        ])
    }

    func testASpanBeforeAnythingHappenedIsZeros() throws {
        XCTAssertEqual(try report("2026-11-17", "2026-11-17", .daily), [
            "2026-11-17 - 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 -",
        ])
        XCTAssertEqual(try report("2026-11-17", "2026-11-17", .daily, by: .channel), [])
    }
}
