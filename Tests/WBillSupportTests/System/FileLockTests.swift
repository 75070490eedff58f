@testable import WBillSupport
import WBillTestSupport
import XCTest

/// `FileLock`: one holder at a time, released on `release()` (and by the kernel when the holder dies).
final class FileLockTests: XCTestCase {
    func testOneHolderAtATime() throws {
        let directory = try ScratchDirectory()
        let path = directory.path + "/x.lock"
        let first = try XCTUnwrap(try FileLock.tryLock(path))
        XCTAssertNil(try FileLock.tryLock(path), "held")
        first.release()
        first.release()
        let second = try XCTUnwrap(try FileLock.tryLock(path), "free again")
        XCTAssertTrue(FileSystem.exists(path), "the lock file stays")
        second.release()
    }

    func testALockFileThatCannotBeCreatedIsAnError() {
        XCTAssertThrowsError(try FileLock.tryLock("/nonexistent-directory/x.lock")) { error in
            XCTAssertEqual((error as? FileWriteError)?.failureKind, .cannotCreate)
        }
    }
}
