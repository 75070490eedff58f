@testable import WaterBilling
import XCTest
@testable import WBillSupport

/// `AuditTrail`: append-only entries written in the caller's transaction, read back through filters.
final class AuditTrailTests: XCTestCase {
    var scratch: TemporaryDatabase!
    var db: Database!

    override func setUpWithError() throws {
        scratch = try TemporaryDatabase()
        // The audit trail's table alone (the foundation's, the real time schema 6 added to it and the
        // operator acted for, schema 16's; the chain's columns), without a migration's own audit
        // entries, so the entries these tests write are numbered from 1.
        db = try scratch.database()
        try db.execute(Schema.migrations[0].sql)
        try db.execute(Migration0006ClockOverrides.migration.sql)
        try db.execute("ALTER TABLE audit_log ADD COLUMN on_behalf_of TEXT")
        try db.execute(Migration0017AuditChain.auditColumns)
    }

    override func tearDown() {
        db = nil
        scratch = nil
    }

    func trail(_ operatorName: String, _ time: String, command: String = "wbill test") throws -> AuditTrail {
        AuditTrail(database: db, context: AuditContext(operatorName: operatorName, command: command,
                                                      time: try Timestamp(parsing: time)))
    }

    /// Six entries: 1 ann 11-01 meter WM-1, 2 bob 11-02 meter WM-2, 3 ann 11-03 tariff T1,
    /// 4 bob 11-04 meter WM-1, 5 cy 11-05 settings (no key), 6 ann 11-06T12:00 meter WM-1.
    func fill() throws {
        try trail("ann", "2026-11-01").record(entity: "meter", id: "WM-1", action: "create")
        try trail("bob", "2026-11-02").record(entity: "meter", id: "WM-2", action: "create")
        try trail("ann", "2026-11-03").record(entity: "tariff", id: "T1", action: "create")
        try trail("bob", "2026-11-04").record(entity: "meter", id: "WM-1", action: "update")
        try trail("cy", "2026-11-05").record(entity: "settings", id: nil, action: "update")
        try trail("ann", "2026-11-06T12:00:00.000Z").record(entity: "meter", id: "WM-1", action: "retire")
    }

