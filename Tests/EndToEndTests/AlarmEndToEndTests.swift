import XCTest

/// `wbill alarm list|show|ack|close`, and the low-balance alarm the ledger raises on system-prepaid
/// accounts: once per condition, acknowledged then closed, with who did each and when.
final class AlarmEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    private let at = Sandbox.now
    static let tsvHeader = "id\traised_at\tkind\taccount\tmeter\tvalue\tthreshold\tunit\tstate\tacknowledged_by\tclosed_by\n"
    static let titles = ["ID", "RAISED AT", "KIND", "ACCOUNT", "METER", "VALUE", "THRESHOLD", "UNIT", "STATE", "ACKNOWLEDGED BY", "CLOSED BY"]

    func testALowBalanceAlarmIsRaisedOnceAsTheBalanceDropsThenAcknowledgedAndClosed() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        try sandbox.money(["recharge", number, "--amount", "50", "--channel", "cash"])
        try sandbox.money(["refund", number, "--amount", "35", "--channel", "cash"])
        // 15.00 is not below the default threshold (10.00).
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "alarm", "list"]), status: 0, stdout: Self.tsvHeader)

        try sandbox.money(["refund", number, "--amount", "6", "--channel", "cash"])
        // Lower still, but the same condition is already open: no second alarm.
        try sandbox.money(["adjust", number, "--amount", "-4", "--reason", "meter fee"])
        XCTAssertRun(try sandbox.wbill(["alarm", "list"]), status: 0, stdout: Expected.table(Self.titles, [
            ["1", at, "low-balance", "AC00000001", "", "9.00", "10.00", "CNY", "open", "", ""],
        ], rightAligned: [0, 4, 5, 6, 9, 10]))

        XCTAssertRun(try sandbox.wbill(["--operator", "lead", "alarm", "ack", "1"], environment: ["WBILL_NOW": "2026-11-23T10:00:00.000Z"]),
                     status: 0, stdout: "acknowledged alarm 1 (low-balance, account AC00000001)\n")
        try sandbox.money(["refund", number, "--amount", "1", "--channel", "cash"])
        XCTAssertRun(try sandbox.wbill(["--operator", "supervisor", "alarm", "close", "1"], environment: ["WBILL_NOW": "2026-11-23T11:00:00.000Z"]),
                     status: 0, stdout: "closed alarm 1 (low-balance, account AC00000001)\n")
        // A recharge that leaves the balance below the threshold raises nothing: it did not drop.
        try sandbox.money(["recharge", number, "--amount", "1", "--channel", "cash"])
        // Closed, and the balance drops again: a new alarm.
        try sandbox.money(["refund", number, "--amount", "2", "--channel", "cash"], environment: ["WBILL_NOW": "2026-11-23T12:00:00.000Z"])
        // Postpaid accounts owe money by design: no low-balance alarm.
        let postpaid = try sandbox.openAccount("Residential", meter: "WM-000002")
        try sandbox.money(["recharge", postpaid, "--amount", "20", "--channel", "cash"])
        try sandbox.money(["refund", postpaid, "--amount", "15", "--channel", "cash"])

        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "alarm", "list"]), status: 0, stdout: Self.tsvHeader
            + "1\t\(at)\tlow-balance\tAC00000001\t\t9.00\t10.00\tCNY\tclosed\tlead\tsupervisor\n"
            + "2\t2026-11-23T12:00:00.000Z\tlow-balance\tAC00000001\t\t3.00\t10.00\tCNY\topen\t\t\n")
        XCTAssertRun(try sandbox.wbill(["--format", "json", "alarm", "show", "1"]), status: 0, stdout: """
            {
              "id": 1,
              "kind": "low-balance",
              "state": "closed",
              "account": "AC00000001",
              "meter": null,
              "value": "9.00",
              "threshold": "10.00",
              "unit": "CNY",
              "cause": "refund receipt 3",
              "raised_at": "\(at)",
              "raised_by": "clerk",
              "acknowledged_at": "2026-11-23T10:00:00.000Z",
              "acknowledged_by": "lead",
              "closed_at": "2026-11-23T11:00:00.000Z",
              "closed_by": "supervisor"
            }

            """)
        XCTAssertRun(try sandbox.wbill(["alarm", "show", "2"]), status: 0, stdout: """
            Id:               2
            Kind:             low-balance
            State:            open
            Account:          AC00000001
            Meter:
            Value:            3.00
            Threshold:        10.00
            Unit:             CNY
            Cause:            refund receipt 7
            Raised at:        2026-11-23T12:00:00.000Z
            Raised by:        clerk
            Acknowledged at:
            Acknowledged by:
            Closed at:
            Closed by:

            """)
        XCTAssertEqual(try sandbox.sql("SELECT operator, action, entity_id, changes FROM audit_log WHERE entity = 'alarm' ORDER BY id"), """
            clerk|raise|1|{"kind":{"old":null,"new":"low-balance"},"account":{"old":null,"new":"AC00000001"},"value":{"old":null,"new":"9.00"},"threshold":{"old":null,"new":"10.00"},"cause":{"old":null,"new":"refund receipt 3"}}
            lead|acknowledge|1|{"state":{"old":"open","new":"acknowledged"}}
            supervisor|close|1|{"state":{"old":"acknowledged","new":"closed"}}
            clerk|raise|2|{"kind":{"old":null,"new":"low-balance"},"account":{"old":null,"new":"AC00000001"},"value":{"old":null,"new":"3.00"},"threshold":{"old":null,"new":"10.00"},"cause":{"old":null,"new":"refund receipt 7"}}

            """)
    }

    func testAckAndCloseRefuseWhatCannotBeDoneAndWriteNothing() throws {
        let first = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        let second = try sandbox.openAccount("Prepaid homes", meter: "WM-000002")
        // A recharge to 5.00 is below the threshold but did not drop: nothing until the refund.
        try sandbox.money(["recharge", first, "--amount", "5", "--channel", "cash"])
        try sandbox.money(["refund", first, "--amount", "1", "--channel", "cash"])
        try sandbox.money(["recharge", second, "--amount", "20", "--channel", "cash"])
        try sandbox.money(["refund", second, "--amount", "15", "--channel", "cash"])
        XCTAssertRun(try sandbox.wbill(["alarm", "ack", "1"]), status: 0, stdout: "acknowledged alarm 1 (low-balance, account AC00000001)\n")

        let before = try sandbox.sql("SELECT id, state, coalesce(acknowledged_by, '-'), coalesce(closed_by, '-') FROM alarms ORDER BY id; SELECT count(*) FROM audit_log")
        let cases: [([String], Int32, String)] = [
            (["alarm", "ack", "1"], 1, "wbill: error: alarm 1 was already acknowledged by clerk at \(at)\n"),
            (["alarm", "ack", "2", "99"], 1, "wbill: error: no alarm 99; `wbill alarm list` shows the alarms\n"),
            (["alarm", "close", "0"], 1, "wbill: error: no alarm 0; `wbill alarm list` shows the alarms\n"),
            (["alarm", "show", "3"], 1, "wbill: error: no alarm 3; `wbill alarm list` shows the alarms\n"),
            (["alarm", "ack", "x1"], 64, "wbill: error: invalid value 'x1' for ID: expected a whole number\nRun 'wbill alarm ack --help' for usage.\n"),
            (["alarm", "close"], 64, "wbill: error: missing argument ID\nRun 'wbill alarm close --help' for usage.\n"),
        ]
        for (arguments, status, stderr) in cases {
            XCTAssertRun(try sandbox.wbill(arguments), status: status, stderr: stderr)
        }
        XCTAssertEqual(try sandbox.sql("SELECT id, state, coalesce(acknowledged_by, '-'), coalesce(closed_by, '-') FROM alarms ORDER BY id; SELECT count(*) FROM audit_log"), before)

        // Closing from open is allowed; both at once, in one transaction.
        XCTAssertRun(try sandbox.wbill(["alarm", "close", "1", "2"]), status: 0,
                     stdout: "closed alarm 1 (low-balance, account AC00000001)\nclosed alarm 2 (low-balance, account AC00000002)\n")
        XCTAssertRun(try sandbox.wbill(["alarm", "close", "2"]), status: 1, stderr: "wbill: error: alarm 2 was already closed by clerk at \(at)\n")
        XCTAssertRun(try sandbox.wbill(["alarm", "ack", "2"]), status: 1, stderr: "wbill: error: alarm 2 was already closed by clerk at \(at)\n")
        XCTAssertRun(try sandbox.wbill(["--format", "csv", "alarm", "ack", "3"]), status: 1, stderr: "wbill: error: no alarm 3; `wbill alarm list` shows the alarms\n")
        XCTAssertEqual(try sandbox.sql("SELECT id, state, coalesce(acknowledged_by, '-'), closed_by FROM alarms ORDER BY id"),
                       "1|closed|clerk|clerk\n2|closed|-|clerk\n")
    }

    func testListFiltersByStateKindAccountAndMeterInEveryFormat() throws {
        let first = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        let second = try sandbox.openAccount("Prepaid homes", meter: "WM-000002")
        for number in [first, second] {
            try sandbox.money(["recharge", number, "--amount", "20", "--channel", "cash"])
            try sandbox.money(["refund", number, "--amount", "12.5", "--channel", "cash"])
        }
        // An event a remote reading file will carry (its import comes later): raised on a meter.
        try sandbox.sql("""
            INSERT INTO alarms (kind, account_id, meter_id, cause, raised_at, raised_by)
            VALUES ('tamper', 2, 2, 'remote file line 4', '2026-11-23T09:45:00.000Z', 'head-end')
            """)
        XCTAssertRun(try sandbox.wbill(["alarm", "close", "1"]), status: 0, stdout: "closed alarm 1 (low-balance, account AC00000001)\n")

        let one = "1\t\(at)\tlow-balance\tAC00000001\t\t7.50\t10.00\tCNY\tclosed\t\tclerk\n"
        let two = "2\t\(at)\tlow-balance\tAC00000002\t\t7.50\t10.00\tCNY\topen\t\t\n"
        let three = "3\t2026-11-23T09:45:00.000Z\ttamper\tAC00000002\tWM-000002\t\t\t\topen\t\t\n"
        let lists: [([String], String)] = [
            ([], one + two + three),
            (["--state", "open"], two + three),
            (["--state", "closed"], one),
            (["--kind", "tamper"], three),
            (["--account", "AC00000001"], one),
            (["--account", " ac00000002 ", "--kind", "low-balance"], two),
            (["--meter", "wm-000002"], three),
            (["--meter", "WM-000001"], ""),
            (["--limit", "1", "--offset", "1"], two),
            (["--state", "open", "--limit", "1"], two),
        ]
        for (filters, rows) in lists {
            let run = try sandbox.wbill(["--format", "tsv", "alarm", "list"] + filters)
            XCTAssertEqual(run.status, 0, "\(filters): \(run)")
            XCTAssertEqual(run.stdout, Self.tsvHeader + rows, "\(filters)")
        }
        XCTAssertRun(try sandbox.wbill(["--format", "csv", "alarm", "list", "--state", "open"]), status: 0, stdout: """
            id,raised_at,kind,account,meter,value,threshold,unit,state,acknowledged_by,closed_by\r
            2,\(at),low-balance,AC00000002,,7.50,10.00,CNY,open,,\r
            3,2026-11-23T09:45:00.000Z,tamper,AC00000002,WM-000002,,,,open,,\r

            """)
        XCTAssertRun(try sandbox.wbill(["--format", "json", "alarm", "list", "--kind", "tamper"]), status: 0, stdout: """
            [
              {
                "id": 3,
                "raised_at": "2026-11-23T09:45:00.000Z",
                "kind": "tamper",
                "account": "AC00000002",
                "meter": "WM-000002",
                "value": null,
                "threshold": null,
                "unit": null,
                "state": "open",
                "acknowledged_by": null,
                "closed_by": null
              }
            ]

            """)
        XCTAssertRun(try sandbox.wbill(["--format", "json", "alarm", "list", "--kind", "valve-fault"]), status: 0, stdout: "[]\n")
        let refusals: [([String], Int32, String)] = [
            (["alarm", "list", "--account", "AC99"], 1, "wbill: error: no account 'AC99'; find it with `wbill customer list --search TEXT`\n"),
            (["alarm", "list", "--state", "opne"], 64,
             "wbill: error: invalid value 'opne' for --state: expected one of open, acknowledged, closed; did you mean 'open'?\nRun 'wbill alarm list --help' for usage.\n"),
            (["alarm", "list", "--kind", "tamperr"], 64,
             "wbill: error: invalid value 'tamperr' for --kind: expected one of low-balance, zero-consumption, high-consumption, low-consumption, meter-offline, reverse-flow, tamper, low-battery, valve-fault; did you mean 'tamper'?\nRun 'wbill alarm list --help' for usage.\n"),
            (["alarm", "list", "--limit", "0"], 64, "wbill: error: invalid value '0' for --limit: expected 1 or more\nRun 'wbill alarm list --help' for usage.\n"),
        ]
        for (arguments, status, stderr) in refusals {
            XCTAssertRun(try sandbox.wbill(arguments), status: status, stderr: stderr)
        }
        XCTAssertRun(try sandbox.wbill(["alarm", "list", "--meter", "WM-404"]), status: 1, stderr: "wbill: error: no meter named 'WM-404'\n")
    }
}
