import Foundation
import XCTest
@testable import WaterBilling
@testable import WBillSupport
import WBillTestSupport

/// The chains' encoding, their column lists against the schema, their writers, and the link from
/// each ledger entry to its audit row.
final class AuditChainTests: XCTestCase {
    /// The encoding byte by byte, as the audit group's man page documents it, and its hash (which
    /// an independent implementation, Python's hashlib over the same bytes, gives too).
    func testTheEncodingByteByByte() {
        let columns = [ChainColumn("id", .integer), ChainColumn("kind", .text), ChainColumn("reason", .text),
                       ChainColumn("amount", .integer), ChainColumn("operator", .text)]
        let values: [ChainValue] = [.integer(7), .text("recharge"), .null, .integer(-1250), .text("王")]
        var bytes: [UInt8] = Array(ChainEncoding.genesis.utf8)
        let expected = ChainEncoding.genesis + "id=i1:7\nkind=t8:recharge\namount=i5:-1250\noperator=t3:王\n"
        for (column, value) in zip(columns, values) {
            switch value {
            case .integer(let number): ChainEncoding.appendField(column.name, kind: UInt8(ascii: "i"), Array(String(number).utf8), to: &bytes)
            case .text(let text): ChainEncoding.appendField(column.name, kind: UInt8(ascii: "t"), Array(text.utf8), to: &bytes)
            case .null: continue
            }
        }
        XCTAssertEqual(bytes, Array(expected.utf8))
        XCTAssertEqual(ChainEncoding.link(previous: ChainEncoding.genesis, columns: columns, values: values),
                       SHA256.hash(Array(expected.utf8)).description)
        // python3 -c 'import hashlib; print(hashlib.sha256(("0"*64 + "id=i1:7\nkind=t8:recharge\namount=i5:-1250\noperator=t3:王\n").encode()).hexdigest())'
        XCTAssertEqual(ChainEncoding.link(previous: ChainEncoding.genesis, columns: columns, values: values),
                       "70831096d948e3906023fb129f671d98c431bba88929bc6a0d45a4189e61d7ab")
    }

    /// The verifier's encoder, which reads SQLite's bytes, hashes exactly what `link` hashes.
    func testTheRowEncoderAgreesWithTheEncoding() throws {
        let database = try Database(path: ":memory:", mode: .create)
        try database.execute("CREATE TABLE t (id INTEGER, name TEXT, amount INTEGER, note TEXT)")
        let columns = [ChainColumn("id", .integer), ChainColumn("name", .text), ChainColumn("amount", .integer), ChainColumn("note", .text)]
        var random = SplitMix64(seed: 16)
        var expected: [String] = []
        var previous = ChainEncoding.genesis
        for id in 1...200 {
            let amount: Int64? = id % 7 == 0 ? nil : [Int64.min, Int64.max, 0, -1, 9, 10, -10][id % 7] &+ Int64.random(in: -3...3, using: &random) * Int64(id % 3)
            let name = String((0..<Int.random(in: 0...40, using: &random)).map { _ in "aZ9 ,=:\n王€\u{1F4A7}".randomElement(using: &random)! })
            let note: String? = id % 5 == 0 ? nil : "n\(id)"
            try database.run("INSERT INTO t VALUES (?, ?, ?, ?)", [Int64(id), name, amount, note])
            previous = ChainEncoding.link(previous: previous, columns: columns,
                                          values: [.integer(Int64(id)), .text(name), .optional(amount), .optional(note)])
            expected.append(previous)
        }
        var encoder = ChainRowEncoder(columns: columns)
        var hash = Array(ChainEncoding.genesis.utf8)
        let computed = try database.query("SELECT id, name, amount, note FROM t ORDER BY id") { row -> String in
            hash = encoder.hash(of: row, after: hash)
            return String(decoding: hash, as: UTF8.self)
        }
        XCTAssertEqual(computed, expected)
    }