    func testChangesAreTheJSONObjectOfOldAndNewText() {
        let changes = [AuditChange("amount", old: nil, new: "12.50"), AuditChange("name", old: "Li \"Lei\"\n", new: "李雷\\"),
                       AuditChange("gone", old: "\u{1}x", new: nil), AuditChange("", old: "", new: "")]
        let object = JSONValue.object(changes.map { change in
            (change.field, .object([("old", change.old.map(JSONValue.string) ?? .null),
                                    ("new", change.new.map(JSONValue.string) ?? .null)]))
        })
        XCTAssertEqual(AuditTrail.changesText(changes), object.serialized())
        XCTAssertEqual(AuditTrail.changesText([]), "{}")
        XCTAssertEqual(AuditTrail.changesText([AuditChange("a", old: nil, new: "1")]), #"{"a":{"old":null,"new":"1"}}"#)
    }

    func ids(_ filter: AuditFilter) throws -> [Int64] {
        try AuditTrail.entries(in: db, matching: filter).map(\.id)
    }

    func testRecordWritesEveryField() throws {
        try trail("ann", "2026-11-24T08:00:00.123Z", command: "wbill meter create WM-1 --pin ***").record(
            entity: "meter", id: "WM-1", action: "create",
            changes: [AuditChange("state", old: nil, new: "in-stock"), AuditChange("note", old: "a \"quoted\"\nline", new: nil)])
        let entries = try AuditTrail.entries(in: db, matching: AuditFilter(entity: "meter"))
        XCTAssertEqual(entries, [AuditEntry(
            id: 1, at: "2026-11-24T08:00:00.123Z", operatorName: "ann", command: "wbill meter create WM-1 --pin ***",
            entity: "meter", entityID: "WM-1", action: "create",
            changes: #"{"state":{"old":null,"new":"in-stock"},"note":{"old":"a \"quoted\"\nline","new":null}}"#)])
        // The changes are JSON a reader can parse.
        let parsed = try JSONSerialization.jsonObject(with: Data(entries[0].changes.utf8)) as? [String: [String: Any]]
        XCTAssertEqual(parsed?["note"]?["old"] as? String, "a \"quoted\"\nline")
        XCTAssertTrue(parsed?["note"]?["new"] is NSNull)
    }

    func testAnOperatorActingForAnotherIsRecordedWithTheOneActedFor() throws {
        let context = AuditContext(operatorName: "desk", command: "wbill --operator ann meter retire WM-1",
                                   time: try Timestamp(parsing: "2026-11-24"), onBehalfOf: "ann")
        try AuditTrail(database: db, context: context).record(entity: "meter", id: "WM-1", action: "retire")
        try trail("ann", "2026-11-25").record(entity: "meter", id: "WM-1", action: "update")
        let entries = try AuditTrail.entries(in: db, matching: AuditFilter(entity: "meter"))
        XCTAssertEqual(entries.map(\.operatorName), ["desk", "ann"])
        XCTAssertEqual(entries.map(\.onBehalfOf), ["ann", nil])
    }

    func testNoChangesIsAnEmptyObjectAndNoKeyIsNull() throws {
        try trail("ann", "2026-11-24").record(entity: "settings", id: nil, action: "update")
        let entry = try XCTUnwrap(AuditTrail.entries(in: db, matching: AuditFilter(entity: "settings")).first)
        XCTAssertEqual(entry.changes, "{}")
        XCTAssertNil(entry.entityID)
    }

    func testTheTrailIsAppendOnly() throws {
        try fill()
        for sql in ["UPDATE audit_log SET operator = 'mallory' WHERE id = 2", "DELETE FROM audit_log WHERE id = 2",
                    "DELETE FROM audit_log"] {
            let error = XCTAssertThrowsSQLiteError(try db.run(sql))
            XCTAssertEqual(error?.code, 1811, sql)  // SQLITE_CONSTRAINT_TRIGGER
            XCTAssertEqual(error?.message, "the audit log is append-only")
        }
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM audit_log"), 6)
        XCTAssertEqual(try db.scalarText("SELECT operator FROM audit_log WHERE id = 2"), "bob")
    }

    func testEntriesRollBackWithTheirTransaction() throws {
        struct Refused: Error {}
        XCTAssertThrowsError(try db.writeTransaction {
            try db.run("INSERT INTO settings (key, value) VALUES ('k', 'v')")
            try trail("ann", "2026-11-24").record(entity: "settings", id: "k", action: "create")
            throw Refused()
        })
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM audit_log WHERE entity = 'settings'"), 0)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM settings"), 0)
    }

    func testFilters() throws {
        try fill()
        XCTAssertEqual(try ids(AuditFilter()), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try ids(AuditFilter(entity: "meter")), [1, 2, 4, 6])
        XCTAssertEqual(try ids(AuditFilter(entity: "meter", entityID: "WM-1")), [1, 4, 6])
        XCTAssertEqual(try ids(AuditFilter(entityID: "T1")), [3])
        XCTAssertEqual(try ids(AuditFilter(operatorName: "ann")), [1, 3, 6])
        XCTAssertEqual(try ids(AuditFilter(operatorName: "ANN")), [])
        XCTAssertEqual(try ids(AuditFilter(entity: "meter", operatorName: "bob")), [2, 4])
        XCTAssertEqual(try ids(AuditFilter(entity: "nothing")), [])
    }

    func testTimeFiltersAreInclusiveThenExclusive() throws {
        try fill()
        let day = { (text: String) in try Timestamp(parsing: text) }
        XCTAssertEqual(try ids(AuditFilter(since: day("2026-11-03"))), [3, 4, 5, 6])
        XCTAssertEqual(try ids(AuditFilter(until: day("2026-11-03"))), [1, 2])
        XCTAssertEqual(try ids(AuditFilter(since: day("2026-11-02"), until: day("2026-11-04"))), [2, 3])
        XCTAssertEqual(try ids(AuditFilter(since: day("2026-11-06T12:00:00.000Z"))), [6])
        XCTAssertEqual(try ids(AuditFilter(since: day("2026-11-06T12:00:00.001Z"))), [])
        XCTAssertEqual(try ids(AuditFilter(until: day("2026-11-06T12:00:00.000Z"))), [1, 2, 3, 4, 5])
    }

    func testLimitKeepsTheNewestOldestFirst() throws {
        try fill()
        XCTAssertEqual(try ids(AuditFilter(limit: 2)), [5, 6])
        XCTAssertEqual(try ids(AuditFilter(operatorName: "ann", limit: 2)), [3, 6])
        XCTAssertEqual(try ids(AuditFilter(limit: 50)), [1, 2, 3, 4, 5, 6])
    }
}
