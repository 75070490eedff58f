#if canImport(Glibc)
import Glibc
#endif

/// A serial device opened for one program alone, in raw 8N1 at a chosen speed, every wait bounded.
///
/// Opening: the device is opened without becoming the controlling terminal and without blocking;
/// it must be a terminal; an exclusive `flock` on it keeps other wbill commands (and any program
/// that locks the same way) out — a second opener is told the port is busy — and `TIOCEXCL` keeps
/// every other opener out too, except root, which the kernel lets through. The previous settings are
/// saved, the line is set raw 8N1 (`SerialLineSettings`) and read back, and refused if the port
/// did not take them. DTR and RTS are raised for readers powered from them; a port without modem
/// lines (a pseudo-terminal) is fine. Input left from before is discarded.
///
/// Closing (or deinit) puts the previous settings back, lifts `TIOCEXCL` and closes.
///
/// ```swift
/// let port = try SerialPort.open("/dev/ttyUSB0", speed: .b9600)
/// try port.send(bytes, before: Deadline(millisecondsFromNow: 1000))
/// let reply = try port.receive(before: Deadline(millisecondsFromNow: 2000))
/// ```
public final class SerialPort {
    /// The device path as given.
    public let path: String
    /// The line settings in force.
    public let settings: SerialLineSettings
    private var descriptor: Int32
    private let previous: termios

    private init(path: String, settings: SerialLineSettings, descriptor: Int32, previous: termios) {
        self.path = path
        self.settings = settings
        self.descriptor = descriptor
        self.previous = previous
    }

    deinit { close() }

    /// Opens `path` for this process alone and sets it raw 8N1 at `speed`.
    /// - Throws: `SerialPortError`: `.cannotOpen`, `.permissionDenied`, `.busy`, `.notASerialPort`, `.settingsNotTaken`.
    public static func open(_ path: String, speed: SerialSpeed = .standard) throws(SerialPortError) -> SerialPort {
        let descriptor = try openDevice(path)
        var keep = false
        defer { if !keep { Glibc.close(descriptor) } }
        guard isatty(descriptor) == 1 else { throw .notASerialPort(port: path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            if errno == EWOULDBLOCK { throw .busy(port: path) }
            throw .failed(port: path, operation: "locking", reason: FileSystem.errorText(errno))
        }
        var previous = termios()
        guard tcgetattr(descriptor, &previous) == 0 else {
            throw .failed(port: path, operation: "reading the line settings", reason: FileSystem.errorText(errno))
        }
        _ = ioctl(descriptor, UInt(TIOCEXCL))
        let settings = SerialLineSettings(speed: speed)
        var wanted = settings.applied(to: previous)
        var reported = termios()
        guard tcsetattr(descriptor, TCSANOW, &wanted) == 0, tcgetattr(descriptor, &reported) == 0 else {
            let reason = FileSystem.errorText(errno)
            restore(descriptor, previous)
            throw .failed(port: path, operation: "setting the line", reason: reason)
        }
        let differences = settings.differences(from: reported)
        guard differences.isEmpty else {
            restore(descriptor, previous)
            throw .settingsNotTaken(port: path, differences: differences)
        }
        // Readers powered from the modem lines need DTR and RTS up; a pseudo-terminal has no
        // modem lines (ENOTTY, EINVAL), which is fine.
        var lines = Int32(TIOCM_DTR | TIOCM_RTS)
        _ = ioctl(descriptor, UInt(TIOCMBIS), &lines)
        tcflush(descriptor, TCIOFLUSH)
        keep = true
        return SerialPort(path: path, settings: settings, descriptor: descriptor, previous: previous)
    }

    /// Whether the port is still open.
    public var isOpen: Bool { descriptor >= 0 }

    /// Writes all of `bytes`, waiting for room in the output buffer until `deadline`.
    /// - Throws: `SerialPortError.timedOut` when the line does not take them in time, `.hungUp`, `.failed`.
    public func send(_ bytes: [UInt8], before deadline: Deadline) throws(SerialPortError) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                written += count
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno != EAGAIN { throw failure("writing", errno) }
            try wait(for: Int16(POLLOUT), before: deadline)
        }
    }

    /// Waits until some bytes arrive and returns them (at most `limit`).
    /// - Throws: `SerialPortError.timedOut` when nothing comes before `deadline`, `.hungUp`, `.failed`.
    public func receive(before deadline: Deadline, limit: Int = 1024) throws(SerialPortError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        var saidReadable = false
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { return Array(buffer[..<count]) }
            // With VMIN and VTIME at 0 a terminal reads 0 bytes when none are waiting; 0 bytes after
            // poll said some were is the end of the line.
            if count == 0 && saidReadable { throw .hungUp(port: path) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN { throw failure("reading", errno) }
            }
            try wait(for: Int16(POLLIN), before: deadline)
            saidReadable = true
        }
    }

    /// Drops whatever has arrived and not been read (a late reply to an earlier request).
    public func discardInput() {
        guard isOpen else { return }
        tcflush(descriptor, TCIFLUSH)
    }

    /// Puts the previous settings back, lets other openers in and closes; safe to call twice.
    public func close() {
        guard descriptor >= 0 else { return }
        SerialPort.restore(descriptor, previous)
        _ = ioctl(descriptor, UInt(TIOCNXCL))
        Glibc.close(descriptor)
        descriptor = -1
    }

    private func wait(for events: Int16, before deadline: Deadline) throws(SerialPortError) {
        while true {
            let milliseconds = deadline.remainingMilliseconds
            var request = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&request, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw failure("waiting", errno)
            }
            if ready == 0 {
                guard deadline.hasPassed else { continue }
                throw .timedOut(port: path, milliseconds: deadline.span)
            }
            if request.revents & Int16(POLLNVAL) != 0 { throw failure("waiting", EBADF) }
            // A hang-up with bytes still to read is read first; the next read then says so.
            if request.revents & (events | Int16(POLLHUP) | Int16(POLLERR)) != 0 {
                if request.revents & events == 0 { throw .hungUp(port: path) }
                return
            }
        }
    }

    private func failure(_ operation: String, _ code: Int32) -> SerialPortError {
        // EIO is what a device unplugged mid-read, or a pseudo-terminal whose other end closed, gives.
        if code == EIO { return .hungUp(port: path) }
        return .failed(port: path, operation: operation, reason: FileSystem.errorText(code))
    }

    private static func restore(_ descriptor: Int32, _ previous: termios) {
        var previous = previous
        tcsetattr(descriptor, TCSANOW, &previous)
    }

    private static func openDevice(_ path: String) throws(SerialPortError) -> Int32 {
        while true {
            // Opened with the user's own rights, even set-group-id: the user must be allowed the device.
            let (descriptor, code) = SetGroupID.asUser { (Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC), errno) }
            if descriptor >= 0 { return descriptor }
            errno = code
            switch errno {
            case EINTR: continue
            case EACCES, EPERM: throw .permissionDenied(port: path)
            case EBUSY: throw .busy(port: path)
            case ENOENT: throw .cannotOpen(port: path, reason: "no such device")
            case ENXIO, ENODEV: throw .cannotOpen(port: path, reason: "no device behind it (unplugged, or no driver)")
            default: throw .cannotOpen(port: path, reason: FileSystem.errorText(errno))
            }
        }
    }
}
