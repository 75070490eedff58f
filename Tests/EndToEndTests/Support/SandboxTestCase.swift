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

    override func tearDown() {
        sandbox = nil
        super.tearDown()
    }
}
