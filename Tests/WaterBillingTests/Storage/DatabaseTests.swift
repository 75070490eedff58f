@testable import WaterBilling
import XCTest
@testable import WBillSupport

/// `Database` and `Statement`: binding, reading, errors, connection settings and transactions.
final class DatabaseTests: XCTestCase {
    var scratch: TemporaryDatabase!
    var db: Database!

    override func setUpWithError() throws {
        scratch = try TemporaryDatabase()
        db = try scratch.database()
        try db.execute("""
            CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v ANY, n INTEGER NOT NULL DEFAULT 0) STRICT;
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent (id), CHECK (id > 0));
            """)
    }

    override func tearDown() {
        db = nil
        scratch = nil
    }

    func count(_ table: String = "t") throws -> Int64? {
        try db.scalarInt("SELECT count(*) FROM \(table)")
    }

    // MARK: binding and reading

    func testBindsEveryKindOfValue() throws {
        let values: [SQLBindable] = [Int64.max, Int.min, Int32(-7), "text", "", true, false, Int?.none, String?.some("x"),
                                     SQLValue.blob([0, 1, 254, 255]), SQLValue.null]
        for value in values {
            try db.run("INSERT INTO t (v) VALUES (?)", [value])
        }
        let rows = try db.query("SELECT typeof(v), quote(v) FROM t ORDER BY id") { "\($0.text(0)) \($0.text(1))" }
        XCTAssertEqual(rows, [
            "integer 9223372036854775807", "integer -9223372036854775808", "integer -7", "text 'text'", "text ''", "integer 1",
            "integer 0", "null NULL", "text 'x'", "blob X'0001FEFF'", "null NULL",
        ])
    }

    func testNullsReadAsNilOrDefaults() throws {
        try db.run("INSERT INTO t (k, v) VALUES (?, ?)", [String?.none, Int?.none])
        let row = try XCTUnwrap(db.first("SELECT k, v, n FROM t") { row in
            (row.isNull(0), row.optionalText(0), row.text(0), row.optionalInt64(1), row.int64(1), row.isNull(2), row.int(2), row.bool(2))
        })
        XCTAssertTrue(row.0)
        XCTAssertNil(row.1)
        XCTAssertEqual(row.2, "")
        XCTAssertNil(row.3)
        XCTAssertEqual(row.4, 0)
        XCTAssertFalse(row.5)
        XCTAssertEqual(row.6, 0)
        XCTAssertFalse(row.7)
        XCTAssertNil(try db.scalarInt("SELECT v FROM t"))
        XCTAssertNil(try db.scalarText("SELECT k FROM t WHERE id = 99"))
    }

    func testUnicodeRoundTrips() throws {
        let texts = ["北京市自来水公司", "Café", "Cafe\u{301}", "👩‍👩‍👧 🇨🇳", "tab\tnew\nline", "quote ' and \" both", "\u{10FFFF}"]
        for text in texts {
            try db.run("INSERT INTO t (v) VALUES (?)", [text])
        }
        XCTAssertEqual(try db.query("SELECT v FROM t ORDER BY id") { $0.text(0) }, texts)
        XCTAssertEqual(try db.scalarInt("SELECT length(v) FROM t WHERE id = 1"), 8)
        // Bound values are data, never SQL.
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM t WHERE v = ?", ["' OR 1=1 --"]), 0)
    }

    func testTextWithAnEmbeddedNULIsStoredWhole() throws {
        try db.run("INSERT INTO t (v) VALUES (?)", ["before\u{0}after"])
        XCTAssertEqual(try db.scalarInt("SELECT length(CAST(v AS BLOB)) FROM t"), 12)
        XCTAssertEqual(try db.scalarText("SELECT v FROM t"), "before\u{0}after")
    }

    func testAStatementIsReusedWithFreshBindings() throws {
        let insert = try db.prepare("INSERT INTO t (k, v) VALUES (?, ?)")
        try insert.execute(["a", 1])
        try insert.execute(["b", 2])
        try insert.execute(["c"])  // the second parameter is cleared, not left at 2
        XCTAssertEqual(try db.query("SELECT k, quote(v) FROM t ORDER BY id") { "\($0.text(0))=\($0.text(1))" }, ["a=1", "b=2", "c=NULL"])
        let select = try db.prepare("SELECT k FROM t WHERE v = ?")
        XCTAssertEqual(try select.query([1]) { $0.text(0) }, ["a"])
        XCTAssertEqual(try select.query([2]) { $0.text(0) }, ["b"])
        XCTAssertEqual(select.sql, "SELECT k FROM t WHERE v = ?")
    }

