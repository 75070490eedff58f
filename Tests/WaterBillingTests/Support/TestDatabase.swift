import XCTest
@testable import WaterBilling
@testable import WBillSupport

/// A fresh, fully migrated wbill database with its currency set, and an audit trail to write with:
/// the starting point of the domain tests (the directory comes from `TemporaryDatabase`).
final class TestDatabase {
    /// The open connection.
    let database: Database
    /// The database file.
    let path: String
    private let scratch: TemporaryDatabase

    /// The time every audit entry of a test carries.
    static let time = try! Timestamp(parsing: "2026-11-23T09:30:00.000Z")

    init(currency: Currency = .cny) throws {
        scratch = try TemporaryDatabase()
        path = scratch.path("wbill.db")
        database = try DatabaseFile.create(at: path, context: AuditContext(operatorName: "tester", command: "test", time: TestDatabase.time)).database
        try UtilitySettings(database: database).setCurrency(currency)
    }

    /// An audit trail for the operator `tester`.
    var audit: AuditTrail {
        AuditTrail(database: database, context: AuditContext(operatorName: "tester", command: "test", time: TestDatabase.time))
    }

    /// How many rows `table` has.
    func count(_ table: String) throws -> Int {
        Int(try database.scalarInt("SELECT count(*) FROM \(table)") ?? 0)
    }
}
