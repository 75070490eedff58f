import Foundation
import XCTest
import WBillSupport

/// `WBILL_NOW`, the clock override for tests and replays: every audit entry written under it keeps
/// the real time too, and nothing can be dated before the account or customer it changes existed.
final class ClockOverrideEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    /// Well before the sandbox's clock, and before any real clock this test will meet.
    static let early = "2020-01-01T08:00:00.000Z"

    /// `audit list --real-time --format tsv` of the entries after `id`, split into fields.
    func auditWithRealTime(after id: Int) throws -> [[String]] {
        let result = try sandbox.wbill("audit", "list", "--real-time", "--format", "tsv")
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(result.stderr, "")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.first, ["id", "at", "real_at", "operator", "on_behalf_of", "action", "entity", "entity_id", "changes", "command"])
        return lines.dropFirst().filter { Int($0[0])! > id }
    }

    func testEveryAuditEntryWrittenUnderTheOverrideKeepsTheRealTime() throws {
        let before = Timestamp.now()
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        XCTAssertEqual(try sandbox.wbill(["account", "recharge", number, "--amount", "5", "--channel", "cash"]).status, 0)
        let after = Timestamp.now()
        let firstOfTheTest = Int(try sandbox.sql("SELECT min(id) - 1 FROM audit_log WHERE entity = 'customer'").trimmed)!
        let overridden = try auditWithRealTime(after: firstOfTheTest)
        XCTAssertEqual(overridden.map { "\($0[5]) \($0[6])" },
                       ["create customer", "install meter", "open account", "recharge account"])
        for entry in overridden {
            XCTAssertEqual(entry[1], Sandbox.now, "\(entry)")
            let real = try Timestamp(parsing: entry[2])
            XCTAssertTrue(before <= real && real <= after, "real time \(entry[2]) not between \(before) and \(after)")
        }
        // Run on the real clock, an entry has no second time: `at` is the real time.
        let real = try sandbox.wbill(["account", "recharge", number, "--amount", "5", "--channel", "cash"], environment: ["WBILL_NOW": nil])
        XCTAssertEqual(real.status, 0, "\(real)")
        let last = try XCTUnwrap(try auditWithRealTime(after: firstOfTheTest).last)
        XCTAssertEqual(last[2], "")
        XCTAssertNotEqual(last[1], Sandbox.now)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM audit_log WHERE real_at IS NULL AND id > \(firstOfTheTest)"), "1\n")
        // `wbill init` made the fixture under the override too: the creation and the migration steps
        // before schema 6 predate the column and could not keep the real time; everything after did.
        XCTAssertEqual(try sandbox.sql("SELECT group_concat(action || ' ' || entity_id, ', ') FROM audit_log WHERE real_at IS NULL AND id <= \(firstOfTheTest)"),
                       "create \(try AccountsFixture.templateDatabase(file: #filePath, line: #line)), migrate 1, migrate 2, migrate 3, migrate 4, migrate 5\n")
        // Without --real-time the list is as it always was.
        let plain = try sandbox.wbill("audit", "list", "--format", "tsv", "--limit", "1")
        XCTAssertEqual(plain.stdout.split(separator: "\n").first, "id\tat\toperator\ton_behalf_of\taction\tentity\tentity_id\tchanges\tcommand")
    }

    func testNothingCanBeDatedBeforeTheAccountOrCustomerExisted() throws {
        let number = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        XCTAssertEqual(try sandbox.wbill(["account", "recharge", number, "--amount", "5", "--channel", "cash"]).status, 0)
        let before = try sandbox.sql("SELECT count(*) FROM ledger_entries; SELECT count(*) FROM audit_log; SELECT status FROM accounts")
        let early = ["WBILL_NOW": Self.early]
        let opened = "account AC00000001 was opened at \(Sandbox.now); the time comes from WBILL_NOW"
        let cases: [([String], String)] = [
            (["account", "recharge", number, "--amount", "5", "--channel", "cash"], "cannot date a recharge \(Self.early): \(opened)"),
            (["account", "refund", number, "--amount", "5", "--channel", "cash"], "cannot date a refund \(Self.early): \(opened)"),
            (["account", "adjust", number, "--amount", "-5", "--reason", "back-dated"], "cannot date an adjustment \(Self.early): \(opened)"),
            (["customer", "close", number, "--reading", "WM-000001=1"], "cannot date the closing \(Self.early): \(opened)"),
            (["customer", "transfer", number, "--customer", "1", "--date", "2019-12-01"], "cannot date a transfer \(Self.early): \(opened)"),
            (["customer", "edit", number, "--phone", "13900139000"],
             "cannot date an edit \(Self.early): customer 1 was registered at \(Sandbox.now); the time comes from WBILL_NOW"),
        ]
        for (arguments, message) in cases {
            XCTAssertRun(try sandbox.wbill(arguments, environment: early), status: 1, stderr: "wbill: error: \(message)\n")
        }
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM ledger_entries; SELECT count(*) FROM audit_log; SELECT status FROM accounts"),
                       before)
        // At the time it was opened, or after, is fine.
        XCTAssertEqual(try sandbox.wbill(["account", "refund", number, "--amount", "5", "--channel", "cash"]).status, 0)
    }
}
