#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// What one run of a program produced.
struct ProcessResult: Equatable, CustomStringConvertible {
    /// Standard output, decoded as UTF-8.
    var stdout: String
    /// Standard error, decoded as UTF-8.
    var stderr: String
    /// The exit status (128 + signal number when a signal ended it).
    var status: Int32

    var description: String { "status \(status)\n--- stdout ---\n\(stdout)--- stderr ---\n\(stderr)" }
}

/// Runs the real `wbill` binary (or any other program) in a separate process, with an environment
/// the test controls entirely, optional standard input, and a time limit; stdout and stderr go to
/// files, so neither can block the other.
///
/// ```swift
/// let sandbox = try Sandbox()
/// let result = try sandbox.wbill("db", "status")
/// XCTAssertEqual(result.status, 66)
/// ```
enum ProgramRunner {
    /// The wbill binary under test: `$WBILL_BINARY`, else `wbill` beside the test bundle executable
    /// (SwiftPM puts both in the same build folder; the EndToEndTests target depends on `wbill`, so
    /// `swift test` builds it first).
    static let wbillPath: String = {
        if let path = getenv("WBILL_BINARY").map({ String(cString: $0) }), !path.isEmpty { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        precondition(length > 0, "cannot read /proc/self/exe")
        let executable = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let directory = String(executable[..<executable.lastIndex(of: "/")!])
        return directory + "/wbill"
    }()

    /// Runs `arguments[0]` (a path or a name found on the environment's PATH) to completion.
    /// - Parameters:
    ///   - environment: the complete environment of the child; nothing leaks from the test process.
    ///   - stdin: bytes for standard input (`/dev/null` when nil).
    ///   - directory: the working directory (also where the output files are kept).
    ///   - timeout: seconds before the child (and its process group) is killed and the test fails.
    static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil,
                    directory: String, timeout: Double = 10,
                    file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let child = try BackgroundProcess(arguments, environment: environment, stdin: stdin, directory: directory)
        return child.result(timeout: timeout, file: file, line: line)
    }
}

/// A child process in its own process group, started with `posix_spawn`.
final class BackgroundProcess {
    let pid: pid_t
    /// The command line, for messages.
    let arguments: [String]
    private let outputPath: String
    private let errorPath: String
    private(set) var exitStatus: Int32?

    /// Starts `arguments` with exactly `environment`; stdout and stderr go to files in `directory`.
    /// - Parameters:
    ///   - stdin: bytes for standard input (`/dev/null` when nil).
    ///   - terminal: when given, standard input and standard error are this pseudo-terminal instead
    ///     (stdout still goes to a file, as when a person pipes the output); `stdin` must then be nil.
    init(_ arguments: [String], environment: [String: String], stdin: String? = nil, terminal: PseudoTerminal? = nil,
         directory: String) throws {
        precondition(stdin == nil || terminal == nil, "standard input is either bytes or a terminal")
        self.arguments = arguments
        let tag = "\(getpid())-\(BackgroundProcess.nextSerial())"
        outputPath = directory + "/.stdout-\(tag)"
        errorPath = directory + "/.stderr-\(tag)"
        var inputPath = "/dev/null"
        if let stdin {
            inputPath = directory + "/.stdin-\(tag)"
            try Data(stdin.utf8).write(to: URL(fileURLWithPath: inputPath))
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let terminal {
            posix_spawn_file_actions_adddup2(&actions, terminal.deviceDescriptor, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let terminal {
            posix_spawn_file_actions_adddup2(&actions, terminal.deviceDescriptor, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        guard BackgroundProcess.addChdir(&actions, directory) == 0 else {
            throw NSError(domain: "posix_spawn", code: Int(EINVAL),
                          userInfo: [NSLocalizedDescriptionKey: "cannot set the working directory \(directory)"])
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let program = arguments[0].contains("/")
            ? arguments[0] : BackgroundProcess.find(arguments[0], path: environment["PATH"] ?? "")
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let code = posix_spawn(&child, program, &actions, &attributes, argv, envp)
        guard code == 0 else {
            throw NSError(domain: "posix_spawn", code: Int(code),
                          userInfo: [NSLocalizedDescriptionKey: "cannot start \(program): \(String(cString: strerror(code)))"])
        }
        pid = child
    }

    deinit {
        if exitStatus == nil { kill() }
        unlink(outputPath)
        unlink(errorPath)
    }

    /// Waits for the child to end; `nil` when `timeout` seconds pass first.
    func wait(timeout: Double) -> Int32? {
        if let exitStatus { return exitStatus }
        let deadline = BackgroundProcess.seconds() + timeout
        var delay: useconds_t = 200
        while true {
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid {
                let signal = raw & 0x7F
                exitStatus = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
                return exitStatus
            }
            if result < 0 && errno != EINTR { return nil }
            if BackgroundProcess.seconds() > deadline { return nil }
            usleep(delay)
            delay = min(delay * 2, 10_000)
        }
    }

    /// Waits for the child to end and returns what it printed; after `timeout` seconds the child
    /// (and its process group) is killed, the test fails and the status is -1.
    func result(timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) -> ProcessResult {
        guard let status = wait(timeout: timeout) else {
            kill()
            XCTFail("timed out after \(timeout) s: \(arguments.joined(separator: " "))", file: file, line: line)
            return ProcessResult(stdout: stdout, stderr: stderr, status: -1)
        }
        return ProcessResult(stdout: stdout, stderr: stderr, status: status)
    }

    /// Sends `signal` to the child's whole process group and reaps the child.
    func kill(signal: Int32 = SIGKILL) {
        guard exitStatus == nil else { return }
        Glibc.kill(-pid, signal)
        _ = wait(timeout: 10)
    }

    /// Everything the child wrote to stdout so far.
    var stdout: String { BackgroundProcess.read(outputPath) }
    /// Everything the child wrote to stderr so far.
    var stderr: String { BackgroundProcess.read(errorPath) }

    private static func read(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func find(_ name: String, path: String) -> String {
        for directory in path.split(separator: ":") where access("\(directory)/\(name)", X_OK) == 0 {
            return "\(directory)/\(name)"
        }
        return name
    }

    private static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does not export.
    private static let addChdir: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32 = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else {
            fatalError("this C library has no posix_spawn_file_actions_addchdir_np")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

    private static let serialLock = NSLock()
    nonisolated(unsafe) private static var serial = 0
    private static func nextSerial() -> Int {
        serialLock.lock()
        defer { serialLock.unlock() }
        serial += 1
        return serial
    }
}
