// Test support only: the release build (`swift build -c release`) builds this target too, without XCTest.
#if canImport(XCTest)
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// Programs no one here wrote, run by tests to read back what wbill writes (python3 with openpyxl
/// or dbfread, sqlite3, PostgreSQL's psql).
public enum ExternalProgram {
    /// What a program printed and how it ended.
    public struct Result {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs `program` (an absolute path) with `arguments`; skips the test when it is not installed.
    /// Spawned and waited for with posix_spawn and waitpid (Foundation's Process also waits for a
    /// descriptor its child inherits, so a daemon the program starts, such as pg_ctl's server,
    /// would keep it waiting); both streams go to files read once the program has exited.
    public static func run(_ program: String, _ arguments: [String], stdin: String? = nil) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: program) else { throw XCTSkip("\(program) is not installed") }
        let base = NSTemporaryDirectory() + "wbill-program-\(UUID().uuidString)"
        let inputPath = base + ".in", outputPath = base + ".out", errorPath = base + ".err"
        FileManager.default.createFile(atPath: inputPath, contents: Data((stdin ?? "").utf8))
        defer { for path in [inputPath, outputPath, errorPath] { try? FileManager.default.removeItem(atPath: path) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw SpawnFailure(program: program, code: spawned) }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                      stdout: String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self))
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        let program: String
        let code: Int32
        var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
    }

    /// Runs a Python 3 script with `arguments` as `sys.argv[1...]` and returns what it printed;
    /// fails the test when the script fails.
    public static func python(_ script: String, _ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run("/usr/bin/python3", ["-c", script] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return result.stdout
    }
}
#endif
