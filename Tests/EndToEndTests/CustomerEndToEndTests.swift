import Foundation
import XCTest

final class CustomerEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    private let resident = ["--name", "Wang Fang", "--id-number", "110101199003071234", "--phone", "13800138000",
                            "--address", "Building 3, unit 1", "--persons", "3"]

    func testOpenInstallsTheMetersAndPrintsTheAccountNumber() throws {
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--type", "Residential"] + resident + ["--meter", "wm-000001", "--meter", "WM-000002"]), status: 0,
                     stdout: "opened account AC00000001 (postpaid, Residential) for Wang Fang (customer 1) with meters WM-000001, WM-000002\n")
        XCTAssertRun(try sandbox.wbill(["--format", "json", "customer", "open", "--type", "Card homes"] + resident + ["--meter", "IC-000001"]), status: 0, stdout: """
            {
              "account": "AC00000002",
              "customer": 2,
              "name": "Wang Fang",
              "customer_type": "Card homes",
              "business_mode": "meter-prepaid",
              "meters": "IC-000001"
            }

            """)
        XCTAssertEqual(try sandbox.sql("SELECT serial, state FROM meters WHERE serial IN ('WM-000001', 'WM-000002', 'WM-000003') ORDER BY serial"),
                       "WM-000001|installed\nWM-000002|installed\nWM-000003|in-stock\n")
        XCTAssertEqual(try sandbox.sql("SELECT event, detail FROM meter_events e JOIN meters m ON m.id = e.meter_id WHERE serial = 'WM-000001'"),
                       "installed|account AC00000001\n")
        XCTAssertEqual(try sandbox.sql("SELECT entity, action, entity_id FROM audit_log WHERE entity IN ('customer', 'account') OR action = 'install' ORDER BY id LIMIT 4"),
                       "customer|create|1\nmeter|install|WM-000001\nmeter|install|WM-000002\naccount|open|AC00000001\n")
    }

    func testAccountNumbersFollowTheInitSettings() throws {
        XCTAssertRun(try sandbox.wbill(["init", "--account-prefix", "w", "--account-digits", "5"]), status: 0, stdout: """
            \(sandbox.defaultDatabase) is already a current wbill database (schema version \(Expected.latestVersion))
            new accounts will be numbered W00001, W00002, …

            """)
        XCTAssertRun(try sandbox.wbill(["init", "--account-prefix", "W"]), status: 0,
                     stdout: "\(sandbox.defaultDatabase) is already a current wbill database (schema version \(Expected.latestVersion)); nothing to do\n")
        XCTAssertRun(try sandbox.wbill(["init", "--account-digits", "3"]), status: 64,
                     stderr: "wbill: error: account numbers have 4 to 12 digits (got 3)\nRun 'wbill init --help' for usage.\n")
        XCTAssertEqual(try sandbox.openAccount("Residential", meter: "WM-000001"), "W00001")
    }

    func testOpenWithoutATerminalNeverAsksAndNamesEverythingMissing() throws {
        XCTAssertRun(try sandbox.wbill(["customer", "open"]), status: 64, stderr: """
            wbill: error: customer open needs --type NAME (its water nature decides the basic information needed), --name TEXT and at least one --meter SERIAL; nothing is asked without a terminal or with --quiet
            Run 'wbill customer open --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--type", "shops", "--name", "Corner Store"]), status: 64, stderr: """
            wbill: error: customer open needs --tax-number TEXT, --contact TEXT, --phone TEXT, --address TEXT and at least one --meter SERIAL (customer type 'Shops' is commercial); nothing is asked without a terminal or with --quiet
            Run 'wbill customer open --help' for usage.

            """)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM customers"), "0\n")
    }

    func testOpenRefusesWrongMetersBadInformationAndUnknownTypes() throws {
        try sandbox.openAccount("Residential", meter: "WM-000001")
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--type", "Prepaid homes"] + resident
                                       + ["--meter", "WM-000001", "--meter", "IC-000001", "--meter", "NOPE-1"]), status: 1, stderr: """
            wbill: error: 3 problems with the meters
              meter 'WM-000001': is not in stock: it is installed on account AC00000001
              meter 'IC-000001': is of meter type 'IC card DN15'; customer type 'Prepaid homes' allows 'DN20 mechanical'
              meter 'NOPE-1': no such meter; add it with `wbill meter add` or `wbill meter import`

            """)
        let badValues = ["--name", "Wang Fang", "--id-number", "110101199003071234", "--phone", "x", "--address", "B3", "--persons", "0"]
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--type", "Prepaid homes"] + badValues + ["--meter", "WM-000002"]), status: 65,
                     stderr: """
            wbill: error: the basic information has 2 problems
              --phone 'x': a phone number: digits, spaces and + - ( ), at least 3 digits
              --persons '0': a whole number of persons, 1 to 999

            """)
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--type", "Residental"] + resident + ["--meter", "WM-000002"]), status: 1,
                     stderr: "wbill: error: no customer type named 'Residental'; did you mean 'Residential'?\n")
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--type", "Residential", "--persons", "many", "--meter", "WM-000002"]), status: 64,
                     stderr: "wbill: error: invalid value 'many' for --persons: expected a whole number\nRun 'wbill customer open --help' for usage.\n")
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM customers; SELECT count(*) FROM accounts; SELECT state FROM meters WHERE serial = 'WM-000002'"),
                       "1\n1\nin-stock\n")
    }

    func testOpenFromAFileIsAllOrNothingWithARowByRowReport() throws {
        let bad = try sandbox.write("""
            type,name,id_number,tax_number,contact,phone,address,persons,meters
            Residential,Wang Fang,110101199003071234,,,13800138000,"Building 3, unit 1",3,WM-000001
            Shops,Corner Store,,91110000,Mr Qian,010 1234,Market St 5,,WM-000002;WM-000001
            Residential,No Meter,110101199003071234,,,13800138000,B3,2,
            Card homes,Zhao,110101199003071234,,,13800138000,B5,x,IC-000002

            """, to: "bad.csv")
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--file", bad]), status: 65, stderr: """
            wbill: error: \(bad): 3 bad rows of 4; nothing was imported
            \(bad):3: meters 'WM-000001': already given on line 2 of this file
            \(bad):4: meters: at least one meter is required
            \(bad):5: persons 'x': a whole number of persons, 1 to 999

            """)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM customers; SELECT count(*) FROM accounts; SELECT count(*) FROM meters WHERE state <> 'in-stock'"),
                       "0\n0\n0\n")
        let good = try sandbox.write("""
            type,name,id_number,tax_number,contact,phone,address,persons,meters
            Residential,Wang Fang,110101199003071234,,,13800138000,"Building 3, unit 1",3,WM-000001
            Shops,Corner Store,,91110000,Mr Qian,010 1234,Market St 5,,WM-000002;WM-000003

            """, to: "good.csv")
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--file", good]), status: 0, stdout: """
            LINE  ACCOUNT     CUSTOMER  NAME          CUSTOMER TYPE  METERS
               2  AC00000001         1  Wang Fang     Residential    WM-000001
               3  AC00000002         2  Corner Store  Shops          WM-000002 WM-000003

            """)
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--file", good, "--type", "Shops"]), status: 64, stderr: """
            wbill: error: --file registers the customers of a file; it does not go with --type
            Run 'wbill customer open --help' for usage.

            """)
    }

    func testBytesThatAreNotUTF8AreOneBadRowAmongTheOthers() throws {
        // Row 3's name and row 5's address are Latin-1, not UTF-8; row 4 is bad in its own way.
        var bytes = Array("type,name,id_number,phone,address,persons,meters\n".utf8)
        bytes += Array("Residential,Wang Fang,110101199003071234,13800138000,B3,3,WM-000001\n".utf8)
        bytes += Array("Residential,Jos".utf8) + [0xE9] + Array(",110101199003071234,13800138000,B4,2,WM-000002\n".utf8)
        bytes += Array("Residential,Li Lei,110101199003071234,13800138000,B5,x,WM-000003\n".utf8)
        bytes += Array("Residential,Zhao,110101199003071234,13800138000,\"Stra".utf8) + [0xDF, 0x65] + Array("\",2,WM-000004\n".utf8)
        bytes += Array("Residential,Qian,110101199003071234,13800138000,B7,2,WM-000005\n".utf8)
        let file = try sandbox.directory.write(bytes, to: "latin1.csv")
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--file", file]), status: 65, stderr: """
            wbill: error: \(file): 3 bad rows of 5; nothing was imported
            \(file):3: name: invalid utf-8 (byte 0xE9); the file must be encoded as utf-8
            \(file):4: persons 'x': a whole number of persons, 1 to 999
            \(file):5: address: invalid utf-8 (byte 0xDF); the file must be encoded as utf-8

            """)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM customers; SELECT count(*) FROM accounts"), "0\n0\n")
    }

    func testAFileIsAuditedAsASummaryNamingItsPathSizeAndHash() throws {
        let text = """
            type,name,id_number,tax_number,contact,phone,address,persons,meters
            Residential,Wang Fang,110101199003071234,,,13800138000,"Building 3, unit 1",3,WM-000001
            Shops,Corner Store,,91110000,Mr Qian,010 1234,Market St 5,,WM-000002;WM-000003

            """
        try sandbox.write(text, to: "good.csv")
        XCTAssertEqual(try sandbox.wbill(["customer", "open", "--file", "good.csv"]).status, 0)
        let piped = "type,name,id_number,phone,address,persons,meters\nResidential,Li Lei,110101198505051234,13700137000,B3,2,WM-000004\n"
        XCTAssertEqual(try sandbox.wbill(["customer", "open", "--file", "-"], stdin: piped).status, 0)
        let directory = try sandbox.run(["sh", "-c", "pwd -P"]).stdout.trimmingCharacters(in: .newlines)
        func sha256(_ text: String) throws -> String { String(try sandbox.run(["sha256sum"], stdin: text).stdout.prefix(64)) }
        func summary(_ rows: Int, _ meters: Int, _ first: String, _ last: String, _ file: String, _ text: String) throws -> String {
            #"{"rows":{"old":null,"new":"\#(rows)"},"accounts_opened":{"old":null,"new":"\#(rows)"},"#
                + #""meters_installed":{"old":null,"new":"\#(meters)"},"first_account":{"old":null,"new":"\#(first)"},"#
                + #""last_account":{"old":null,"new":"\#(last)"},"file":{"old":null,"new":"\#(file)"},"#
                + #""file_bytes":{"old":null,"new":"\#(text.utf8.count)"},"file_sha256":{"old":null,"new":"\#(try sha256(text))"}}"#
        }
        XCTAssertEqual(try sandbox.sql("SELECT entity_id || ' ' || changes FROM audit_log WHERE entity = 'customer-import' ORDER BY id"), """
            good.csv \(try summary(2, 3, "AC00000001", "AC00000002", directory + "/good.csv", text))
            <stdin> \(try summary(1, 1, "AC00000003", "AC00000003", "<stdin>", piped))

            """)
    }

    func testListSearchesByNamePhoneAccountSerialAndID() throws {
        try sandbox.openAccount("Residential", meter: "WM-000001")
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--type", "Shops", "--name", "Corner 100% Store", "--tax-number", "91110000",
                                "--contact", "Mr Qian", "--phone", "010 5555", "--address", "Market St 5", "--meter", "WM-000002"]), status: 0, stdout: "opened account AC00000002 (postpaid, Shops) for Corner 100% Store (customer 2) with meter WM-000002\n")
        let header = "account\tcustomer\tname\tcustomer_type\tpayment\tstatus\tphone\tidentity\taddress\tmeters\tbalance\n"
        let wang = "AC00000001\t1\tWang Fang\tResidential\tpostpaid\topen\t13800138000\t110101199003071234\tBuilding 3, unit 1\tWM-000001\t0.00\n"
        let shop = "AC00000002\t2\tCorner 100% Store\tShops\tpostpaid\topen\t010 5555\t91110000\tMarket St 5\tWM-000002\t0.00\n"
        for (search, expected) in [("wang", wang), ("5555", shop), ("ac00000002", shop), ("wm-000001", wang), ("110101199003071234", wang),
                                   ("91110000", shop), ("100%", shop), ("%", shop), ("_", ""), ("WM-0000", "")] {
            XCTAssertRun(try sandbox.wbill(["--format", "tsv", "customer", "list", "--search", search]), status: 0, stdout: header + expected)
        }
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "customer", "list"]), status: 0, stdout: header + wang + shop)
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "customer", "list", "--type", "shops"]), status: 0, stdout: header + shop)
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "customer", "list", "--status", "closed"]), status: 0, stdout: header)
        XCTAssertRun(try sandbox.wbill(["customer", "list", "--type", "Shop"]), status: 1, stderr: "wbill: error: no customer type named 'Shop'; did you mean 'Shops'?\n")
    }

    func testShowPrintsTypeInformationMetersReadingsHoldersAndMoney() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000006")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "100", "--channel", "wechat", "--ref", "WX-1"]), status: 0, stdout: "receipt 1  \(Sandbox.now)  account AC00000001  recharge 100.00 CNY  balance 100.00 CNY  channel wechat  ref WX-1  operator clerk\n")
        XCTAssertRun(try sandbox.wbill(["customer", "edit", number, "--phone", "13900001111"]), status: 0, stdout: "updated customer 1 (Wang Fang): phone\n")
        XCTAssertRun(try sandbox.wbill(["customer", "show", number]), status: 0, stdout: """
            Customer:       1
            Name:           Wang Fang
            Id number:      110101199003071234
            Tax number:
            Phone:          13900001111
            Address:        Building 3, unit 1
            Contact:
            Email:
            Persons:        3
            Customer type:  Prepaid homes
            Water nature:   residential
            Account:        AC00000001
            Status:         open
            Business mode:  system-prepaid
            Payment:        prepaid
            Balance:        100.00
            Currency:       CNY
            Opened at:      2026-11-23T09:30:00.000Z
            Opened by:      clerk
            Closed at:

            Meters:
              SERIAL     TYPE             CALIBER  STATE      INSTALLED AT              REMOVED AT  LAST M3  READ AT
              WM-000006  DN20 mechanical       20  installed  2026-11-23T09:30:00.000Z                2.500  initial

            Readings:
              (none)

            Holders:
              CUSTOMER  NAME       FROM        TO  RECORDED AT               RECORDED BY
                     1  Wang Fang  2026-11-23      2026-11-23T09:30:00.000Z  clerk

            Recent transactions:
              RECEIPT  AT                        KIND      AMOUNT  BALANCE  CHANNEL  REFERENCE  REASON  OPERATOR  CUSTOMER
                    1  2026-11-23T09:30:00.000Z  recharge  100.00   100.00  wechat   WX-1               clerk            1

            Changes to the basic information:
              AT                        OPERATOR  FIELD  OLD          NEW
              2026-11-23T09:30:00.000Z  clerk     phone  13800138000  13900001111

            """)
        XCTAssertRun(try sandbox.wbill(["customer", "show", "AC404"]), status: 1,
                     stderr: "wbill: error: no account 'AC404'; find it with `wbill customer list --search TEXT`\n")
    }

    func testEditKeepsTheHistoryAndChecksTheValues() throws {
        let number = try sandbox.openAccount("Residential", meter: "WM-000001")
        XCTAssertRun(try sandbox.wbill(["customer", "edit", number, "--persons", "5", "--address", "Building 9"]), status: 0,
                     stdout: "updated customer 1 (Wang Fang): address, persons\n")
        XCTAssertRun(try sandbox.wbill(["customer", "edit", number, "--persons", "5"]), status: 0, stdout: "customer 1 (Wang Fang): nothing changed\n")
        XCTAssertRun(try sandbox.wbill(["customer", "edit", number, "--email", "nope"]), status: 65,
                     stderr: "wbill: error: --email 'nope': an e-mail address such as name@example.com\n")
        XCTAssertRun(try sandbox.wbill(["customer", "edit", number]), status: 64, stderr: """
            wbill: error: name at least one field to change (--name, --id-number, --tax-number, --phone, --address, --contact, --email, --persons)
            Run 'wbill customer edit --help' for usage.

            """)
        XCTAssertEqual(try sandbox.sql("SELECT field, old_value, new_value FROM customer_changes ORDER BY id"),
                       "address|Building 3, unit 1|Building 9\npersons|3|5\n")
        XCTAssertEqual(try sandbox.sql("SELECT action, changes FROM audit_log WHERE entity = 'customer' AND action = 'update'"),
                       #"update|{"address":{"old":"Building 3, unit 1","new":"Building 9"},"persons":{"old":"3","new":"5"}}"# + "\n")
    }

    func testTransferKeepsThePreviousHolderAndSaysWhereTheMoneyGoes() throws {
        let prepaid = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        let postpaid = try sandbox.openAccount("Residential", meter: "WM-000002", name: "Zhao Lei")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", prepaid, "--amount", "65", "--channel", "cash"]), status: 0, stdout: "receipt 1  \(Sandbox.now)  account AC00000001  recharge 65.00 CNY  balance 65.00 CNY  channel cash  ref -  operator clerk\n")
        // A bill charge, as the later bill run will append one.
        wroteTheChainedTablesBehindWbill = true
        try sandbox.sql("INSERT INTO ledger_entries (account_id, customer_id, kind, amount, at, operator) VALUES (2, 2, 'bill-charge', -1230, '2026-11-23T09:30:00.000Z', 'bill run')")
        let later = ["WBILL_NOW": "2026-12-01T08:00:00.000Z"]
        XCTAssertRun(try sandbox.wbill(["customer", "transfer", prepaid, "--name", "Li Lei", "--id-number", "110101198505051234", "--phone", "13700137000",
                                        "--address", "Building 3, unit 1", "--persons", "2"], environment: later), status: 0,
                     stdout: "transferred account AC00000001 from Wang Fang (customer 1) to Li Lei (customer 3, new) from 2026-12-01; the prepaid balance of 65.00 CNY carries over to Li Lei (to pay it out to Wang Fang instead, refund it before transferring)\n")
        XCTAssertRun(try sandbox.wbill(["customer", "transfer", postpaid, "--customer", "1", "--date", "2026-11-30"], environment: later), status: 0,
                     stdout: "transferred account AC00000002 from Zhao Lei (customer 2) to Wang Fang (customer 1) from 2026-11-30; the 12.30 CNY owed stays on Zhao Lei's statement (entries keep the holder they were made under)\n")
        XCTAssertEqual(try sandbox.sql("SELECT account_id, customer_id, from_date, coalesce(to_date, '-') FROM account_holders ORDER BY account_id, from_date"),
                       "1|1|2026-11-23|2026-12-01\n1|3|2026-12-01|-\n2|2|2026-11-23|2026-11-30\n2|1|2026-11-30|-\n")
        XCTAssertRun(try sandbox.wbill(["customer", "transfer", prepaid, "--customer", "3"], environment: later), status: 1,
                     stderr: "wbill: error: Li Lei has held account AC00000001 since 2026-12-01; the transfer date must be after that (to correct the holder's details use `wbill customer edit`)\n")
        XCTAssertRun(try sandbox.wbill(["customer", "transfer", prepaid, "--customer", "1", "--name", "X"], environment: later), status: 64, stderr: """
            wbill: error: --customer names an existing customer; it does not go with --name
            Run 'wbill customer transfer --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill(["customer", "transfer", prepaid, "--customer", "9", "--date", "2026-12-05"],
                                       environment: ["WBILL_NOW": "2026-12-09T08:00:00.000Z"]), status: 1,
                     stderr: "wbill: error: no customer 9; `wbill customer list` shows customer numbers\n")
    }

    func testCloseRefusesWhileMoneyIsOwedOrHeldThenTakesFinalReadings() throws {
        // Postpaid: the final reading is not deducted (a system-prepaid close is in PrepaidDeductionEndToEndTests).
        let number = try sandbox.openAccount("Residential", meter: "WM-000006")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "20", "--channel", "cash"]), status: 0, stdout: "receipt 1  \(Sandbox.now)  account AC00000001  recharge 20.00 CNY  balance 20.00 CNY  channel cash  ref -  operator clerk\n")
        XCTAssertRun(try sandbox.wbill(["customer", "close", number, "--reading", "WM-000006=9"]), status: 1,
                     stderr: "wbill: error: account AC00000001 has a balance of 20.00 CNY; refund it first (`wbill account refund AC00000001 --amount 20.00 --channel CHANNEL`)\n")
        XCTAssertRun(try sandbox.wbill(["account", "adjust", number, "--amount", "-25", "--reason", "meter charge"]), status: 0, stdout: "receipt 2  \(Sandbox.now)  account AC00000001  adjustment -25.00 CNY  balance -5.00 CNY  ref -  operator clerk  reason 'meter charge'\n")
        XCTAssertRun(try sandbox.wbill(["customer", "close", number, "--reading", "WM-000006=9"]), status: 1,
                     stderr: "wbill: error: account AC00000001 owes 5.00 CNY; it can be closed once that is paid\n")
        XCTAssertRun(try sandbox.wbill(["account", "adjust", number, "--amount", "5", "--reason", "waived"]), status: 0, stdout: "receipt 3  \(Sandbox.now)  account AC00000001  adjustment 5.00 CNY  balance 0.00 CNY  ref -  operator clerk  reason waived\n")
        XCTAssertRun(try sandbox.wbill(["customer", "close", number]), status: 64, stderr: """
            wbill: error: closing account AC00000001 needs a final reading of each meter on it: --reading WM-000006=M3

            """)
        XCTAssertRun(try sandbox.wbill(["customer", "close", number, "--reading", "WM-000006"]), status: 64, stderr: """
            wbill: error: invalid value 'WM-000006' for --reading: expected SERIAL=M3, e.g. WM-000001=123.456
            Run 'wbill customer close --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill(["customer", "close", number, "--reading", "WM-000006=2.499"]), status: 65,
                     stderr: "wbill: error: reading WM-000006=2.499: below its initial reading 2.500\n")
        XCTAssertRun(try sandbox.wbill(["customer", "close", number, "--reading", "WM-000006=12.5", "--meter-state", "removed"]), status: 0,
                     stdout: "closed account AC00000001; final reading WM-000006 12.500 m³; meter removed from service\n")
        XCTAssertEqual(try sandbox.sql("SELECT value, source, operator FROM meter_readings; SELECT state FROM meters WHERE serial = 'WM-000006'; SELECT status FROM accounts"),
                       "12500|final|clerk\nremoved\nclosed\n")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "1", "--channel", "cash"]), status: 1,
                     stderr: "wbill: error: account AC00000001 was closed at 2026-11-23T09:30:00.000Z; nothing can be paid in or out\n")
    }

    func testACustomerTypeIsLockedOnceAnAccountUsesIt() throws {
        XCTAssertRun(try sandbox.wbill(["customer-type", "edit", "Shops", "--channel", "cash"]), status: 0, stdout: "updated customer type 'Shops'\n")
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--type", "Shops", "--name", "Corner Store", "--tax-number", "91110000",
                                "--contact", "Mr Qian", "--phone", "010 5555", "--address", "Market St 5", "--meter", "WM-000002"]), status: 0, stdout: "opened account AC00000001 (postpaid, Shops) for Corner Store (customer 1) with meter WM-000002\n")
        XCTAssertRun(try sandbox.wbill(["customer-type", "edit", "Shops", "--channel", "wechat"]), status: 1,
                     stderr: "wbill: error: customer type 'Shops' is bound to 1 account and can no longer be modified\n")
        XCTAssertRun(try sandbox.wbill(["customer-type", "delete", "Shops"]), status: 1,
                     stderr: "wbill: error: customer type 'Shops' is bound to 1 account and can no longer be deleted\n")
    }

    func testOnATerminalOpenAsksForEachMissingStep() throws {
        // stdin and stderr on a terminal, stdout on a file; each answer is typed once its question shows.
        let run = try sandbox.wbillOnATerminal(["customer", "open", "--name", "Wang Fang"], dialogue: [
            ("Customer type (number or name): ", "Residential"), ("ID document number: ", "110101199003071234"),
            ("Phone: ", "13800138000"), ("Address: ", "Building 3, unit 1"), ("Household size (persons): ", "0"),
            ("Household size (persons): ", "3"), ("separated by spaces): ", "2"),
        ])
        XCTAssertRun(run, status: 0, stdout: "opened account AC00000001 (postpaid, Residential) for Wang Fang (customer 1) with meter WM-000002\n",
                     stderr: """
            Customer types:
              1) Card homes (residential, meter-prepaid)
              2) Prepaid homes (residential, system-prepaid)
              3) Residential (residential, postpaid)
              4) Shops (commercial, postpaid)
            Customer type (number or name): Residential
            Basic information of a residential customer:
            ID document number: 110101199003071234
            Phone: 13800138000
            Address: Building 3, unit 1
            Household size (persons): 0
              a whole number of persons, 1 to 999
            Household size (persons): 3
            In-stock meters customer type 'Residential' allows (7):
              1) WM-000001  DN20 mechanical  Building 3, unit 1
              2) WM-000002  DN20 mechanical  Building 3, unit 2
              3) WM-000003  DN20 mechanical  Building 3, unit 3
              4) WM-000004  DN20 mechanical  Building 4, unit 1
              5) WM-000005  DN20 mechanical  Building 4, unit 2
              6) WM-000006  DN20 mechanical
              7) WM-000007  DN20 mechanical
            Meters (numbers or serials, separated by spaces): 2

            """)
        XCTAssertEqual(try sandbox.sql("SELECT persons, phone FROM customers"), "3|13800138000\n")
    }
}
