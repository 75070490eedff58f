#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import WBillCLI
import WBillTestSupport
import XCTest
@testable import WBillSupport

/// The runner refuses an output that is an input for any command, from the kinds its rows declare:
/// a command added later is covered without code of its own, and its handler never runs.
final class OutputOverInputCheckTests: XCTestCase {
    nonisolated(unsafe) static var handlerRan = false

    static let table = CommandTable(
        groups: [],
        commands: [
            CommandSpec(["convert"], summary: "copy a file",
                        options: [.value("log", .outputFile, placeholder: "FILE", repeatable: true, help: "a log file"),
                                  .value("extra", .inputFile, placeholder: "FILE", help: "another input")],
                        arguments: [ArgumentSpec("FROM", .inputFile, help: "input"), ArgumentSpec("TO", .outputFile, help: "output")],
                        handler: { _ in
                            OutputOverInputCheckTests.handlerRan = true
                            return .nothing
                        }),
        ],
        globalOptions: GlobalOptions.rows,
        topics: [])

    var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
        Self.handlerRan = false
        for name in ["a.txt", "b.txt"] { try Data("x\n".utf8).write(to: URL(fileURLWithPath: scratch.file(name))) }
        XCTAssertEqual(symlink(scratch.file("a.txt"), scratch.file("link.txt")), 0)
    }

    override func tearDown() {
        scratch = nil
    }

    func run(_ arguments: String...) throws -> RunOutput {
        try runWbill(arguments, table: Self.table)
    }

    func testAnOutputThatIsAnInputIsRefusedBeforeTheHandlerRuns() throws {
        let a = scratch.file("a.txt"), b = scratch.file("b.txt"), link = scratch.file("link.txt")
        XCTAssertEqual(try run("convert", a, link),
                       RunOutput(status: 64, stdout: "", stderr: "wbill: error: \(link) is the input file \(a); choose another file\n"))
        XCTAssertEqual(try run("convert", b, b + "-new", "--log", "/dev/null", "--log", link, "--extra", a),
                       RunOutput(status: 64, stdout: "", stderr: "wbill: error: --log \(link) is the input file \(a); choose another file\n"))
        XCTAssertFalse(Self.handlerRan)
        // Outputs that are no input, or do not exist yet, pass.
        XCTAssertEqual(try run("convert", a, b, "--log", scratch.file("new.log")), RunOutput(status: 0, stdout: "", stderr: ""))
        XCTAssertTrue(Self.handlerRan)
    }

    func testFileIdentityIgnoresTheName() throws {
        let identity = FileIdentity(path: scratch.file("a.txt"))
        XCTAssertNotNil(identity)
        XCTAssertEqual(FileIdentity(path: scratch.file("link.txt")), identity)
        XCTAssertEqual(FileIdentity(path: scratch.path + "/./a.txt"), identity)
        XCTAssertNotEqual(FileIdentity(path: scratch.file("b.txt")), identity)
        XCTAssertNil(FileIdentity(path: scratch.file("missing.txt")))
        let descriptor = open(scratch.file("a.txt"), O_RDONLY)
        defer { close(descriptor) }
        XCTAssertEqual(FileIdentity(descriptor: descriptor), identity)
    }
}
