import Foundation
import XCTest

/// The bill run over a small town's month: tiers, per-capita widening, fixed charges by caliber, a
/// price change mid-period, a meter exchange, an account with two meters, a stored sewage basis and
/// a missing reading; every bill's lines checked against `tariff quote`; re-runs create nothing.
final class BillRunEndToEndTests: BillSandboxTestCase {
    var accounts: [String: String] = [:]

    /// The town: six accounts, read at the end of September, billed for September.
    func buildTown() throws {
        try addMeters([("T-01", 20), ("T-02", 20), ("T-03", 15), ("T-04", 25), ("T-05", 20), ("T-06", 15), ("T-07", 20), ("T-08", 20)])
        accounts["wang"] = try openAccount("Wang Fang", persons: 3, meters: ["T-01"])
        accounts["li"] = try openAccount("Li Lei", persons: 7, meters: ["T-02"])
        accounts["zhang"] = try openAccount("Zhang Wei", persons: 4, meters: ["T-03", "T-04"])
        accounts["zhao"] = try openAccount("Zhao Min", persons: 2, meters: ["T-05"])
        accounts["sun"] = try openAccount("Sun Li", persons: 3, meters: ["T-07"])
        accounts["zhou"] = try openAccount("周杰", persons: 2, meters: ["T-08"])
        for (serial, value) in [("T-01", "8"), ("T-02", "15"), ("T-03", "6"), ("T-04", "9"), ("T-05", "7"), ("T-07", "5"), ("T-08", "4")] {
            try read(serial, value, at: "2026-09-30T10:00:00Z")
        }
        let september = try billRun("--period", "2026-09")
        XCTAssertEqual(september.status, 0, september.stderr)
        XCTAssertEqual(september.summary["billed"] as? Int, 6)
        try assertBillIsTheQuote(try billNumber(of: accounts["wang"]!, period: "2026-09"), volume: "8.000",
                                 from: "2026-09-01", to: "2026-09-30", persons: 3, caliber: 20)
    }

    func testAMonthForASmallTownIsBilledAsTariffQuoteQuotesItAndOnlyOnce() throws {
        try buildTown()
        try read("T-01", "33", at: "2026-10-31T10:00:00Z")                    // 25: all three tiers, across the price change
        try read("T-02", "45", at: "2026-10-31T10:00:00Z")                    // 30 for 7 persons: thresholds 16 and 26
        try read("T-03", "16", at: "2026-10-31T10:00:00Z")                    // 10 + 12 on one account, caliber 25
        try read("T-04", "21", at: "2026-10-31T10:00:00Z")
        try ok(["meter", "exchange", "T-05", "T-06", "--final-reading", "12", "--initial-reading", "0",
                "--at", "2026-10-15T12:00:00Z"])                              // 5 on the old meter, then 9 on the new
        try read("T-06", "9", at: "2026-10-31T10:00:00Z")
        try read("T-08", "14", at: "2026-10-31T10:00:00Z")                    // 10, sewage on a basis of 5 a month
        try ok(["account", "sewage-basis", "set", accounts["zhou"]!, "5"])
        // T-07 (Sun Li) has no October reading.

        let october = try billRun("--period", "2026-10")
        XCTAssertEqual(october.status, 1)
        XCTAssertEqual(october.stderr, """
            wbill: error: 1 account was not billed for 2026-10 (5 bills issued):
              \(accounts["sun"]!): no reading dated in the period for T-07

            """)
        XCTAssertEqual(october.summary["accounts"] as? Int, 6)
        XCTAssertEqual(october.summary["billed"] as? Int, 5)
        XCTAssertEqual(october.summary["not_billed"] as? Int, 1)
        XCTAssertEqual(october.summary["volume"] as? String, "101.000")
        XCTAssertEqual((october.summary["accounts_not_billed"] as? [[String: String]])?.map { $0["account"] ?? "" }, [accounts["sun"]!])

        let month = ("2026-10-01", "2026-10-31")
        try assertBillIsTheQuote(try billNumber(of: accounts["wang"]!, period: "2026-10"), volume: "25.000",
                                 from: month.0, to: month.1, persons: 3, caliber: 20)
        try assertBillIsTheQuote(try billNumber(of: accounts["li"]!, period: "2026-10"), volume: "30.000",
                                 from: month.0, to: month.1, persons: 7, caliber: 20)
        try assertBillIsTheQuote(try billNumber(of: accounts["zhang"]!, period: "2026-10"), volume: "22.000",
                                 from: month.0, to: month.1, persons: 4, caliber: 25)
        try assertBillIsTheQuote(try billNumber(of: accounts["zhao"]!, period: "2026-10"), volume: "14.000",
                                 from: month.0, to: month.1, persons: 2, caliber: 20)
        try assertBillIsTheQuote(try billNumber(of: accounts["zhou"]!, period: "2026-10"), volume: "10.000",
                                 from: month.0, to: month.1, persons: 2, caliber: 20, sewage: "5.000")
        // The price change splits the month: lines of version 1 and of version 2.
        let wang = try showBill(try billNumber(of: accounts["wang"]!, period: "2026-10"))
        XCTAssertEqual(Set((wang["lines"] as? [[String: Any]] ?? []).compactMap { $0["version"] as? Int }), [1, 2])
        // The exchanged account rests on both meters' records.
        let zhao = try showBill(try billNumber(of: accounts["zhao"]!, period: "2026-10"))
        XCTAssertEqual((zhao["readings"] as? [[String: Any]] ?? []).map { "\($0["meter"]!) \($0["volume"]!)" }, ["T-05 5.000", "T-06 9.000"])
        try assertBillsAreWhole("after October")

        // The same run again: nothing new, the same account still not billed.
        let again = try billRun("--period", "2026-10")
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.summary["billed"] as? Int, 0)
        XCTAssertEqual(again.summary["already_billed"] as? Int, 5)
        XCTAssertEqual(try sql("SELECT count(*) FROM bills WHERE period = '2026-10'"), "5\n")

