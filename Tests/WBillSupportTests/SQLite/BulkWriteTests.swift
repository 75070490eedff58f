import WBillTestSupport
import XCTest
@testable import WBillSupport

/// `BulkWrite`: batches, all or nothing, rollback, dry runs, and the connection settings it sets and restores.
final class BulkWriteTests: XCTestCase {
    var scratch: ScratchDirectory!
    var db: Database!

    struct Stop: Error {}

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
        db = try connection()
        try db.execute("""
            CREATE TABLE parents (id INTEGER PRIMARY KEY);
            CREATE TABLE rows (n INTEGER NOT NULL, parent INTEGER REFERENCES parents (id));
            INSERT INTO parents (id) VALUES (1);
            """)
    }

    override func tearDown() {
        db = nil
        scratch = nil
    }

    func connection(busyTimeoutMilliseconds: Int32 = 250) throws -> Database {
        try Database(path: scratch.file("bulk.db"), mode: .create, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    func count(_ database: Database? = nil) throws -> Int64 {
        try (database ?? db).scalarInt("SELECT count(*) FROM rows") ?? -1
    }

    func settings() throws -> [Int64] {
        try [Int64(db.busyTimeoutMilliseconds)] + ["cache_size", "foreign_keys", "temp_store"].map { try db.scalarInt("PRAGMA \($0)") ?? -1 }
    }

    /// Inserts rows 1...`rows`, counting each and committing full batches; throws `Stop` after row `stopAfter`.
    @discardableResult
    func insert(_ rows: Int, options: BulkWriteOptions, stopAfter: Int? = nil) throws -> BulkBatch {
        try BulkWrite(db, options).run { batch in
            for n in 1...rows {
                try db.run("INSERT INTO rows (n) VALUES (?)", [n])
                if batch.rowDone() { try batch.commit() }
                if n == stopAfter { throw Stop() }
            }
            return batch
        }
    }

    func testWithoutABatchSizeTheRunIsAllOrNothing() throws {
        XCTAssertThrowsError(try insert(10, options: BulkWriteOptions(), stopAfter: 9)) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(try count(), 0)
        XCTAssertFalse(db.isInTransaction)
        let batch = try insert(10, options: BulkWriteOptions())
        XCTAssertEqual(try count(), 10)
        XCTAssertEqual(batch.rows, 10)
        XCTAssertEqual(batch.batchesCommitted, 0)
    }

    func testFullBatchesAreCommittedAndKeptWhenALaterOneFails() throws {
        let observer = try connection()
        var seen: [Int64] = []
        XCTAssertThrowsError(try BulkWrite(db, BulkWriteOptions(batchSize: 3)).run { batch in
            for n in 1...8 {
                try db.run("INSERT INTO rows (n) VALUES (?)", [n])
                if batch.rowDone() {
                    XCTAssertEqual(batch.rowsInBatch, 3)
                    try batch.commit()
                    XCTAssertEqual(batch.rowsInBatch, 0)
                    seen.append(try count(observer))   // another connection sees each batch at once
                }
            }
            XCTAssertEqual(batch.committedRows, 6)
            XCTAssertEqual(batch.batchesCommitted, 2)
            throw Stop()
        })
        XCTAssertEqual(seen, [3, 6])
        XCTAssertEqual(try db.query("SELECT n FROM rows ORDER BY n") { $0.int(0) }, Array(1...6))
    }

    func testRollBackDropsTheOpenBatchOnly() throws {
        let result = try BulkWrite(db, BulkWriteOptions(batchSize: 2)).run { batch -> Int in
            for n in 1...3 {
                try db.run("INSERT INTO rows (n) VALUES (?)", [n])
                if batch.rowDone() { try batch.commit() }
            }
            XCTAssertEqual(batch.rowsInBatch, 1)
            try batch.rollBack()                        // row 3 goes; rows 1 and 2 were committed
            XCTAssertEqual(batch.rowsInBatch, 0)
            XCTAssertTrue(db.isInTransaction, "the next batch is open")
            try db.run("INSERT INTO rows (n) VALUES (4)")
            return 42
        }
        XCTAssertEqual(result, 42)
        XCTAssertEqual(try db.query("SELECT n FROM rows ORDER BY n") { $0.int(0) }, [1, 2, 4])
    }

    func testADryRunCommitsNothingNotEvenBatches() throws {
        let batch = try insert(10, options: BulkWriteOptions(batchSize: 2, dryRun: true))
        XCTAssertEqual(batch.rows, 10, "every row is counted")
        XCTAssertEqual(batch.batchesCommitted, 0)
        XCTAssertEqual(batch.committedRows, 0)
        XCTAssertEqual(try count(), 0)
        XCTAssertFalse(db.isInTransaction)
    }

    func testTheSettingsHoldDuringTheRunAndAreRestoredAfterIt() throws {
        let before = try settings()
        XCTAssertEqual(before, [250, -2000, 1, 0])
        var during: [Int64] = []
        try BulkWrite(db, BulkWriteOptions(checksForeignKeys: false)).run { _ in during = try settings() }
        XCTAssertEqual(during, [120_000, -32_768, 0, 2])
        XCTAssertEqual(try settings(), before)

        // Also after a run that fails.
        XCTAssertThrowsError(try BulkWrite(db, BulkWriteOptions(busyTimeoutMilliseconds: 1000, cacheSizeKiB: 4096,
                                                                checksForeignKeys: false)).run { _ in
            during = try settings()
            throw Stop()
        })
        XCTAssertEqual(during, [1000, -4096, 0, 2])
        XCTAssertEqual(try settings(), before)

        // Temporary files left where they are, as asked.
        try BulkWrite(db, BulkWriteOptions(tempStoreInMemory: false)).run { _ in during = try settings() }
        XCTAssertEqual(during, [120_000, -32_768, 1, 0])
        XCTAssertEqual(try settings(), before)

        // The connection's own settings: nothing changes.
        try BulkWrite(db, .connectionDefaults).run { _ in during = try settings() }
        XCTAssertEqual(during, before)

        // A connection that already waits longer keeps its own time-out.
        db.busyTimeout(milliseconds: 600_000)
        try BulkWrite(db, BulkWriteOptions()).run { _ in during = try settings() }
        XCTAssertEqual(during.first, 600_000)
        XCTAssertEqual(db.busyTimeoutMilliseconds, 600_000)
    }

    /// The temporary files SQLite holds open in this process (it unlinks them at once).
    func openTemporaryFiles() -> [String] {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
            .filter { $0.contains("etilqs_") }
    }

    func testSavepointJournalsStayInMemoryUnlessAskedOtherwise() throws {
        // Pages that exist before the transaction are copied to the savepoint's journal when changed.
        try db.execute("CREATE TABLE pages (n INTEGER PRIMARY KEY, filler BLOB)")
        try BulkWrite(db).run { _ in
            for n in 1...200 { try db.run("INSERT INTO pages (n, filler) VALUES (?, zeroblob(1000))", [n]) }
        }
        var size = 1000
        func changeEveryPageInASavepoint(_ options: BulkWriteOptions) throws -> [String] {
            size += 1   // a new value each time: SQLite does not rewrite a row to what it holds
            return try BulkWrite(db, options).run { _ in
                try db.writeTransaction { try db.run("UPDATE pages SET filler = zeroblob(?)", [size]) }
                return openTemporaryFiles()   // a spilled journal stays open until the transaction ends
            }
        }
        XCTAssertEqual(try changeEveryPageInASavepoint(BulkWriteOptions()), [])
        XCTAssertEqual(try changeEveryPageInASavepoint(BulkWriteOptions(tempStoreInMemory: false)).count, 1,
                       "this test no longer makes SQLite spill a journal, so it shows nothing")
        XCTAssertEqual(openTemporaryFiles(), [])
    }

    func testForeignKeysAreCheckedUnlessTheCallerVouchesForThem() throws {
        XCTAssertThrowsError(try BulkWrite(db).run { _ in
            try db.run("INSERT INTO rows (n, parent) VALUES (1, 99)")
        }) { error in
            XCTAssertTrue((error as? SQLiteError)?.description.contains("FOREIGN KEY") ?? false, "\(error)")
        }
        XCTAssertEqual(try count(), 0)
        // Switched off, SQLite does not look the parent up: the caller guarantees it.
        try BulkWrite(db, BulkWriteOptions(checksForeignKeys: false)).run { _ in
            try db.run("INSERT INTO rows (n, parent) VALUES (1, 99)")
        }
        XCTAssertEqual(try count(), 1)
        XCTAssertEqual(try db.scalarInt("PRAGMA foreign_keys"), 1)
    }

    func testABusyDatabaseFailsAfterTheTimeOutAndRestoresTheSettings() throws {
        let other = try connection()
        try other.execute("BEGIN IMMEDIATE")
        let start = DispatchTime.now()
        XCTAssertThrowsError(try BulkWrite(db, BulkWriteOptions(busyTimeoutMilliseconds: 300)).run { _ in
            XCTFail("the body must not run without the write lock")
        }) { error in
            XCTAssertEqual((error as? SQLiteError)?.failureKind, .busy, "\(error)")
        }
        let waited = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
        XCTAssertGreaterThanOrEqual(waited, 250, "it waited for the other writer")
        try other.execute("ROLLBACK")
        XCTAssertEqual(try settings(), [250, -2000, 1, 0])
        XCTAssertFalse(db.isInTransaction)
    }
}