    /// A NULL column is left out: a nullable column added later keeps older rows' hashes.
    func testANullColumnIsLeftOut() {
        let before = ChainEncoding.link(previous: ChainEncoding.genesis, columns: [ChainColumn("id", .integer)], values: [.integer(1)])
        let after = ChainEncoding.link(previous: ChainEncoding.genesis, columns: [ChainColumn("id", .integer), ChainColumn("on_behalf_of", .text)],
                                       values: [.integer(1), .null])
        XCTAssertEqual(before, after)
        XCTAssertNotEqual(before, ChainEncoding.link(previous: ChainEncoding.genesis, columns: [ChainColumn("id", .integer), ChainColumn("on_behalf_of", .text)],
                                                     values: [.integer(1), .text("")]))
        // Lengths keep fields apart: moving bytes from one text to the next changes the hash.
        let split = [ChainColumn("a", .text), ChainColumn("b", .text)]
        XCTAssertNotEqual(ChainEncoding.link(previous: ChainEncoding.genesis, columns: split, values: [.text("x\nb=t1:y"), .null]),
                          ChainEncoding.link(previous: ChainEncoding.genesis, columns: split, values: [.text("x"), .text("y")]))
    }

    /// Every column of the chained tables is in its list, in the type the list says; a column the
    /// list does not know fails here (add it, nullable, to the list and the man page). A listed
    /// column the schema lacks must be one another branch adds, nullable.
    func testTheColumnListsCoverTheSchema() throws {
        let fixture = try TestDatabase()
        let lists = ["audit_log": AuditChain.auditLog, "ledger_entries": AuditChain.ledgerEntries]
        let notYetInTheSchema: Set<String> = []
        for (table, list) in lists {
            let schema = try fixture.database.query("SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('\(table)')") {
                ($0.text(0), $0.text(1), $0.bool(2), $0.optionalText(3))
            }.filter { $0.0 != "chain_hash" }
            for (name, type, _, _) in schema {
                let column = list.first { $0.name == name }
                XCTAssertNotNil(column, "\(table).\(name) is not in the chain's column list")
                XCTAssertEqual(column?.kind == .integer ? "INTEGER" : "TEXT", type, "\(table).\(name)")
            }
            XCTAssertEqual(Set(list.map(\.name)).subtracting(schema.map(\.0)), table == "audit_log" ? notYetInTheSchema : [], table)
            XCTAssertEqual(Set(list.map(\.name)).count, list.count, "\(table): a column listed twice")
        }
    }