        // Estimating what is missing bills the last account, on an estimated reading.
        let estimated = try billRun("--period", "last-month", "--estimate-missing")
        XCTAssertEqual(estimated.status, 0, estimated.stderr)
        XCTAssertEqual(estimated.summary["billed"] as? Int, 1)
        XCTAssertEqual(estimated.summary["estimated"] as? Int, 1)
        let sun = try showBill(try billNumber(of: accounts["sun"]!, period: "2026-10"))
        XCTAssertEqual((sun["readings"] as? [[String: Any]] ?? []).map { $0["kind"] as? String }, ["estimated"])
        XCTAssertEqual(try sql("SELECT source, at FROM meter_readings WHERE id = (SELECT max(id) FROM meter_readings)"),
                       "estimated|2026-10-31T23:59:59.000Z\n")

        // Once everything is billed, a run says so and changes nothing.
        let before = try sql("SELECT count(*), (SELECT count(*) FROM ledger_entries) FROM bills")
        let last = try billRun("--period", "2026-10", "--cycle", "monthly")
        XCTAssertEqual(last.status, 0)
        XCTAssertEqual(last.summary["already_billed"] as? Int, 6)
        XCTAssertEqual(last.stderr, "wbill: warning: nothing new to bill: all 6 account(s) have their bill for 2026-10 already\n")
        XCTAssertEqual(try sql("SELECT count(*), (SELECT count(*) FROM ledger_entries) FROM bills"), before)
        try assertBillsAreWhole("at the end")
        // Every bill has its audit entry, and every run its record.
        XCTAssertEqual(try sql("SELECT count(*) FROM audit_log WHERE entity = 'bill' AND action = 'issue'"), "12\n")
        XCTAssertEqual(try sql("SELECT id, period, state, billed, already_billed, not_billed FROM bill_runs ORDER BY id"), """
            1|2026-09|finished|6|0|0
            2|2026-10|finished|5|0|1
            3|2026-10|finished|0|5|1
            4|2026-10|finished|1|5|0
            5|2026-10|finished|0|6|0

            """)
    }

    func testADryRunWritesNothingAndSaysWhatItWouldBill() throws {
        try buildTown()
        try read("T-01", "33", at: "2026-10-31T10:00:00Z")
        let before = try sql("SELECT (SELECT count(*) FROM bills), (SELECT count(*) FROM ledger_entries), (SELECT count(*) FROM bill_runs), (SELECT count(*) FROM audit_log)")
        let dry = try billRun("--period", "2026-10", "--dry-run", "--estimate-missing")
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertEqual(dry.summary["would_bill"] as? Int, 6)
        XCTAssertEqual(dry.summary["would_estimate"] as? Int, 6, "five accounts, one of them with two meters")
        XCTAssertTrue(dry.summary["run"] is NSNull)
        XCTAssertEqual(try sql("SELECT (SELECT count(*) FROM bills), (SELECT count(*) FROM ledger_entries), (SELECT count(*) FROM bill_runs), (SELECT count(*) FROM audit_log)"), before)
    }

    func testAPeriodThatIsNotOverOrIsMalformedIsRefused() throws {
        XCTAssertRun(try wbill("bill", "run", "--period", "2026-11"), status: 1, stderr: """
            wbill: error: 2026-11 is not over: its last day is 2026-11-30 and today is 2026-11-05

            """)
        XCTAssertRun(try wbill("bill", "run", "--period", "this-month"), status: 1, stderr: """
            wbill: error: 2026-11 is not over: its last day is 2026-11-30 and today is 2026-11-05

            """)
        XCTAssertRun(try wbill("bill", "run", "--period", "2026-13"), status: 64, stderr: """
            wbill: error: invalid value '2026-13' for --period: expected a period such as 2026-10, 2026-Q4, 2026-10-05, 2026, last-month, last-quarter or yesterday
            Run 'wbill bill run --help' for usage.

            """)
        XCTAssertRun(try wbill("bill", "run", "--period", "2026"), status: 64, stderr: """
            wbill: error: invalid value '2026' for --period: expected a day (YYYY-MM-DD, yesterday) or a month (YYYY-MM, last-month) or a quarter (YYYY-Qn, last-quarter)
            Run 'wbill bill run --help' for usage.

            """)
        XCTAssertRun(try wbill("bill", "run", "--period", "2026-10", "--cycle", "quarterly"), status: 64, stderr: """
            wbill: error: --period 2026-10 is a month, not a quarter: a quarterly run takes a period such as YYYY-Qn or last-quarter
            Run 'wbill bill run --help' for usage.

            """)
        XCTAssertRun(try wbill("bill", "run", "--period", "2026-10", "--group", "Sooth"), status: 1, stderr: """
            wbill: error: no meter group named 'Sooth'

            """)
        XCTAssertEqual(try sql("SELECT count(*) FROM bill_runs"), "0\n")
    }

    func testAGroupBillsOnlyItsRouteAndAQuarterBillsTheQuarter() throws {
        try addMeters([("N-01", 20)], group: "North")
        try addMeters([("S-01", 20)])
        let north = try openAccount("North house", persons: 3, meters: ["N-01"])
        let south = try openAccount("South house", persons: 3, meters: ["S-01"])
        try read("N-01", "12", at: "2026-09-30T10:00:00Z")
        try read("S-01", "7", at: "2026-09-30T10:00:00Z")
        let route = try billRun("--period", "2026-09", "--group", "north")
        XCTAssertEqual(route.status, 0, route.stderr)
        XCTAssertEqual(route.summary["accounts"] as? Int, 1)
        XCTAssertEqual(try sql("SELECT a.number FROM bills b JOIN accounts a ON a.id = b.account_id"), "\(north)\n")
        // A quarter overlapping the September bill is refused for that account; the other gets Q3 whole.
        let quarter = try billRun("--period", "2026-Q3", "--cycle", "quarterly")
        XCTAssertEqual(quarter.status, 1)
        XCTAssertEqual(quarter.stderr, """
            wbill: error: 1 account was not billed for 2026-Q3 (1 bill issued):
              \(north): bill B00000001 for 2026-09 covers some of the same days

            """)
        try assertBillIsTheQuote(try billNumber(of: south, period: "2026-Q3"), volume: "7.000",
                                 from: "2026-09-01", to: "2026-09-30", persons: 3, caliber: 20)
    }
}
