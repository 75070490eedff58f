import XCTest

/// The base of the reading tests: the `AccountsFixture` catalogue, accounts opened at the
/// sandbox's clock (2026-11-23), and readings taken during 2027 by commands that run on a later
/// clock (`later`), so that every reading is dated after its meter was installed and before now.
class ReadingSandboxTestCase: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    /// The clock the reading commands run on.
    static let later = "2028-01-01T00:00:00.000Z"

    /// Runs wbill on the later clock.
    func wbill(_ arguments: String..., stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(arguments, environment: ["WBILL_NOW": Self.later], stdin: stdin, file: file, line: line)
    }

    /// Records a reading (`reading add SERIAL VALUE --at AT`) and checks it succeeded.
    func read(_ serial: String, _ value: String, at: String, _ extra: String..., file: StaticString = #filePath,
              line: UInt = #line) throws {
        let run = try sandbox.wbill(["reading", "add", serial, value, "--at", at] + extra, environment: ["WBILL_NOW": Self.later],
                                    file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(run)", file: file, line: line)
    }

    /// `reading list ARGUMENTS --format tsv`, without its header, each row's cells joined by `|`.
    func list(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let run = try sandbox.wbill(["reading", "list", "--format", "tsv"] + arguments, environment: ["WBILL_NOW": Self.later],
                                    file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(run)", file: file, line: line)
        XCTAssertEqual(run.stdout.split(separator: "\n").first.map(String.init),
                       "reading\tat\tserial\taccount\tvalue\tsource\tconsumption\tsince\tflags\tstatus", file: file, line: line)
        return run.stdout.split(separator: "\n").dropFirst().map { $0.replacingOccurrences(of: "\t", with: "|") }
    }

    /// The sum of an account's consumption records in thousandths of the volume unit, straight from SQL.
    func consumption(of account: String) throws -> String {
        try sandbox.sql("""
            SELECT coalesce(sum(c.volume), 0) FROM consumptions c JOIN accounts a ON a.id = c.account_id
            WHERE a.number = '\(account)'
            """)
    }
}
