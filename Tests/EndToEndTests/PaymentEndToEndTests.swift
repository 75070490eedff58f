import Foundation
import XCTest

/// Payments of postpaid bills: the oldest open bills first, an overpayment kept as credit that the
/// next bill takes, a `--ref` retry that pays once, a cancelled bill's payments going to the other
/// open bills.
final class PaymentEndToEndTests: BillSandboxTestCase {
    var account = ""
    /// The totals of the September, October and November bills, in minor units.
    var totals: [Int64] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        try addMeters([("P-01", 20)])
        account = try openAccount("李雷", persons: 3, meters: ["P-01"])
        try read("P-01", "8", at: "2026-09-30T10:00:00Z")
        try read("P-01", "20", at: "2026-10-31T10:00:00Z")
        XCTAssertEqual(try billRun("--period", "2026-09").status, 0)
        XCTAssertEqual(try billRun("--period", "2026-10").status, 0)
        try ok(["reading", "add", "P-01", "30", "--at", "2026-11-30T10:00:00Z"], at: "2026-12-05T08:00:00Z")
        XCTAssertEqual(try billRun("--period", "2026-11", at: "2026-12-05T08:00:00Z").status, 0)
        totals = try ["B00000001", "B00000002", "B00000003"].map { try minor(try showBill($0)["total"]) }
    }

    func testAPaymentPaysTheOldestBillsFirstAndTheOverpaymentPaysTheNextBill() throws {
        // Less than the first two: the first is paid, the second partly.
        let part = totals[0] + 100
        XCTAssertRun(try wbill("account", "pay", account, "--amount", money(part), "--channel", "cash", at: "2026-12-06T09:00:00Z"),
                     status: 0, stdout: """
            receipt 4  2026-12-06T09:00:00.000Z  account \(account)  payment \(money(part)) CNY  balance \(money(part - totals.reduce(0, +))) CNY  channel cash  ref -  operator clerk
              bill B00000001  \(money(totals[0]))  now paid  outstanding 0.00
              bill B00000002  1.00  now partly-paid  outstanding \(money(totals[1] - 100))

            """)
        // The rest and 25.00 more: the second and third paid, 25.00 left as credit.
        let rest = totals[1] - 100 + totals[2] + 2500
        let paid = try wbill("--format", "json", "account", "pay", account, "--amount", money(rest), "--channel", "cash",
                             at: "2026-12-07T09:00:00Z")
        XCTAssertEqual(paid.status, 0, "\(paid)")
        let receipt = try JSONSerialization.jsonObject(with: Data(paid.stdout.utf8)) as? [String: Any] ?? [:]
        XCTAssertEqual(receipt["balance_after"] as? String, "25.00")
        XCTAssertEqual((receipt["bills"] as? [[String: Any]])?.map { [$0["bill"] as? String, $0["amount"] as? String, $0["status"] as? String] },
                       [["B00000002", money(totals[1] - 100), "paid"], ["B00000003", money(totals[2]), "paid"]])
        for number in ["B00000001", "B00000002", "B00000003"] {
            XCTAssertEqual(try showBill(number)["status"] as? String, "paid", number)
        }
        XCTAssertEqual(try sql("SELECT b.number, x.amount, x.source, x.ledger_entry_id FROM bill_allocations x JOIN bills b ON b.id = x.bill_id ORDER BY x.id"), """
            B00000001|\(totals[0])|payment|4
            B00000002|100|payment|4
            B00000002|\(totals[1] - 100)|payment|5
            B00000003|\(totals[2])|payment|5

            """)
        // December's bill takes the credit: partly paid by 25.00, from credit.
        try ok(["reading", "add", "P-01", "36", "--at", "2026-12-31T10:00:00Z"], at: "2027-01-05T08:00:00Z")
        XCTAssertEqual(try billRun("--period", "2026-12", at: "2027-01-05T08:00:00Z").status, 0)
        let december = try showBill("B00000004")
        XCTAssertEqual(december["status"] as? String, "partly-paid")
        XCTAssertEqual(december["paid"] as? String, "25.00")
        XCTAssertEqual(try sql("SELECT amount, source, ifnull(ledger_entry_id, '-') FROM bill_allocations WHERE bill_id = 4"), "2500|credit|-\n")
        XCTAssertEqual(try sql("SELECT sum(amount) FROM ledger_entries") + "",
                       "\(2500 - (try minor(december["total"])))\n", "the balance is still the sum of the ledger")
        try assertBillsAreWhole("after payments")
    }

    /// A bill marked paid with the sqlite3 shell, no money behind it, and a bill's total changed:
    /// `audit verify` finds each against its allocations and its ledger charge.
    func testABillMarkedPaidWithoutMoneyIsFoundByAuditVerify() throws {
        XCTAssertEqual(try wbill("audit", "verify").status, 0)
        wroteTheChainedTablesBehindWbill = true
        _ = try sql("UPDATE bills SET status = 'paid', paid_amount = total WHERE number = 'B00000002'")
        let run = try wbill("audit", "verify")
        XCTAssertEqual(run.status, 1, "\(run)")
        XCTAssertEqual(run.stderr, "wbill: error: the audit trail does not verify: bills row 2: sum mismatch: bill B00000002 has paid \(totals[1]) minor units and its allocations add up to 0\n")
        _ = try sql("UPDATE bills SET status = 'open', paid_amount = 0 WHERE number = 'B00000002'")
        XCTAssertEqual(try wbill("audit", "verify").status, 0)
        _ = try sql("DROP TRIGGER bills_only_status; UPDATE bills SET total = total - 100 WHERE number = 'B00000003'")
        XCTAssertEqual(try wbill("audit", "verify").stderr,
                       "wbill: error: the audit trail does not verify: bills row 3: sum mismatch: bill B00000003 totals \(totals[2] - 100) minor units and its ledger charge is \(totals[2])\n")
    }

    func testARetryWithTheSameReferencePaysOnce() throws {
        let first = try wbill("account", "pay", account, "--amount", money(totals[0]), "--channel", "cash", "--ref", "R-0007",
                              at: "2026-12-06T09:00:00Z")
        XCTAssertEqual(first.status, 0, "\(first)")
        XCTAssertRun(try wbill("account", "pay", account, "--amount", money(totals[0]), "--channel", "cash", "--ref", "R-0007",
                               at: "2026-12-06T09:05:00Z"),
                     status: 0, stdout: first.stdout, stderr: """
            wbill: warning: reference 'R-0007' was already recorded as receipt 4 at 2026-12-06T09:00:00.000Z; nothing was written, this is the original receipt

            """)
        XCTAssertEqual(try sql("SELECT count(*) FROM ledger_entries WHERE kind = 'payment'"), "1\n")
        XCTAssertEqual(try sql("SELECT count(*), sum(amount) FROM bill_allocations"), "1|\(totals[0])\n")
        // The same reference for another amount is refused, and writes nothing.
        let differs = try wbill("account", "pay", account, "--amount", "1.00", "--channel", "cash", "--ref", "R-0007", at: "2026-12-06T09:10:00Z")
        XCTAssertEqual(differs.status, 1, "\(differs)")
        XCTAssertEqual(try sql("SELECT count(*) FROM bill_allocations"), "1\n")
    }

    func testACancelledBillsPaymentsGoToTheOtherOpenBills() throws {
        try ok(["account", "pay", account, "--amount", money(totals[0]), "--channel", "cash"], at: "2026-12-06T09:00:00Z")
        XCTAssertEqual(try showBill("B00000001")["status"] as? String, "paid")
        try ok(["bill", "cancel", "B00000001", "--reason", "wrong persons"], at: "2026-12-06T10:00:00Z")
        // What was paid on B00000001 is taken off it and put on B00000002, then B00000003.
        XCTAssertEqual(try sql("SELECT b.number, x.amount, x.source FROM bill_allocations x JOIN bills b ON b.id = x.bill_id ORDER BY x.id"),
                       ["B00000001|\(totals[0])|payment", "B00000001|-\(totals[0])|cancellation"].joined(separator: "\n") + "\n"
                       + allocationsOf(totals[0], over: [("B00000002", totals[1]), ("B00000003", totals[2])]))
        let cancelled = try showBill("B00000001")
        XCTAssertEqual(cancelled["status"] as? String, "cancelled")
        XCTAssertEqual(cancelled["outstanding"] as? String, "0.00")
        // bill show lists what was put on it and taken off it.
        XCTAssertEqual((cancelled["payments"] as? [[String: Any]])?.map { [$0["amount"] as? String, $0["source"] as? String] },
                       [[money(totals[0]), "payment"], ["-" + money(totals[0]), "cancellation"]])
        try assertBillsAreWhole("after a cancellation")
    }

    func testARechargeOnAPostpaidAccountPaysItsOpenBillsToo() throws {
        // Money paid in advance with a recharge is credit: it goes to the open bills at once, so an
        // account never holds credit beside an open bill.
        try ok(["account", "recharge", account, "--amount", money(totals[0] + 50), "--channel", "cash"], at: "2026-12-06T09:00:00Z")
        XCTAssertEqual(try sql("SELECT b.number, x.amount, x.source FROM bill_allocations x JOIN bills b ON b.id = x.bill_id ORDER BY x.id"), """
            B00000001|\(totals[0])|credit
            B00000002|50|credit

            """)
        XCTAssertEqual(try showBill("B00000002")["status"] as? String, "partly-paid")
    }

    func testAPaymentOfNothingIsRefusedAndWritesNothing() throws {
        XCTAssertRun(try wbill("account", "pay", account, "--amount", "0", "--channel", "cash"), status: 65, stderr: """
            wbill: error: invalid amount '0': a payment must be more than zero

            """)
        XCTAssertEqual(try sql("SELECT count(*) FROM ledger_entries WHERE kind = 'payment'"), "0\n")
    }

    /// The allocations of `amount` over `bills` (number, total) in order, as the sqlite3 shell prints them.
    func allocationsOf(_ amount: Int64, over bills: [(String, Int64)]) -> String {
        var left = amount
        var lines = ""
        for (number, total) in bills where left > 0 {
            let part = min(left, total)
            lines += "\(number)|\(part)|credit\n"
            left -= part
        }
        return lines
    }

    /// 1234 → `12.34`.
    func money(_ minorUnits: Int64) -> String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// `12.34` → 1234.
    func minor(_ amount: Any?) throws -> Int64 {
        let text = try XCTUnwrap(amount as? String)
        return try XCTUnwrap(Int64(text.replacingOccurrences(of: ".", with: "")))
    }
}
