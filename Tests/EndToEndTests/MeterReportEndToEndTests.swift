import Foundation
import XCTest

/// `report meter`: the stock by type, state, manufacturer, caliber or group, the installs,
/// exchanges and removals of a period, and reading completeness, in table, CSV and JSON, with the
/// errors of its options. The fixture's meters: WM-000001..5 (DN20 mechanical, Ningbo Water
/// Meter, Route 1 and 2), WM-000006 and WM-000007 (DN20 mechanical, no manufacturer, no group),
/// IC-000001..3 (IC card DN15, Shenzhen Huaxu, Route 2).
final class MeterReportEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    /// In November: three accounts opened on WM-000001, WM-000006 and WM-000002 (three installs);
    /// WM-000001 read; WM-000006 exchanged for WM-000007 (an exchange, and an install of WM-000007
    /// with only its initial reading); the account on WM-000002 closed, the meter back in stock (a
    /// removal, with its final reading); WM-000005 retired and IC-000003 marked faulty (no event
    /// counted). In December: WM-000001 only estimated, WM-000007 not read at all.
    override func setUpWithError() throws {
        try super.setUpWithError()
        try sandbox.openAccount("Residential", meter: "WM-000001", name: "Li Lei")
        try sandbox.openAccount("Prepaid homes", meter: "WM-000006")
        try sandbox.openAccount("Residential", meter: "WM-000002", name: "Han Meimei")
        try ok(["account", "recharge", "AC00000002", "--amount", "50", "--channel", "cash"])
        try ok(["reading", "add", "WM-000001", "5", "--at", "2026-11-24T08:00:00Z"], at: "2026-11-24T09:00:00Z")
        try ok(["meter", "exchange", "WM-000006", "WM-000007", "--final-reading", "4", "--initial-reading", "0"], at: "2026-11-26T09:00:00Z")
        try ok(["customer", "close", "AC00000003", "--reading", "WM-000002=0"], at: "2026-11-27T09:00:00Z")
        try ok(["meter", "retire", "WM-000005", "--reason", "dropped"], at: "2026-11-27T10:00:00Z")
        try ok(["meter", "edit", "IC-000003", "--state", "faulty"], at: "2026-11-27T11:00:00Z")
        try ok(["reading", "estimate", "WM-000001"], at: "2026-12-05T09:00:00Z")
    }

    static let december = "2026-12-06T08:00:00Z"

    func ok(_ arguments: [String], at: String = Sandbox.now, file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try sandbox.wbill(arguments, environment: ["WBILL_NOW": at], file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(arguments): \(run)", file: file, line: line)
    }

    func report(_ arguments: String..., at: String = MeterReportEndToEndTests.december, file: StaticString = #filePath,
                line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(arguments, environment: ["WBILL_NOW": at], file: file, line: line)
    }

    static let notes = """
        Stock (meters, in_stock, installed, removed, faulty) is the meters as they stand now; installs, exchanges and removals are those recorded in 2026-11 (UTC days).
        Installs are meters put on an account (an exchange's new meter included); exchanges count the meter taken off; removals are meters taken off an account that closed.
        Completeness counts each meter on an account at some time in 2026-11 once: read with an actual reading dated in it (not voided; an initial reading at installation is not one), estimated with only estimated readings, missing with none.

        """

    func testByTypeLastMonthAsATable() throws {
        // Last month by default, from the command's clock (December: November).
        XCTAssertRun(try report("report", "meter"), status: 0, stdout: """
            Meters by type, 2026-11

            TYPE             METERS  IN STOCK  INSTALLED  REMOVED  FAULTY  INSTALLS  EXCHANGES  REMOVALS  READ  ESTIMATED  MISSING
            DN20 mechanical       7         3          2        2       0         4          1         1     3          0        1
            IC card DN15          3         2          0        0       1         0          0         0     0          0        0

            """ + "\n" + Self.notes)
    }

    func testDecemberCountsTheEstimateAndTheMissingReading() throws {
        XCTAssertRun(try report("--format", "csv", "report", "meter", "--period", "2026-12"), status: 0, stdout: csv("""
            type,meters,in_stock,installed,removed,faulty,installs,exchanges,removals,read,estimated,missing
            DN20 mechanical,7,3,2,2,0,0,0,0,0,1,1
            IC card DN15,3,2,0,0,1,0,0,0,0,0,0

            """))
        // A span of days: the 24th to the 26th holds WM-000001's reading and the exchange (WM-000006's
        // final reading); WM-000002, on its account then and in stock now, has no reading in it.
        XCTAssertRun(try report("--format", "csv", "report", "meter", "--from", "2026-11-24", "--to", "2026-11-26", "--by", "state"),
                     status: 0, stdout: csv("""
            state,meters,in_stock,installed,removed,faulty,installs,exchanges,removals,read,estimated,missing
            faulty,1,0,0,0,1,0,0,0,0,0,0
            in-stock,5,5,0,0,0,0,0,0,0,0,1
            installed,2,0,2,0,0,1,0,0,1,0,1
            removed,2,0,0,2,0,0,1,0,1,0,0

            """))
    }

    func testByGroupManufacturerAndCaliber() throws {
        XCTAssertRun(try report("--format", "csv", "report", "meter", "--period", "2026-11", "--by", "group"), status: 0, stdout: csv("""
            group,meters,in_stock,installed,removed,faulty,installs,exchanges,removals,read,estimated,missing
            ,2,0,1,1,0,2,1,0,1,0,1
            Route 1,3,2,1,0,0,2,0,1,2,0,0
            Route 2,5,3,0,1,1,0,0,0,0,0,0

            """))
        XCTAssertRun(try report("--format", "tsv", "report", "meter", "--period", "2026-11", "--by", "manufacturer"), status: 0, stdout: """
            maker\tmeters\tin_stock\tinstalled\tremoved\tfaulty\tinstalls\texchanges\tremovals\tread\testimated\tmissing
            \t2\t0\t1\t1\t0\t2\t1\t0\t1\t0\t1
            Ningbo Water Meter\t5\t3\t1\t1\t0\t2\t0\t1\t2\t0\t0
            Shenzhen Huaxu\t3\t2\t0\t0\t1\t0\t0\t0\t0\t0\t0

            """)
        let json = try report("--format", "json", "report", "meter", "--period", "2026-11", "--by", "caliber")
        XCTAssertEqual(json.status, 0, "\(json)")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["report"] as? String, "meter")
        XCTAssertEqual(object["title"] as? String, "Meters by caliber, 2026-11")
        XCTAssertEqual(object["parameters"] as? [String: String], ["period": "2026-11", "from": "2026-11-01", "to": "2026-11-30", "by": "caliber"])
        XCTAssertEqual(object["generated_at"] as? String, "2026-12-06T08:00:00.000Z")
        XCTAssertEqual(object["generated_by"] as? String, "clerk")
        XCTAssertEqual((object["notes"] as? [String])?.count, 3)
        let rows = try XCTUnwrap(object["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["caliber"] as? Int }, [15, 20])
        XCTAssertEqual(rows.map { $0["meters"] as? Int }, [4, 6], "WM-000003 is 15 mm")
        XCTAssertEqual(rows.map { $0["installs"] as? Int }, [0, 4])
    }

    func testTheCountsAgreeWithTheTablesCountedApart() throws {
        // The stock and the period's events, counted by plain SQL over meters and meter_events.
        let stock = try sandbox.sql("SELECT state, count(*) FROM meters GROUP BY state ORDER BY state")
        XCTAssertEqual(stock, "faulty|1\nin-stock|5\ninstalled|2\nremoved|2\n")
        let events = try sandbox.sql("""
            SELECT event, count(*) FROM meter_events WHERE at >= '2026-11-01' AND at < '2026-12-01'
            AND event IN ('installed', 'exchanged', 'removed', 'returned to stock') GROUP BY event ORDER BY event
            """)
        XCTAssertEqual(events, "exchanged|1\ninstalled|4\nreturned to stock|1\n")
        let run = try report("--format", "csv", "report", "meter", "--period", "2026-11", "--by", "state")
        let rows = run.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows.map { "\($0[0])|\($0[1])" }.joined(separator: "\n") + "\n", stock)
        XCTAssertEqual(rows.map { Int($0[6]) ?? -1 }.reduce(0, +), 4)
        XCTAssertEqual(rows.map { Int($0[7]) ?? -1 }.reduce(0, +), 1)
        XCTAssertEqual(rows.map { Int($0[8]) ?? -1 }.reduce(0, +), 1)
    }

    func testBadOptionsAreUsageErrors() throws {
        XCTAssertRun(try report("report", "meter", "--by", "colour"), status: 64, stderr: """
            wbill: error: invalid value 'colour' for --by: expected one of type, state, manufacturer, caliber, group
            Run 'wbill report meter --help' for usage.

            """)
        XCTAssertRun(try report("report", "meter", "--period", "2026-13"), status: 64, stderr: """
            wbill: error: invalid value '2026-13' for --period: expected a period such as 2026-10, 2026-Q4, 2026-10-05, 2026, last-month, last-quarter or yesterday
            Run 'wbill report meter --help' for usage.

            """)
        XCTAssertRun(try report("report", "meter", "--period", "2026-11", "--from", "2026-11-01", "--to", "2026-11-30"), status: 64, stderr: """
            wbill: error: give either --period or --from and --to, not both
            Run 'wbill report meter --help' for usage.

            """)
        XCTAssertRun(try report("report", "meter", "--from", "2026-11-01"), status: 64, stderr: """
            wbill: error: --from and --to go together
            Run 'wbill report meter --help' for usage.

            """)
    }

    func csv(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }
}
