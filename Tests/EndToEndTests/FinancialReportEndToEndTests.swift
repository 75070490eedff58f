import Foundation
import XCTest

/// `report financial`: money in and out from the ledger by day, month or year, split by channel,
/// operator or customer type, with billed against collected, in table, CSV and JSON; the numbers
/// agree with the ledger and the allocations summed apart by plain SQL and with `account
/// transactions`.
///
/// AC00000001 (Prepaid homes, WM-000006) in November: recharged 100.00 cash by clerk and 20.00
/// wechat by boss, 5 m³ deducted (38.19, as `account transactions` shows it priced), 10.00 refunded by wechat, adjusted
/// -1.25 by boss. AC00000002 (Residential, WM-000001): 9 m³ billed on 2026-12-05 (61.72, as `bill
/// show` prices it: the annual tiers prorated to the 8 days), paid 30.00 cash and 31.72 wechat;
/// some tests then cancel the bill (its charge reversed, the payments taken off it back to credit).
final class FinancialReportEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try sandbox.openAccount("Prepaid homes", meter: "WM-000006")
        try sandbox.openAccount("Residential", meter: "WM-000001", name: "Li Lei")
        try ok(["account", "recharge", "AC00000001", "--amount", "100", "--channel", "cash"])
        try ok(["--operator", "boss", "account", "recharge", "AC00000001", "--amount", "20", "--channel", "wechat"], at: "2026-11-24T10:00:00Z")
        try ok(["reading", "add", "WM-000006", "7.5", "--at", "2026-11-25T09:00:00Z"], at: "2026-11-25T10:00:00Z")
        try ok(["account", "refund", "AC00000001", "--amount", "10", "--channel", "wechat"], at: "2026-11-26T10:00:00Z")
        try ok(["--operator", "boss", "account", "adjust", "AC00000001", "--amount", "-1.25", "--reason", "meter fee"], at: "2026-11-27T10:00:00Z")
        try ok(["reading", "add", "WM-000001", "9", "--at", "2026-11-30T08:00:00Z"], at: "2026-11-30T10:00:00Z")
        try ok(["bill", "run", "--period", "2026-11"], at: "2026-12-05T08:00:00Z")
        try ok(["account", "pay", "AC00000002", "--amount", "30", "--channel", "cash"], at: "2026-12-06T09:00:00Z")
        try ok(["account", "pay", "AC00000002", "--amount", "31.72", "--channel", "wechat"], at: "2026-12-07T09:00:00Z")
    }

    static let later = "2026-12-08T08:00:00Z"

    func ok(_ arguments: [String], at: String = Sandbox.now, file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try sandbox.wbill(arguments, environment: ["WBILL_NOW": at], file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(arguments): \(run)", file: file, line: line)
    }

    func report(_ arguments: String..., at: String = FinancialReportEndToEndTests.later, file: StaticString = #filePath,
                line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(arguments, environment: ["WBILL_NOW": at], file: file, line: line)
    }

    static let header = "recharges,refunds,payments,deductions,card_purch,bill_chrg,late_fees,adjustment,reversals,money_in,billed,collected,coll_rate"

    func testMonthlyAsATable() throws {
        XCTAssertRun(try report("report", "financial", "--monthly", "--period", "2026-Q4"), status: 0, stdout: """
            Money in and out by month, 2026-Q4

            MONTH    RECHARGES  REFUNDS  PAYMENTS  DEDUCTIONS  CARD PURCHASES  BILL CHARGES  LATE FEES  ADJUSTMENTS  REVERSALS  MONEY IN  BILLED  COLLECTED  COLL RATE
            2026-10       0.00     0.00      0.00        0.00            0.00          0.00       0.00         0.00       0.00      0.00    0.00       0.00
            2026-11     120.00   -10.00      0.00      -38.19            0.00          0.00       0.00        -1.25       0.00    110.00    0.00       0.00
            2026-12       0.00     0.00     61.72        0.00            0.00        -61.72       0.00         0.00       0.00     61.72   61.72      61.72      100.0

            Rows are months of each ledger entry's time in UTC; amounts in CNY, signed as in the ledger (negative: owed or paid out).
            money_in = recharges + payments + refunds + the reversals of those; billed = bills issued less bills cancelled; collected = money put on bills.
            coll_rate = collected / billed in percent, one decimal, rounded half-up; empty when nothing was billed.

            """)
    }

    func testByChannelOperatorAndCustomerType() throws {
        XCTAssertRun(try report("--format", "csv", "report", "financial", "--monthly", "--from", "2026-11-01", "--to", "2026-12-31",
                                "--by", "channel"), status: 0, stdout: csv("""
            period,channel,\(Self.header)
            2026-11,,0.00,0.00,0.00,-38.19,0.00,0.00,0.00,-1.25,0.00,0.00,0.00,0.00,
            2026-11,cash,100.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,100.00,0.00,0.00,
            2026-11,wechat,20.00,-10.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,10.00,0.00,0.00,
            2026-12,,0.00,0.00,0.00,0.00,0.00,-61.72,0.00,0.00,0.00,0.00,61.72,0.00,0.0
            2026-12,cash,0.00,0.00,30.00,0.00,0.00,0.00,0.00,0.00,0.00,30.00,0.00,30.00,
            2026-12,wechat,0.00,0.00,31.72,0.00,0.00,0.00,0.00,0.00,0.00,31.72,0.00,31.72,

            """))
        XCTAssertRun(try report("--format", "csv", "report", "financial", "--daily", "--from", "2026-11-23", "--to", "2026-11-27",
                                "--by", "operator"), status: 0, stdout: csv("""
            period,operator,\(Self.header)
            2026-11-23,clerk,100.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,100.00,0.00,0.00,
            2026-11-24,boss,20.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,20.00,0.00,0.00,
            2026-11-25,clerk,0.00,0.00,0.00,-38.19,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,
            2026-11-26,clerk,0.00,-10.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,-10.00,0.00,0.00,
            2026-11-27,boss,0.00,0.00,0.00,0.00,0.00,0.00,0.00,-1.25,0.00,0.00,0.00,0.00,

            """))
        XCTAssertRun(try report("--format", "tsv", "report", "financial", "--annual", "--period", "2026", "--by", "customer-type"),
                     status: 0, stdout: """
            period\tcust_type\t\(Self.header.replacingOccurrences(of: ",", with: "\t"))
            2026\tPrepaid homes\t120.00\t-10.00\t0.00\t-38.19\t0.00\t0.00\t0.00\t-1.25\t0.00\t110.00\t0.00\t0.00\t
            2026\tResidential\t0.00\t0.00\t61.72\t0.00\t0.00\t-61.72\t0.00\t0.00\t0.00\t61.72\t61.72\t61.72\t100.0

            """)
    }

    func testDailyRowsAreDatesAndEveryDayHasOne() throws {
        let run = try report("--format", "json", "report", "financial", "--daily", "--from", "2026-12-04", "--to", "2026-12-06")
        XCTAssertEqual(run.status, 0, "\(run)")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["report"] as? String, "financial")
        XCTAssertEqual(object["title"] as? String, "Money in and out by day, 2026-12-04..2026-12-06")
        XCTAssertEqual(object["parameters"] as? [String: String], ["period": "2026-12-04..2026-12-06", "from": "2026-12-04",
                                                                   "to": "2026-12-06", "rows": "daily", "currency": "CNY"])
        let rows = try XCTUnwrap(object["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["period"] as? String }, ["2026-12-04", "2026-12-05", "2026-12-06"])
        XCTAssertEqual(rows.map { $0["billed"] as? String }, ["0.00", "61.72", "0.00"], "money as exact strings")
        XCTAssertEqual(rows.map { $0["collected"] as? String }, ["0.00", "0.00", "30.00"])
        XCTAssertEqual(rows.map { $0["coll_rate"] as? String }, [nil, "0.0", nil])
        XCTAssertTrue(rows[0]["coll_rate"] is NSNull)
    }

    func testACancelledBillIsBilledAndCollectedLessAndItsReversalShown() throws {
        try ok(["bill", "cancel", "B00000001", "--reason", "wrong reading"], at: "2026-12-07T12:00:00Z")
        XCTAssertRun(try report("--format", "csv", "report", "financial", "--monthly", "--period", "2026-12"), status: 0, stdout: csv("""
            period,\(Self.header)
            2026-12,0.00,0.00,61.72,0.00,0.00,-61.72,0.00,0.00,61.72,61.72,0.00,0.00,

            """))
        XCTAssertRun(try report("--format", "csv", "report", "financial", "--daily", "--from", "2026-12-07", "--to", "2026-12-07"),
                     status: 0, stdout: csv("""
            period,\(Self.header)
            2026-12-07,0.00,0.00,31.72,0.00,0.00,0.00,0.00,0.00,61.72,31.72,-61.72,-30.00,

            """))
    }

    /// The report's sums against the ledger and the allocations summed by plain SQL (the sqlite3
    /// shell), and against `account transactions`.
    func testTheSumsAgreeWithTheLedgerSummedApart() throws {
        try ok(["bill", "cancel", "B00000001", "--reason", "wrong reading"], at: "2026-12-07T12:00:00Z")
        let run = try report("--format", "csv", "report", "financial", "--monthly", "--from", "2026-11-01", "--to", "2026-12-31")
        XCTAssertEqual(run.status, 0, "\(run)")
        let lines = run.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let columns = lines[0]
        for month in ["2026-11", "2026-12"] {
            let row = try XCTUnwrap(lines.first { $0.first == month })
            func cell(_ key: String) -> String { row[columns.firstIndex(of: key)!] }
            let byKind = try sandbox.sql("""
                SELECT kind || '=' || printf('%.2f', sum(amount) / 100.0) FROM ledger_entries
                WHERE substr(at, 1, 7) = '\(month)' GROUP BY kind ORDER BY kind
                """).split(separator: "\n").map(String.init)
            let keys = ["adjustment": "adjustment", "bill-charge": "bill_chrg", "card-purchase": "card_purch", "deduction": "deductions",
                        "late-fee": "late_fees", "payment": "payments", "recharge": "recharges", "refund": "refunds", "reversal": "reversals"]
            for pair in byKind {
                let parts = pair.split(separator: "=").map(String.init)
                XCTAssertEqual(cell(keys[parts[0]]!), parts[1], "\(month) \(parts[0])")
            }
            XCTAssertEqual(cell("money_in"), try sandbox.sql("""
                SELECT printf('%.2f', coalesce(sum(e.amount), 0) / 100.0) FROM ledger_entries e LEFT JOIN ledger_entries r ON r.id = e.reverses_id
                WHERE substr(e.at, 1, 7) = '\(month)' AND (e.kind IN ('recharge', 'payment', 'refund') OR r.kind IN ('recharge', 'payment', 'refund'))
                """).trimmingCharacters(in: .newlines), month)
            XCTAssertEqual(cell("billed"), try sandbox.sql("""
                SELECT printf('%.2f', (coalesce((SELECT sum(total) FROM bills WHERE substr(issued_at, 1, 7) = '\(month)'), 0)
                    - coalesce((SELECT sum(total) FROM bills WHERE substr(cancelled_at, 1, 7) = '\(month)'), 0)) / 100.0)
                """).trimmingCharacters(in: .newlines), month)
            XCTAssertEqual(cell("collected"), try sandbox.sql("""
                SELECT printf('%.2f', coalesce(sum(amount), 0) / 100.0) FROM bill_allocations WHERE substr(at, 1, 7) = '\(month)'
                """).trimmingCharacters(in: .newlines), month)
        }
        // account transactions over December, both accounts: the same sums by kind.
        var december: [String: Int64] = [:]
        for account in ["AC00000001", "AC00000002"] {
            let listed = try sandbox.wbill(["--format", "csv", "account", "transactions", account, "--from", "2026-12-01", "--to", "2026-12-31"],
                                           environment: ["WBILL_NOW": Self.later])
            for record in listed.stdout.split(separator: "\r\n").dropFirst() {
                let fields = record.split(separator: ",", omittingEmptySubsequences: false)
                december[String(fields[2]), default: 0] += Int64(fields[3].replacingOccurrences(of: ".", with: ""))!
            }
        }
        XCTAssertEqual(december, ["bill-charge": -6172, "payment": 6172, "reversal": 6172])
        let row = try XCTUnwrap(lines.first { $0.first == "2026-12" })
        XCTAssertEqual([row[3], row[6], row[9]], ["61.72", "-61.72", "61.72"])
    }

    func testBadOptionsAreUsageErrors() throws {
        XCTAssertRun(try report("report", "financial", "--period", "2026-11"), status: 64, stderr: """
            wbill: error: give one of --daily, --monthly or --annual
            Run 'wbill report financial --help' for usage.

            """)
        XCTAssertRun(try report("report", "financial", "--daily", "--monthly"), status: 64, stderr: """
            wbill: error: give only one of --daily, --monthly or --annual
            Run 'wbill report financial --help' for usage.

            """)
        XCTAssertRun(try report("report", "financial", "--monthly", "--by", "route"), status: 64, stderr: """
            wbill: error: invalid value 'route' for --by: expected one of channel, operator, customer-type
            Run 'wbill report financial --help' for usage.

            """)
        XCTAssertRun(try report("report", "financial", "--monthly", "--period", "next-month"), status: 64, stderr: """
            wbill: error: invalid value 'next-month' for --period: expected a period such as 2026-10, 2026-Q4, 2026-10-05, 2026, last-month, last-quarter or yesterday
            Run 'wbill report financial --help' for usage.

            """)
        XCTAssertRun(try report("report", "financial", "--monthly", "--period", "last-month", "--from", "2026-11-01", "--to", "2026-11-30"),
                     status: 64, stderr: """
            wbill: error: give either --period or --from and --to, not both
            Run 'wbill report financial --help' for usage.

            """)
        XCTAssertRun(try report("report", "financial", "--monthly", "--from", "2026-11-30", "--to", "2026-11-01"), status: 64, stderr: """
            wbill: error: --to 2026-11-01 is before --from 2026-11-30
            Run 'wbill report financial --help' for usage.

            """)
    }

    func csv(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }
}
