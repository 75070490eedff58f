import XCTest

/// Command-line mistakes: `wbill: error: …` on stderr naming the mistake (and the nearest right
/// word), nothing on stdout, exit 64.
final class UsageErrorEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    func testUnknownCommandSuggestsTheNearest() throws {
        XCTAssertRun(try sandbox.wbill("dv"), status: 64,
                     stderr: "wbill: error: unknown command 'dv'; did you mean 'db'?\n")
        XCTAssertRun(try sandbox.wbill("auditt", "list"), status: 64,
                     stderr: "wbill: error: unknown command 'auditt'; did you mean 'audit list'?\n")
        XCTAssertRun(try sandbox.wbill("dbb", "status"), status: 64,
                     stderr: "wbill: error: unknown command 'dbb'; did you mean 'db status'?\n")
    }

    func testUnknownCommandWithNothingNearPointsAtTheList() throws {
        XCTAssertRun(try sandbox.wbill("frobnicate"), status: 64,
                     stderr: "wbill: error: unknown command 'frobnicate'; run 'wbill help' for the list\n")
        XCTAssertRun(try sandbox.wbill("db", "frobnicate"), status: 64,
                     stderr: "wbill: error: unknown command 'frobnicate' for 'wbill db'; run 'wbill db --help' for the list\n")
    }

    func testUnknownVerbSuggestsTheNearest() throws {
        XCTAssertRun(try sandbox.wbill("db", "bakup", "copy.db"), status: 64,
                     stderr: "wbill: error: unknown command 'bakup' for 'wbill db'; did you mean 'db backup'?\n")
    }

    func testUnknownOptionSuggestsTheNearest() throws {
        XCTAssertRun(try sandbox.wbill("--frmat", "csv", "audit", "list"), status: 64,
                     stderr: "wbill: error: unknown option '--frmat'; did you mean '--format'?\n")
        XCTAssertRun(try sandbox.wbill("db", "backup", "--forse", "copy.db"), status: 64,
                     stderr: "wbill: error: unknown option '--forse'; did you mean '--force'?\n")
        XCTAssertRun(try sandbox.wbill("audit", "list", "--limt", "3"), status: 64,
                     stderr: "wbill: error: unknown option '--limt'; did you mean '--limit'?\n")
        XCTAssertRun(try sandbox.wbill("audit", "list", "--zzzzzz"), status: 64,
                     stderr: "wbill: error: unknown option '--zzzzzz'\n")
    }

    func testADateOfTheRightShapeThatTheCalendarDoesNotHaveSaysSo() throws {
        let cases = [
            ("2026-02-30", "there is no such day: February 2026 has 28 days"),
            ("2028-02-30", "there is no such day: February 2028 has 29 days"),
            ("2026-04-31", "there is no such day: April 2026 has 30 days"),
            ("2026-13-01", "there is no such day: months run from 01 to 12"),
            ("2026-00-10", "there is no such day: months run from 01 to 12"),
            ("2026-01-00", "there is no such day: days run from 01"),
            ("0000-01-01", "there is no such day: years run from 0001 to 9999"),
        ]
        for (date, reason) in cases {
            XCTAssertRun(try sandbox.wbill("tariff", "show", "x", "--on", date), status: 64, stderr: """
                wbill: error: invalid value '\(date)' for --on: \(reason)
                Run 'wbill tariff show --help' for usage.

                """)
            XCTAssertRun(try sandbox.wbill("audit", "list", "--since", date + "T10:00:00Z"), status: 64, stderr: """
                wbill: error: invalid value '\(date)T10:00:00Z' for --since: \(reason)
                Run 'wbill audit list --help' for usage.

                """)
        }
        // The wrong shape is still said to be the wrong shape.
        XCTAssertRun(try sandbox.wbill("tariff", "show", "x", "--on", "2026-2-3"), status: 64, stderr: """
            wbill: error: invalid value '2026-2-3' for --on: expected a date as YYYY-MM-DD
            Run 'wbill tariff show --help' for usage.

            """)
    }

    func testBadFormatNamesTheChoices() throws {
        try sandbox.initialise()
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format", "xml"), status: 64, stderr: """
            wbill: error: invalid value 'xml' for --format: expected one of table, csv, tsv, json, xlsx, dbf, sql
            Run 'wbill audit list --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format=jsn"), status: 64, stderr: """
            wbill: error: invalid value 'jsn' for --format: expected one of table, csv, tsv, json, xlsx, dbf, sql; did you mean 'json'?
            Run 'wbill audit list --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill("--format", "xml", "audit", "list"), status: 64, stderr: """
            wbill: error: invalid value 'xml' for --format: expected one of table, csv, tsv, json, xlsx, dbf, sql
            Run 'wbill help' for the list of commands.

            """)
    }

    func testMissingAndMalformedValues() throws {
        XCTAssertRun(try sandbox.wbill("audit", "list", "--db"), status: 64, stderr: """
            wbill: error: option --db needs a value (PATH)
            Run 'wbill audit list --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill("--quiet=yes", "init"), status: 64, stderr: """
            wbill: error: option --quiet takes no value
            Run 'wbill help' for the list of commands.

            """)
        XCTAssertRun(try sandbox.wbill("audit", "list", "--since", "2026-02-30"), status: 64, stderr: """
            wbill: error: invalid value '2026-02-30' for --since: there is no such day: February 2026 has 28 days
            Run 'wbill audit list --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill("audit", "list", "--since", "2026-2-3"), status: 64, stderr: """
            wbill: error: invalid value '2026-2-3' for --since: expected a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)
            Run 'wbill audit list --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill("audit", "list", "--limit", "ten"), status: 64, stderr: """
            wbill: error: invalid value 'ten' for --limit: expected a whole number
            Run 'wbill audit list --help' for usage.

            """)
    }

    func testMissingAndExtraArguments() throws {
        XCTAssertRun(try sandbox.wbill("db", "backup"), status: 64, stderr: """
            wbill: error: missing argument FILE
            Run 'wbill db backup --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill("db", "backup", "a.db", "b.db"), status: 64, stderr: """
            wbill: error: unexpected argument 'b.db'
            Run 'wbill db backup --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill("completion", "powershell"), status: 64, stderr: """
            wbill: error: invalid value 'powershell' for SHELL: expected one of bash, zsh, fish
            Run 'wbill completion --help' for usage.

            """)
    }

    func testBadClockOverrideIsAUsageError() throws {
        XCTAssertRun(try sandbox.wbill(["init"], environment: ["WBILL_NOW": "yesterday"]), status: 64, stderr: """
            wbill: error: WBILL_NOW: "yesterday" is not a UTC time as YYYY-MM-DDTHH:MM:SS[.mmm]Z or a date as YYYY-MM-DD

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.defaultDatabase))
    }

    func testAFailedWriteToStdoutIsReported() throws {
        // /dev/full refuses every write with ENOSPC.
        let result = try sandbox.run(["sh", "-c", "exec \"$0\" help > /dev/full", ProgramRunner.wbillPath])
        XCTAssertRun(result, status: 74, stderr: "wbill: error: cannot write output: no space left on device\n")
    }
}
