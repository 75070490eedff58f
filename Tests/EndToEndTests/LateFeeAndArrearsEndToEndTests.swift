import Foundation
import XCTest

/// Late fees charged by an explicit run, each day once, and arrears aged by days past due.
/// Bills B00000001 and B00000002 are due 2026-11-20, B00000003 2026-12-20.
final class LateFeeAndArrearsEndToEndTests: BillSandboxTestCase {
    var account = ""
    var totals: [Int64] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        try addMeters([("L-01", 20)])
        account = try openAccount("Han Meimei", persons: 3, meters: ["L-01"])
        try read("L-01", "8", at: "2026-09-30T10:00:00Z")
        try read("L-01", "20", at: "2026-10-31T10:00:00Z")
        XCTAssertEqual(try billRun("--period", "2026-09").status, 0)
        XCTAssertEqual(try billRun("--period", "2026-10").status, 0)
        try ok(["reading", "add", "L-01", "30", "--at", "2026-11-30T10:00:00Z"], at: "2026-12-05T08:00:00Z")
        XCTAssertEqual(try billRun("--period", "2026-11", at: "2026-12-05T08:00:00Z").status, 0)
        totals = try ["B00000001", "B00000002", "B00000003"].map { number in
            let text = try XCTUnwrap(try showBill(number)["total"] as? String)
            return try XCTUnwrap(Int64(text.replacingOccurrences(of: ".", with: "")))
        }
    }

    func testLateFeesRunTwiceOnTheSameDateChargeOnceAndALaterRunOnlyTheNewDays() throws {
        try ok(["bill", "option", "set", "--late-fee", "0.5", "--grace-days", "5"], at: "2026-11-21T08:00:00Z")
        let header = "bill,account,from,to,days,owed,rate_per_mille,fee,currency,receipt\n"
        // Due 2026-11-20, 5 grace days: late from 2026-11-26; through 2026-11-30 is 5 days at 0.5 per mille.
        let first = try wbill("--format", "csv", "bill", "late-fees", "--as-of", "2026-11-30", at: "2026-12-01T02:00:00Z")
        XCTAssertRun(first, status: 0, stdout: csv(header + """
            B00000001,\(account),2026-11-26,2026-11-30,5,\(money(totals[0])),0.5,\(money(fee(totals[0], days: 5))),CNY,4
            B00000002,\(account),2026-11-26,2026-11-30,5,\(money(totals[1])),0.5,\(money(fee(totals[1], days: 5))),CNY,5

            """))
        XCTAssertRun(try wbill("--format", "csv", "bill", "late-fees", "--as-of", "2026-11-30", at: "2026-12-01T03:00:00Z"),
                     status: 0, stdout: csv(header))
        XCTAssertEqual(try sql("SELECT count(*) FROM ledger_entries WHERE reference LIKE 'late-fee %'"), "2\n")
        // Ten days later: only 2026-12-01..2026-12-10; B00000003 is not due until 2026-12-20.
        XCTAssertRun(try wbill("--format", "csv", "bill", "late-fees", "--as-of", "2026-12-10", at: "2026-12-11T02:00:00Z"),
                     status: 0, stdout: csv(header + """
            B00000001,\(account),2026-12-01,2026-12-10,10,\(money(totals[0])),0.5,\(money(fee(totals[0], days: 10))),CNY,6
            B00000002,\(account),2026-12-01,2026-12-10,10,\(money(totals[1])),0.5,\(money(fee(totals[1], days: 10))),CNY,7

            """))
        XCTAssertEqual(try sql("""
            SELECT kind, amount, reference FROM ledger_entries WHERE reference LIKE 'late-fee %' ORDER BY id
            """), """
            late-fee|-\(fee(totals[0], days: 5))|late-fee B00000001 2026-11-26..2026-11-30
            late-fee|-\(fee(totals[1], days: 5))|late-fee B00000002 2026-11-26..2026-11-30
            late-fee|-\(fee(totals[0], days: 10))|late-fee B00000001 2026-12-01..2026-12-10
            late-fee|-\(fee(totals[1], days: 10))|late-fee B00000002 2026-12-01..2026-12-10

            """)
        XCTAssertEqual((try showBill("B00000001")["late_fees"] as? [[String: Any]])?.map { [$0["days"] as? Int, $0["receipt"] as? Int] },
                       [[5, 4], [10, 6]])
        // Never ahead of today; nothing written.
        XCTAssertRun(try wbill("bill", "late-fees", "--as-of", "2026-12-31", at: "2026-12-11T02:00:00Z"), status: 1, stderr: """
            wbill: error: late fees are charged for days that have passed: 2026-12-31 is after today, 2026-12-11

            """)
        XCTAssertEqual(try sql("SELECT count(*) FROM late_fees"), "4\n")
        // The fees are owed apart from the bills, and arrears show them so.
        let fees = fee(totals[0], days: 5) + fee(totals[1], days: 5) + fee(totals[0], days: 10) + fee(totals[1], days: 10)
        XCTAssertRun(try wbill("--format", "csv", "report", "arrears", at: "2026-12-11T02:00:00Z"), status: 0, stdout: csv("""
            account,name,phone,address,days_0_30,days_31_60,days_61_90,days_over_90,total,other_owed,currency,bills,oldest_due
            \(account),Han Meimei,13800138000,Han Meimei's house,\(money(totals[0] + totals[1])),0.00,0.00,0.00,\(money(totals[0] + totals[1])),\(money(fees)),CNY,2,2026-11-20

            """))
    }

    func testWithoutARateNothingIsCharged() throws {
        XCTAssertRun(try wbill("--format", "csv", "bill", "late-fees", at: "2026-12-31T02:00:00Z"), status: 0,
                     stdout: csv("bill,account,from,to,days,owed,rate_per_mille,fee,currency,receipt\n"))
        XCTAssertRun(try wbill("bill", "option", "set", "--late-fee", "10.5"), status: 64, stderr: """
            wbill: error: invalid late fee rate '10.5': expected per mille a day from 0 to 10 with at most 3 decimals, such as 0.5

            """)
    }

    func testArrearsAreAgedByDaysPastDueWithContactData() throws {
        // 10.00 paid: B00000001 owes 10.00 less.
        try ok(["account", "pay", account, "--amount", "10.00", "--channel", "cash"], at: "2026-12-06T09:00:00Z")
        let header = "account,name,phone,address,days_0_30,days_31_60,days_61_90,days_over_90,total,other_owed,currency,bills,oldest_due\n"
        // 2027-01-25: the first two are 66 days past due, the third 36.
        let old = totals[0] - 1000 + totals[1]
        XCTAssertRun(try wbill("--format", "csv", "report", "arrears", at: "2027-01-25T08:00:00Z"), status: 0, stdout: csv(header + """
            \(account),Han Meimei,13800138000,Han Meimei's house,0.00,\(money(totals[2])),\(money(old)),0.00,\(money(old + totals[2])),0.00,CNY,3,2026-11-20

            """))
        // 2026-12-20: the third is due that day, so not overdue; the others are 30 days past due.
        XCTAssertRun(try wbill("--format", "csv", "report", "arrears", "--as-of", "2026-12-20", at: "2027-01-25T08:00:00Z"), status: 0,
                     stdout: csv(header + """
            \(account),Han Meimei,13800138000,Han Meimei's house,\(money(old)),0.00,0.00,0.00,\(money(old)),0.00,CNY,2,2026-11-20

            """))
        XCTAssertRun(try wbill("--format", "csv", "report", "arrears", "--as-of", "2027-02-25", at: "2027-02-25T08:00:00Z"), status: 0,
                     stdout: csv(header + """
            \(account),Han Meimei,13800138000,Han Meimei's house,0.00,0.00,\(money(totals[2])),\(money(old)),\(money(old + totals[2])),0.00,CNY,3,2026-11-20

            """))
        // Nothing overdue before the first due date.
        XCTAssertRun(try wbill("--format", "csv", "report", "arrears", "--as-of", "2026-11-20"), status: 0, stdout: csv(header))
    }

    /// The fee on `owed` at 0.5 per mille a day for `days`, half-up: owed × 0.5 × days ÷ 1000.
    func fee(_ owed: Int64, days: Int64) -> Int64 {
        (owed * 5 * days + 5000) / 10000
    }

    /// CSV's lines end in CRLF.
    func csv(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }

    func money(_ minorUnits: Int64) -> String {
        let cents = minorUnits % 100
        return "\(minorUnits / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
