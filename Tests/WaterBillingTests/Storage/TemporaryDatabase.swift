#if canImport(Glibc)
import Glibc
#endif
@testable import WaterBilling
import WBillTestSupport
import XCTest
@testable import WBillSupport

/// A fresh temporary directory holding, on demand, a fresh wbill database; removed with everything
/// in it when the value goes away. The one place tests get a database from.
///
/// ```swift
/// let scratch = try TemporaryDatabase()
/// let db = try scratch.wbillDatabase()          // migrated to the latest schema
/// let raw = try scratch.database("raw.db")      // an empty SQLite file
/// ```
final class TemporaryDatabase {
    private let scratch: ScratchDirectory
    /// The directory.
    var directory: String { scratch.path }

    /// The time migrations and audit entries are stamped with.
    static let time = try! Timestamp(parsing: "2026-11-24T08:10:00.000Z")
    /// Who and when migrations and other changes of these tests are audited as.
    static let context = AuditContext(operatorName: "tester", command: "test", time: time)

    init() throws {
        scratch = try ScratchDirectory(prefix: "wbill-storage-tests")
    }

    /// `directory/name`.
    func path(_ name: String) -> String { directory + "/" + name }

    /// A plain SQLite connection to `name` in the directory, created if needed.
    func database(_ name: String = "test.db", busyTimeoutMilliseconds: Int32 = 5000) throws -> Database {
        try Database(path: path(name), mode: .create, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// A new wbill database at `name`, migrated to the latest schema.
    func wbillDatabase(_ name: String = "wbill.db") throws -> Database {
        try DatabaseFile.create(at: path(name), context: Self.context).database
    }

    /// The permission bits of `name`.
    func permissions(_ name: String) -> mode_t? {
        var info = stat()
        return stat(path(name), &info) == 0 ? info.st_mode & 0o7777 : nil
    }
}

/// Asserts that `body` throws an `SQLiteError` and returns it for further checks.
@discardableResult
func XCTAssertThrowsSQLiteError<T>(_ body: @autoclosure () throws -> T, file: StaticString = #filePath,
                                   line: UInt = #line) -> SQLiteError? {
    do {
        _ = try body()
        XCTFail("expected an SQLiteError, nothing was thrown", file: file, line: line)
    } catch let error as SQLiteError {
        return error
    } catch {
        XCTFail("expected an SQLiteError, got \(error)", file: file, line: line)
    }
    return nil
}
