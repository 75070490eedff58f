@testable import WaterBilling
import XCTest
@testable import WBillSupport

/// `Migrator`: ordered steps, each in its own transaction, recorded, idempotent.
final class MigratorTests: XCTestCase {
    var scratch: TemporaryDatabase!

    override func setUpWithError() throws {
        scratch = try TemporaryDatabase()
    }

    override func tearDown() {
        scratch = nil
    }

    /// The foundation's tables (settings, the audit trail, which every migration writes to) and one more.
    static let first = Migration(version: 1, name: "first", sql: Schema.migrations[0].sql + "; CREATE TABLE a (x INTEGER);")
    static let second = Migration(version: 2, name: "second", sql: "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2);")
    static let broken = Migration(version: 2, name: "broken", sql: "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2); SELEC 1;")

    func recorded(_ db: Database) throws -> [String] {
        try db.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version") {
            "\($0.int(0)) \($0.text(1)) \($0.text(2))"
        }
    }

    static let context = TemporaryDatabase.context

    /// The audit trail: "ENTITY ID ACTION CHANGES" per entry.
    func audited(_ db: Database) throws -> [String] {
        try db.query("SELECT entity, entity_id, action, changes FROM audit_log ORDER BY id") {
            "\($0.text(0)) \($0.text(1)) \($0.text(2)) \($0.text(3))"
        }
    }

    func tables(_ db: Database) throws -> [String] {
        try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { $0.text(0) }
    }

    /// Versions a step on another branch has taken and that branch has not landed yet. Empty once it
    /// has: the check below then fails until the version leaves this set.
    static let takenByWorkNotMergedYet: Set<Int> = []

    func testTheSchemaIsOrderedWithoutGaps() {
        let latest = Schema.latestVersion
        XCTAssertEqual(Schema.migrations.map(\.version), Array(1...latest).filter { !Self.takenByWorkNotMergedYet.contains($0) })
        XCTAssertEqual(latest, Schema.migrations.count + Self.takenByWorkNotMergedYet.count)
        XCTAssertEqual(Schema.migrations.first?.name, "foundation")
        XCTAssertEqual(Set(Schema.migrations.map(\.name)).count, Schema.migrations.count)
    }

    func testMigrateAppliesRecordsAndStampsTheDatabase() throws {
        let db = try scratch.database()
        let applied = try Migrator(migrations: [Self.first, Self.second]).migrate(db, context: Self.context, recordingCreation: true)
        XCTAssertEqual(applied.map(\.version), [1, 2])
        XCTAssertEqual(try audited(db), ["database \(db.path) create {}",
                                         #"schema 1 migrate {"version":{"old":"0","new":"1"},"name":{"old":null,"new":"first"}}"#,
                                         #"schema 2 migrate {"version":{"old":"1","new":"2"},"name":{"old":null,"new":"second"}}"#])
        XCTAssertEqual(try Migrator.currentVersion(of: db), 2)
        XCTAssertEqual(try recorded(db), ["1 first 2026-11-24T08:10:00.000Z", "2 second 2026-11-24T08:10:00.000Z"])
        XCTAssertEqual(try db.scalarInt("PRAGMA application_id"), Int64(Schema.applicationID))
        XCTAssertEqual(try tables(db), ["a", "audit_log", "b", "schema_migrations", "settings"])
    }

    func testAVersionThatDisagreesWithTheRecordIsRefused() throws {
        let db = try scratch.database()
        let migrator = Migrator(migrations: [Self.first, Self.second])
        try migrator.migrate(db, context: Self.context)
        try db.execute("PRAGMA user_version = 1")
        XCTAssertThrowsError(try migrator.migrate(db, context: Self.context)) { error in
            XCTAssertEqual(error as? DatabaseFileError, .inconsistentVersion(path: db.path, header: 1, recorded: 2))
            XCTAssertEqual((error as? ClassifiedError)?.failureKind, .badInput)
        }
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM a"), 1, "nothing was applied again")
    }

    func testMigrateIsIdempotent() throws {
        let db = try scratch.database()
        let migrator = Migrator(migrations: [Self.first, Self.second])
        try migrator.migrate(db, context: Self.context)
        let later = try Timestamp(parsing: "2027-01-01")
        XCTAssertEqual(try migrator.migrate(db, context: AuditContext(operatorName: "tester", command: "test", time: later)).count, 0)
        XCTAssertEqual(try migrator.pending(in: db).count, 0)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM a"), 1)
        XCTAssertEqual(try recorded(db).count, 2)
    }

    func testOnlyPendingStepsRun() throws {
        let db = try scratch.database()
        try Migrator(migrations: [Self.first]).migrate(db, context: Self.context)
        XCTAssertEqual(try Migrator(migrations: [Self.first, Self.second]).pending(in: db).map(\.name), ["second"])
        let applied = try Migrator(migrations: [Self.first, Self.second]).migrate(db, context: Self.context)
        XCTAssertEqual(applied.map(\.name), ["second"])
    }

    func testAFailingStepLeavesThePreviousVersion() throws {
        let db = try scratch.database()
        let error = XCTAssertThrowsSQLiteError(try Migrator(migrations: [Self.first, Self.broken]).migrate(db, context: Self.context))
        XCTAssertEqual(error?.message, #"near "SELEC": syntax error"#)
        XCTAssertFalse(db.isInTransaction)
        XCTAssertEqual(try Migrator.currentVersion(of: db), 1)
        XCTAssertEqual(try recorded(db), ["1 first 2026-11-24T08:10:00.000Z"])
        // Nothing of the broken step remains: not its table, not its row.
        XCTAssertEqual(try tables(db), ["a", "audit_log", "schema_migrations", "settings"])
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM a"), 0)
        // Repeating with the step fixed finishes the job.
        XCTAssertEqual(try Migrator(migrations: [Self.first, Self.second]).migrate(db, context: Self.context).map(\.version), [2])
    }

    /// A parent table `p` with a row a child `c` references, then steps that rebuild `p`.
    static let withReferences = Migration(version: 1, name: "first", sql: Schema.migrations[0].sql + """
        ; CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));
        INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1);
        """)
    static let rebuild = Migration(version: 2, name: "rebuild", rebuildsReferencedTable: true, sql: """
        CREATE TABLE p_v2 (id INTEGER PRIMARY KEY, x TEXT CHECK (x IS NULL OR x <> '')); INSERT INTO p_v2 (id) SELECT id FROM p;
        DROP TABLE p; ALTER TABLE p_v2 RENAME TO p;
        """)
    static let rebuildLosingARow = Migration(version: 2, name: "rebuild", rebuildsReferencedTable: true, sql: """
        CREATE TABLE p_v2 (id INTEGER PRIMARY KEY); DROP TABLE p; ALTER TABLE p_v2 RENAME TO p;
        """)

    func testARebuildOfAReferencedTableKeepsItsReferencesAndEnforcementAfterwards() throws {
        let db = try scratch.database()
        // The plain way fails: dropping a referenced table with enforcement on.
        XCTAssertThrowsSQLiteError(try Migrator(migrations: [Self.withReferences, Migration(version: 2, name: "plain", sql: Self.rebuild.sql)])
            .migrate(db, context: Self.context))
        XCTAssertEqual(try Migrator.currentVersion(of: db), 1)
        // A rebuild that loses a referenced row is refused and rolled back.
        let error = XCTAssertThrowsSQLiteError(try Migrator(migrations: [Self.withReferences, Self.rebuildLosingARow]).migrate(db, context: Self.context))
        XCTAssertEqual(error?.message, "migration 2 left references broken: c row 1 → p")
        XCTAssertEqual(try Migrator.currentVersion(of: db), 1)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM p"), 1)
        XCTAssertEqual(try db.scalarInt("PRAGMA foreign_keys"), 1)
        // The rebuild keeps the row, the reference holds, and enforcement is back on.
        XCTAssertEqual(try Migrator(migrations: [Self.withReferences, Self.rebuild]).migrate(db, context: Self.context).map(\.version), [2])
        XCTAssertEqual(try db.scalarInt("PRAGMA foreign_keys"), 1)
        XCTAssertEqual(try db.query("PRAGMA foreign_key_check") { $0.text(0) }, [])
        XCTAssertThrowsSQLiteError(try db.run("DELETE FROM p WHERE id = 1"))
    }

    func testAFailingAuditEntryRollsBackItsStep() throws {
        let db = try scratch.database()
        try Migrator(migrations: [Self.first]).migrate(db, context: Self.context)
        try db.execute("""
            CREATE TRIGGER refuse_schema_2 BEFORE INSERT ON audit_log WHEN NEW.entity_id = '2'
            BEGIN SELECT RAISE(ABORT, 'audit refused'); END
            """)
        XCTAssertThrowsSQLiteError(try Migrator(migrations: [Self.first, Self.second]).migrate(db, context: Self.context))
        XCTAssertEqual(try Migrator.currentVersion(of: db), 1)
        XCTAssertEqual(try tables(db), ["a", "audit_log", "schema_migrations", "settings"])
    }

    func testADatabaseAheadOfTheSchemaIsRefused() throws {
        let db = try scratch.database()
        try Migrator(migrations: [Self.first, Self.second]).migrate(db, context: Self.context)
        XCTAssertThrowsError(try Migrator(migrations: [Self.first]).migrate(db, context: Self.context)) { error in
            XCTAssertEqual(error as? DatabaseFileError, .newerSchema(path: scratch.path("test.db"), found: 2, known: 1))
        }
        XCTAssertEqual(try Migrator.currentVersion(of: db), 2)
    }

    func testTheFoundationSchema() throws {
        // The first step alone: released migrations never change, so this stays exact as steps are added.
        let db = try scratch.database()
        try Migrator(migrations: [Schema.migrations[0]]).migrate(db, context: Self.context)
        XCTAssertEqual(try tables(db), ["audit_log", "schema_migrations", "settings"])
        XCTAssertEqual(try db.query("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name") { $0.text(0) },
                       ["audit_log_no_delete", "audit_log_no_update"])
        XCTAssertEqual(try recorded(db), ["1 foundation 2026-11-24T08:10:00.000Z"])
        XCTAssertEqual(try Migrator.currentVersion(of: db), 1)
    }

    func testANewDatabaseRecordsEveryStepOfTheSchema() throws {
        let db = try scratch.wbillDatabase()
        XCTAssertEqual(try recorded(db), Schema.migrations.map { "\($0.version) \($0.name) 2026-11-24T08:10:00.000Z" })
        XCTAssertEqual(try Migrator.currentVersion(of: db), Schema.latestVersion)
        XCTAssertEqual(try Migrator().pending(in: db).count, 0)
        // Every later step keeps the foundation.
        XCTAssertTrue(Set(try tables(db)).isSuperset(of: ["audit_log", "schema_migrations", "settings"]))
    }
}
