#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// The counter keeps working during a long import: a short write waits for another writer instead
/// of failing, for as long as the busy time-out (`--busy-timeout SECONDS`, `WBILL_BUSY_TIMEOUT`,
/// 60 s by default), and only then gives up with exit 75.
final class BusyTimeoutEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }


    /// Seconds on a monotonic clock.
    func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Waits for every process, noting when each one ended.
    func finishTimes(_ processes: [BackgroundProcess], timeout: Double) -> [Double] {
        var ends = [Double?](repeating: nil, count: processes.count)
        let deadline = now() + timeout
        while ends.contains(where: { $0 == nil }) && now() < deadline {
            for (index, process) in processes.enumerated() where ends[index] == nil && process.wait(timeout: 0) != nil {
                ends[index] = now()
            }
            usleep(5_000)
        }
        return ends.map { $0 ?? .infinity }
    }

    /// An import whose rows arrive through a pipe over about 8 seconds holds the write lock all that
    /// time (all or nothing). Recharges started meanwhile, one every half second, wait for it and
    /// all land; before, those that waited 5 s gave up (exit 75).
    func testRechargesDuringALongImportAllLand() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000006")
        let importer = try BackgroundProcess(["bash", "-c", """
            { echo serial,type,caliber; for i in $(seq 1 80); do echo "SLOW-$i,DN20 mechanical,20"; sleep 0.1; done; } | "$0" meter import -
            """, ProgramRunner.wbillPath], environment: sandbox.baseEnvironment, directory: sandbox.path)
        usleep(500_000)
        var recharges: [BackgroundProcess] = []
        var starts: [Double] = []
        for index in 1...12 {
            starts.append(now())
            recharges.append(try sandbox.start(["account", "recharge", number, "--amount", "1.00", "--channel", "cash",
                                                "--ref", "COUNTER-\(index)"]))
            usleep(500_000)
        }
        let ends = finishTimes(recharges, timeout: 90)
        XCTAssertRun(importer.result(timeout: 30), status: 0, stdout: """
            Import:     2
            Rows:       80
            Imported:   80
            Updated:    0
            Unchanged:  0
            Skipped:    0
            Rejected:   0

            """)
        let latencies = zip(starts, ends).map { Int(($1 - $0) * 1000) }
        for (index, recharge) in recharges.enumerated() {
            let run = recharge.result(timeout: 1)
            XCTAssertEqual(run.status, 0, "recharge \(index + 1) after \(latencies[index]) ms: \(run)")
            XCTAssertEqual(run.stderr, "", "recharge \(index + 1)")
        }
        XCTAssertEqual(try sandbox.sql("SELECT count(*), sum(amount) FROM ledger_entries"), "12|1200\n",
                       "latencies (ms): \(latencies)")
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM meters WHERE serial LIKE 'SLOW-%'"), "80\n")
    }

    /// In batched mode a short write gets in between two batches: recharges started while a batched
    /// import reads its rows from a pipe (60 rows over about 6 s, 10 a batch) all land while the
    /// import still runs, each at the next batch's end. Before, a waiting write tried again only
    /// every 100 ms and the import took the lock back at once: they waited for its end.
    func testRechargesGetInBetweenTheBatchesOfABatchedImport() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000006")
        let importer = try BackgroundProcess(["bash", "-c", """
            { echo serial,type,caliber; for i in $(seq 1 60); do echo "BATCH-$i,DN20 mechanical,20"; sleep 0.1; done; } \
              | "$0" meter import - --batch-size 10
            """, ProgramRunner.wbillPath], environment: sandbox.baseEnvironment, directory: sandbox.path)
        usleep(500_000)
        var recharges: [BackgroundProcess] = []
        for index in 1...4 {
            recharges.append(try sandbox.start(["account", "recharge", number, "--amount", "1.00", "--channel", "cash",
                                                "--ref", "BETWEEN-\(index)"]))
            usleep(400_000)
        }
        let ends = finishTimes(recharges, timeout: 60)
        let importerRunning = importer.wait(timeout: 0) == nil
        let importEnd = finishTimes([importer], timeout: 60)[0]
        XCTAssertTrue(importerRunning, "the import ended before the recharges")
        for (index, end) in ends.enumerated() {
            XCTAssertLessThan(end, importEnd, "recharge \(index + 1) waited for the end of the import")
            XCTAssertEqual(recharges[index].result(timeout: 1).status, 0, "recharge \(index + 1)")
        }
        XCTAssertEqual(importer.result(timeout: 1).status, 0)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM ledger_entries"), "4\n")
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM meters WHERE serial LIKE 'BATCH-%'"), "60\n")
    }

    /// A write that meets a lock held longer than its busy time-out gives up with exit 75 and says
    /// how to wait longer; the time-out comes from the option, else from WBILL_BUSY_TIMEOUT.
    func testAWriteGivesUpAfterItsBusyTimeOut() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000006")
        let holder = try BackgroundProcess(["sqlite3", sandbox.defaultDatabase, "BEGIN IMMEDIATE;", ".shell sleep 4", "COMMIT;"],
                                           environment: sandbox.baseEnvironment, directory: sandbox.path)
        defer { holder.kill() }
        usleep(300_000)
        for (arguments, environment) in [(["--busy-timeout", "1"], [:]), ([], ["WBILL_BUSY_TIMEOUT": "1"])] as [([String], [String: String?])] {
            let started = now()
            XCTAssertBusy(try sandbox.wbill(arguments + ["account", "recharge", number, "--amount", "1", "--channel", "cash"],
                                            environment: environment))
            let waited = now() - started
            XCTAssertTrue(waited >= 0.9 && waited < 3, "waited \(waited) s")
        }
        XCTAssertEqual(holder.result(timeout: 10).status, 0)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM ledger_entries"), "0\n")
    }

    func testABadBusyTimeOutIsAUsageError() throws {
        XCTAssertRun(try sandbox.wbill("--busy-timeout", "soon", "account", "list"), status: 64,
                     stderr: "wbill: error: invalid value 'soon' for --busy-timeout: expected a whole number\n"
                        + "Run 'wbill help' for the list of commands.\n")
        XCTAssertRun(try sandbox.wbill("--busy-timeout", "3601", "account", "list"), status: 64,
                     stderr: "wbill: error: invalid value '3601' for --busy-timeout: expected whole seconds from 0 to 3600\n")
        XCTAssertRun(try sandbox.wbill(["account", "list"], environment: ["WBILL_BUSY_TIMEOUT": "1m"]), status: 64,
                     stderr: "wbill: error: WBILL_BUSY_TIMEOUT: expected whole seconds from 0 to 3600, found '1m'\n")
    }
}
