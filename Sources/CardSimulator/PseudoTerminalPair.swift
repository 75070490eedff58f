#if canImport(Glibc)
import Glibc
#endif
import WBillSupport

/// A pseudo-terminal the simulator holds: it reads and writes the controller side, and the
/// device side (`devicePath`, `/dev/pts/N`) is the serial port a driver opens.
///
/// The simulator also keeps the device side open, so that the controller never reads a hang-up
/// between two programs' uses of the port, and so that the line settings a driver sets can be
/// read back here as a reader would feel them (speed, data bits, parity).
public final class PseudoTerminalPair {
    /// The controller side, non-blocking.
    public let controller: Int32
    /// The device side's path.
    public let devicePath: String
    private let device: Int32

    /// Creates the pair.
    /// - Throws: `SimulatorError.system` with the call that failed.
    public init() throws {
        let controller = PseudoTerminalPair.openController(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard controller >= 0 else { throw SimulatorError.system("posix_openpt", errno) }
        var name = [CChar](repeating: 0, count: 128)
        guard PseudoTerminalPair.grant(controller) == 0, PseudoTerminalPair.unlock(controller) == 0,
              PseudoTerminalPair.deviceName(controller, &name, name.count) == 0 else {
            let code = errno
            close(controller)
            throw SimulatorError.system("setting up the pseudo-terminal", code)
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let device = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard device >= 0 else {
            let code = errno
            close(controller)
            throw SimulatorError.system("opening \(path)", code)
        }
        _ = fcntl(controller, F_SETFL, fcntl(controller, F_GETFL) | O_NONBLOCK)
        self.controller = controller
        self.device = device
        self.devicePath = path
    }

    deinit {
        close(device)
        close(controller)
    }

    /// The line as the driver set it: speed, data bits, parity, stop bits, raw or not.
    public func lineSettings() -> (speed: SerialSpeed?, eightNone1: Bool, raw: Bool) {
        var settings = termios()
        guard tcgetattr(device, &settings) == 0 else { return (nil, false, false) }
        let speed = SerialSpeed.from(termios: cfgetospeed(&settings))
        let cflag = settings.c_cflag
        let eightNone1 = cflag & tcflag_t(CSIZE) == tcflag_t(CS8) && cflag & tcflag_t(PARENB) == 0 && cflag & tcflag_t(CSTOPB) == 0
        let editing: Int32 = ICANON | ECHO
        return (speed, eightNone1, settings.c_lflag & tcflag_t(editing) == 0)
    }

    /// Writes all of `bytes` to the line (the pty's buffer is large: this does not wait long).
    public func send(_ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
            if count > 0 {
                written += count
            } else if count < 0 && (errno == EINTR || errno == EAGAIN) {
                var request = pollfd(fd: controller, events: Int16(POLLOUT), revents: 0)
                _ = poll(&request, 1, 100)
            } else {
                return
            }
        }
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
}

/// A simulator that cannot start or go on.
public enum SimulatorError: Error, CustomStringConvertible {
    /// A system call failed.
    case system(String, Int32)
    /// The command line was wrong.
    case usage(String)

    public var description: String {
        switch self {
        case .system(let what, let code): return "\(what): \(FileSystem.errorText(code))"
        case .usage(let text): return text
        }
    }
}
