import Foundation
@testable import WaterBilling
import WBillSupport
import XCTest

/// The bill tables have one writer each, and the schema keeps a bill from being edited.
final class BillWriterTests: XCTestCase {
    func testNoOtherSourceWritesTheBillTables() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let tables = "bills|bill_lines|bill_consumptions|bill_series|bill_runs|unbilled_consumptions|sewage_bases|bill_allocations|late_fees"
        let pattern = try NSRegularExpression(pattern: #"(INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+("# + tables + #")\b"#,
                                              options: [.caseInsensitive])
        var writers: [String: Set<String>] = [:]
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        XCTAssertFalse(files.isEmpty, "no sources under \(sources.path)")
        for file in files where file.hasSuffix(".swift") && !file.contains("/Migrations/") {
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                writers[String(text[Range(match.range(at: 2), in: text)!]), default: []].insert(file)
            }
        }
        XCTAssertEqual(writers, [
            "bills": ["WaterBilling/Bills/BillWriter.swift"],
            "bill_lines": ["WaterBilling/Bills/BillWriter.swift"],
            "bill_consumptions": ["WaterBilling/Bills/BillWriter.swift"],
            "bill_series": ["WaterBilling/Bills/BillWriter.swift"],
            "bill_runs": ["WaterBilling/Bills/BillRunRecord.swift"],
            "unbilled_consumptions": ["WaterBilling/Bills/BillingQueue.swift"],
            "sewage_bases": ["WaterBilling/Bills/SewageBasis.swift"],
            "bill_allocations": ["WaterBilling/Bills/BillAllocationWriter.swift"],
            "late_fees": ["WaterBilling/Bills/LateFeeWriter.swift"],
        ])
    }

    func testTheSchemaKeepsABillAsIssued() throws {
        let fixture = try CustomerFixture(meters: 1)
        let account = try fixture.open(CustomerFixture.postpaid, meters: ["WM-1"]).account
        fixture.advance(days: 20)
        _ = try fixture.database.writeTransaction {
            try ReadingEntry(database: fixture.database).add(ReadingRequest(serial: "WM-1", value: "12.5"), audit: fixture.audit)
        }
        fixture.advance(days: 30)
        let period = CalendarPeriod(.month, containing: fixture.time.date.firstOfMonth.adding(days: -1))
        let result = try BillRun(database: fixture.database).run(BillRunRequest(period: period, cycle: .monthly), audit: fixture.audit,
                                                                 today: fixture.time.date)
        XCTAssertEqual(result.counts.billed, 1, "\(result.notBilled)")
        XCTAssertEqual(try fixture.count("bills"), 1)
        for sql in ["UPDATE bills SET total = 1", "UPDATE bills SET number = 'X'", "UPDATE bills SET due_date = '2030-01-01'",
                    "DELETE FROM bills", "UPDATE bill_lines SET amount = 1", "DELETE FROM bill_lines",
                    "DELETE FROM bill_consumptions", "UPDATE bills SET status = 'paid'"] {
            XCTAssertThrowsError(try fixture.database.execute(sql), sql)
        }
        // Its status and payments change (the payments work does that), and its cancellation.
        try fixture.database.execute("UPDATE bills SET status = 'partly-paid', paid_amount = 1")
        try fixture.database.writeTransaction {
            _ = try BillCorrection(database: fixture.database).cancel("B00000001", reason: "test", audit: fixture.audit)
        }
        XCTAssertThrowsError(try fixture.database.execute("UPDATE bills SET paid_amount = 0"), "nothing changes a cancelled bill")
        XCTAssertEqual(try fixture.ledgerSum(account.number), 0)
    }

    func testABillOfZeroIsIssuedPaidWithoutALedgerEntry() throws {
        let fixture = try CustomerFixture(meters: 1)
        let account = try fixture.open(CustomerFixture.postpaid, meters: ["WM-1"]).account
        fixture.advance(days: 20)
        _ = try fixture.database.writeTransaction {
            try ReadingEntry(database: fixture.database).add(ReadingRequest(serial: "WM-1", value: "1.5"), audit: fixture.audit)
        }
        fixture.advance(days: 30)
        let period = CalendarPeriod(.month, containing: fixture.time.date.firstOfMonth.adding(days: -1))
        let result = try BillRun(database: fixture.database).run(BillRunRequest(period: period, cycle: .monthly), audit: fixture.audit,
                                                                 today: fixture.time.date)
        XCTAssertEqual(result.counts.billed, 1, "\(result.notBilled)")
        let bill = try BillStore(database: fixture.database).find("B00000001")
        XCTAssertEqual(bill.total.minorUnits, 0)
        XCTAssertEqual(bill.status, .paid, "nothing to pay")
        XCTAssertNil(bill.ledgerEntryID)
        XCTAssertEqual(try fixture.count("ledger_entries"), 0)
        XCTAssertEqual(try fixture.ledgerSum(account.number), 0)
        // Cancelled, it reverses nothing.
        _ = try fixture.database.writeTransaction {
            try BillCorrection(database: fixture.database).cancel("B00000001", reason: "test", audit: fixture.audit)
        }
        XCTAssertEqual(try fixture.count("ledger_entries"), 0)
    }
}
