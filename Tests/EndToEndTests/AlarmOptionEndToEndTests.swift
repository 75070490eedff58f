import XCTest

/// `wbill alarm option list|set`: a threshold per kind with its documented default, and whether
/// alarms of the kind are raised at all.
final class AlarmOptionEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    static let titles = ["KIND", "THRESHOLD", "UNIT", "DEFAULT", "ENABLED", "RAISED WHEN"]
    static let tsvHeader = "kind\tthreshold\tunit\tdefault\tenabled\traised_when\n"
    static let raisedWhen = [
        "low-balance": "a system-prepaid balance drops below the threshold",
        "zero-consumption": "a meter uses nothing for the threshold's days or more",
        "high-consumption": "use is above the threshold % of the meter's expected use",
        "low-consumption": "use is below the threshold % of expected use, but not zero",
        "meter-offline": "a remote meter sends no reading for the threshold's days",
        "reverse-flow": "a remote reading reports water flowing backwards",
        "tamper": "a remote reading reports tampering",
        "low-battery": "a remote reading reports a low battery",
        "valve-fault": "a remote reading reports a valve fault",
    ]

    func row(_ kind: String, _ threshold: String, _ unit: String, _ defaultValue: String, _ enabled: String) -> [String] {
        [kind, threshold, unit, defaultValue, enabled, Self.raisedWhen[kind]!]
    }

    func testTheDefaultsAreListedWithTheirUnits() throws {
        XCTAssertRun(try sandbox.wbill(["alarm", "option", "list"]), status: 0, stdout: Expected.table(Self.titles, [
            row("low-balance", "10.00", "CNY", "10.00", "yes"),
            row("zero-consumption", "30", "days", "30", "yes"),
            row("high-consumption", "300", "%", "300", "yes"),
            row("low-consumption", "30", "%", "30", "yes"),
            row("meter-offline", "7", "days", "7", "yes"),
            row("reverse-flow", "", "", "", "yes"),
            row("tamper", "", "", "", "yes"),
            row("low-battery", "", "", "", "yes"),
            row("valve-fault", "", "", "", "yes"),
        ], rightAligned: [1, 3]))
    }

    func testSetChangesAThresholdOrWhetherAlarmsAreRaisedAndTheLedgerFollowsIt() throws {
        XCTAssertRun(try sandbox.wbill(["alarm", "option", "set", "low-balance", "--threshold", "20"]), status: 0,
                     stdout: "alarm option low-balance: threshold 20.00 CNY, enabled\n")
        XCTAssertRun(try sandbox.wbill(["--format", "json", "alarm", "option", "set", "zero-consumption", "--threshold", "45"]), status: 0, stdout: """
            {
              "kind": "zero-consumption",
              "threshold": 45,
              "unit": "days",
              "default": 30,
              "enabled": true,
              "raised_when": "\(Self.raisedWhen["zero-consumption"]!)"
            }

            """)
        XCTAssertRun(try sandbox.wbill(["--operator", "admin", "alarm", "option", "set", "tamper", "--enabled", "no"]), status: 0,
                     stdout: "alarm option tamper: no threshold, disabled\n")
        XCTAssertRun(try sandbox.wbill(["alarm", "option", "set", "high-consumption", "--threshold", "250", "--enabled", "no"]), status: 0,
                     stdout: "alarm option high-consumption: threshold 250 %, disabled\n")
        XCTAssertRun(try sandbox.wbill(["alarm", "option", "set", "low-consumption", "--threshold", "0"]), status: 0,
                     stdout: "alarm option low-consumption: threshold 0 %, enabled\n")
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "alarm", "option", "list"]), status: 0, stdout: Self.tsvHeader + [
            row("low-balance", "20.00", "CNY", "10.00", "yes"),
            row("zero-consumption", "45", "days", "30", "yes"),
            row("high-consumption", "250", "%", "300", "no"),
            row("low-consumption", "0", "%", "30", "yes"),
            row("meter-offline", "7", "days", "7", "yes"),
            row("reverse-flow", "", "", "", "yes"),
            row("tamper", "", "", "", "no"),
            row("low-battery", "", "", "", "yes"),
            row("valve-fault", "", "", "", "yes"),
        ].map { $0.joined(separator: "\t") + "\n" }.joined())
        // Stored as the utility's settings, only what was set: money in minor units, days and percentages whole.
        XCTAssertEqual(try sandbox.sql("SELECT key, value FROM settings WHERE key NOT IN ('currency', 'currency_minor_unit', 'card_secret') ORDER BY key"), """
            high_consumption_alarm|no
            high_consumption_percent|250
            low_balance_threshold|2000
            low_consumption_percent|0
            tamper_alarm|no
            zero_consumption_days|45

            """)
        XCTAssertEqual(try sandbox.sql("SELECT operator, action, entity_id, changes FROM audit_log WHERE entity = 'alarm-option' ORDER BY id"), """
            clerk|update|low-balance|{"threshold":{"old":"10.00","new":"20.00"}}
            clerk|update|zero-consumption|{"threshold":{"old":"30","new":"45"}}
            admin|update|tamper|{"enabled":{"old":"yes","new":"no"}}
            clerk|update|high-consumption|{"threshold":{"old":"300","new":"250"},"enabled":{"old":"yes","new":"no"}}
            clerk|update|low-consumption|{"threshold":{"old":"30","new":"0"}}

            """)

        // The ledger raises low-balance alarms at the threshold set, and none once they are off.
        let first = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        try sandbox.money(["recharge", first, "--amount", "30", "--channel", "cash"])
        try sandbox.money(["refund", first, "--amount", "15", "--channel", "cash"])
        XCTAssertRun(try sandbox.wbill(["alarm", "option", "set", "low-balance", "--enabled", "no"]), status: 0,
                     stdout: "alarm option low-balance: threshold 20.00 CNY, disabled\n")
        let second = try sandbox.openAccount("Prepaid homes", meter: "WM-000002")
        try sandbox.money(["recharge", second, "--amount", "30", "--channel", "cash"])
        try sandbox.money(["refund", second, "--amount", "25", "--channel", "cash"])
        XCTAssertEqual(try sandbox.sql("SELECT a.number, x.value, x.threshold FROM alarms x JOIN accounts a ON a.id = x.account_id"),
                       "AC00000001|1500|2000\n")
        // Setting what is already set changes nothing and records nothing.
        let audit = try sandbox.sql("SELECT count(*) FROM audit_log")
        XCTAssertRun(try sandbox.wbill(["alarm", "option", "set", "low-balance", "--threshold", "20.00", "--enabled", "no"]), status: 0,
                     stdout: "alarm option low-balance: threshold 20.00 CNY, disabled\n")
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM audit_log"), audit)
    }

    func testBadValuesAreRefusedWithWhatIsExpectedAndNothingWritten() throws {
        let before = try sandbox.sql("SELECT count(*) FROM settings; SELECT count(*) FROM audit_log")
        let cases: [([String], Int32, String)] = [
            (["alarm", "option", "set", "low-balance"], 64,
             "wbill: error: nothing to change: give --threshold VALUE or --enabled yes|no\nRun 'wbill alarm option set --help' for usage.\n"),
            (["alarm", "option", "set", "low-balanse", "--threshold", "5"], 64,
             "wbill: error: invalid value 'low-balanse' for KIND: expected one of low-balance, zero-consumption, high-consumption, low-consumption, meter-offline, reverse-flow, tamper, low-battery, valve-fault; did you mean 'low-balance'?\nRun 'wbill alarm option set --help' for usage.\n"),
            (["alarm", "option", "set", "low-balance", "--threshold", "1.005"], 65,
             "wbill: error: invalid low-balance threshold '1.005': CNY amounts have at most 2 decimals\n"),
            (["alarm", "option", "set", "low-balance", "--threshold", "-1"], 65,
             "wbill: error: invalid low-balance threshold '-1': expected an amount of 0 or more, such as 10.00\n"),
            (["alarm", "option", "set", "low-balance", "--threshold", "ten"], 64,
             "wbill: error: invalid value 'ten' for --threshold: expected a decimal number such as 12.50\nRun 'wbill alarm option set --help' for usage.\n"),
            (["alarm", "option", "set", "high-consumption", "--threshold", "100"], 65,
             "wbill: error: invalid high-consumption threshold '100': expected a whole percentage from 101 to 100000\n"),
            (["alarm", "option", "set", "low-consumption", "--threshold", "100"], 65,
             "wbill: error: invalid low-consumption threshold '100': expected a whole percentage from 0 to 99\n"),
            (["alarm", "option", "set", "zero-consumption", "--threshold", "0"], 65,
             "wbill: error: invalid zero-consumption threshold '0': expected a whole number of days from 1 to 3650\n"),
            (["alarm", "option", "set", "meter-offline", "--threshold", "2.5"], 65,
             "wbill: error: invalid meter-offline threshold '2.5': expected a whole number of days from 1 to 3650\n"),
            (["alarm", "option", "set", "tamper", "--threshold", "3"], 64,
             "wbill: error: tamper alarms have no threshold: they are raised when a meter reports the event; only whether they are raised can be set (--enabled yes|no)\n"),
            (["alarm", "option", "set", "tamper", "--enabled", "maybe"], 64,
             "wbill: error: invalid value 'maybe' for --enabled: expected one of yes, no\nRun 'wbill alarm option set --help' for usage.\n"),
        ]
        for (arguments, status, stderr) in cases {
            XCTAssertRun(try sandbox.wbill(arguments), status: status, stderr: stderr)
        }
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM settings; SELECT count(*) FROM audit_log"), before)
    }
}
