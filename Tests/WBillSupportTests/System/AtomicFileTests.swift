#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import WBillTestSupport
import XCTest
@testable import WBillSupport

/// `AtomicFile`: a unique temporary file beside the target, renamed into place on commit.
final class AtomicFileTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    func permissions(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    func testTheTargetAppearsWholeOnCommitOnly() throws {
        let target = scratch.file("out.txt")
        let file = try AtomicFile(path: target)
        XCTAssertEqual(file.path, target)
        XCTAssertTrue(file.temporaryPath.hasPrefix(target + ".partial-\(getpid())-"), file.temporaryPath)
        XCTAssertEqual(Leftovers.processID(inName: String(file.temporaryPath.dropFirst(scratch.path.count + 1)), base: "out.txt"), getpid())
        XCTAssertEqual(FileSystem.directory(of: file.temporaryPath), scratch.path, "beside the target")
        try file.write("first line\n")
        try file.write("second line\n")
        XCTAssertNil(scratch.text("out.txt"), "nothing at the target before commit")
        try file.commit()
        XCTAssertTrue(file.isCommitted)
        XCTAssertEqual(file.descriptor, -1)
        XCTAssertEqual(scratch.text("out.txt"), "first line\nsecond line\n")
        XCTAssertEqual(try scratch.names(), ["out.txt"])
    }

    func testAnExistingTargetIsReplacedOnlyOnCommit() throws {
        try TextFile.write("old\n", to: scratch.file("out.txt"))
        let file = try AtomicFile(path: scratch.file("out.txt"))
        try file.write("new\n")
        XCTAssertEqual(scratch.text("out.txt"), "old\n")
        try file.commit()
        XCTAssertEqual(scratch.text("out.txt"), "new\n")
    }

    func testDiscardingLeavesNoFileAndTheTargetAsItWas() throws {
        try TextFile.write("keep me\n", to: scratch.file("kept.txt"))
        let file = try AtomicFile(path: scratch.file("kept.txt"))
        try file.write("half a file")
        XCTAssertEqual(try scratch.names().count, 2)
        file.discard()
        file.discard()   // a second time does nothing
        XCTAssertEqual(try scratch.names(), ["kept.txt"])
        XCTAssertEqual(scratch.text("kept.txt"), "keep me\n")

        // Letting an uncommitted file go removes its temporary file too.
        do {
            let dropped = try AtomicFile(path: scratch.file("never.txt"))
            try dropped.write("never seen")
        }
        XCTAssertEqual(try scratch.names(), ["kept.txt"])
    }

    func testTemporaryNamesAreUnique() throws {
        let files = try (0..<64).map { _ in try AtomicFile(path: scratch.file("same.csv")) }
        XCTAssertEqual(Set(files.map(\.temporaryPath)).count, 64)
        XCTAssertEqual(try scratch.names().count, 64)
        files.forEach { $0.discard() }
        XCTAssertEqual(try scratch.names(), [])
    }

    func testTwoWritersOfOneTargetDoNotClobberEachOther() throws {
        let target = scratch.file("report.csv")
        let first = try AtomicFile(path: target)
        let second = try AtomicFile(path: target)
        try first.write("first 1\n")
        try second.write("second 1\n")
        try first.write("first 2\n")
        try first.commit()
        XCTAssertEqual(scratch.text("report.csv"), "first 1\nfirst 2\n")
        try second.write("second 2\n")
        try second.commit()
        XCTAssertEqual(scratch.text("report.csv"), "second 1\nsecond 2\n", "the last commit wins, whole")
        XCTAssertEqual(try scratch.names(), ["report.csv"])
    }

    func testConcurrentWritersEachLeaveAWholeFile() throws {
        let target = scratch.file("busy.csv")
        let writers = 8
        let lines = 2_000
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let file = try AtomicFile(path: target)
                for line in 0..<lines { try file.write("writer \(writer) line \(line)\n") }
                try file.commit()
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
        let text = try XCTUnwrap(scratch.text("busy.csv"))
        let firstLine = try XCTUnwrap(text.split(separator: "\n").first)
        let winner = try XCTUnwrap(Int(firstLine.split(separator: " ")[1]))
        XCTAssertEqual(text, (0..<lines).map { "writer \(winner) line \($0)\n" }.joined(), "one writer's file, whole")
        XCTAssertEqual(try scratch.names(), ["busy.csv"])
    }

    func testTheModeIsTheCallers() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        for (name, mode) in [("private", mode_t(0o600)), ("shared", mode_t(0o644))] {
            let file = try AtomicFile(path: scratch.file(name), mode: mode)
            XCTAssertEqual(permissions(file.temporaryPath), mode)
            try file.commit()
            XCTAssertEqual(permissions(scratch.file(name)), mode)
        }
    }

    func testACSVWriterStreamsThroughTheDescriptor() throws {
        let file = try AtomicFile(path: scratch.file("rows.csv"))
        let writer = CSVWriter(fileDescriptor: file.descriptor, name: file.path)
        for n in 0..<10_000 { try writer.write(["M-\(n)", "a, b"]) }
        try writer.flush()
        try file.commit()
        let text = try XCTUnwrap(scratch.text("rows.csv"))
        XCTAssertTrue(text.hasPrefix("M-0,\"a, b\"\r\nM-1,"))
        XCTAssertEqual(text.split(separator: "\r\n").count, 10_000)
    }

    func testAnotherWriterCanFillTheReservedFile() throws {
        let file = try AtomicFile(path: scratch.file("copy.bin"), mode: 0o600)
        try file.closeDescriptor()
        XCTAssertEqual(file.descriptor, -1)
        try "written by someone else".write(toFile: file.temporaryPath, atomically: false, encoding: .utf8)
        try file.commit()
        XCTAssertEqual(scratch.text("copy.bin"), "written by someone else")
        XCTAssertEqual(try scratch.names(), ["copy.bin"])
    }

    func testFailuresNameTheTarget() throws {
        let missing = scratch.file("no/such/dir/out.txt")
        XCTAssertThrowsError(try AtomicFile(path: missing)) { error in
            XCTAssertEqual(error as? FileWriteError, FileWriteError(path: missing, reason: "no such file or directory", creating: true))
        }
        // A directory in the target's place: the rename fails, and the temporary file goes.
        let directory = scratch.file("taken")
        XCTAssertEqual(mkdir(directory, 0o700), 0)
        XCTAssertTrue(FileManager.default.createFile(atPath: directory + "/inside", contents: Data()))
        do {
            let file = try AtomicFile(path: directory)
            try file.write("text")
            XCTAssertThrowsError(try file.commit()) { error in
                XCTAssertEqual(error as? FileWriteError, FileWriteError(path: directory, reason: "is a directory", creating: false))
            }
        }
        XCTAssertEqual(try scratch.names(), ["taken"])
    }
}