    /// The point of the one INSERT each: no other source file writes the chained tables.
    func testNoOtherSourceWritesTheChainedTables() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #"(INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+(audit_log|ledger_entries)\b"#,
                                              options: [.caseInsensitive])
        var writers: Set<String> = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        XCTAssertFalse(files.isEmpty, "no sources under \(sources.path)")
        for file in files where file.hasSuffix(".swift") && !file.contains("/Migrations/") {
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            if pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { writers.insert(file) }
        }
        XCTAssertEqual(writers, ["WaterBilling/Audit/AuditTrail.swift", "WaterBilling/Accounts/Ledger.swift"])
    }

    func testLedgerIDsAsRanges() {
        XCTAssertEqual(AuditChain.rangesText([1, 2, 3, 5, 7, 8]), "1-3,5,7-8")
        XCTAssertEqual(AuditChain.ranges("1-3,5,7-8"), [1...3, 5...5, 7...8])
        XCTAssertNil(AuditChain.ranges("3-1"))
        XCTAssertNil(AuditChain.ranges("1,1"))
        XCTAssertNil(AuditChain.ranges(""))
        XCTAssertNil(AuditChain.ranges("x"))
    }

    /// Each entry is named by the operation's next audit entry, not by what the movement set off
    /// (an alarm's entry); an entry a rolled-back savepoint took away is named by none.
    func testEachEntryIsNamedByItsOperationsAuditEntry() throws {
        let fixture = try CustomerFixture()
        let account = try fixture.open(meters: ["WM-1"]).account
        let ledger = Ledger(database: fixture.database)
        let audit = fixture.audit
        let money = { (text: String) in try Money(parsing: text, currency: .cny) }
        try fixture.database.writeTransaction {
            try ledger.append(LedgerPosting(kind: .recharge, amount: try money("50"), channel: .cash, reference: "A"), to: account, audit: audit)
            try audit.record(entity: "account", id: account.number, action: "recharge")
            // A movement and its entry rolled back with their savepoint, then others in their place:
            // the heads kept in memory are read again, and the entry names only what is there.
            XCTAssertThrowsError(try fixture.database.writeTransaction {
                try ledger.append(LedgerPosting(kind: .recharge, amount: try money("1"), channel: .cash, reference: "B"), to: account, audit: audit)
                try audit.record(entity: "account", id: account.number, action: "recharge")
                throw CancellationError()
            })
            XCTAssertThrowsError(try fixture.database.writeTransaction {
                try ledger.append(LedgerPosting(kind: .recharge, amount: try money("1"), channel: .cash, reference: "C"), to: account, audit: audit)
                throw CancellationError()
            })
            try ledger.append(LedgerPosting(kind: .adjustment, amount: try money("-2"), reason: "typed twice"), to: account, audit: audit)
            try ledger.append(LedgerPosting(kind: .adjustment, amount: try money("-3"), reason: "again"), to: account, audit: audit)
            try audit.record(entity: "account", id: account.number, action: "adjust")
        }
        let named = try fixture.database.query("SELECT action, ledger_ids, ledger_hash = (SELECT chain_hash FROM ledger_entries WHERE id = 3) FROM audit_log WHERE ledger_ids IS NOT NULL ORDER BY id") {
            "\($0.text(0)) \($0.text(1)) \($0.bool(2))"
        }
        XCTAssertEqual(named, ["recharge 1 false", "adjust 2-3 true"])
        let result = try AuditVerifier(database: fixture.database).verify()
        XCTAssertNil(result.problem)
        XCTAssertEqual(result.ledgerEntries, 3)
    }

    /// The migration chains what an older database holds, once, in id order, and records it.
    func testTheMigrationChainsExistingRows() throws {
        let fixture = try CustomerFixture()
        let account = try fixture.open(meters: ["WM-1"]).account
        let database = fixture.database
        try database.writeTransaction {
            for reference in ["A", "B", "C"] {
                try Ledger(database: database).append(LedgerPosting(kind: .recharge, amount: try Money(parsing: "10", currency: .cny),
                                                                    channel: .cash, reference: reference), to: account, audit: fixture.audit)
                try fixture.audit.record(entity: "account", id: account.number, action: "recharge")
            }
        }
        // Back to schema 12, as a database written before the chain would be.
        let version = Migration0017AuditChain.version
        try database.execute("""
            DROP TRIGGER audit_log_no_update; DROP TRIGGER ledger_entries_no_update;
            ALTER TABLE audit_log DROP COLUMN chain_hash; ALTER TABLE audit_log DROP COLUMN ledger_ids;
            ALTER TABLE audit_log DROP COLUMN ledger_hash; ALTER TABLE ledger_entries DROP COLUMN chain_hash;
            \(Migration0017AuditChain.auditNoUpdate) \(Migration0017AuditChain.ledgerNoUpdate)
            DELETE FROM schema_migrations WHERE version >= \(version); PRAGMA user_version = \(version - 1);
            """)
        let rowsBefore = try database.scalarInt("SELECT count(*) FROM audit_log") ?? 0
        try Migrator().migrate(database, context: TemporaryDatabase.context)
        let result = try AuditVerifier(database: database).verify()
        XCTAssertNil(result.problem)
        XCTAssertEqual(result.ledgerEntries, 3)
        XCTAssertEqual(result.auditEntries, rowsBefore + 1, "the step's own entry")
        // The step's entry records the chaining and names every ledger entry there was.
        XCTAssertEqual(try database.first("SELECT entity, action, changes, ledger_ids FROM audit_log WHERE id = ?", [rowsBefore + 1]) {
            "\($0.text(0)) \($0.text(1)) \($0.text(2)) \($0.text(3))"
        }, #"schema migrate {"version":{"old":"\#(version - 1)","new":"\#(version)"},"name":{"old":null,"new":"audit chain"},"audit_entries":{"old":null,"new":"\#(rowsBefore)"},"ledger_entries":{"old":null,"new":"3"}} 1-3"#)
        // The triggers are back.
        XCTAssertThrowsError(try database.run("UPDATE audit_log SET operator = 'x' WHERE id = 1"))
        XCTAssertThrowsError(try database.run("UPDATE ledger_entries SET amount = 1 WHERE id = 1"))
        XCTAssertThrowsError(try database.run("DELETE FROM ledger_entries WHERE id = 1"))
    }
}
