import WaterBilling
import WBillSupport
import XCTest

/// Cost follows the work: every query a list or show command runs for a page, a key or an exact
/// search is an index search, never a full scan of a table that grows with the utility. The
/// commands run for real with `WBILL_TRACE_SQL`, and each traced query's plan is read with
/// `EXPLAIN QUERY PLAN`. Lists without `--limit`, `account list --owing` and a search for text
/// within names and phones read everything by design (their help says so) and are not run here.
final class QueryPlanEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    /// The tables whose size grows with the utility's customers, meters and history.
    static let growing: Set<String> = [
        "meters", "meter_events", "meter_imports", "meter_readings", "accounts", "account_meters",
        "account_holders", "customers", "customer_changes", "ledger_entries", "audit_log", "consumptions", "reading_imports", "alarms", "valve_commands",
        "bills", "bill_lines", "bill_consumptions", "bill_runs", "unbilled_consumptions", "sewage_bases",
        "bill_allocations", "late_fees",
    ]

    /// The commands whose queries must all be index searches (or in-order walks stopped by a LIMIT).
    static let commands: [[String]] = [
        ["meter", "list", "--limit", "10"],
        ["meter", "list", "--limit", "10", "--offset", "5"],
        ["meter", "show", "WM-000001"],
        ["meter", "group", "list"],
        ["meter", "group", "show", "Route 1"],
        ["meter-type", "list"],
        ["customer-type", "list"],
        ["tariff", "list"],
        ["customer", "list", "--limit", "10"],
        ["customer", "list", "--search", "WM-000006"],
        ["customer", "list", "--search", "AC00000001"],
        ["customer", "list", "--search", "110101199003071234"],
        ["customer", "list", "--search", "13800138000"],
        ["customer", "show", "AC00000001"],
        ["account", "list", "--limit", "10"],
        ["account", "show", "AC00000001"],
        ["account", "transactions", "AC00000001"],
        ["audit", "list", "--limit", "10"],
        ["audit", "list", "--entity", "account", "--id", "AC00000001"],
        ["reading", "list", "--meter", "WM-000006"],
        ["reading", "list", "--meter", "WM-000006", "--since", "2026-11-01", "--until", "2026-12-01", "--limit", "5"],
        ["reading", "list", "--account", "AC00000001"],
        ["reading", "list", "--limit", "10"],
        ["reading", "list", "--since", "2026-11-01", "--limit", "10"],
        ["reading", "list", "--flagged", "--limit", "10"],
        ["reading", "list", "--flagged", "--since", "2026-11-01", "--until", "2026-12-01"],
        ["alarm", "list", "--limit", "10"],
        ["alarm", "list", "--state", "open"],
        ["alarm", "list", "--kind", "low-balance"],
        ["alarm", "list", "--account", "AC00000001"],
        ["alarm", "list", "--meter", "WM-000006"],
        ["alarm", "show", "1"],
        ["alarm", "option", "list"],
        ["valve", "list", "--limit", "10"],
        ["valve", "list", "--state", "pending"],
        ["valve", "list", "--account", "AC00000001"],
        ["valve", "list", "--meter", "WM-000006"],
        ["bill", "list", "--limit", "10"],
        ["bill", "list", "--account", "AC00000002"],
        ["bill", "list", "--period", "2026-11"],
        ["bill", "list", "--status", "open"],
        ["bill", "list", "--run", "1"],
        ["bill", "show", "B00000001"],
        ["bill", "print", "B00000001"],
        ["bill", "option", "list"],
        ["report", "arrears", "--as-of", "2027-01-01"],
        ["report", "consumption", "--period", "2026-11"],
        ["report", "consumption", "--period", "2026-Q4", "--by", "customer"],
        ["report", "consumption", "--from", "2026-11-01", "--to", "2026-12-31", "--by", "water-nature"],
        ["report", "consumption", "--period", "2026-11", "--by", "group"],
        ["report", "consumption", "--period", "2026", "--by", "month"],
        ["report", "nrw", "--period", "2026-11"],
        ["report", "financial", "--daily", "--period", "2026-11"],
        ["report", "financial", "--monthly", "--period", "2026-Q4", "--by", "channel"],
        ["report", "financial", "--annual", "--from", "2026-01-01", "--to", "2026-12-31", "--by", "operator"],
        ["report", "financial", "--monthly", "--period", "2026-11", "--by", "customer-type"],
        ["report", "meter", "--period", "2026-11"],
        ["report", "meter", "--period", "2026-11", "--by", "group"],
        ["report", "meter", "--period", "2026-11", "--by", "manufacturer"],
        ["export", "bills", "--from", "2026-12-01", "--to", "2026-12-31", "--format", "csv"],
        ["export", "transactions", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"],
        ["export", "alarms", "--from", "2026-11-01", "--format", "csv"],
        ["export", "meters", "--group", "Route 1", "--format", "csv"],
        ["export", "meters", "--format", "csv"],
        ["export", "customers", "--format", "csv"],
        ["export", "accounts", "--format", "csv"],
        ["export", "readings", "--format", "csv"],
        ["export", "readings", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"],
        ["export", "bills", "--format", "csv"],
        ["export", "transactions", "--format", "csv"],
        ["export", "alarms", "--format", "csv"],
        ["role", "list"],
        ["role", "show", "cashier"],
        ["operator", "list"],
        ["dept", "list"],
    ]

    /// The growing tables a command reads whole by design, as its help says: the meter report
    /// counts every meter (the stock as it stands) and every meter on an account (reading
    /// completeness). Its period's events and each meter's readings must still be index searches.
    /// A whole-table export walks its one table; everything it joins (names, holders, the balance)
    /// must still be found through an index, row by row. A readings export, of all days or some,
    /// walks the meters and searches each one's readings in the meter-and-time index, so its cost
    /// follows the meters and the rows returned, not the readings' history. An export of some days
    /// of bills, transactions or alarms (above, not here) reads no table whole.
    static let readWholeByDesign: [[String]: Set<String>] = [
        ["report", "meter", "--period", "2026-11"]: ["meters", "account_meters"],
        ["report", "meter", "--period", "2026-11", "--by", "group"]: ["meters", "account_meters"],
        ["report", "meter", "--period", "2026-11", "--by", "manufacturer"]: ["meters", "account_meters"],
        ["export", "meters", "--format", "csv"]: ["meters"],
        ["export", "customers", "--format", "csv"]: ["customers"],
        ["export", "accounts", "--format", "csv"]: ["accounts"],
        ["export", "readings", "--format", "csv"]: ["meters"],
        ["export", "readings", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"]: ["meters"],
        ["export", "bills", "--format", "csv"]: ["bills"],
        ["export", "transactions", "--format", "csv"]: ["ledger_entries"],
        ["export", "alarms", "--format", "csv"]: ["alarms"],
    ]

    func testListAndShowQueriesAreIndexSearches() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000006")
        XCTAssertEqual(number, "AC00000001")
        XCTAssertEqual(try sandbox.wbill(["account", "recharge", number, "--amount", "10", "--channel", "cash"]).status, 0)
        XCTAssertEqual(try sandbox.wbill(["reading", "add", "WM-000006", "2.5", "--at", Sandbox.now]).status, 0, "a zero, flagged")
        // Below the low-balance threshold: alarm 1, for `alarm show 1`.
        XCTAssertEqual(try sandbox.wbill(["account", "refund", number, "--amount", "5", "--channel", "cash"]).status, 0)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM alarms"), "1\n")
        // A postpaid account with a bill, B00000001, for the bill commands.
        XCTAssertEqual(try sandbox.openAccount("Residential", meter: "WM-000001", name: "Li Lei"), "AC00000002")
        let december = ["WBILL_NOW": "2026-12-05T08:00:00Z"]
        XCTAssertEqual(try sandbox.wbill(["reading", "add", "WM-000001", "9", "--at", "2026-11-30T10:00:00Z"], environment: december).status, 0)
        XCTAssertEqual(try sandbox.wbill(["bill", "run", "--period", "2026-11"], environment: december).status, 0)
        // A route with a master meter, for report nrw.
        XCTAssertEqual(try sandbox.wbill(["meter", "group", "add", "District", "--master", "WM-000007"]).status, 0)
        let database = try Database(path: sandbox.defaultDatabase, mode: .readOnly)
        for command in Self.commands {
            let trace = sandbox.file("trace-\(command.joined(separator: "-")).sql")
            let run = try sandbox.wbill(command, environment: ["WBILL_TRACE_SQL": trace])
            XCTAssertEqual(run.status, 0, "\(command): \(run)")
            let statements = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
                .filter { $0.hasPrefix("SELECT") || $0.hasPrefix("WITH") }
            XCTAssertFalse(statements.isEmpty, "\(command) ran no query")
            for sql in statements {
                let plan = try queryPlan(sql, in: database)
                for scanned in fullScans(plan, sql: sql) where !(Self.readWholeByDesign[command] ?? []).contains(scanned) {
                    XCTFail("wbill \(command.joined(separator: " ")) scans all of \(scanned):\n  \(sql)\n  "
                            + plan.map(\.detail).joined(separator: "\n  "))
                }
            }
        }
    }

    /// One step of a query plan: its detail text, and whether it belongs to the outer query.
    struct PlanStep {
        let detail: String
        let outer: Bool
    }

    /// `EXPLAIN QUERY PLAN` of `sql`.
    func queryPlan(_ sql: String, in database: Database) throws -> [PlanStep] {
        try database.query("EXPLAIN QUERY PLAN " + sql) { PlanStep(detail: $0.text(3), outer: $0.int64(1) == 0) }
    }

    /// The growing tables `plan` reads in full. A walk in index or rowid order that a LIMIT stops
    /// (the outer query is not sorted afterwards) reads only the rows it returns, so it does not count.
    func fullScans(_ plan: [PlanStep], sql: String) -> [String] {
        let limited = sql.range(of: #"LIMIT [0-9]+"#, options: .regularExpression) != nil
            && !plan.contains { $0.outer && $0.detail.hasPrefix("USE TEMP B-TREE FOR ORDER BY") }
        return plan.map(\.detail).compactMap { line in
            guard line.hasPrefix("SCAN ") else { return nil }
            let table = String(line.dropFirst(5).prefix { $0 != " " })
            let name = aliases(in: sql)[table] ?? table
            guard Self.growing.contains(name), !limited else { return nil }
            return name
        }
    }

    /// Table aliases of `sql` (`meters m` → m: meters).
    func aliases(in sql: String) -> [String: String] {
        var result: [String: String] = [:]
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" }).map(String.init)
        for (index, word) in words.enumerated() where Self.growing.contains(word) && index + 1 < words.count {
            result[words[index + 1]] = word
        }
        return result
    }

    func testTheCheckFindsAFullScan() throws {
        // The check itself: a query that reads every meter is caught, an index search is not.
        let database = try Database(path: sandbox.defaultDatabase, mode: .readOnly)
        let scan = "SELECT m.serial FROM meters m WHERE m.model LIKE '%x%'"
        XCTAssertEqual(fullScans(try queryPlan(scan, in: database), sql: scan), ["meters"])
        let search = "SELECT m.serial FROM meters m WHERE m.serial = 'WM-000001'"
        XCTAssertEqual(fullScans(try queryPlan(search, in: database), sql: search), [])
        let sorted = "SELECT m.serial FROM meters m ORDER BY m.model LIMIT 10"
        XCTAssertEqual(fullScans(try queryPlan(sorted, in: database), sql: sorted), ["meters"], "a page of a sorted scan reads all")
    }
}
