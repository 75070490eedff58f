#if canImport(Glibc)
import Glibc
#endif
import WBillSupport

/// The running simulator: a pseudo-terminal whose other end is the emulated reader, a control
/// socket and standard input for control commands, one thread, one `poll`.
///
/// Command frames are taken only while the line is what the reader expects: raw 8N1 at its speed.
/// A driver that set another speed, or none, gets what a real reader would give it — nothing it
/// can decode — and the log says why.
public final class Simulator {
    /// The speed the emulated reader runs at.
    public let speed: SerialSpeed
    /// The pseudo-terminal.
    public let terminal: PseudoTerminalPair
    /// The control commands.
    public let control: ControlCommands
    private let socketPath: String?
    private var listener: Int32 = -1
    private var readsStandardInput: Bool
    private var standardInputLine: [UInt8] = []
    private var scanner = ReaderFrameScanner()
    private let log: (String) -> Void

    /// Sets up the pseudo-terminal and the control socket (nothing runs until `run`).
    public init(speed: SerialSpeed, control: ControlCommands, socketPath: String?, readsStandardInput: Bool,
                log: @escaping (String) -> Void) throws {
        self.speed = speed
        self.control = control
        self.socketPath = socketPath
        self.readsStandardInput = readsStandardInput
        self.log = log
        terminal = try PseudoTerminalPair()
        if let socketPath { listener = try Simulator.listen(at: socketPath) }
        control.lineDescription = { [terminal, speed] in
            let line = terminal.lineSettings()
            let shown = line.speed.map { "\($0) bit/s" } ?? "an odd speed"
            return "\(shown)\(line.eightNone1 ? " 8N1" : ", not 8N1")\(line.raw ? " raw" : ", not raw"); the reader runs at \(speed) 8N1 raw"
        }
    }

    deinit {
        if listener >= 0 { close(listener) }
        if let socketPath { unlink(socketPath) }
    }

    /// Serves until `shouldStop` says so (checked whenever a signal interrupts the wait, and every second).
    public func run(until shouldStop: () -> Bool) {
        while !shouldStop() {
            var requests = [pollfd(fd: terminal.controller, events: Int16(POLLIN), revents: 0)]
            if listener >= 0 { requests.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0)) }
            if readsStandardInput { requests.append(pollfd(fd: 0, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&requests, nfds_t(requests.count), 1000)
            if ready <= 0 { continue }
            for request in requests where request.revents != 0 {
                switch request.fd {
                case terminal.controller: readLine()
                case listener: serveControlClient()
                default: readStandardInput()
                }
            }
        }
    }

    private func readLine() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(terminal.controller, &buffer, buffer.count)
        guard count > 0 else {
            // Nobody holds the device side but us: nothing to read.
            usleep(10_000)
            return
        }
        let line = terminal.lineSettings()
        guard line.speed == speed, line.eightNone1, line.raw else {
            log("\(count) bytes garbled: the line is at \(line.speed.map(\.description) ?? "an odd speed") bit/s"
                + "\(line.eightNone1 ? " 8N1" : ", not 8N1")\(line.raw ? "" : ", not raw"), the reader at \(speed) 8N1 raw")
            scanner = ReaderFrameScanner()
            return
        }
        for byte in buffer[..<count] {
            guard let result = scanner.feed(byte) else { continue }
            let reply: ReaderFrame?
            switch result {
            case .success(let command):
                reply = control.reader.answer(command)
                let name = ReaderInstruction(rawValue: command.code)?.name ?? "instruction 0x\(Hex.byte(command.code))"
                log("<- \(name) \(Hex.bytes(command.data))".trimmingSpaces + (reply.map { " -> status \(Hex.byte($0.code)) \(Hex.bytes($0.data))".trimmingSpaces } ?? " (stalled: no reply)"))
            case .failure(let reason):
                reply = control.reader.answerGarbled()
                log("<- garbled command: \(reason)")
            }
            if let reply { terminal.send(control.reader.wire(reply)) }
            if let problem = control.reader.lastSaveError { log(problem) }
        }
    }

    private func readStandardInput() {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = read(0, &buffer, buffer.count)
        guard count > 0 else {
            readsStandardInput = false
            return
        }
        standardInputLine += buffer[..<count]
        while let newline = standardInputLine.firstIndex(of: 0x0A) {
            let line = String(decoding: standardInputLine[..<newline], as: UTF8.self)
            standardInputLine.removeSubrange(...newline)
            let answer = control.run(line)
            var text = answer.output.map { $0 + "\n" }.joined()
            if !line.trimmingSpaces.isEmpty { text += answer.error.map { "error: \($0)\n" } ?? "ok\n" }
            Simulator.writeAll(1, Array(text.utf8))
        }
    }

    /// One client, one command: read its line (within a second), answer, close.
    private func serveControlClient() {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        defer { close(client) }
        var line: [UInt8] = []
        let deadline = Deadline(millisecondsFromNow: 1000)
        var buffer = [UInt8](repeating: 0, count: 1024)
        while !line.contains(0x0A) {
            var request = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, deadline.remainingMilliseconds) > 0 else { break }
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { break }
            line += buffer[..<count]
        }
        let text = String(decoding: line.prefix { $0 != 0x0A }, as: UTF8.self)
        log("control: \(text)")
        let answer = control.run(text)
        let reply = answer.output.map { $0 + "\n" }.joined() + (answer.error.map { "error: \($0)\n" } ?? "ok\n")
        Simulator.writeAll(client, Array(reply.utf8))
    }

    private static func listen(at path: String) throws -> Int32 {
        unlink(path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SimulatorError.system("socket", errno) }
        var address = try socketAddress(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 8) == 0 else {
            let code = errno
            close(descriptor)
            throw SimulatorError.system("listening on \(path)", code)
        }
        return descriptor
    }

    /// The address of the socket at `path`.
    static func socketAddress(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw SimulatorError.usage("the control socket path is longer than \(capacity - 1) bytes: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return address
    }

    /// Sends `command` to the simulator listening at `path` and returns its answer's lines (the last
    /// one `ok` or `error: …`).
    public static func send(_ command: String, to path: String) throws -> [String] {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SimulatorError.system("socket", errno) }
        defer { close(descriptor) }
        var address = try socketAddress(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw SimulatorError.system("connecting to \(path)", errno) }
        writeAll(descriptor, Array((command + "\n").utf8))
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        return String(decoding: answer, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            written += count
        }
    }
}

extension String {
    /// Without spaces at either end.
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