    func testLastInsertRowIDAndChanges() throws {
        try db.run("INSERT INTO t (k) VALUES ('a'), ('b'), ('c')")
        XCTAssertEqual(db.lastInsertRowID, 3)
        try db.run("UPDATE t SET n = 1 WHERE k IN ('a', 'b')")
        XCTAssertEqual(db.changes, 2)
    }

    // MARK: errors

    func testUniqueViolationCarriesTheExtendedCodeTheMessageAndTheSQL() throws {
        let sql = "INSERT INTO t (k, v) VALUES (?, ?)"
        try db.run(sql, ["dup", "public"])
        let error = try XCTUnwrap(XCTAssertThrowsSQLiteError(try db.run(sql, ["dup", "s3cr3t-value"])))
        XCTAssertEqual(error.code, 2067)  // SQLITE_CONSTRAINT_UNIQUE
        XCTAssertEqual(error.primaryCode, 19)
        XCTAssertEqual(error.message, "UNIQUE constraint failed: t.k")
        XCTAssertEqual(error.sql, sql)
        XCTAssertEqual(error.path, scratch.path("test.db"))
        XCTAssertEqual(error.failureKind, .refused)
        XCTAssertEqual(error.description, "database error: UNIQUE constraint failed: t.k")
        XCTAssertFalse("\(error)".contains("s3cr3t"), "bound values must not leak into messages")
        // The statement is usable again after the failure.
        try db.run(sql, ["other", 1])
        XCTAssertEqual(try count(), 2)
    }

    func testOtherConstraintsCarryTheirExtendedCodes() throws {
        XCTAssertEqual(XCTAssertThrowsSQLiteError(try db.run("INSERT INTO t (n) VALUES (NULL)"))?.code, 1299)  // NOTNULL
        XCTAssertEqual(XCTAssertThrowsSQLiteError(try db.run("INSERT INTO child (id) VALUES (-1)"))?.code, 275)  // CHECK
        // foreign_keys is on for every connection.
        let foreignKey = XCTAssertThrowsSQLiteError(try db.run("INSERT INTO child (id, parent) VALUES (1, 42)"))
        XCTAssertEqual(foreignKey?.code, 787)  // FOREIGNKEY
        XCTAssertEqual(foreignKey?.message, "FOREIGN KEY constraint failed")
        XCTAssertEqual(XCTAssertThrowsSQLiteError(try db.run("INSERT INTO t (n) VALUES ('x')"))?.code, 3091)  // DATATYPE (STRICT)
    }

