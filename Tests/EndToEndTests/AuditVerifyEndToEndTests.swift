import Foundation
import WaterBilling
import XCTest

/// `wbill audit verify`: the tamper scenario of issue 16 played with the sqlite3 shell, as someone
/// who can write the file would (triggers dropped, a row edited, a refund deleted, an entry slipped
/// in), each found and named; a clean database verifies; `--expect` holds a recorded head.
final class AuditVerifyEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }
    override class var verifiesTheAuditChain: Bool { false }

    var account = ""

    /// An account with three movements: ledger 1 a recharge of 100.00, 2 a refund of 20.00, 3 a
    /// recharge of 50.00, each named by its operation's audit entry.
    override func setUpWithError() throws {
        try super.setUpWithError()
        account = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        for arguments in [["recharge", "--amount", "100", "--ref", "R1"], ["refund", "--amount", "20"],
                          ["recharge", "--amount", "50", "--ref", "R2"]] {
            let run = try sandbox.wbill(["-q", "account", arguments[0], account, "--channel", "cash"] + arguments.dropFirst())
            XCTAssertEqual(run.status, 0, "\(run)")
        }
    }

    /// Exit 1 with `stderr`; stdout is the record of what was checked (tested once, below).
    func assertBroken(_ run: ProcessResult, _ stderr: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(run.status, 1, "\(run)", file: file, line: line)
        XCTAssertEqual(run.stderr, stderr, file: file, line: line)
        XCTAssertTrue(run.stdout.hasPrefix("Result:") && run.stdout.split(separator: "\n").first?.hasSuffix(" broken") == true,
                      run.stdout, file: file, line: line)
    }

    func scalar(_ sql: String) throws -> String {
        try sandbox.sql(sql).trimmingCharacters(in: .newlines)
    }

    var auditCount: Int { Int((try? scalar("SELECT count(*) FROM audit_log")) ?? "") ?? -1 }
    func auditHash(_ id: Int) throws -> String { try scalar("SELECT chain_hash FROM audit_log WHERE id = \(id)") }
    func auditRow(naming ledgerIDs: String) throws -> Int { Int(try scalar("SELECT id FROM audit_log WHERE ledger_ids = '\(ledgerIDs)'")) ?? -1 }

    /// `audit verify`'s record on success.
    func verified(entries: Int, auditHead: String, ledgerEntries: Int = 3, ledgerHead: String, expected: (String, Int)? = nil) -> String {
        var lines = [("Result", "ok"), ("Audit entries", String(entries)), ("Audit head", auditHead),
                     ("Ledger entries", String(ledgerEntries)), ("Ledger head", ledgerHead), ("Bills checked", "0")]
        if let expected { lines += [("Expected head", expected.0), ("Expected head row", String(expected.1))] }
        let width = lines.map(\.0.count).max()! + 3
        return lines.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count - 1) + $0.1 + "\n" }.joined()
    }

    func testACleanDatabaseVerifiesAndPrintsBothHeads() throws {
        let entries = auditCount
        let ledgerHead = try scalar("SELECT chain_hash FROM ledger_entries WHERE id = 3")
        XCTAssertRun(try sandbox.wbill("audit", "verify"), status: 0,
                     stdout: verified(entries: entries, auditHead: try auditHash(entries), ledgerHead: ledgerHead))
        // Each movement is named by the entry of the operation that made it, with its hash.
        XCTAssertEqual(try scalar("SELECT entity || ' ' || action || ' ' || ledger_ids FROM audit_log WHERE ledger_ids IS NOT NULL ORDER BY id"),
                       "account recharge 1\naccount refund 2\naccount recharge 3")
        XCTAssertEqual(try scalar("SELECT ledger_hash FROM audit_log WHERE ledger_ids = '3'"), ledgerHead)
        // The JSON result, for scripts.
        let json = try sandbox.wbill("audit", "verify", "--format", "json")
        XCTAssertEqual(json.status, 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["result"] as? String, "ok")
        XCTAssertEqual(object?["ledger_entries"] as? Int, 3)
        XCTAssertEqual(object?["audit_head"] as? String, try auditHash(entries))
        // db status shows the chain.
        let status = try sandbox.wbill("db", "status")
        XCTAssertTrue(status.stdout.hasSuffix("Audit chain:            \(entries + 0) entries, head \(try auditHash(entries).prefix(16))…\n"),
                      status.stdout)
    }

    func testAnEditedAuditRowIsNamed() throws {
        let row = try auditRow(naming: "2")
        try sandbox.sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET changes = replace(changes, '-20.00', '-2.00') WHERE id = \(row)")
        let run = try sandbox.wbill("audit", "verify")
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "wbill: error: the audit trail does not verify: audit_log row \(row): hash mismatch: its values and the row before it do not give its chain hash\n")
        XCTAssertTrue(run.stdout.hasPrefix("Result:          broken\nAudit entries:   \(row - 1)\n"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("""
            Broken table:    audit_log
            Broken row:      \(row)
            Problem:         hash mismatch
            Detail:          its values and the row before it do not give its chain hash

            """), run.stdout)
    }

    func testADeletedRefundIsNamed() throws {
        try sandbox.sql("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE kind = 'refund'")
        // The balance silently changed, and the integrity check still passes …
        XCTAssertTrue(try sandbox.wbill("db", "status").stdout.contains("Integrity:              ok\n"))
        // … but the chain names the gap.
        let run = try sandbox.wbill("audit", "verify")
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "wbill: error: the audit trail does not verify: ledger_entries row 2: row missing: ids jump from 1 to 3\n")
        XCTAssertTrue(run.stdout.hasSuffix("""
            Ledger entries:  1
            Ledger head:
            Bills checked:   0
            Broken table:    ledger_entries
            Broken row:      2
            Problem:         row missing
            Detail:          ids jump from 1 to 3

            """), run.stdout)
    }

    func testADeletedLastEntryIsMissedByItsAuditRow() throws {
        let row = try auditRow(naming: "3")
        try sandbox.sql("DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE id = 3")
        let run = try sandbox.wbill("audit", "verify")
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "wbill: error: the audit trail does not verify: ledger_entries row 3: audited entry missing: audit row \(row) names it and it is not there\n")
    }

    func testAnEntryWithoutAuditIsNamedEvenWithAForgedHash() throws {
        // First without a hash, as a plain INSERT leaves it …
        let insert = "INSERT INTO ledger_entries (account_id, customer_id, kind, amount, channel, at, operator) VALUES (1, 1, 'recharge', 500000, 'cash', '2026-11-23T10:00:00.000Z', 'clerk')"
        try sandbox.sql(insert)
        assertBroken(try sandbox.wbill("audit", "verify"), "wbill: error: the audit trail does not verify: ledger_entries row 4: hash mismatch: it has no chain hash\n")
        // … then with the hash computed as wbill would: the chain holds, the audit trail does not name it.
        let previous = try scalar("SELECT chain_hash FROM ledger_entries WHERE id = 3")
        let forged = ChainEncoding.link(previous: previous, columns: AuditChain.ledgerEntries, values: [
            .integer(4), .integer(1), .integer(1), .text("recharge"), .integer(500000), .text("cash"), .null, .null, .null,
            .text("2026-11-23T10:00:00.000Z"), .text("clerk"),
        ])
        try sandbox.sql("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET chain_hash = '\(forged)' WHERE id = 4")
        assertBroken(try sandbox.wbill("audit", "verify"), "wbill: error: the audit trail does not verify: ledger_entries row 4: entry without audit: no audit row names it\n")
    }

    func testARewrittenLedgerBreaksWhatTheAuditRecorded() throws {
        // The refund made smaller and the whole ledger chain recomputed: the ledger chain holds, but
        // the refund's audit entry recorded another hash for it.
        try sandbox.sql("DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET amount = -200 WHERE id = 2")
        var previous = try scalar("SELECT chain_hash FROM ledger_entries WHERE id = 1")
        for id in 2...3 {
            let fields = try scalar("SELECT account_id, customer_id, kind, amount, channel, coalesce(reference, ''), at, operator FROM ledger_entries WHERE id = \(id)")
                .split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            previous = ChainEncoding.link(previous: previous, columns: AuditChain.ledgerEntries, values: [
                .integer(Int64(id)), .integer(Int64(fields[0])!), .integer(Int64(fields[1])!), .text(fields[2]),
                .integer(Int64(fields[3])!), .text(fields[4]), fields[5].isEmpty ? .null : .text(fields[5]), .null, .null,
                .text(fields[6]), .text(fields[7]),
            ])
            try sandbox.sql("UPDATE ledger_entries SET chain_hash = '\(previous)' WHERE id = \(id)")
        }
        let row = try auditRow(naming: "2")
        let recorded = try scalar("SELECT ledger_hash FROM audit_log WHERE id = \(row)")
        assertBroken(try sandbox.wbill("audit", "verify"), "wbill: error: the audit trail does not verify: ledger_entries row 2: entry differs from its audit: audit row \(row) recorded its chain hash as \(recorded)\n")
    }

    func testExpectAHeadRecordedEarlier() throws {
        let old = try auditHash(auditCount)
        let oldRow = auditCount
        // A movement since: the old head is still a row of the chain.
        XCTAssertEqual(try sandbox.wbill("-q", "account", "recharge", account, "--amount", "5", "--channel", "cash").status, 0)
        let entries = auditCount
        XCTAssertRun(try sandbox.wbill("audit", "verify", "--expect", old.uppercased()), status: 0,
                     stdout: verified(entries: entries, auditHead: try auditHash(entries), ledgerEntries: 4,
                                      ledgerHead: try scalar("SELECT chain_hash FROM ledger_entries WHERE id = 4"), expected: (old, oldRow)))
        // A head that is no row's: exit 1.
        let forged = String(repeating: "ab", count: 32)
        let run = try sandbox.wbill("audit", "verify", "--expect", forged)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "wbill: error: the audit trail does not verify: audit_log: expected head not found: no audit row has the hash \(forged)\n")
        XCTAssertTrue(run.stdout.contains("Expected head row:\nBroken table:       audit_log\nBroken row:\nProblem:            expected head not found\n"), run.stdout)
        // Not a hash at all: a usage error.
        XCTAssertRun(try sandbox.wbill("audit", "verify", "--expect", "abc"), status: 64, stderr: """
            wbill: error: --expect takes a chain hash: 64 hexadecimal digits, as audit verify prints it as audit_head
            Run 'wbill audit verify --help' for usage.

            """)
    }

    func testExpectCatchesATrailRewrittenWholeFromTheRecordedHead() throws {
        // Someone edits the refund's audit entry and recomputes every hash from there on: the chain
        // verifies on its own, but no longer leads to the head recorded before.
        let recorded = try auditHash(auditCount)
        let row = try auditRow(naming: "2")
        try sandbox.sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = 'mallory' WHERE id >= \(row)")
        let columns = AuditChain.auditLog.map { $0.name == "on_behalf_of" ? "NULL" : $0.name }
        var previous = try auditHash(row - 1)
        for id in row...auditCount {
            let select = columns.map { "quote(\($0))" }.joined(separator: " || char(31) || ")
            let fields = try scalar("SELECT \(select) FROM audit_log WHERE id = \(id)").split(separator: "\u{1F}", omittingEmptySubsequences: false)
            let values: [ChainValue] = zip(AuditChain.auditLog, fields).map { column, quoted in
                if quoted == "NULL" { return .null }
                if column.kind == .integer { return .integer(Int64(quoted)!) }
                return .text(String(quoted.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
            }
            previous = ChainEncoding.link(previous: previous, columns: AuditChain.auditLog, values: values)
            try sandbox.sql("UPDATE audit_log SET chain_hash = '\(previous)' WHERE id = \(id)")
        }
        XCTAssertEqual(try sandbox.wbill("audit", "verify").status, 0, "the rewritten chain holds on its own")
        assertBroken(try sandbox.wbill("audit", "verify", "--expect", recorded), "wbill: error: the audit trail does not verify: audit_log: expected head not found: no audit row has the hash \(recorded)\n")
    }

    // MARK: examples/cron-audit-head.sh

    /// The daily job, run twice: each run checks the chain against the head the run before
    /// recorded and appends today's; after a rewrite it fails, says why, and appends nothing.
    func testTheCronJobRecordsTheHeadAndChecksItTheNextDay() throws {
        let script = URL(fileURLWithPath: AccountsFixture.examples).appendingPathComponent("cron-audit-head.sh").path
        let heads = sandbox.file("heads.txt")
        let environment: [String: String?] = ["WBILL": ProgramRunner.wbillPath]
        let today = { () -> String in
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.timeZone = TimeZone(identifier: "UTC")
            return formatter.string(from: Date())
        }
        XCTAssertRun(try sandbox.run([script, heads], environment: environment), status: 0)
        let first = try auditHash(auditCount)
        XCTAssertEqual(try String(contentsOfFile: heads, encoding: .utf8), "\(today()) \(first)\n")
        // A day's work, then the next run: checked against the first head, the new one appended.
        XCTAssertEqual(try sandbox.wbill("-q", "account", "recharge", account, "--amount", "5", "--channel", "cash").status, 0)
        XCTAssertRun(try sandbox.run([script, heads], environment: environment), status: 0)
        let second = try auditHash(auditCount)
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(try String(contentsOfFile: heads, encoding: .utf8), "\(today()) \(first)\n\(today()) \(second)\n")

        // The last entry edited: the job fails, prints why on stderr (cron mails it), appends nothing.
        try sandbox.sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = 'mallory' WHERE id = \(auditCount)")
        let run = try sandbox.run([script, heads], environment: environment)
        XCTAssertEqual(run.status, 1, "\(run)")
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.hasPrefix("""
            wbill audit chain: verification FAILED on \(today()) (status 1)
            wbill: error: the audit trail does not verify: audit_log row \(auditCount): hash mismatch: its values and the row before it do not give its chain hash
            last head recorded: \(second)
            {

            """), run.stderr)
        XCTAssertEqual(try String(contentsOfFile: heads, encoding: .utf8), "\(today()) \(first)\n\(today()) \(second)\n")
    }
}
