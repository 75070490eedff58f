import XCTest

/// The base of every end-to-end test class: each test gets a fresh `Sandbox`, set up the way the
/// class asks, and removed after it.
///
/// ```swift
/// final class MeterEndToEndTests: SandboxTestCase {
///     override class var start: Start { .initialised }
///     func testAdd() throws { XCTAssertRun(try sandbox.wbill("meter", "list"), status: 0, stdout: …) }
/// }
/// ```
class SandboxTestCase: XCTestCase {
    /// How a test's sandbox starts.
    enum Start {
        /// No database at all.
        case empty
        /// The default database created by `wbill init`.
        case initialised
        /// The default database holding the `AccountsFixture` catalogue (copied from one template).
        case accountsFixture
        /// The default database holding the town of examples/small-town.sh (`SmallTown`, copied from one template).
        case smallTown
    }

    /// How this class's tests start (default: with `wbill init` run).
    class var start: Start { .initialised }

    /// The test's sandbox.
    var sandbox: Sandbox!

    /// Whether each test ends with `wbill audit verify` on the default database, failing when the
    /// chain is broken: every path the suite drives (recharges, cards, bill runs, imports …) must
    /// leave the audit trail and the ledger chained, each ledger entry named by its audit entry. A
    /// class whose tests write those tables behind wbill's back (the sqlite3 shell) says no.
    class var verifiesTheAuditChain: Bool { true }
    /// Set by a test that writes those tables behind wbill's back itself: its end is not checked.
    var wroteTheChainedTablesBehindWbill = false

    override func setUpWithError() throws {
        try super.setUpWithError()
        switch Self.start {
        case .empty: sandbox = try Sandbox()
        case .initialised:
            sandbox = try Sandbox()
            try sandbox.initialise()
        case .accountsFixture: sandbox = try Sandbox.withAccountsFixture()
        case .smallTown: sandbox = try Sandbox.withSmallTown()
        }
    }

    override func tearDownWithError() throws {
        if Self.verifiesTheAuditChain, !wroteTheChainedTablesBehindWbill, let sandbox, FileManager.default.fileExists(atPath: sandbox.defaultDatabase) {
            // Only a broken chain counts: a test may leave a file of an older schema, or none readable.
            let run = try sandbox.wbill("audit", "verify")
            XCTAssertFalse(run.stderr.hasPrefix("wbill: error: the audit trail does not verify"), "after the test: \(run.stderr)")
        }
        try super.tearDownWithError()
    }

    override func tearDown() {
        sandbox = nil
        super.tearDown()
    }
}
