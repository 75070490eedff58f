#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// The town `examples/small-town.sh` builds with the real binary: two routes with master meters,
/// 40 meters, 35 customers of five customer types, September and October read and billed, payments,
/// recharges and a refund (see the script's header for the calendar). Built once per test process
/// into a template and copied for each test, so that every report can be tried on a real month.
enum SmallTown {
    /// The script.
    static let script = AccountsFixture.examples + "/small-town.sh"
    /// A clock after the town's last step (October's bill run): `last-month` is October.
    static let now = "2026-11-02T08:00:00.000Z"

    private static let lock = NSLock()
    /// The sandbox holding the template (`town.db`); removed when the test process exits.
    nonisolated(unsafe) private static var template: Sandbox?

    /// The template database, built on first use.
    static func templateDatabase(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let template { return template.file("town.db") }
        let sandbox = try Sandbox()
        let run = try build(into: sandbox.file("town.db"), in: sandbox, file: file, line: line)
        XCTAssertRun(run, status: 0, file: file, line: line)
        template = sandbox
        atexit { SmallTown.template = nil }
        return sandbox.file("town.db")
    }

    /// Runs the script quietly into `database`.
    static func build(into database: String, in sandbox: Sandbox, file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try sandbox.run(["bash", script], environment: ["WBILL": ProgramRunner.wbillPath, "WBILL_DB": database, "WBILL_TOWN_QUIET": "1"],
                        timeout: 120, file: file, line: line)
    }
}

extension Sandbox {
    /// A sandbox whose default database is the small town's.
    static func withSmallTown(file: StaticString = #filePath, line: UInt = #line) throws -> Sandbox {
        try Sandbox(copyOf: try SmallTown.templateDatabase(file: file, line: line))
    }
}
