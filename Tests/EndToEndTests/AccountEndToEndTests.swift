import Foundation
import XCTest
import WBillSupport

/// A write that waited in vain for another wbill: exit 75, naming the holder of the write lock
/// when it still held it, else another program.
func XCTAssertBusy(_ run: ProcessResult, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(run.status, 75, "\(run)", file: file, line: line)
    XCTAssertEqual(run.stdout, "", file: file, line: line)
    let message = /wbill: error: the database is busy(: [^()\n]+ \(process \d+\) is writing to it| \(another program is writing\)); try again, or wait longer with --busy-timeout SECONDS\n/
    XCTAssertNotNil(run.stderr.wholeMatch(of: message), run.stderr, file: file, line: line)
}

final class AccountEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    private let at = Sandbox.now

    func testRechargeRefundAndAdjustPrintAReceiptEach() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "100", "--channel", "wechat", "--ref", "WX-1"]), status: 0,
                     stdout: "receipt 1  \(at)  account AC00000001  recharge 100.00 CNY  balance 100.00 CNY  channel wechat  ref WX-1  operator clerk\n")
        XCTAssertRun(try sandbox.wbill(["--quiet", "account", "refund", "ac00000001", "--amount", "30.5", "--channel", "cash"]), status: 0,
                     stdout: "receipt 2  \(at)  account AC00000001  refund -30.50 CNY  balance 69.50 CNY  channel cash  ref -  operator clerk\n")
        XCTAssertRun(try sandbox.wbill(["--operator", "lead", "account", "adjust", number, "--amount", "-9.50", "--reason", "counted twice"]), status: 0,
                     stdout: "receipt 3  \(at)  account AC00000001  adjustment -9.50 CNY  balance 60.00 CNY  ref -  operator lead  reason 'counted twice'\n")
        XCTAssertRun(try sandbox.wbill(["--format", "csv", "account", "recharge", number, "--amount", "0.01", "--channel", "cash", "--ref", "C-2"]), status: 0,
                     stdout: "receipt,at,account,kind,amount,balance_after,currency,channel,reference,reason,operator\r\n"
                           + "4,\(at),AC00000001,recharge,0.01,60.01,CNY,cash,C-2,,clerk\r\n")
        XCTAssertEqual(try sandbox.sql("SELECT kind, amount, coalesce(channel, '-'), coalesce(reference, '-'), customer_id FROM ledger_entries ORDER BY id"),
                       "recharge|10000|wechat|WX-1|1\nrefund|-3050|cash|-|1\nadjustment|-950|-|-|1\nrecharge|1|cash|C-2|1\n")
        XCTAssertEqual(try sandbox.sql("SELECT operator, action, changes FROM audit_log WHERE entity = 'account' AND action = 'adjust'"),
                       #"lead|adjust|{"receipt":{"old":null,"new":"3"},"amount":{"old":null,"new":"-9.50"},"balance":{"old":"69.50","new":"60.00"},"reason":{"old":null,"new":"counted twice"}}"# + "\n")
    }

    func testARetryWithTheSameRefPrintsTheOriginalReceiptAndWritesNothing() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        let first = try sandbox.wbill(["account", "recharge", number, "--amount", "100.00", "--channel", "wechat", "--ref", "WX-9"])
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "5", "--channel", "cash"]), status: 0, stdout: "receipt 2  \(at)  account AC00000001  recharge 5.00 CNY  balance 105.00 CNY  channel cash  ref -  operator clerk\n")
        let retry = try sandbox.wbill(["account", "recharge", number, "--amount", "100", "--channel", "wechat", "--ref", "WX-9"],
                                      environment: ["WBILL_NOW": "2026-11-24T08:00:00.000Z"])
        XCTAssertRun(retry, status: 0, stdout: first.stdout,
                     stderr: "wbill: warning: reference 'WX-9' was already recorded as receipt 1 at \(at); nothing was written, this is the original receipt\n")
        XCTAssertRun(try sandbox.wbill(["--quiet", "account", "recharge", number, "--amount", "100", "--channel", "wechat", "--ref", "WX-9"]), status: 0,
                     stdout: first.stdout)
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "50", "--channel", "wechat", "--ref", "WX-9"]), status: 1,
                     stderr: "wbill: error: reference 'WX-9' was already used for the recharge of 100.00 CNY on account AC00000001 (receipt 1 at \(at)); this one differs in amount (50.00 instead of 100.00); nothing was written\n")
        XCTAssertEqual(try sandbox.sql("SELECT count(*), sum(amount) FROM ledger_entries; SELECT count(*) FROM audit_log WHERE action = 'recharge'"), "2|10500\n2\n")
    }

    func testBadInputIsRefusedWithAClearMessageAndNothingWritten() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "10", "--channel", "cash"]), status: 0, stdout: "receipt 1  \(at)  account AC00000001  recharge 10.00 CNY  balance 10.00 CNY  channel cash  ref -  operator clerk\n")
        let before = try sandbox.sql("SELECT count(*) FROM ledger_entries; SELECT count(*) FROM audit_log")
        let cases: [([String], Int32, String)] = [
            (["account", "recharge", "AC99", "--amount", "1", "--channel", "cash"], 1,
             "wbill: error: no account 'AC99'; find it with `wbill customer list --search TEXT`\n"),
            (["account", "recharge", number, "--amount", "-5", "--channel", "cash"], 65,
             "wbill: error: invalid amount '-5': a recharge must be more than zero\n"),
            (["account", "recharge", number, "--amount", "0", "--channel", "cash"], 65,
             "wbill: error: invalid amount '0': a recharge must be more than zero\n"),
            (["account", "recharge", number, "--amount", "1.005", "--channel", "cash"], 65,
             "wbill: error: invalid amount '1.005': CNY amounts have at most 2 decimals\n"),
            (["account", "recharge", number, "--amount", "1,5", "--channel", "cash"], 64,
             "wbill: error: invalid value '1,5' for --amount: expected a decimal number such as 12.50\nRun 'wbill account recharge --help' for usage.\n"),
            (["account", "recharge", number, "--amount", "1", "--channel", "cahs"], 64,
             "wbill: error: invalid value 'cahs' for --channel: expected one of cash, bank-transfer, bank-collection, wechat, alipay, unionpay-pos; did you mean 'cash'?\nRun 'wbill account recharge --help' for usage.\n"),
            (["account", "recharge", number, "--amount", "1", "--channel", "alipay"], 1,
             "wbill: error: customer type 'Prepaid homes' does not accept alipay; it accepts cash, wechat\n"),
            (["account", "recharge", number, "--amount", "1"], 64,
             "wbill: error: missing option --channel CHANNEL\nRun 'wbill account recharge --help' for usage.\n"),
            (["account", "refund", number, "--amount", "10.01", "--channel", "cash"], 1,
             "wbill: error: cannot refund 10.01 CNY: account AC00000001 has a balance of 10.00 CNY, and a refund is never more than the balance\n"),
            (["account", "adjust", number, "--amount", "5"], 64,
             "wbill: error: missing option --reason TEXT\nRun 'wbill account adjust --help' for usage.\n"),
            (["account", "adjust", number, "--amount", "0", "--reason", "x"], 65,
             "wbill: error: invalid amount '0': an adjustment must not be zero (positive credits the account, negative debits it)\n"),
        ]
        for (arguments, status, stderr) in cases {
            XCTAssertRun(try sandbox.wbill(arguments), status: status, stderr: stderr)
        }
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM ledger_entries; SELECT count(*) FROM audit_log"), before)
    }

    func testCardMeterAccountsPointToTheCardAndShowTheirHistoryHere() throws {
        let number = try sandbox.openAccount("Card homes", meter: "IC-000001")
        let message = "wbill: error: account AC00000001 is a card-meter (meter-prepaid) account: its recharges and refunds go through the IC card; its history is in `wbill account transactions AC00000001`\n"
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "10", "--channel", "cash"]), status: 1, stderr: message)
        XCTAssertRun(try sandbox.wbill(["account", "refund", number, "--amount", "10", "--channel", "cash"]), status: 1, stderr: message)
        // The card commands will append card purchases; their history shows here.
        wroteTheChainedTablesBehindWbill = true
        try sandbox.sql("INSERT INTO ledger_entries (account_id, customer_id, kind, amount, channel, at, operator) VALUES (1, 1, 'card-purchase', 5000, 'cash', '\(at)', 'card desk')")
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "account", "transactions", number]), status: 0, stdout: """
            receipt\tat\tkind\tamount\tbalance\tchannel\treference\treason\toperator\tcustomer
            1\t\(at)\tcard-purchase\t50.00\t50.00\tcash\t\t\tcard desk\t1

            """)
    }

    func testTransactionsListTheHistoryWithTheRunningBalanceInEveryFormat() throws {
        // Opened before the movements below (none can be dated before the account was opened).
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001", environment: ["WBILL_NOW": "2026-10-31T09:00:00.000Z"])
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "100", "--channel", "cash", "--ref", "R-1"],
                               environment: ["WBILL_NOW": "2026-11-01T10:00:00.000Z"]), status: 0, stdout: "receipt 1  2026-11-01T10:00:00.000Z  account AC00000001  recharge 100.00 CNY  balance 100.00 CNY  channel cash  ref R-1  operator clerk\n")
        XCTAssertRun(try sandbox.wbill(["account", "refund", number, "--amount", "20", "--channel", "wechat"],
                               environment: ["WBILL_NOW": "2026-11-15T10:00:00.000Z"]), status: 0, stdout: "receipt 2  2026-11-15T10:00:00.000Z  account AC00000001  refund -20.00 CNY  balance 80.00 CNY  channel wechat  ref -  operator clerk\n")
        XCTAssertRun(try sandbox.wbill(["account", "adjust", number, "--amount", "2.5", "--reason", "rounding, say \"sorry\""],
                               environment: ["WBILL_NOW": "2026-11-30T23:59:59.999Z"]), status: 0, stdout: "receipt 3  2026-11-30T23:59:59.999Z  account AC00000001  adjustment 2.50 CNY  balance 82.50 CNY  ref -  operator clerk  reason 'rounding, say \"sorry\"'\n")
        XCTAssertRun(try sandbox.wbill(["account", "transactions", number]), status: 0, stdout: """
            RECEIPT  AT                        KIND        AMOUNT  BALANCE  CHANNEL  REFERENCE  REASON                 OPERATOR  CUSTOMER
                  1  2026-11-01T10:00:00.000Z  recharge    100.00   100.00  cash     R-1                               clerk            1
                  2  2026-11-15T10:00:00.000Z  refund      -20.00    80.00  wechat                                     clerk            1
                  3  2026-11-30T23:59:59.999Z  adjustment    2.50    82.50                      rounding, say "sorry"  clerk            1

            """)
        XCTAssertRun(try sandbox.wbill(["--format", "csv", "account", "transactions", number, "--from", "2026-11-15", "--to", "2026-11-30"]), status: 0,
                     stdout: "receipt,at,kind,amount,balance,channel,reference,reason,operator,customer\r\n"
                           + "2,2026-11-15T10:00:00.000Z,refund,-20.00,80.00,wechat,,,clerk,1\r\n"
                           + "3,2026-11-30T23:59:59.999Z,adjustment,2.50,82.50,,,\"rounding, say \"\"sorry\"\"\",clerk,1\r\n")
        XCTAssertRun(try sandbox.wbill(["--format", "json", "account", "transactions", number, "--kind", "recharge", "--kind", "adjustment", "--to", "2026-11-29"]), status: 0,
                     stdout: """
            [
              {
                "receipt": 1,
                "at": "2026-11-01T10:00:00.000Z",
                "kind": "recharge",
                "amount": "100.00",
                "balance": "100.00",
                "channel": "cash",
                "reference": "R-1",
                "reason": null,
                "operator": "clerk",
                "customer": 1
              }
            ]

            """)
        XCTAssertRun(try sandbox.wbill(["account", "transactions", number, "--from", "2026-12-01", "--to", "2026-11-01"]), status: 64, stderr: """
            wbill: error: --to 2026-11-01 is before --from 2026-12-01
            Run 'wbill account transactions --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "account", "list"]), status: 0, stdout: """
            account\tcustomer\tname\tcustomer_type\tpayment\tstatus\tmeters\tbalance\tcurrency
            AC00000001\t1\tWang Fang\tPrepaid homes\tprepaid\topen\tWM-000001\t82.50\tCNY

            """)
    }

    func testShowAndTheListOfAccountsThatOweMoney() throws {
        let prepaid = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        let postpaid = try sandbox.openAccount("Residential", meter: "WM-000002", name: "Zhao Lei")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", prepaid, "--amount", "8", "--channel", "cash"]), status: 0, stdout: "receipt 1  \(at)  account AC00000001  recharge 8.00 CNY  balance 8.00 CNY  channel cash  ref -  operator clerk\n")
        wroteTheChainedTablesBehindWbill = true
        try sandbox.sql("INSERT INTO ledger_entries (account_id, customer_id, kind, amount, at, operator) VALUES (2, 2, 'bill-charge', -4482, '\(at)', 'bill run')")
        XCTAssertRun(try sandbox.wbill(["--format", "csv", "account", "list", "--owing"]), status: 0,
                     stdout: "account,customer,name,customer_type,payment,status,meters,balance,currency\r\n"
                           + "AC00000002,2,Zhao Lei,Residential,postpaid,open,WM-000002,-44.82,CNY\r\n")
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "account", "list", "--mode", "system-prepaid"]), status: 0, stdout: """
            account\tcustomer\tname\tcustomer_type\tpayment\tstatus\tmeters\tbalance\tcurrency
            AC00000001\t1\tWang Fang\tPrepaid homes\tprepaid\topen\tWM-000001\t8.00\tCNY

            """)
        XCTAssertRun(try sandbox.wbill(["account", "show", postpaid, "--transactions", "0"]), status: 0, stdout: """
            Account:        AC00000002
            Customer:       2
            Name:           Zhao Lei
            Customer type:  Residential
            Status:         open
            Business mode:  postpaid
            Payment:        postpaid
            Balance:        -44.82
            Currency:       CNY
            Opened at:      \(at)
            Opened by:      clerk
            Closed at:

            Meters:
              SERIAL     TYPE             CALIBER  STATE      INSTALLED AT              REMOVED AT  LAST M3  READ AT
              WM-000002  DN20 mechanical       20  installed  \(at)                0.000  initial

            Readings:
              (none)

            Holders:
              CUSTOMER  NAME      FROM        TO  RECORDED AT               RECORDED BY
                     2  Zhao Lei  2026-11-23      \(at)  clerk

            Recent transactions:
              (none)

            """)
        XCTAssertRun(try sandbox.wbill(["account", "show", postpaid, "--transactions", "-1"]), status: 64, stderr: """
            wbill: error: invalid value '-1' for --transactions: expected 0 or more
            Run 'wbill account show --help' for usage.

            """)
    }

    func testConcurrentRechargesAllLandOrSayBusy() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        let processes = try (1...12).map { index in
            try sandbox.start(["account", "recharge", number, "--amount", "1.00", "--channel", "cash", "--ref", "C-\(index)"])
        }
        let runs = processes.map { $0.result() }
        let landed = runs.filter { $0.status == 0 }.count
        XCTAssertGreaterThan(landed, 0)
        XCTAssertEqual(try sandbox.sql("SELECT count(*), coalesce(sum(amount), 0) FROM ledger_entries"), "\(landed)|\(landed * 100)\n")
        // Each recharge that landed printed the receipt the ledger holds for its reference, with the
        // balance after it: every receipt number is different and the balances count up one by one.
        let receipts = try receiptsByReference(sandbox)
        for (index, run) in zip(1..., runs) {
            if run.status == 0, let receipt = receipts["C-\(index)"] {
                XCTAssertRun(run, status: 0, stdout: "receipt \(receipt)  \(at)  account AC00000001  recharge 1.00 CNY  balance \(receipt).00 CNY  channel cash  ref C-\(index)  operator clerk\n")
            } else {
                XCTAssertBusy(run)
            }
        }
        XCTAssertEqual(receipts.count, landed)
    }

    func testConcurrentRefundsNeverOverdrawTheBalance() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "100", "--channel", "cash"]), status: 0,
                     stdout: "receipt 1  \(at)  account AC00000001  recharge 100.00 CNY  balance 100.00 CNY  channel cash  ref -  operator clerk\n")
        let runs = try (1...6).map { _ in try sandbox.start(["account", "refund", number, "--amount", "30", "--channel", "cash"]) }
            .map { $0.result() }
        let paid = runs.filter { $0.status == 0 }
        let busy = runs.filter { $0.status == 75 }
        let refused = runs.filter { $0.status == 1 }
        XCTAssertEqual(paid.count + busy.count + refused.count, 6, "\(runs)")
        XCTAssertEqual(paid.count, min(3, 6 - busy.count), "\(runs)")
        // The refunds that were paid took receipts 2, 3, … in turn, 30.00 off the balance each.
        let receipts = (0..<paid.count).map { turn in
            "receipt \(turn + 2)  \(at)  account AC00000001  refund -30.00 CNY  balance \(70 - 30 * turn).00 CNY  channel cash  ref -  operator clerk\n"
        }
        XCTAssertEqual(paid.map(\.stdout).sorted(), receipts.sorted(), "\(runs)")
        for run in paid { XCTAssertEqual(run.stderr, "", "\(run)") }
        for run in busy {
            XCTAssertBusy(run)
        }
        // A refund is refused only once three were paid, leaving 10.00.
        for run in refused {
            XCTAssertRun(run, status: 1, stderr: "wbill: error: cannot refund 30.00 CNY: account AC00000001 has a balance of 10.00 CNY, and a refund is never more than the balance\n")
        }
        XCTAssertEqual(try sandbox.sql("SELECT sum(amount) FROM ledger_entries"), "\(10_000 - paid.count * 3000)\n")
    }

    func testAKillDuringRechargesLeavesNoEntryWithoutItsReceiptAndARetryCompletesIt() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        var random = SystemRandomNumberGenerator()
        let processes = try (1...16).map { index in
            try sandbox.start(["account", "recharge", number, "--amount", "2.00", "--channel", "cash", "--ref", "K-\(index)"])
        }
        for process in processes {
            usleep(UInt32.random(in: 0...15_000, using: &random))
            process.kill()
        }
        _ = processes.map { $0.result() }
        XCTAssertEqual(try sandbox.sql("PRAGMA integrity_check"), "ok\n")
        XCTAssertEqual(try sandbox.sql("""
            SELECT count(*) FROM ledger_entries e WHERE NOT EXISTS (
                SELECT 1 FROM audit_log a WHERE a.entity = 'account' AND a.action = 'recharge'
                AND a.changes LIKE '{"receipt":{"old":null,"new":"' || e.id || '"}%')
            """), "0\n")
        // A retry prints the original receipt of a recharge that landed, or a new one after the last.
        var receipts = try receiptsByReference(sandbox)
        for index in 1...16 {
            let receipt = receipts["K-\(index)"] ?? (receipts.values.max() ?? 0) + 1
            receipts["K-\(index)"] = receipt
            XCTAssertRun(try sandbox.wbill(["--quiet", "account", "recharge", number, "--amount", "2.00", "--channel", "cash", "--ref", "K-\(index)"]),
                         status: 0, stdout: "receipt \(receipt)  \(at)  account AC00000001  recharge 2.00 CNY  balance \(receipt * 2).00 CNY  channel cash  ref K-\(index)  operator clerk\n")
        }
        XCTAssertEqual(try sandbox.sql("SELECT count(*), sum(amount) FROM ledger_entries; SELECT count(*) FROM audit_log WHERE action = 'recharge'"),
                       "16|3200\n16\n")
    }

    func testAKillDuringABulkOpenLeavesAllOrNothing() throws {
        let rows = 1200
        try sandbox.write("serial,type,caliber\n" + (0..<rows).map { "K-\($0),DN20 mechanical,20\n" }.joined(), to: "meters.csv")
        XCTAssertRun(try sandbox.wbill(["meter", "import", "meters.csv"]), status: 0, stdout: """
            Import:     2
            Rows:       \(rows)
            Imported:   \(rows)
            Updated:    0
            Unchanged:  0
            Skipped:    0
            Rejected:   0

            """)
        let file = try sandbox.write("type,name,tax_number,contact,phone,address,meters\n"
            + (0..<rows).map { "Shops,Shop \($0),9111\($0),Mr Qian,010 1234,Market St \($0),K-\($0)\n" }.joined(), to: "customers.csv")
        let lines: [[String]] = (0..<rows).map { row in
            let account = "AC" + String(String(100_000_001 + row).dropFirst())
            return [String(row + 2), account, String(row + 1), "Shop \(row)", "Shops", "K-\(row)"]
        }
        let opened = Expected.table(["LINE", "ACCOUNT", "CUSTOMER", "NAME", "CUSTOMER TYPE", "METERS"], lines, rightAligned: [0, 2])
        var killedMidway = 0
        for delay in [0.06, 0.25, 5.0] {
            let process = try sandbox.start(["customer", "open", "--file", file])
            _ = process.wait(timeout: delay)
            process.kill()
            let run = process.result()
            let counts = try sandbox.sql("""
                SELECT count(*) FROM customers; SELECT count(*) FROM accounts; SELECT count(*) FROM account_holders;
                SELECT count(*) FROM account_meters; SELECT count(*) FROM meters WHERE state = 'installed';
                SELECT count(*) FROM meters m WHERE state = 'installed'
                    AND NOT EXISTS (SELECT 1 FROM account_meters am WHERE am.meter_id = m.id AND am.removed_at IS NULL);
                PRAGMA integrity_check
                """)
            if run.status == 128 + SIGKILL {
                killedMidway += 1
                XCTAssertEqual(counts, "0\n0\n0\n0\n0\n0\nok\n", "after a kill at \(delay) s")
            } else {
                XCTAssertRun(run, status: 0, stdout: opened)
                XCTAssertEqual(counts, Array(repeating: "\(rows)\n", count: 5).joined() + "0\nok\n")
                break
            }
        }
        XCTAssertGreaterThan(killedMidway, 0, "no kill landed while the import ran")
    }

    /// The receipt number (ledger entry) of each reference in the ledger.
    private func receiptsByReference(_ sandbox: Sandbox, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Int] {
        let lines = try sandbox.sql("SELECT reference, id FROM ledger_entries WHERE reference IS NOT NULL", file: file, line: line)
        return Dictionary(uniqueKeysWithValues: lines.split(separator: "\n").map { pair in
            let fields = pair.split(separator: "|")
            return (String(fields[0]), Int(fields[1]) ?? -1)
        })
    }
}
