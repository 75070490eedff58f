import XCTest

/// `wbill reading estimate|void`: estimates corrected by the next real reading, voids by reversal;
/// whatever happens, each span is counted once.
final class ReadingCorrectionEndToEndTests: ReadingSandboxTestCase {
    func testAnEstimateIsCorrectedByTheNextRealReadingAndNeverCountedTwice() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000001")
        XCTAssertRun(try wbill("reading", "estimate", "WM-000001", "--at", "2027-01-01"), status: 1, stderr: """
            wbill: error: meter WM-000001 has no measured consumption on account \(account) to estimate from; record a real reading with `wbill reading add`

            """)
        try read("WM-000001", "10", at: "2027-01-01T00:00:00Z")
        try read("WM-000001", "40", at: "2027-01-31T00:00:00Z")
        // The average: 40 over 68.6 days since the meter went on the account; February's 28 days at it.
        XCTAssertRun(try wbill("reading", "estimate", "WM-000001", "--at", "2027-02-28T00:00:00Z"), status: 0, stdout: """
            recorded estimated reading 3: WM-000001 56.326 at 2027-02-28T00:00:00.000Z on account \(account); consumption 16.326 since 2027-01-31T00:00:00.000Z

            """)
        XCTAssertEqual(try wbill("reading", "estimate", "WM-000001", "--at", "2027-03-31T00:00:00Z").status, 0)
        XCTAssertEqual(try consumption(of: account), "\(40_000 + 16_326 + 18_075)\n")
        // The real reading, below the estimates: its consumption runs from the last real reading,
        // and both estimates' consumption is reversed.
        XCTAssertRun(try wbill("reading", "add", "WM-000001", "70", "--at", "2027-04-15T00:00:00Z"), status: 0, stdout: """
            recorded reading 5: WM-000001 70.000 at 2027-04-15T00:00:00.000Z on account \(account); consumption 30.000 since 2027-01-31T00:00:00.000Z; corrected estimates 3, 4

            """)
        XCTAssertEqual(try list("--meter", "WM-000001"), [
            "1|2027-01-01T00:00:00.000Z|WM-000001|\(account)|10.000|manual|10.000|2026-11-23T09:30:00.000Z||",
            "2|2027-01-31T00:00:00.000Z|WM-000001|\(account)|40.000|manual|30.000|2027-01-01T00:00:00.000Z|high|",
            "3|2027-02-28T00:00:00.000Z|WM-000001|\(account)|56.326|estimated||||corrected",
            "4|2027-03-31T00:00:00.000Z|WM-000001|\(account)|74.401|estimated||||corrected",
            "5|2027-04-15T00:00:00.000Z|WM-000001|\(account)|70.000|manual|30.000|2027-01-31T00:00:00.000Z||",
        ])
        XCTAssertEqual(try consumption(of: account), "70000\n", "the real readings' consumption, once")
        XCTAssertEqual(try sandbox.sql("SELECT reading_id, volume, kind, reverses_id, reason FROM consumptions WHERE kind = 'reversal'"), """
            3|-16326|reversal|3|estimate corrected by reading 5
            4|-18075|reversal|4|estimate corrected by reading 5

            """)
    }

    func testVoidReversesTheReadingAndDerivesTheNextOneAgain() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000002")
        try read("WM-000002", "10", at: "2027-01-01")
        try read("WM-000002", "1500", at: "2027-02-01")   // a slip: 150.0
        try read("WM-000002", "1520", at: "2027-03-01")
        XCTAssertRun(try wbill("reading", "void", "2", "--reason", "typed 1500 for 150"), status: 0, stdout: """
            voided reading 2: WM-000002 1500.000 at 2027-02-01T00:00:00.000Z on account \(account); its consumption 1490.000 reversed; reading 3 now counts 1510.000 since 2027-01-01T00:00:00.000Z (high)

            """)
        XCTAssertEqual(try list("--meter", "WM-000002"), [
            "1|2027-01-01T00:00:00.000Z|WM-000002|\(account)|10.000|manual|10.000|2026-11-23T09:30:00.000Z||",
            "2|2027-02-01T00:00:00.000Z|WM-000002|\(account)|1500.000|manual||||voided",
            "3|2027-03-01T00:00:00.000Z|WM-000002|\(account)|1520.000|manual|1510.000|2027-01-01T00:00:00.000Z|high|",
        ])
        XCTAssertEqual(try consumption(of: account), "1520000\n")
        XCTAssertRun(try wbill("reading", "void", "2", "--reason", "again"), status: 1, stderr: """
            wbill: error: reading 2 was already voided at 2028-01-01T00:00:00.000Z by clerk

            """)
        // The voided reading again is refused, unless forced.
        XCTAssertRun(try wbill("reading", "add", "WM-000002", "1500", "--at", "2027-02-01"), status: 1, stderr: """
            wbill: error: meter WM-000002's reading 1500.000 at 2027-02-01T00:00:00.000Z (reading 2) was voided at 2028-01-01T00:00:00.000Z; `wbill reading add --force` records it again

            """)
        XCTAssertRun(try wbill("reading", "void", "9", "--reason", "x"), status: 1, stderr: """
            wbill: error: no reading '9'; `wbill reading list` shows reading numbers

            """)
        XCTAssertEqual(try sandbox.sql("SELECT entity_id, action, changes FROM audit_log WHERE entity = 'reading' AND action = 'void'"), """
            2|void|{"status":{"old":"standing","new":"voided"},"reason":{"old":null,"new":"typed 1500 for 150"},"reading":{"old":null,"new":"WM-000002 1500.000 at 2027-02-01T00:00:00.000Z"},"reversed_consumptions":{"old":null,"new":"2 3"},"rederived":{"old":null,"new":"reading 3: 1510.000"}}

            """)
    }

    func testAVoidIsRefusedWhileSomethingRestsOnTheReading() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000002")
        try read("WM-000002", "10", at: "2027-01-01")
        try read("WM-000002", "20", at: "2027-02-01")
        XCTAssertEqual(try wbill("reading", "estimate", "WM-000002", "--at", "2027-03-01").status, 0)
        XCTAssertRun(try wbill("reading", "void", "2", "--reason", "x"), status: 1, stderr: """
            wbill: error: the estimate 28.045 at 2027-03-01T00:00:00.000Z (reading 3, estimated) was made from reading 2; void the estimate first (`wbill reading void 3 --reason TEXT`)

            """)
        XCTAssertEqual(try wbill("reading", "void", "3", "--reason", "no estimate after all").status, 0)
        XCTAssertEqual(try wbill("reading", "void", "2", "--reason", "x").status, 0)
        XCTAssertEqual(try consumption(of: account), "10000\n")
        // A final reading: the closing rests on it; and the account is closed.
        XCTAssertEqual(try sandbox.wbill(["customer", "close", account, "--reading", "WM-000002=30"],
                                         environment: ["WBILL_NOW": "2027-06-01T00:00:00Z"]).status, 0)
        XCTAssertRun(try wbill("reading", "void", "4", "--reason", "x"), status: 1, stderr: """
            wbill: error: reading 4 is meter WM-000002's final reading: the change that took the meter off its account rests on it

            """)
        XCTAssertRun(try wbill("reading", "void", "1", "--reason", "x"), status: 1, stderr: """
            wbill: error: reading 1 is on account \(account), which is closed

            """)
        XCTAssertEqual(try consumption(of: account), "30000\n")
    }
}
