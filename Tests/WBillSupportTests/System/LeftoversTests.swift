#if canImport(Glibc)
import Glibc
#endif
import Foundation
import WBillTestSupport
import XCTest
@testable import WBillSupport

/// `Leftovers`: which names are a target's temporary files, and removing those of ended processes only.
final class LeftoversTests: XCTestCase {
    func testTheNamesOfATargetsTemporaryFiles() {
        for (name, processID) in [("copy.db.partial-4242-Ab3dEf7h", Int32(4242)), ("copy.db.partial-4242-Ab3dEf7h-journal", 4242),
                                  ("copy.db.partial-4242-Ab3dEf7h-wal", 4242), ("copy.db.partial-4242-Ab3dEf7h-shm", 4242),
                                  ("copy.db.partial-4242", 4242), ("copy.db.partial-4242-journal", 4242),
                                  ("copy.db.partial-1-12345678", 1)] {
            XCTAssertEqual(Leftovers.processID(inName: name, base: "copy.db"), processID, name)
        }
        for name in ["copy.db", "copy.db.partial-", "copy.db.partial-Ab3dEf7h", "copy.db.partial-4242-Ab3d",
                     "copy.db.partial-4242-Ab3dEf7h9", "copy.db.partial-4242-Ab3dEf7h.old", "copy.db.partial-4242_Ab3dEf7h",
                     "copy.db.partial-0-Ab3dEf7h", "copy.db.partial-0042-Ab3dEf7h", "copy.db.partial-99999999999-Ab3dEf7h",
                     "copy.db.partial-4242-Ab3dEf7h-journal-wal", "copy.db.partial-4242-Ab-dEf7h", "copy.db.partial-42é2",
                     "xcopy.db.partial-4242-Ab3dEf7h", "copy.dbx.partial-4242-Ab3dEf7h", "other.db.partial-4242-Ab3dEf7h"] {
            XCTAssertNil(Leftovers.processID(inName: name, base: "copy.db"), name)
        }
    }

    func testOnlyTheFilesOfEndedProcessesAreRemoved() throws {
        let scratch = try ScratchDirectory()
        let ended = try endedProcessID()
        let running = getpid()
        let names = ["t.csv.partial-\(ended)-Ab3dEf7h", "t.csv.partial-\(ended)-Ab3dEf7h-journal", "t.csv.partial-\(ended)",
                     "t.csv.partial-\(running)-Ab3dEf7h", "t.csv.partial-1-Ab3dEf7h", "t.csv.partial-\(ended)-Ab3d",
                     "u.csv.partial-\(ended)-Ab3dEf7h", "t.csv"]
        for name in names { try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.file(name))) }
        // A directory of that name is never removed.
        try FileManager.default.createDirectory(atPath: scratch.file("t.csv.partial-\(ended)-Zz9yXx8w"), withIntermediateDirectories: false)

        let removed = Leftovers.remove(besides: scratch.file("t.csv"))
        XCTAssertEqual(removed, [scratch.file("t.csv.partial-\(ended)"), scratch.file("t.csv.partial-\(ended)-Ab3dEf7h"),
                                 scratch.file("t.csv.partial-\(ended)-Ab3dEf7h-journal")]
            .map { Leftover(path: $0, processID: ended) })
        XCTAssertEqual(try scratch.names().sorted(),
                       ["t.csv", "t.csv.partial-1-Ab3dEf7h", "t.csv.partial-\(ended)-Ab3d", "t.csv.partial-\(ended)-Zz9yXx8w",
                        "t.csv.partial-\(running)-Ab3dEf7h", "u.csv.partial-\(ended)-Ab3dEf7h"].sorted())
        XCTAssertEqual(Leftovers.remove(besides: scratch.file("t.csv")), [], "nothing the second time")
    }

    func testATargetWithoutADirectoryIsLookedForInTheWorkingDirectory() throws {
        let scratch = try ScratchDirectory()
        let ended = try endedProcessID()
        try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.file("r.csv.partial-\(ended)-Ab3dEf7h")))
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(scratch.path))
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        XCTAssertEqual(Leftovers.remove(besides: "r.csv"), [Leftover(path: "r.csv.partial-\(ended)-Ab3dEf7h", processID: ended)])
        XCTAssertEqual(try scratch.names(), [])
    }

    func testAnAtomicFileRemovesTheLeftoversOfItsTarget() throws {
        let scratch = try ScratchDirectory()
        let ended = try endedProcessID()
        try Data("x".utf8).write(to: URL(fileURLWithPath: scratch.file("out.txt.partial-\(ended)-Ab3dEf7h")))
        let file = try AtomicFile(path: scratch.file("out.txt"))
        XCTAssertEqual(file.removedLeftovers, [Leftover(path: scratch.file("out.txt.partial-\(ended)-Ab3dEf7h"), processID: ended)])
        try file.commit()
        XCTAssertEqual(try scratch.names(), ["out.txt"])
    }

    /// The id of a child process that has ended and been reaped.
    func endedProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
