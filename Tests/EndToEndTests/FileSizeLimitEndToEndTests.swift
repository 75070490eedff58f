#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// Runs under a file size limit (`ulimit -f`): the system refuses to grow a file past it, and wbill
/// must say so (exit 74) and write nothing, instead of dying silently of SIGXFSZ.
final class FileSizeLimitEndToEndTests: SandboxTestCase {
    override class var start: Start { .initialised }

    /// What wbill says when a file reaches the limit.
    static let tooLarge = "file too large (the file size limit, ulimit -f, or the largest file the file system allows)"

    override func setUpWithError() throws {
        try super.setUpWithError()
        let result = try sandbox.wbill("meter-type", "add", "DN20 mechanical", "--kind", "mechanical",
                                       "--payment-model", "postpaid", "--caliber", "20")
        XCTAssertEqual(result.status, 0, "\(result)")
    }

    /// Runs wbill through bash with `ulimit -f blocks` (1024-byte blocks) set first.
    func wbillUnderLimit(blocks: Int, _ arguments: [String], timeout: Double = 60) throws -> ProcessResult {
        try sandbox.run(["bash", "-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", ProgramRunner.wbillPath] + arguments,
                        timeout: timeout)
    }

    /// A CSV of `rows` meters of type `type`.
    func meterFile(_ name: String, rows: Int, type: String) throws -> String {
        var text = "serial,type,caliber,manufacturer,location\n"
        for index in 1...rows {
            text += "L-\(String(index + 100_000_000).dropFirst()),\(type),20,Ningbo,\"Block \(index / 100), unit \(index % 100)\"\n"
        }
        return try sandbox.write(text, to: name)
    }

    /// Everything a failed import must leave as it was.
    func databaseState() throws -> String {
        try sandbox.sqlite(sandbox.defaultDatabase, """
            PRAGMA integrity_check; SELECT count(*) FROM meters; SELECT count(*) FROM meter_imports;
            SELECT count(*), max(id) FROM audit_log;
            """)
    }

    func testAnImportThatOutgrowsTheLimitSaysSoAndWritesNothing() throws {
        _ = try meterFile("big.csv", rows: 30_000, type: "DN20 mechanical")
        let before = try databaseState()
        // The database (256 KiB when initialised) may grow to 1 MiB, far less than 30,000 meters need.
        XCTAssertRun(try wbillUnderLimit(blocks: 1024, ["meter", "import", "big.csv"]), status: 74,
                     stderr: "wbill: error: cannot write the database \(sandbox.defaultDatabase): \(Self.tooLarge); nothing was written\n")
        XCTAssertEqual(try databaseState(), before)
        // Without the limit the same import goes through: the failed one left nothing in the way.
        let rerun = try sandbox.wbill(["meter", "import", "big.csv"], timeout: 120)
        XCTAssertEqual(rerun.status, 0, "\(rerun)")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT count(*) FROM meters"), "30000\n")
    }

    func testARejectsFileThatOutgrowsTheLimitSaysSoAndLeavesNothing() throws {
        _ = try meterFile("bad.csv", rows: 30_000, type: "Nope")
        let before = try databaseState()
        // 30,000 rejected rows with their reasons make a rejects file of about 3 MB; 512 KiB are allowed.
        XCTAssertRun(try wbillUnderLimit(blocks: 512, ["meter", "import", "bad.csv", "--skip-invalid", "--rejects", "rejects.csv"]),
                     status: 74, stderr: "wbill: error: cannot write rejects.csv: \(Self.tooLarge)\n")
        XCTAssertEqual(try databaseState(), before)
        let left = try FileManager.default.contentsOfDirectory(atPath: sandbox.path).filter { $0.hasPrefix("rejects") }
        XCTAssertEqual(left, [], "neither the rejects file nor its temporary file may be left")
    }

    func testABackupThatOutgrowsTheLimitSaysSoAndLeavesNothing() throws {
        _ = try meterFile("big.csv", rows: 30_000, type: "DN20 mechanical")
        let imported = try sandbox.wbill(["meter", "import", "big.csv"], timeout: 120)
        XCTAssertEqual(imported.status, 0, "\(imported)")
        let directory = try sandbox.directory.makeDirectory("backups")
        // The database is now some 3 MB; the copy may grow to 1 MiB.
        XCTAssertRun(try wbillUnderLimit(blocks: 1024, ["db", "backup", "backups/copy.db"]), status: 74,
                     stderr: "wbill: error: cannot write backup backups/copy.db: \(Self.tooLarge)\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [])
    }

    func testOutputThatOutgrowsTheLimitSaysSo() throws {
        // stdout redirected to a file that may not grow past 4 KiB; the bash completion script is longer.
        let result = try sandbox.run(["bash", "-c", "ulimit -f 4 && exec \"$0\" completion bash > completion.txt",
                                      ProgramRunner.wbillPath])
        XCTAssertRun(result, status: 74, stderr: "wbill: error: cannot write output: \(Self.tooLarge)\n")
    }
}
