import Foundation
import XCTest

/// Bills are never edited: cancel reverses the charge and frees the consumption, rebill prices it
/// again and links the new bill to the old; a reading a standing bill rests on cannot be voided;
/// a printed bill is the same every time it is printed.
final class BillCorrectionEndToEndTests: BillSandboxTestCase {
    var account = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        try addMeters([("T-01", 20)])
        account = try openAccount("王芳", persons: 3, meters: ["T-01"])
        try read("T-01", "8", at: "2026-09-30T10:00:00Z")
        try read("T-01", "20", at: "2026-10-31T10:00:00Z")
        XCTAssertEqual(try billRun("--period", "2026-09").status, 0)
        XCTAssertEqual(try billRun("--period", "2026-10").status, 0)
    }

    func testAVoidOfABilledReadingIsRefusedUntilTheBillIsCancelledThenRebillPricesTheCorrection() throws {
        // The October reading (2) is in B00000002; voiding it would take back its consumption.
        XCTAssertRun(try wbill("reading", "void", "2", "--reason", "misread"), status: 1, stderr: """
            wbill: error: the consumption of reading 2 is used by bill B00000002 (2026-10) of account \(account); cancel the bill first (`wbill bill cancel NUMBER --reason TEXT`), then void the reading and rebill

            """)
        let octoberTotal = try showBill("B00000002")["total"] as? String ?? ""
        XCTAssertRun(try wbill("bill", "cancel", "B00000002", "--reason", "reading 2 misread"), status: 0, stdout: """
            cancelled bill B00000002 of account \(account) for 2026-10; \(octoberTotal) CNY reversed

            """)
        // Cancelled once: a second cancellation is refused.
        XCTAssertRun(try wbill("bill", "cancel", "B00000002", "--reason", "again"), status: 1, stderr: """
            wbill: error: bill B00000002 was already cancelled by clerk at 2026-11-05T08:00:00.000Z; `wbill bill rebill` prices it again

            """)
        XCTAssertEqual(try sql("SELECT kind, amount, ifnull(reverses_id, '') FROM ledger_entries ORDER BY id"), """
            bill-charge|-\(try minor(try showBill("B00000001")["total"]))|
            bill-charge|-\(try minor(octoberTotal))|
            reversal|\(try minor(octoberTotal))|2

            """)
        // Now the reading can be voided, and a corrected one recorded; the rebill prices 10, not 12.
        try ok(["reading", "void", "2", "--reason", "misread"])
        try read("T-01", "18", at: "2026-10-31T11:00:00Z")
        let rebill = try wbill("--format", "json", "bill", "rebill", "B00000002", "--reason", "corrected reading")
        XCTAssertEqual(rebill.status, 0, "\(rebill)")
        let replaced = try JSONSerialization.jsonObject(with: Data(rebill.stdout.utf8)) as? [String: Any] ?? [:]
        XCTAssertEqual(replaced["cancelled"] as? String, "B00000002")
        XCTAssertEqual(replaced["bill"] as? String, "B00000003")
        try assertBillIsTheQuote("B00000003", volume: "10.000", from: "2026-10-01", to: "2026-10-31", persons: 3, caliber: 20)
        let old = try showBill("B00000002")
        XCTAssertEqual(old["status"] as? String, "cancelled")
        XCTAssertEqual(old["replaced_by"] as? String, "B00000003")
        XCTAssertEqual(old["cancel_reason"] as? String, "reading 2 misread")
        XCTAssertEqual(try showBill("B00000003")["replaces"] as? String, "B00000002")
        // The cancelled bill's records (its reading's, and the void's reversals) are all on the new one.
        XCTAssertEqual(try sql("""
            SELECT group_concat(c.volume, ' ') FROM bill_consumptions bc JOIN consumptions c ON c.id = bc.consumption_id
            WHERE bc.bill_id = 3 ORDER BY c.id
            """), "12000 -12000 10000\n")
        XCTAssertRun(try wbill("bill", "rebill", "B00000002", "--reason", "again"), status: 1, stderr: """
            wbill: error: bill B00000002 was cancelled and replaced by bill B00000003 already; `wbill bill show B00000003` shows it

            """)
        try assertBillsAreWhole()
        // The balance is the sum of the standing bills, as the ledger says.
        let balance = try sql("SELECT sum(amount) FROM ledger_entries").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(balance, "-\(try minor(try showBill("B00000001")["total"]) + (try minor(try showBill("B00000003")["total"])))")
    }

    func testRebillCancelsAndPricesAgainInOneStepAndNothingIsWrittenWhenItCannot() throws {
        let rebill = try wbill("bill", "rebill", "B00000002", "--reason", "tariff checked")
        XCTAssertEqual(rebill.status, 0, "\(rebill)")
        XCTAssertEqual(try sql("SELECT number, status, ifnull(replaces_id, '') FROM bills ORDER BY id"), """
            B00000001|open|
            B00000002|cancelled|
            B00000003|open|2

            """)
        XCTAssertEqual(try showBill("B00000003")["total"] as? String, try showBill("B00000002")["total"] as? String)
        // Its reading voided (after cancelling), the October bill cannot be priced again: refused whole.
        try ok(["bill", "cancel", "B00000003", "--reason", "to void the reading"])
        try ok(["reading", "void", "2", "--reason", "misread"])
        let before = try sql("SELECT (SELECT count(*) FROM bills), (SELECT count(*) FROM ledger_entries), (SELECT count(*) FROM audit_log)")
        XCTAssertRun(try wbill("bill", "rebill", "B00000003", "--reason", "no reading"), status: 1, stderr: """
            wbill: error: bill B00000003 cannot be priced again for account \(account): no reading dated in the period for T-01; record the reading (`wbill reading add`) or estimate it (`wbill reading estimate`) first

            """)
        XCTAssertEqual(try sql("SELECT (SELECT count(*) FROM bills), (SELECT count(*) FROM ledger_entries), (SELECT count(*) FROM audit_log)"), before)
        XCTAssertRun(try wbill("bill", "cancel", "B00000009", "--reason", "x"), status: 1, stderr: """
            wbill: error: no bill B00000009; `wbill bill list` shows the bills

            """)
        XCTAssertRun(try wbill("bill", "cancel", "B00000001", "--reason", " "), status: 64, stderr: """
            wbill: error: invalid reason ' ': expected 1 to 200 characters without control characters

            """)
        try assertBillsAreWhole()
    }

    func testAReprintIsTheOriginalByteForByteAsTextAndAsHTML() throws {
        let text = try ok(["bill", "print", "B00000002"])
        try ok(["bill", "print", "B00000002", "-o", "bill.html"])
        let html = try String(contentsOfFile: sandbox.file("bill.html"), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("Water bill B00000002\n\nBill:"), text)
        XCTAssertTrue(text.contains("Name:              王芳\n"), text)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"), html)
        XCTAssertTrue(html.contains("<tr><th>Name</th><td>王芳</td></tr>"), html)
        XCTAssertTrue(html.contains("<tr><th>Address</th><td>王芳&#39;s house</td></tr>"), "escaped: \(html)")
        XCTAssertEqual(try ok(["bill", "print", "B00000002", "--html"]), html)

        // Later: the holder edits her address, the bill is paid off and cancelled, time passes.
        try ok(["customer", "edit", account, "--address", "New <street> & more"], at: "2026-12-01T08:00:00Z")
        try ok(["bill", "cancel", "B00000002", "--reason", "dispute"], at: "2026-12-02T08:00:00Z")
        XCTAssertEqual(try ok(["bill", "print", "B00000002"], at: "2027-03-01T08:00:00Z"), text)
        try ok(["bill", "print", "B00000002", "-o", "again.html"], at: "2027-03-01T08:00:00Z")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: sandbox.file("again.html"))),
                       try Data(contentsOf: URL(fileURLWithPath: sandbox.file("bill.html"))))
        // bill show tells where it stands now.
        XCTAssertEqual(try showBill("B00000002")["status"] as? String, "cancelled")
    }

    /// `12.34` → 1234.
    func minor(_ amount: Any?) throws -> Int64 {
        let text = try XCTUnwrap(amount as? String)
        return try XCTUnwrap(Int64(text.replacingOccurrences(of: ".", with: "")))
    }
}
