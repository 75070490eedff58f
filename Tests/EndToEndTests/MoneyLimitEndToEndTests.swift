import Foundation
import XCTest

/// The most one recharge, refund or adjustment may move (a setting of the utility, 1,000,000.00 in
/// its currency unless `wbill init --max-transaction` says otherwise), and balances that cannot be
/// summed: refused with a clear message, never an internal error.
final class MoneyLimitEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    private let at = Sandbox.now

    func receipt(_ id: Int, _ kind: String, _ amount: String, balance: String, channel: String? = "cash",
                 reason: String? = nil) -> String {
        "receipt \(id)  \(at)  account AC00000001  \(kind) \(amount) CNY  balance \(balance) CNY"
            + (channel.map { "  channel \($0)" } ?? "") + "  ref -  operator clerk" + (reason.map { "  reason \($0)" } ?? "") + "\n"
    }

    func testAmountsAboveTheLimitOfOneTransactionAreRefused() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        // The amount of the report: it fitted in 64 bits, and the next recharge failed with exit 70.
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "92233720368547758.07", "--channel", "cash"]),
                     status: 1, stderr: """
            wbill: error: a recharge of 92233720368547758.07 CNY is more than one transaction may move (1000000.00 CNY); the limit is set with `wbill init --max-transaction AMOUNT`

            """)
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "1000000.01", "--channel", "cash"]), status: 1,
                     stderr: "wbill: error: a recharge of 1000000.01 CNY is more than one transaction may move (1000000.00 CNY); the limit is set with `wbill init --max-transaction AMOUNT`\n")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "1000000", "--channel", "cash"]), status: 0,
                     stdout: receipt(1, "recharge", "1000000.00", balance: "1000000.00"))
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "1000000", "--channel", "cash"]), status: 0,
                     stdout: receipt(2, "recharge", "1000000.00", balance: "2000000.00"))
        XCTAssertRun(try sandbox.wbill(["account", "refund", number, "--amount", "1500000", "--channel", "cash"]), status: 1,
                     stderr: "wbill: error: a refund of 1500000.00 CNY is more than one transaction may move (1000000.00 CNY); the limit is set with `wbill init --max-transaction AMOUNT`\n")
        XCTAssertRun(try sandbox.wbill(["account", "adjust", number, "--amount", "-1000000.01", "--reason", "typo"]), status: 1,
                     stderr: "wbill: error: an adjustment of -1000000.01 CNY is more than one transaction may move (1000000.00 CNY); the limit is set with `wbill init --max-transaction AMOUNT`\n")
        XCTAssertRun(try sandbox.wbill(["account", "adjust", number, "--amount", "-1000000", "--reason", "typo"]), status: 0,
                     stdout: receipt(3, "adjustment", "-1000000.00", balance: "1000000.00", channel: nil, reason: "typo"))
        // Too large to be an amount at all.
        XCTAssertRun(try sandbox.wbill(["account", "adjust", number, "--amount", "-92233720368547758.09", "--reason", "x"]), status: 65,
                     stderr: "wbill: error: invalid amount '-92233720368547758.09': too large\n")
        XCTAssertEqual(try sandbox.sql("SELECT count(*), sum(amount) FROM ledger_entries"), "3|100000000\n")
    }

    func testTheLimitIsASettingOfTheUtility() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        let database = sandbox.defaultDatabase
        XCTAssertRun(try sandbox.wbill(["init", "--max-transaction", "5000"]), status: 0, stdout: """
            \(database) is already a current wbill database (schema version \(Expected.latestVersion))
            one recharge, refund or adjustment may now move at most 5000.00 CNY

            """)
        XCTAssertRun(try sandbox.wbill(["init", "--max-transaction", "5000.00"]), status: 0, stdout: """
            \(database) is already a current wbill database (schema version \(Expected.latestVersion)); nothing to do

            """)
        XCTAssertEqual(try sandbox.sql("SELECT changes FROM audit_log WHERE entity = 'setting' AND entity_id = 'max_transaction'"),
                       #"{"max_transaction":{"old":"1000000.00","new":"5000.00"}}"# + "\n")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "5000.01", "--channel", "cash"]), status: 1,
                     stderr: "wbill: error: a recharge of 5000.01 CNY is more than one transaction may move (5000.00 CNY); the limit is set with `wbill init --max-transaction AMOUNT`\n")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "5000", "--channel", "cash"]), status: 0,
                     stdout: receipt(1, "recharge", "5000.00", balance: "5000.00"))
        for (value, reason) in [("0", "expected an amount more than zero"), ("-5", "expected an amount more than zero"),
                                ("1.001", "CNY amounts have at most 2 decimals"), ("92233720368547758.08", "too large")] {
            XCTAssertRun(try sandbox.wbill(["init", "--max-transaction", value]), status: 64, stderr: """
                wbill: error: invalid value '\(value)' for --max-transaction: \(reason)
                Run 'wbill init --help' for usage.

                """)
        }
        XCTAssertEqual(try sandbox.sql("SELECT value FROM settings WHERE key = 'max_transaction'"), "500000\n")
    }

    func testABalanceTooLargeToSumIsADataErrorNamingTheAccount() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "1", "--channel", "cash"]), status: 0,
                     stdout: receipt(1, "recharge", "1.00", balance: "1.00"))
        // An entry that an earlier wbill let in, with no limit: the largest amount 64 bits hold.
        wroteTheChainedTablesBehindWbill = true
        try sandbox.sql("""
            INSERT INTO ledger_entries (account_id, customer_id, kind, amount, channel, at, operator)
            VALUES (1, 1, 'recharge', 9223372036854775807, 'cash', '\(at)', 'clerk')
            """)
        let message = "wbill: error: the entries of account AC00000001 add up beyond 92233720368547758.07 CNY, more than a balance can hold\n"
        XCTAssertRun(try sandbox.wbill(["account", "recharge", number, "--amount", "1", "--channel", "cash"]), status: 65, stderr: message)
        XCTAssertRun(try sandbox.wbill(["account", "adjust", number, "--amount", "-1", "--reason", "x"]), status: 65, stderr: message)
        XCTAssertRun(try sandbox.wbill(["account", "show", number]), status: 65, stderr: message)
        XCTAssertRun(try sandbox.wbill(["account", "transactions", number]), status: 65, stderr: message)
        XCTAssertRun(try sandbox.wbill(["account", "list"]), status: 65, stderr: message)
        XCTAssertRun(try sandbox.wbill(["customer", "list"]), status: 65, stderr: message)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM ledger_entries; SELECT count(*) FROM audit_log WHERE entity = 'account'"),
                       "2\n2\n")
    }
}
