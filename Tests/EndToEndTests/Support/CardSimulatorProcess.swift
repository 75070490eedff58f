#if canImport(Glibc)
import Glibc
#endif
import WBillSupport
import XCTest

/// A running `wbill-cardsim` (the one built beside the wbill under test): its pseudo-terminal is the
/// card reader's port, and `send` drives it through its control socket with `wbill-cardsim send`.
///
/// ```swift
/// let simulator = try CardSimulatorProcess(in: sandbox.path)
/// try simulator.send("insert blank")
/// let port = try SerialPort.open(simulator.port)
/// ```
final class CardSimulatorProcess {
    /// `wbill-cardsim` beside the wbill binary.
    static var path: String { FileSystem.directory(of: ProgramRunner.wbillPath) + "/wbill-cardsim" }

    /// The pseudo-terminal's device path: the port.
    let port: String
    /// The control socket.
    let socket: String
    private let process: BackgroundProcess
    private let directory: String

    /// Starts the simulator in `directory` (its socket and output files go there) and waits for it
    /// to print its port.
    init(in directory: String, arguments: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws {
        self.directory = directory
        socket = directory + "/cardsim-\(getpid())-\(CardSimulatorProcess.next()).sock"
        process = try BackgroundProcess([CardSimulatorProcess.path, "--control", socket] + arguments,
                                        environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], directory: directory)
        var waited = 0
        while !process.stdout.contains("\n") {
            guard waited < 1000, process.wait(timeout: 0) == nil else {
                throw NSError(domain: "wbill-cardsim", code: 1, userInfo: [NSLocalizedDescriptionKey:
                    "wbill-cardsim did not print its port: \(process.stderr)"])
            }
            usleep(10_000)
            waited += 1
        }
        port = String(process.stdout.prefix { $0 != "\n" })
    }

    deinit { stop() }

    /// Sends one control command; fails the test when the simulator answers with an error.
    /// - Returns: the answer's lines before `ok`, each ending in a newline.
    @discardableResult
    func send(_ command: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try sendAllowingRefusal(command, file: file, line: line)
        XCTAssertEqual(result.status, 0, "wbill-cardsim send \(command): \(result.stderr)", file: file, line: line)
        return result.stdout
    }

    /// Sends one control command and returns what `wbill-cardsim send` printed and its status.
    func sendAllowingRefusal(_ command: String, file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try ProgramRunner.run([CardSimulatorProcess.path, "send", socket] + command.split(separator: " ").map(String.init),
                              environment: ["PATH": "/usr/bin:/bin"], directory: directory, file: file, line: line)
    }

    /// What the simulator logged on its standard error so far.
    var log: String { process.stderr }

    /// Stops it (SIGTERM; SIGKILL after 10 s).
    func stop() {
        guard process.exitStatus == nil else { return }
        kill(process.pid, SIGTERM)
        if process.wait(timeout: 10) == nil { process.kill() }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var serial = 0
    private static func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        serial += 1
        return serial
    }
}
