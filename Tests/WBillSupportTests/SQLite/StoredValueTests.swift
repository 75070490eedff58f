import WBillSupport
import XCTest

/// `Row.stored(_:as:)`: a stored enumeration value is read as its case, or refused; never a default.
final class StoredValueTests: XCTestCase {
    enum Colour: String, CaseIterable { case red, green }

    func makeDatabase() throws -> Database {
        let database = try Database(path: ":memory:", mode: .create)
        try database.execute("CREATE TABLE paint (colour TEXT NOT NULL); INSERT INTO paint VALUES ('green'), ('mauve')")
        return database
    }

    func testAKnownValueIsItsCase() throws {
        let database = try makeDatabase()
        let colour = try database.first("SELECT colour FROM paint WHERE rowid = 1") { try $0.stored(0, as: Colour.self) }
        XCTAssertEqual(colour, .green)
    }

    func testAnUnknownValueIsAnErrorNamingTheColumnTheValueAndTheCases() throws {
        let database = try makeDatabase()
        XCTAssertThrowsError(try database.query("SELECT colour FROM paint") { try $0.stored(0, as: Colour.self) }) { error in
            XCTAssertEqual(error as? StoredValueError, StoredValueError(column: "colour", value: "mauve", expected: ["red", "green"]))
            XCTAssertEqual((error as? ClassifiedError)?.failureKind, .badInput)
            XCTAssertEqual("\(error)", "the database holds 'mauve' in column colour, which this program does not know "
                           + "(expected red, green); it was written by a newer version or changed outside it")
        }
    }
}
