#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// A pseudo-terminal, for running a program as if a person sat at it: the device side is given to
/// a child (`BackgroundProcess(…, terminal:)` puts its stdin and stderr there), and the test, on
/// the other side, reads what the terminal shows and types answers.
///
/// The terminal echoes what is typed, as a real one does, but leaves "\n" as it is on output (no
/// "\r\n"), so that `transcript` reads exactly as the program wrote it plus the echoed answers.
final class PseudoTerminal {
    /// The side the test reads and types on (the master).
    private let controller: Int32
    /// The device the child gets (the slave). The test keeps it open too, so that reading the
    /// controller never fails before the child has opened it or after it has exited.
    let deviceDescriptor: Int32
    private var shown: [UInt8] = []
    /// Where the next `waitFor` starts looking in `shown`.
    private var cursor = 0

    init() throws {
        controller = PseudoTerminal.openController(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard controller >= 0 else { throw PseudoTerminal.error("cannot create a pseudo-terminal") }
        var name = [CChar](repeating: 0, count: 128)
        guard PseudoTerminal.grant(controller) == 0, PseudoTerminal.unlock(controller) == 0,
              PseudoTerminal.deviceName(controller, &name, name.count) == 0 else {
            close(controller)
            throw PseudoTerminal.error("cannot set up a pseudo-terminal")
        }
        deviceDescriptor = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard deviceDescriptor >= 0 else {
            close(controller)
            throw PseudoTerminal.error("cannot open \(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        var settings = termios()
        tcgetattr(deviceDescriptor, &settings)
        settings.c_oflag &= ~tcflag_t(ONLCR)
        tcsetattr(deviceDescriptor, TCSANOW, &settings)
    }

    deinit {
        close(deviceDescriptor)
        close(controller)
    }

    /// Everything the terminal showed so far: the program's output and the echoed answers.
    var transcript: String { String(decoding: shown, as: UTF8.self) }

    /// Reads until `text` shows after what earlier calls found; false when `timeout` seconds pass first.
    func waitFor(_ text: String, timeout: Double) -> Bool {
        let wanted = Array(text.utf8)
        let deadline = PseudoTerminal.seconds() + timeout
        while true {
            if let found = PseudoTerminal.find(wanted, in: shown, from: cursor) {
                cursor = found + wanted.count
                return true
            }
            let left = deadline - PseudoTerminal.seconds()
            if left <= 0 { return false }
            readAvailable(waiting: min(left, 0.2))
        }
    }

    /// Types `line` and Return.
    func type(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            written += count
        }
    }

    /// Reads what the terminal shows now, first waiting up to `waiting` seconds for something to show.
    func readAvailable(waiting: Double = 0) {
        var wait = Int32(waiting * 1000)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var request = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, wait)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return }
            let count = read(controller, &buffer, buffer.count)
            guard count > 0 else { return }
            shown += buffer[..<count]
            wait = 0
        }
    }

    private static func find(_ wanted: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !wanted.isEmpty else { return start }
        guard bytes.count - start >= wanted.count else { return nil }
        for index in start...(bytes.count - wanted.count) where bytes[index..<(index + wanted.count)].elementsEqual(wanted) {
            return index
        }
        return nil
    }

    private static func error(_ message: String) -> NSError {
        NSError(domain: "pty", code: Int(errno),
                userInfo: [NSLocalizedDescriptionKey: "\(message): \(String(cString: strerror(errno)))"])
    }

    // glibc's pseudo-terminal functions, which Swift's Glibc module does not export (they need _XOPEN_SOURCE).
    private static let openController = libc("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    private static let grant = libc("grantpt", as: (@convention(c) (Int32) -> Int32).self)
    private static let unlock = libc("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    private static let deviceName = libc("ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self)

    private static func libc<Function>(_ name: String, as type: Function.Type) -> Function {
        guard let symbol = dlsym(nil, name) else { fatalError("this C library has no \(name)") }
        return unsafeBitCast(symbol, to: type)
    }

    private static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

extension Sandbox {
    /// Runs wbill with stdin and stderr on a pseudo-terminal (stdout goes to a file, as when piped),
    /// answering each question of `dialogue` once it shows on the terminal.
    /// - Returns: the exit status, stdout, and as `stderr` everything the terminal showed: wbill's
    ///   stderr with the echoed answers.
    func wbillOnATerminal(_ arguments: [String], dialogue: [(question: String, answer: String)],
                          environment: [String: String?] = [:], timeout: Double = 20,
                          file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let terminal = try PseudoTerminal()
        let child = try BackgroundProcess([ProgramRunner.wbillPath] + arguments, environment: self.environment(environment),
                                          terminal: terminal, directory: path)
        for (question, answer) in dialogue {
            guard terminal.waitFor(question, timeout: timeout) else {
                child.kill()
                terminal.readAvailable()
                XCTFail("timed out after \(timeout) s waiting for \(String(reflecting: question)); the terminal showed:\n\(terminal.transcript)",
                        file: file, line: line)
                return ProcessResult(stdout: child.stdout, stderr: terminal.transcript, status: -1)
            }
            terminal.type(answer)
        }
        // Keep reading while it finishes, so that a full terminal buffer cannot block it.
        var waited = 0.0
        while child.wait(timeout: 0) == nil {
            guard waited < timeout else {
                child.kill()
                XCTFail("timed out after \(timeout) s: wbill \(arguments.joined(separator: " "))", file: file, line: line)
                break
            }
            terminal.readAvailable(waiting: 0.01)
            waited += 0.01
        }
        terminal.readAvailable()
        return ProcessResult(stdout: child.stdout, stderr: terminal.transcript, status: child.exitStatus ?? -1)
    }
}
