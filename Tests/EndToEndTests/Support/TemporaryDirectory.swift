#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// A fresh directory under the system's temporary folder, removed (with everything in it, even
/// read-only parts) when the value goes away.
final class TemporaryDirectory {
    /// The absolute path, without a trailing slash.
    let path: String

    init(prefix: String = "wbill-e2e") throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw NSError(domain: "mkdtemp", code: Int(errno),
                          userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        path = String(cString: created)
    }

    deinit {
        TemporaryDirectory.makeRemovable(path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// Creates the directory `name` (and its parents) inside, with `mode`.
    @discardableResult
    func makeDirectory(_ name: String, mode: mode_t = 0o755) throws -> String {
        let full = file(name)
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        chmod(full, mode)
        return full
    }

    /// Writes `bytes` to `name` inside.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let full = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    private static func makeRemovable(_ directory: String) {
        chmod(directory, 0o700)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names {
            var info = stat()
            let full = directory + "/" + name
            if lstat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { makeRemovable(full) }
        }
    }
}

/// One test's world: a temporary directory holding HOME and XDG_DATA_HOME, and the environment
/// every wbill run gets — nothing from the outer environment (no WBILL_*, no NO_COLOR) leaks in.
final class Sandbox {
    /// The fixed clock every run sees (`WBILL_NOW`) unless a test overrides it.
    static let now = "2026-11-23T09:30:00.000Z"
    /// The operator every run acts as (`WBILL_OPERATOR`) unless a test overrides it.
    static let operatorName = "clerk"

    let directory: TemporaryDirectory
    /// `$HOME`.
    let home: String
    /// `$XDG_DATA_HOME`.
    let dataHome: String

    init() throws {
        directory = try TemporaryDirectory()
        home = try directory.makeDirectory("home", mode: 0o700)
        dataHome = home + "/.data"
    }

    /// The temporary directory's path.
    var path: String { directory.path }

    /// Where wbill puts its database without --db and WBILL_DB: `$XDG_DATA_HOME/wbill/wbill.db`.
    var defaultDatabase: String { dataHome + "/wbill/wbill.db" }

    /// `path/name`.
    func file(_ name: String) -> String { directory.file(name) }

    /// Writes `text` to `name` in the sandbox directory and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try directory.write(Array(text.utf8), to: name)
    }

    /// The environment of every run.
    var baseEnvironment: [String: String] {
        [
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": home,
            "XDG_DATA_HOME": dataHome,
            "LANG": "C.UTF-8",
            "WBILL_NOW": Sandbox.now,
            "WBILL_OPERATOR": Sandbox.operatorName,
        ]
    }

    /// Runs wbill with `arguments` in the sandbox directory.
    /// - Parameter environment: changes to the base environment; a nil value removes the variable.
    func wbill(_ arguments: [String], environment: [String: String?] = [:], stdin: String? = nil,
               timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try run([ProgramRunner.wbillPath] + arguments, environment: environment, stdin: stdin,
                timeout: timeout, file: file, line: line)
    }

    /// Runs wbill with `arguments` in the sandbox directory.
    func wbill(_ arguments: String..., environment: [String: String?] = [:], stdin: String? = nil,
               file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try wbill(arguments, environment: environment, stdin: stdin, file: file, line: line)
    }

    /// Starts wbill with `arguments` in the sandbox directory without waiting for it, e.g. to run
    /// several at once or to kill one midway. Collect it with `result(timeout:)`.
    func start(_ arguments: [String], environment: [String: String?] = [:], stdin: String? = nil) throws -> BackgroundProcess {
        try BackgroundProcess([ProgramRunner.wbillPath] + arguments, environment: self.environment(environment),
                              stdin: stdin, directory: path)
    }

    /// Runs any program (found on the sandbox PATH) in the sandbox directory, with the sandbox environment.
    func run(_ arguments: [String], environment: [String: String?] = [:], stdin: String? = nil,
             timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try ProgramRunner.run(arguments, environment: self.environment(environment), stdin: stdin,
                              directory: path, timeout: timeout, file: file, line: line)
    }

    /// The base environment with `changes` applied.
    func environment(_ changes: [String: String?]) -> [String: String] {
        var result = baseEnvironment
        for (name, value) in changes { result[name] = value }
        return result
    }

    /// Runs wbill as a user that permission bits apply to. Tests run as root, which ignores them, so
    /// as root the run drops to uid/gid 65534 with `setpriv` (util-linux); the sandbox directory is
    /// opened to others and the binary copied into it so that user can reach both. As anyone else
    /// it runs as is. Either way, a mode such as 0555 or 0000 set on a file the test created (owned
    /// by the test's user) denies the run what the bits deny.
    func wbillWithoutPrivileges(_ arguments: [String], environment: [String: String?] = [:],
                                file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        guard geteuid() == 0 else {
            return try wbill(arguments, environment: environment, file: file, line: line)
        }
        chmod(path, 0o755)
        let binary = self.file("bin/wbill")
        if !FileManager.default.fileExists(atPath: binary) {
            try directory.makeDirectory("bin", mode: 0o755)
            try FileManager.default.copyItem(atPath: ProgramRunner.wbillPath, toPath: binary)
            chmod(binary, 0o755)
        }
        return try run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments,
                       environment: environment, file: file, line: line)
    }

    /// Runs `sqlite3 FILE SQL` and returns its stdout, failing the test on any error.
    @discardableResult
    func sqlite(_ database: String, _ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(["sqlite3", "-batch", "-bail", database, sql], file: file, line: line)
        XCTAssertEqual(result.status, 0, "sqlite3 failed: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, "", file: file, line: line)
        return result.stdout
    }

    /// Creates the default database with `wbill init`, failing the test if that does not work.
    func initialise(file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try wbill(["init"], file: file, line: line)
        XCTAssertEqual(result.status, 0, "\(result)", file: file, line: line)
    }
}
