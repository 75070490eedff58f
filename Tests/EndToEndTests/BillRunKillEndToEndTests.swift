#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// A bill run killed with kill -9 at any point leaves whole bills of whole batches, each batch
/// recorded, and no lock behind: the next run marks the killed one interrupted and bills the rest.
/// Two runs never interleave.
final class BillRunKillEndToEndTests: BillSandboxTestCase {
    static let accounts = 1_500

    /// `accounts` accounts of one meter each, read at the end of September.
    func buildManyAccounts() throws {
        let count = Self.accounts
        try sandbox.write("serial,type,caliber\n" + (1...count).map { "K-\($0),Mechanical,20" }.joined(separator: "\n") + "\n",
                          to: "meters.csv")
        try ok(["meter", "import", "meters.csv"], at: Self.openingDay)
        try sandbox.write("type,name,id_number,phone,address,persons,meters\n"
                          + (1...count).map { "Town homes,Customer \($0),110101199003071234,13800138000,House \($0),\(1 + $0 % 6),K-\($0)" }
                            .joined(separator: "\n") + "\n", to: "customers.csv")
        try ok(["customer", "open", "--file", "customers.csv"], at: Self.openingDay)
        try sandbox.write("serial,at,value\n" + (1...count).map { "K-\($0),2026-09-30T10:00:00Z,\($0 % 40).\($0 % 1000)" }
                            .joined(separator: "\n") + "\n", to: "readings.csv")
        try ok(["reading", "import", "readings.csv"])
    }

