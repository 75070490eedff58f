import WBillSupport
import XCTest

/// The connection's statement cache: the same SQL run again reuses its statement, and a query whose
/// row handler runs the same SQL gets a statement of its own instead of disturbing the outer one.
final class StatementCacheTests: XCTestCase {
    func testAQueryRunningItsOwnSQLInsideItsRowHandlerGetsAStatementOfItsOwn() throws {
        let database = try Database(path: ":memory:", mode: .create)
        try database.execute("CREATE TABLE n (v INTEGER); INSERT INTO n VALUES (1), (2), (3)")
        let sql = "SELECT v FROM n WHERE v >= ? ORDER BY v"
        let pairs = try database.query(sql, [Int64(1)]) { row -> [Int64] in
            let outer = row.int64(0)
            let inner = try database.query(sql, [outer]) { $0.int64(0) }
            return inner.map { outer * 10 + $0 }
        }
        XCTAssertEqual(pairs, [[11, 12, 13], [22, 23], [33]])
        // Afterwards the cached statement is free again and gives whole answers.
        XCTAssertEqual(try database.query(sql, [Int64(2)]) { $0.int64(0) }, [2, 3])
        XCTAssertEqual(try database.query(sql, [Int64(1)]) { $0.int64(0) }, [1, 2, 3])
    }
}
