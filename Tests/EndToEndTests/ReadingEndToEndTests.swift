import XCTest

/// `wbill reading add|list`: consumption from consecutive readings, rollovers, refusals, flags.
final class ReadingEndToEndTests: ReadingSandboxTestCase {
    func testAReadingYieldsItsConsumptionAndTheSameReadingAgainChangesNothing() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000003")  // initial reading 1.250
        XCTAssertRun(try wbill("reading", "add", "wm-000003", "12.5", "--at", "2027-01-31T08:15:00Z"), status: 0, stdout: """
            recorded reading 1: WM-000003 12.500 at 2027-01-31T08:15:00.000Z on account \(account); consumption 11.250 since 2026-11-23T09:30:00.000Z

            """)
        // A retry of the same reading writes nothing, says so and succeeds.
        XCTAssertRun(try wbill("reading", "add", "WM-000003", "12.500", "--at", "2027-01-31T08:15:00.000Z"), status: 0, stdout: """
            reading 1 was recorded before: WM-000003 12.500 at 2027-01-31T08:15:00.000Z on account \(account); consumption 11.250 since 2026-11-23T09:30:00.000Z; nothing changed

            """)
        XCTAssertRun(try wbill("reading", "add", "WM-000003", "20", "--at", "2027-02-28", "--source", "third-party", "--format", "json"),
                     status: 0, stdout: """
            {
              "reading": 2,
              "at": "2027-02-28T00:00:00.000Z",
              "serial": "WM-000003",
              "account": "\(account)",
              "value": "20.000",
              "source": "third-party",
              "consumption": "7.500",
              "since": "2027-01-31T08:15:00.000Z",
              "flags": "",
              "status": "",
              "already_recorded": false,
              "corrected_estimates": ""
            }

            """)
        XCTAssertEqual(try list("--meter", "WM-000003"), [
            "1|2027-01-31T08:15:00.000Z|WM-000003|\(account)|12.500|manual|11.250|2026-11-23T09:30:00.000Z||",
            "2|2027-02-28T00:00:00.000Z|WM-000003|\(account)|20.000|third-party|7.500|2027-01-31T08:15:00.000Z||",
        ])
        XCTAssertEqual(try list("--account", account, "--limit", "1"), [
            "2|2027-02-28T00:00:00.000Z|WM-000003|\(account)|20.000|third-party|7.500|2027-01-31T08:15:00.000Z||",
        ])
        XCTAssertEqual(try consumption(of: account), "18750\n")
        // Each reading is in the audit trail with the consumption it yielded; the retry is not.
        XCTAssertEqual(try sandbox.sql("SELECT entity_id, action, changes FROM audit_log WHERE entity = 'reading' ORDER BY id"), """
            1|create|{"meter":{"old":null,"new":"WM-000003"},"account":{"old":null,"new":"\(account)"},"at":{"old":null,"new":"2027-01-31T08:15:00.000Z"},"value":{"old":null,"new":"12.500"},"source":{"old":null,"new":"manual"},"consumption":{"old":null,"new":"11.250"}}
            2|create|{"meter":{"old":null,"new":"WM-000003"},"account":{"old":null,"new":"\(account)"},"at":{"old":null,"new":"2027-02-28T00:00:00.000Z"},"value":{"old":null,"new":"20.000"},"source":{"old":null,"new":"third-party"},"consumption":{"old":null,"new":"7.500"}}

            """)
    }

    func testARolloverIsTakenWhenPlausibleAndOtherwiseOnlyWhenForced() throws {
        XCTAssertEqual(try sandbox.wbill("meter", "add", "WM-TOP", "--type", "DN20 mechanical", "--caliber", "20", "--initial-reading", "99990").status, 0)
        let account = try sandbox.openAccount("Residential", meter: "WM-TOP")
        try read("WM-TOP", "99998.5", at: "2027-01-01")
        // Past the top of the 5-digit register and on from zero: 1.5 + 4 used.
        XCTAssertRun(try wbill("reading", "add", "WM-TOP", "4", "--at", "2027-02-01"), status: 0, stdout: """
            recorded reading 2: WM-TOP 4.000 at 2027-02-01T00:00:00.000Z on account \(account); consumption 5.500 since 2027-01-01T00:00:00.000Z (rollover)

            """)
        // Far below the previous reading: not a plausible rollover; refused as bad data, nothing written.
        XCTAssertRun(try wbill("reading", "add", "WM-TOP", "2", "--at", "2027-03-01"), status: 65, stderr: """
            wbill: error: 2.000 is below its previous reading 4.000 at 2027-02-01T00:00:00.000Z (reading 2), and not a plausible rollover of meter WM-TOP's 5-digit register: that would mean a consumption of 99998.000, not less than a tenth of the register (10000.000) and high against the 5.632 its average use expects. If the register did roll over, `wbill reading add --force` takes it as a rollover; if the meter was replaced, record it with `wbill meter exchange`; if the previous reading is wrong, void it (`wbill reading void 2 --reason TEXT`)

            """)
        XCTAssertRun(try wbill("reading", "add", "WM-TOP", "2", "--at", "2027-03-01", "--force"), status: 0, stdout: """
            recorded reading 3: WM-TOP 2.000 at 2027-03-01T00:00:00.000Z on account \(account); consumption 99998.000 since 2027-02-01T00:00:00.000Z (forced-rollover, high)

            """)
        // More than the register shows is refused whatever.
        XCTAssertRun(try wbill("reading", "add", "WM-TOP", "100000", "--at", "2027-04-01", "--force"), status: 65, stderr: """
            wbill: error: 100000.000 is more than meter WM-TOP's 5-digit register shows (at most 99999.999)

            """)
        XCTAssertEqual(try consumption(of: account), "\(8_500 + 5_500 + 99_998_000)\n")
    }

    func testReadingsOutOfTimeOrderAndDuplicatesAreRefused() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000001")
        try read("WM-000001", "10", at: "2027-03-01")
        XCTAssertRun(try wbill("reading", "add", "WM-000001", "5", "--at", "2027-02-01"), status: 65, stderr: """
            wbill: error: meter WM-000001 already has a later reading, 10.000 at 2027-03-01T00:00:00.000Z (reading 1); a reading at 2027-02-01T00:00:00.000Z is out of time order

            """)
        XCTAssertRun(try wbill("reading", "add", "WM-000001", "11", "--at", "2027-03-01"), status: 65, stderr: """
            wbill: error: meter WM-000001 already has a reading at 2027-03-01T00:00:00.000Z: 10.000 (reading 1), not 11.000 (if that one is wrong, void it with `wbill reading void 1 --reason TEXT`)

            """)
        XCTAssertRun(try wbill("reading", "add", "WM-000001", "12", "--at", "2026-11-01"), status: 65, stderr: """
            wbill: error: a reading at 2026-11-01T00:00:00.000Z is from before meter WM-000001 was put on account \(account) at 2026-11-23T09:30:00.000Z

            """)
        XCTAssertRun(try wbill("reading", "add", "WM-000001", "12", "--at", "2028-06-01"), status: 65, stderr: """
            wbill: error: a reading at 2028-06-01T00:00:00.000Z is later than now (2028-01-01T00:00:00.000Z)

            """)
        XCTAssertRun(try wbill("reading", "add", "WM-000001", "1.2345", "--at", "2027-04-01"), status: 65, stderr: """
            wbill: error: invalid reading '1.2345': a reading has at most 3 decimals (a thousandth of the volume unit)

            """)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM meter_readings; SELECT count(*) FROM consumptions"), "1\n1\n")
    }

    func testReadingsOfMetersNotOnAnAccountAreRefused() throws {
        XCTAssertRun(try wbill("reading", "add", "WM-000002", "1", "--at", "2027-01-01"), status: 1, stderr: """
            wbill: error: meter WM-000002 is in stock: only a meter installed on an account is read; put it on an account with `wbill customer open` or `wbill meter exchange`

            """)
        XCTAssertRun(try wbill("reading", "add", "WM-999999", "1", "--at", "2027-01-01"), status: 1, stderr: """
            wbill: error: no meter named 'WM-999999'

            """)
        let account = try sandbox.openAccount("Residential", meter: "WM-000004")
        XCTAssertEqual(try sandbox.wbill(["customer", "close", account, "--reading", "WM-000004=3", "--meter-state", "removed"],
                                         environment: ["WBILL_NOW": "2027-06-01T00:00:00Z"]).status, 0)
        XCTAssertRun(try wbill("reading", "add", "WM-000004", "4", "--at", "2027-07-01"), status: 1, stderr: """
            wbill: error: meter WM-000004 is removed from service: only a meter installed on an account is read

            """)
        // The final reading of the closing yielded the account's last consumption.
        XCTAssertEqual(try list("--account", account), [
            "1|2027-06-01T00:00:00.000Z|WM-000004|\(account)|3.000|final|3.000|2026-11-23T09:30:00.000Z||",
        ])
    }

    func testEachFlagIsStoredWithTheConsumptionAndListed() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000005")
        // 30 days each: 30 a month makes the average 1 a day.
        try read("WM-000005", "30", at: "2027-01-01T00:00:00Z")
        try read("WM-000005", "60", at: "2027-01-31T00:00:00Z")
        try read("WM-000005", "60", at: "2027-03-02T00:00:00Z")       // zero
        try read("WM-000005", "180", at: "2027-04-01T00:00:00Z")      // 120: above 300 % of 30
        try read("WM-000005", "181", at: "2027-05-01T00:00:00Z")      // 1: below 30 % of the expected
        XCTAssertEqual(try list("--flagged"), [
            "3|2027-03-02T00:00:00.000Z|WM-000005|\(account)|60.000|manual|0.000|2027-01-31T00:00:00.000Z|zero|",
            "4|2027-04-01T00:00:00.000Z|WM-000005|\(account)|180.000|manual|120.000|2027-03-02T00:00:00.000Z|high|",
            "5|2027-05-01T00:00:00.000Z|WM-000005|\(account)|181.000|manual|1.000|2027-04-01T00:00:00.000Z|low|",
        ])
        XCTAssertEqual(try list("--flagged", "--since", "2027-04-01", "--until", "2027-05-01"), [
            "4|2027-04-01T00:00:00.000Z|WM-000005|\(account)|180.000|manual|120.000|2027-03-02T00:00:00.000Z|high|",
        ])
        XCTAssertEqual(try sandbox.sql("SELECT flags FROM consumptions ORDER BY id"), "\n\nzero\nhigh\nlow\n")
    }
}
