import WBillTestSupport
import XCTest
@testable import WBillSupport

/// `BulkBatch.deferIndexes(of:)`: a table's plain indexes are dropped for the run and built again,
/// from their own SQL, just before its COMMIT; unique ones stay; a failed, rolled-back or dry run
/// and a batched one leave them as they were.
final class BulkWriteDeferredIndexTests: XCTestCase {
    var scratch: ScratchDirectory!
    var db: Database!

    struct Stop: Error {}

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
        db = try Database(path: scratch.file("bulk.db"), mode: .create)
        try db.execute(#"""
            CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL, "group" TEXT);
            CREATE INDEX items_kind ON items (kind, code);
            CREATE INDEX "items ""group""" ON items ("group") WHERE "group" IS NOT NULL;
            CREATE TABLE other (n INTEGER);
            CREATE INDEX other_n ON other (n);
            """#)
    }

    override func tearDown() {
        db = nil
        scratch = nil
    }

    /// Every index of the database: name and SQL (nil for the automatic unique ones).
    func indexes(_ database: Database? = nil) throws -> [String] {
        try (database ?? db).query("SELECT name || ': ' || coalesce(sql, '-') FROM sqlite_schema WHERE type = 'index' ORDER BY name") {
            $0.text(0)
        }
    }

    /// Inserts `rows` items, deferring the indexes first; throws `Stop` at the end when asked.
    func run(_ options: BulkWriteOptions, rows: Int = 100, stop: Bool = false, check: (Database) throws -> Void = { _ in }) throws {
        try BulkWrite(db, options).run { batch in
            _ = try batch.deferIndexes(of: "items")
            for n in 1...rows {
                try db.run("INSERT INTO items (code, kind, \"group\") VALUES (?, ?, ?)", ["C\(n)", n % 3, n % 2 == 0 ? "G\(n % 5)" : nil])
                if batch.rowDone() { try batch.commit() }
            }
            try check(db)
            if stop { throw Stop() }
        }
    }

    func testPlainIndexesAreBuiltAgainBeforeTheCommitAndUniqueOnesStay() throws {
        let before = try indexes()
        let observer = try Database(path: scratch.file("bulk.db"), mode: .readOnly)
        try run(BulkWriteOptions()) { inside in
            XCTAssertEqual(try self.indexes(inside), ["other_n: CREATE INDEX other_n ON other (n)", "sqlite_autoindex_items_1: -"])
            XCTAssertEqual(try self.indexes(observer), before, "another connection never sees them gone")
        }
        XCTAssertEqual(try indexes(), before)
        XCTAssertEqual(try db.scalarText("PRAGMA integrity_check"), "ok")
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM items INDEXED BY items_kind WHERE kind = 1"), 34)
    }

    func testAFailedOrDryRunLeavesThemAsTheyWere() throws {
        let before = try indexes()
        XCTAssertThrowsError(try run(BulkWriteOptions(), stop: true)) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(try indexes(), before)
        try run(BulkWriteOptions(dryRun: true))
        XCTAssertEqual(try indexes(), before)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM items"), 0)
        try BulkWrite(db).run { batch in
            XCTAssertTrue(try batch.deferIndexes(of: "items"))
            try batch.rollBack()   // the rollback puts them back: nothing to build at the end
            try db.run("INSERT INTO items (code, kind) VALUES ('X', 1)")
        }
        XCTAssertEqual(try indexes(), before)
        XCTAssertEqual(try db.scalarText("PRAGMA integrity_check"), "ok")
    }

    func testABatchedRunKeepsThem() throws {
        let before = try indexes()
        try run(BulkWriteOptions(batchSize: 10)) { inside in
            XCTAssertEqual(try self.indexes(inside), before)
        }
        XCTAssertEqual(try indexes(), before)
        XCTAssertEqual(try db.scalarInt("SELECT count(*) FROM items"), 100)
    }
}