    /// Every committed run's counts equal the bills it issued, and its batch entries add up to them.
    func assertRunsAgree(_ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertBillsAreWhole(context, file: file, line: line)
        let runs = try sql("""
            SELECT r.id, r.state, r.billed, (SELECT count(*) FROM bills b WHERE b.run_id = r.id),
                   (SELECT coalesce(sum(json_extract(a.changes, '$.billed.new')), 0) FROM audit_log a
                    WHERE a.entity = 'bill-run' AND a.entity_id = CAST(r.id AS TEXT) AND a.action = 'run batch'),
                   (SELECT count(*) FROM audit_log a WHERE a.entity = 'bill-run' AND a.entity_id = CAST(r.id AS TEXT) AND a.action = 'run')
            FROM bill_runs r ORDER BY r.id
            """)
        for run in runs.split(separator: "\n") {
            let fields = run.split(separator: "|").map(String.init)
            let (id, state, billed, bills, batches, ends) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5])
            XCTAssertEqual(billed, bills, "\(context): run \(id) counts \(billed) bills, the table holds \(bills)", file: file, line: line)
            if state == "finished" {
                XCTAssertEqual(ends, "1", "\(context): run \(id) finished without its entry", file: file, line: line)
            } else {
                XCTAssertEqual(batches, bills, "\(context): run \(id)'s batch entries do not add up to its bills", file: file, line: line)
            }
        }
        XCTAssertEqual(try sql("SELECT count(*) FROM bills WHERE run_id IS NOT NULL AND run_id NOT IN (SELECT id FROM bill_runs)"), "0\n",
                       "\(context): bills of an unrecorded run", file: file, line: line)
    }

    func testKillNineAtRandomPointsLeavesWholeBillsAndTheNextRunBillsTheRest() throws {
        try buildManyAccounts()
        // Killed once it has committed a batch: the next run finds it recorded as running, says so
        // and marks it interrupted.
        let first = try sandbox.start(["bill", "run", "--period", "2026-09", "--batch-size", "50"], environment: ["WBILL_NOW": Self.runDay])
        try waitForBills(first)
        first.kill(signal: SIGKILL)
        _ = first.wait(timeout: 10)
        try assertRunsAgree("killed after its first batch")
        XCTAssertEqual(try sql("SELECT id, state FROM bill_runs"), "1|running\n")
        var delays: [Int] = []
        for iteration in 1...3 {
            let run = try sandbox.start(["bill", "run", "--period", "2026-09", "--batch-size", "50"], environment: ["WBILL_NOW": Self.runDay])
            let delay = Int.random(in: 20...400)
            delays.append(delay)
            usleep(useconds_t(delay * 1000))
            run.kill(signal: SIGKILL)
            let status = run.wait(timeout: 10)
            try assertRunsAgree("kill \(iteration) after \(delay) ms (delays: \(delays), status \(String(describing: status)))")
        }
        let rest = try sandbox.wbill(["bill", "run", "--period", "2026-09"], environment: ["WBILL_NOW": Self.runDay], timeout: 120)
        XCTAssertEqual(rest.status, 0, "\(rest)")
        XCTAssertEqual(try sql("SELECT count(*), count(DISTINCT account_id) FROM bills"), "\(Self.accounts)|\(Self.accounts)\n")
        XCTAssertEqual(try sql("SELECT count(*) FROM bill_runs WHERE state = 'running'"), "0\n")
        try assertRunsAgree("after the run that finished (delays: \(delays))")
    }

    func testTheRunAfterAKilledOneSaysItWasInterrupted() throws {
        try buildManyAccounts()
        let first = try sandbox.start(["bill", "run", "--period", "2026-09", "--batch-size", "50"], environment: ["WBILL_NOW": Self.runDay])
        try waitForBills(first)
        first.kill(signal: SIGKILL)
        _ = first.wait(timeout: 10)
        let billed = try sql("SELECT count(*) FROM bills")
        XCTAssertNotEqual(billed, "\(Self.accounts)\n", "killed before its end")
        let rest = try sandbox.wbill(["bill", "run", "--period", "2026-09"], environment: ["WBILL_NOW": Self.runDay], timeout: 120)
        XCTAssertEqual(rest.status, 0, "\(rest)")
        XCTAssertEqual(rest.stderr, "wbill: warning: bill run 1 had stopped before its end (killed or crashed); marked interrupted. This run bills what it left\n")
        XCTAssertEqual(try sql("SELECT id, state FROM bill_runs ORDER BY id"), "1|interrupted\n2|finished\n")
        XCTAssertEqual(try sql("SELECT already_billed + billed FROM bill_runs WHERE id = 2"), "\(Self.accounts)\n")
        try assertRunsAgree("after the re-run")
    }

    /// Waits until `run` has committed a batch of bills (at most 20 s), asking the sqlite3 shell
    /// (which waits while the run writes).
    func waitForBills(_ run: BackgroundProcess, file: StaticString = #filePath, line: UInt = #line) throws {
        var waited = 0
        func bills() throws -> String {
            try sandbox.run(["sqlite3", "-batch", "-cmd", ".timeout 5000", sandbox.defaultDatabase, "SELECT count(*) FROM bills"],
                            file: file, line: line).stdout
        }
        while try bills() == "0\n" {
            usleep(5_000)
            waited += 5
            guard waited < 20_000 else { return XCTFail("no bill after 20 s", file: file, line: line) }
        }
    }

    func testASecondRunWhileOneRunsIsRefusedAsBusy() throws {
        try buildManyAccounts()
        let first = try sandbox.start(["bill", "run", "--period", "2026-09", "--batch-size", "50"], environment: ["WBILL_NOW": Self.runDay])
        try waitForBills(first)  // it surely holds the lock then
        let second = try wbill("bill", "run", "--period", "2026-09")
        let finished = first.result(timeout: 60)
        XCTAssertEqual(finished.status, 0, "the first run: \(finished)")
        XCTAssertEqual(second.status, 75, "\(second)")
        XCTAssertTrue(second.stderr.hasPrefix("wbill: error: bill run 1 (2026-09), started by clerk at 2026-11-05T08:00:00.000Z, is still running (process "),
                      second.stderr)
        XCTAssertTrue(second.stderr.hasSuffix("; try again when it has finished\n"), second.stderr)
        XCTAssertEqual(try sql("SELECT count(*) FROM bills"), "\(Self.accounts)\n")
        try assertRunsAgree("after both")
    }
}
