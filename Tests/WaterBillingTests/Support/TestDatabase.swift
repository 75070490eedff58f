#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import WaterBilling

/// A fresh, fully migrated wbill database in its own temporary directory, removed afterwards.
final class TestDatabase {
    /// The open connection.
    let database: Database
    /// The database file.
    let path: String
    private let directory: String

    /// The time every audit entry of a test carries.
    static let time = try! Timestamp(parsing: "2026-11-23T09:30:00.000Z")

    init(currency: Currency = .cny) throws {
        var template = Array("/tmp/wbill-unit.XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw NSError(domain: "mkdtemp", code: Int(errno)) }
        directory = String(cString: created)
        path = directory + "/wbill.db"
        database = try DatabaseFile.create(at: path, time: TestDatabase.time).database
        try UtilitySettings(database: database).setCurrency(currency)
    }

    deinit {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
        rmdir(directory)
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
