import XCTest

/// The valve queue: a system-prepaid balance at or below zero queues valve-close for each meter on
/// the account whose type has a valve; a movement that lifts it above zero again queues valve-open.
/// `wbill valve list|ack` is the interface a head-end system reads and acknowledges.
final class ValveQueueEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    private let at = Sandbox.now
    static let tsvHeader = "id\tqueued_at\taction\tmeter\taccount\tbalance\tcurrency\treceipt\tstate\tqueued_by\tacknowledged_at\tacknowledged_by\n"

    func testTheBalanceCrossingZeroQueuesCloseAndOpenForValveMetersOnly() throws {
        try sandbox.addValveCatalogue()
        // WM-V00001 has a valve, WM-000002 (DN20 mechanical) has none.
        let valved = try sandbox.openAccount("Valve homes", meters: ["WM-V00001", "WM-000002"])
        XCTAssertEqual(valved, "AC00000001")
        let plain = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        // The first recharge lifts 0.00 above zero, but no valve was ever told to close: nothing to open.
        try sandbox.money(["recharge", valved, "--amount", "30", "--channel", "cash"])
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "valve", "list"]), status: 0, stdout: Self.tsvHeader)

        try sandbox.money(["refund", valved, "--amount", "30", "--channel", "cash"])                 // receipt 2: 0.00
        try sandbox.money(["adjust", valved, "--amount", "-5", "--reason", "late fee"])             // receipt 3: -5.00, already closing
        try sandbox.money(["recharge", valved, "--amount", "2", "--channel", "cash"])               // receipt 4: -3.00, still at or below zero
        try sandbox.money(["recharge", valved, "--amount", "8", "--channel", "cash"],
                          environment: ["WBILL_NOW": "2026-11-23T10:15:00.000Z"])                   // receipt 5: 5.00, open
        try sandbox.money(["recharge", valved, "--amount", "10", "--channel", "cash"])              // receipt 6: 15.00
        // An account whose meter has no valve queues nothing.
        try sandbox.money(["recharge", plain, "--amount", "10", "--channel", "cash"])
        try sandbox.money(["refund", plain, "--amount", "10", "--channel", "cash"])

        XCTAssertRun(try sandbox.wbill(["valve", "list"]), status: 0, stdout: Expected.table(
            ["ID", "QUEUED AT", "ACTION", "METER", "ACCOUNT", "BALANCE", "CURRENCY", "RECEIPT", "STATE", "QUEUED BY", "ACKNOWLEDGED AT", "ACKNOWLEDGED BY"], [
                ["1", at, "close", "WM-V00001", "AC00000001", "0.00", "CNY", "2", "pending", "clerk", "", ""],
                ["2", "2026-11-23T10:15:00.000Z", "open", "WM-V00001", "AC00000001", "5.00", "CNY", "5", "pending", "clerk", "", ""],
            ], rightAligned: [0, 5, 7, 10, 11]))
        XCTAssertRun(try sandbox.wbill(["--format", "csv", "valve", "list"]), status: 0, stdout: """
            id,queued_at,action,meter,account,balance,currency,receipt,state,queued_by,acknowledged_at,acknowledged_by\r
            1,\(at),close,WM-V00001,AC00000001,0.00,CNY,2,pending,clerk,,\r
            2,2026-11-23T10:15:00.000Z,open,WM-V00001,AC00000001,5.00,CNY,5,pending,clerk,,\r

            """)

        // The head-end took the close: acknowledged, with who and when.
        XCTAssertRun(try sandbox.wbill(["--operator", "head-end", "valve", "ack", "1"], environment: ["WBILL_NOW": "2026-11-23T10:30:00.000Z"]),
                     status: 0, stdout: "acknowledged valve command 1 (close WM-V00001)\n")
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "valve", "list", "--state", "pending"]), status: 0, stdout: Self.tsvHeader
            + "2\t2026-11-23T10:15:00.000Z\topen\tWM-V00001\tAC00000001\t5.00\tCNY\t5\tpending\tclerk\t\t\n")

        // Any movement counts: adjustments down to zero and up again.
        try sandbox.money(["adjust", valved, "--amount", "-15", "--reason", "meter replaced"])       // receipt 9: 0.00, close
        try sandbox.money(["adjust", valved, "--amount", "0.01", "--reason", "rounding"])           // receipt 10: 0.01, open
        XCTAssertRun(try sandbox.wbill(["--format", "json", "valve", "list", "--account", valved, "--action", "close"]), status: 0, stdout: """
            [
              {
                "id": 1,
                "queued_at": "\(at)",
                "action": "close",
                "meter": "WM-V00001",
                "account": "AC00000001",
                "balance": "0.00",
                "currency": "CNY",
                "receipt": 2,
                "state": "acknowledged",
                "queued_by": "clerk",
                "acknowledged_at": "2026-11-23T10:30:00.000Z",
                "acknowledged_by": "head-end"
              },
              {
                "id": 3,
                "queued_at": "\(at)",
                "action": "close",
                "meter": "WM-V00001",
                "account": "AC00000001",
                "balance": "0.00",
                "currency": "CNY",
                "receipt": 9,
                "state": "pending",
                "queued_by": "clerk",
                "acknowledged_at": null,
                "acknowledged_by": null
              }
            ]

            """)
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "valve", "list", "--meter", "WM-V00001", "--state", "pending"]), status: 0,
                     stdout: Self.tsvHeader
                        + "2\t2026-11-23T10:15:00.000Z\topen\tWM-V00001\tAC00000001\t5.00\tCNY\t5\tpending\tclerk\t\t\n"
                        + "3\t\(at)\tclose\tWM-V00001\tAC00000001\t0.00\tCNY\t9\tpending\tclerk\t\t\n"
                        + "4\t\(at)\topen\tWM-V00001\tAC00000001\t0.01\tCNY\t10\tpending\tclerk\t\t\n")
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "valve", "list", "--meter", "WM-000002"]), status: 0, stdout: Self.tsvHeader)
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "valve", "list", "--account", plain]), status: 0, stdout: Self.tsvHeader)
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "valve", "list", "--limit", "2", "--offset", "2"]), status: 0, stdout: Self.tsvHeader
            + "3\t\(at)\tclose\tWM-V00001\tAC00000001\t0.00\tCNY\t9\tpending\tclerk\t\t\n"
            + "4\t\(at)\topen\tWM-V00001\tAC00000001\t0.01\tCNY\t10\tpending\tclerk\t\t\n")

        XCTAssertEqual(try sandbox.sql("SELECT operator, action, entity_id, changes FROM audit_log WHERE entity = 'valve-command' ORDER BY id"), """
            clerk|queue|1|{"action":{"old":null,"new":"close"},"meter":{"old":null,"new":"WM-V00001"},"account":{"old":null,"new":"AC00000001"},"balance":{"old":null,"new":"0.00"},"receipt":{"old":null,"new":"2"}}
            clerk|queue|2|{"action":{"old":null,"new":"open"},"meter":{"old":null,"new":"WM-V00001"},"account":{"old":null,"new":"AC00000001"},"balance":{"old":null,"new":"5.00"},"receipt":{"old":null,"new":"5"}}
            head-end|acknowledge|1|{"state":{"old":"pending","new":"acknowledged"}}
            clerk|queue|3|{"action":{"old":null,"new":"close"},"meter":{"old":null,"new":"WM-V00001"},"account":{"old":null,"new":"AC00000001"},"balance":{"old":null,"new":"0.00"},"receipt":{"old":null,"new":"9"}}
            clerk|queue|4|{"action":{"old":null,"new":"open"},"meter":{"old":null,"new":"WM-V00001"},"account":{"old":null,"new":"AC00000001"},"balance":{"old":null,"new":"0.01"},"receipt":{"old":null,"new":"10"}}

            """)
    }

    func testValveAckTakesSeveralAndRefusesWhatItCannotAcknowledge() throws {
        try sandbox.addValveCatalogue()
        let first = try sandbox.openAccount("Valve homes", meters: ["WM-V00001"])
        let second = try sandbox.openAccount("Valve homes", meters: ["WM-V00002"])
        for number in [first, second] {
            try sandbox.money(["recharge", number, "--amount", "10", "--channel", "cash"])
            try sandbox.money(["refund", number, "--amount", "10", "--channel", "cash"])
        }
        XCTAssertRun(try sandbox.wbill(["valve", "ack", "1"]), status: 0, stdout: "acknowledged valve command 1 (close WM-V00001)\n")
        let before = try sandbox.sql("SELECT id, state, coalesce(acknowledged_by, '-') FROM valve_commands ORDER BY id; SELECT count(*) FROM audit_log")
        let cases: [([String], Int32, String)] = [
            (["valve", "ack", "1"], 1, "wbill: error: valve command 1 was already acknowledged by clerk at \(at)\n"),
            (["valve", "ack", "2", "3"], 1, "wbill: error: no valve command 3; `wbill valve list` shows the queue\n"),
            (["valve", "ack"], 64, "wbill: error: missing argument ID\nRun 'wbill valve ack --help' for usage.\n"),
            (["valve", "list", "--action", "shut"], 64,
             "wbill: error: invalid value 'shut' for --action: expected one of close, open\nRun 'wbill valve list --help' for usage.\n"),
            (["valve", "list", "--state", "open"], 64,
             "wbill: error: invalid value 'open' for --state: expected one of pending, acknowledged\nRun 'wbill valve list --help' for usage.\n"),
        ]
        for (arguments, status, stderr) in cases {
            XCTAssertRun(try sandbox.wbill(arguments), status: status, stderr: stderr)
        }
        XCTAssertEqual(try sandbox.sql("SELECT id, state, coalesce(acknowledged_by, '-') FROM valve_commands ORDER BY id; SELECT count(*) FROM audit_log"), before)
        XCTAssertRun(try sandbox.wbill(["--format", "csv", "valve", "ack", "2"]), status: 0, stdout: """
            id,action,meter,account,state,acknowledged_at,acknowledged_by\r
            2,close,WM-V00002,AC00000002,acknowledged,\(at),clerk\r

            """)
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "valve", "list", "--state", "pending"]), status: 0, stdout: Self.tsvHeader)
    }
}