    func testSyntaxErrorsAreInternalErrorsNamingTheSQL() throws {
        let error = try XCTUnwrap(XCTAssertThrowsSQLiteError(try db.prepare("SELEC 1")))
        XCTAssertEqual(error.code, 1)
        XCTAssertEqual(error.message, #"near "SELEC": syntax error"#)
        XCTAssertEqual(error.failureKind, .internalError)
        XCTAssertEqual(error.description, #"database error: near "SELEC": syntax error [SQL: SELEC 1]"#)
        XCTAssertEqual(XCTAssertThrowsSQLiteError(try db.execute("CREATE TABLE t (x)"))?.message, "table t already exists")
        XCTAssertEqual(XCTAssertThrowsSQLiteError(try db.run("SELECT ?", [1, 2]))?.code, 25)  // RANGE
    }

    func testErrorKindsAndTexts() {
        XCTAssertEqual(SQLiteError(code: 5, message: "database is locked").failureKind, .busy)
        XCTAssertEqual(SQLiteError(code: 517, message: "x").failureKind, .busy)  // BUSY_SNAPSHOT
        XCTAssertEqual(SQLiteError(code: 5, message: "database is locked").description,
                       "the database is busy (another program is writing); try again")
        XCTAssertEqual(SQLiteError(code: 5, message: "database is locked",
                                   lockHolder: WriteLockHolder(processID: 4242, program: "sqlite3")).description,
                       "the database is busy: sqlite3 (process 4242) is writing to it; try again")
        XCTAssertEqual(SQLiteError(code: 5, message: "database is locked", lockHolder: WriteLockHolder(processID: 7, program: nil)).description,
                       "the database is busy: process 7 is writing to it; try again")
        XCTAssertEqual(SQLiteError(code: 26, message: "file is not a database", path: "/x.db").description,
                       "/x.db is not a database, or it is corrupt (file is not a database)")
        XCTAssertEqual(SQLiteError(code: 11, message: "malformed", path: "/x.db").failureKind, .badInput)
        XCTAssertEqual(SQLiteError(code: 8, message: "readonly").failureKind, .permissionDenied)
        XCTAssertEqual(SQLiteError(code: 14, message: "cantopen").failureKind, .cannotCreate)
        XCTAssertEqual(SQLiteError(code: 13, message: "full").description, "the disk is full; nothing was written (full)")
        XCTAssertEqual(SQLiteError(code: 10, message: "disk I/O error").failureKind, .ioFailure)
    }

    func testAWriteOverTheFileSizeLimitSaysSo() {
        // SQLITE_IOERR_WRITE with EFBIG: the file size limit (ulimit -f) or the file system's largest file.
        let tooLarge = SQLiteError(code: 778, message: "disk I/O error", path: "/x.db", systemErrno: EFBIG)
        XCTAssertTrue(tooLarge.isFileTooLarge)
        XCTAssertEqual(tooLarge.failureKind, .ioFailure)
        XCTAssertEqual(tooLarge.description, "cannot write the database /x.db: file too large (the file size limit, "
                       + "ulimit -f, or the largest file the file system allows); nothing was written")
        XCTAssertFalse(SQLiteError(code: 778, message: "disk I/O error", systemErrno: EIO).isFileTooLarge)
        XCTAssertFalse(SQLiteError(code: 19, message: "constraint", systemErrno: EFBIG).isFileTooLarge)
        // The errno SQLite recorded wins; the thread's is taken for I/O failures only.
        XCTAssertEqual(SQLiteError.systemErrno(recorded: ENOSPC, threadErrno: EFBIG, code: 778), ENOSPC)
        XCTAssertEqual(SQLiteError.systemErrno(recorded: 0, threadErrno: EFBIG, code: 778), EFBIG)
        XCTAssertEqual(SQLiteError.systemErrno(recorded: 0, threadErrno: EFBIG, code: 13), EFBIG)
        XCTAssertEqual(SQLiteError.systemErrno(recorded: 0, threadErrno: ENOENT, code: 19), 0)
    }

    // MARK: the connection

    func testEveryConnectionUsesWALForeignKeysFullSyncAndABusyTimeout() throws {
        XCTAssertEqual(try db.scalarText("PRAGMA journal_mode"), "wal")
        XCTAssertEqual(try db.scalarInt("PRAGMA foreign_keys"), 1)
        XCTAssertEqual(try db.scalarInt("PRAGMA synchronous"), 2)
        XCTAssertEqual(db.busyTimeoutMilliseconds, 5000)
        XCTAssertEqual(try scratch.database(busyTimeoutMilliseconds: 250).busyTimeoutMilliseconds, 250)
        XCTAssertEqual(scratch.permissions("test.db"), 0o600)
    }

    func testReadOnlyConnectionsCannotWrite() throws {
        let reader = try Database(path: scratch.path("test.db"), mode: .readOnly)
        XCTAssertTrue(reader.isReadOnly)
        XCTAssertEqual(try reader.scalarInt("SELECT count(*) FROM t"), 0)
        let error = XCTAssertThrowsSQLiteError(try reader.run("INSERT INTO t (k) VALUES ('x')"))
        XCTAssertEqual(error?.primaryCode, 8)
        XCTAssertEqual(error?.failureKind, .permissionDenied)
    }

    func testOpeningAMissingFileWithoutCreateFails() {
        let error = XCTAssertThrowsSQLiteError(try Database(path: scratch.path("none.db"), mode: .readWrite))
        XCTAssertEqual(error?.primaryCode, 14)
        XCTAssertEqual(error?.path, scratch.path("none.db"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("none.db")))
    }

    // MARK: transactions

    func testWriteTransactionCommitsOrRollsBack() throws {
        try db.writeTransaction { try db.run("INSERT INTO t (k) VALUES ('kept')") }
        struct Stop: Error {}
        XCTAssertThrowsError(try db.writeTransaction {
            try db.run("INSERT INTO t (k) VALUES ('gone')")
            XCTAssertTrue(db.isInTransaction)
            throw Stop()
        })
        XCTAssertFalse(db.isInTransaction)
        XCTAssertEqual(try db.query("SELECT k FROM t") { $0.text(0) }, ["kept"])
        XCTAssertEqual(try db.writeTransaction { 42 }, 42)
    }

    func testNestedTransactionsAreSavepointsThatRollBackOnlyTheInnerPart() throws {
        struct Inner: Error {}
        try db.writeTransaction {
            try db.run("INSERT INTO t (k) VALUES ('outer-before')")
            XCTAssertThrowsError(try db.writeTransaction {
                try db.run("INSERT INTO t (k) VALUES ('inner')")
                try db.readTransaction { try db.run("INSERT INTO t (k) VALUES ('innermost')") }
                throw Inner()
            })
            XCTAssertTrue(db.isInTransaction, "the outer transaction survives the inner failure")
            try db.writeTransaction { try db.run("INSERT INTO t (k) VALUES ('inner-kept')") }
            try db.run("INSERT INTO t (k) VALUES ('outer-after')")
        }
        XCTAssertEqual(try db.query("SELECT k FROM t ORDER BY id") { $0.text(0) }, ["outer-before", "inner-kept", "outer-after"])
    }

    func testAFailingOuterTransactionRollsBackItsSavepointsToo() throws {
        struct Outer: Error {}
        XCTAssertThrowsError(try db.writeTransaction {
            try db.writeTransaction { try db.run("INSERT INTO t (k) VALUES ('inner')") }
            throw Outer()
        })
        XCTAssertEqual(try count(), 0)
    }

    func testWriteTransactionsBeginImmediatelySoASecondWriterWaitsThenFailsBusy() throws {
        let other = try scratch.database(busyTimeoutMilliseconds: 50)
        try db.writeTransaction {
            try db.run("INSERT INTO t (k) VALUES ('first')")
            // The lock is taken at BEGIN, before the second writer has written anything.
            let error = XCTAssertThrowsSQLiteError(try other.writeTransaction { 1 })
            XCTAssertEqual(error?.primaryCode, 5)
            XCTAssertEqual(error?.failureKind, .busy)
            XCTAssertFalse(other.isInTransaction)
            // WAL: readers are not blocked, and see the last committed state.
            XCTAssertEqual(try other.scalarInt("SELECT count(*) FROM t"), 0)
        }
        try other.writeTransaction { try other.run("INSERT INTO t (k) VALUES ('second')") }
        XCTAssertEqual(try count(), 2)
    }

    func testReadTransactionSeesOneSnapshot() throws {
        let other = try scratch.database()
        try db.run("INSERT INTO t (k) VALUES ('a')")
        try db.readTransaction {
            XCTAssertEqual(try count(), 1)
            try other.run("INSERT INTO t (k) VALUES ('b')")
            XCTAssertEqual(try count(), 1)
        }
        XCTAssertEqual(try count(), 2)
    }
}

/// The connection's statement cache: reuse, nesting, and no lingering read.
final class StatementCacheTests: XCTestCase {
    func testTheSameSQLNestedInsideItsOwnRowHandlerGetsItsOwnStatement() throws {
        let fixture = try TestDatabase()
        let database = fixture.database
        try database.execute("CREATE TABLE n (v INTEGER)")
        for value in 1...3 { try database.run("INSERT INTO n (v) VALUES (?)", [value]) }
        let sql = "SELECT v FROM n WHERE v >= ? ORDER BY v"
        let pairs = try database.query(sql, [2]) { row -> [Int64] in
            let outer = row.int64(0)
            let inner = try database.query(sql, [outer]) { $0.int64(0) }
            return [outer] + inner
        }
        XCTAssertEqual(pairs, [[2, 2, 3], [3, 3]])
        XCTAssertEqual(try database.query(sql, [1]) { $0.int64(0) }, [1, 2, 3], "the cached statement is reusable afterwards")
    }

    func testFirstLeavesNoReadTransactionOpen() throws {
        let fixture = try TestDatabase()
        // The database's creation and one entry per migration.
        XCTAssertEqual(try fixture.database.scalarInt("SELECT count(*) FROM audit_log"), Int64(Schema.migrations.count + 1))
        XCTAssertFalse(fixture.database.isInTransaction)
        // A second connection can take the write lock and checkpoint the whole WAL: nothing reads.
        let other = try Database(path: fixture.path, mode: .readWrite)
        try other.writeTransaction { try other.run("INSERT INTO settings (key, value) VALUES ('k', 'v')") }
        let checkpoint = try other.first("PRAGMA wal_checkpoint(TRUNCATE)") { [$0.int64(0), $0.int64(1), $0.int64(2)] }
        XCTAssertEqual(checkpoint?[0], 0, "the checkpoint was not blocked")
        XCTAssertEqual(try fixture.database.scalarText("SELECT value FROM settings WHERE key = 'k'"), "v")
    }
}
