// Test support only: the release build (`swift build -c release`) builds this target too, without XCTest.
#if canImport(XCTest)
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// A throw-away PostgreSQL server (Debian's postgresql package) in a scratch directory, listening
/// on a Unix socket only, for tests that load what wbill writes into a real PostgreSQL. As root it
/// runs as the `postgres` user (the server refuses root) through util-linux's setpriv.
public final class PostgresServer {
    public let directory: String
    private let binaries: String
    private let port = 54_000 + Int(getpid() % 1000)
    private var running = false

    /// Creates and starts a server; skips the test when PostgreSQL is not installed.
    public init(in scratch: ScratchDirectory) throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted().last, FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\(version)/bin/initdb")
        else { throw XCTSkip("PostgreSQL is not installed (Debian package postgresql)") }
        binaries = "/usr/lib/postgresql/\(version)/bin"
        directory = scratch.file("postgres")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        chmod(scratch.path, 0o755)
        chmod(directory, 0o700)
        if geteuid() == 0, let user = getpwnam("postgres") {
            chown(directory, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        try check(run("initdb", ["-D", directory + "/data", "-U", "wbill", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]), "initdb")
        try check(run("pg_ctl", ["-D", directory + "/data", "-l", directory + "/log", "-w", "-o",
                                 "-k \(directory) -c listen_addresses= -p \(port) -c fsync=off", "start"]), "pg_ctl start")
        running = true
    }

    deinit {
        if running { _ = try? run("pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"]) }
    }

    /// Runs psql against database `postgres` with `arguments` (stops at the first error).
    public func psql(_ arguments: [String]) throws -> ExternalProgram.Result {
        try run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", String(port), "-U", "wbill", "-d", "postgres"] + arguments)
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> ExternalProgram.Result {
        guard geteuid() == 0 else { return try ExternalProgram.run("\(binaries)/\(tool)", arguments) }
        return try ExternalProgram.run("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "\(binaries)/\(tool)"] + arguments)
    }

    private func check(_ result: ExternalProgram.Result, _ what: String) throws {
        guard result.status == 0 else { throw PostgresFailure(message: "\(what) failed: \(result.stderr)\(result.stdout)") }
    }

    struct PostgresFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
#endif
