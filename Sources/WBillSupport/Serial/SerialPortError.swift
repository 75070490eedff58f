#if canImport(Glibc)
import Glibc
#endif

/// A serial port that cannot be used, or a read or write on it that failed: which port, and why.
public enum SerialPortError: ClassifiedError, Equatable {
    /// The device cannot be opened (absent, unplugged, no driver): the system's reason.
    case cannotOpen(port: String, reason: String)
    /// This user may not open the device.
    case permissionDenied(port: String)
    /// Another program (or another wbill command) has the port.
    case busy(port: String)
    /// The path is not a terminal device, so no serial line is behind it.
    case notASerialPort(port: String)
    /// The port did not take the line settings (what it reported instead).
    case settingsNotTaken(port: String, differences: [String])
    /// A system call on the open port failed.
    case failed(port: String, operation: String, reason: String)
    /// Nothing arrived before the deadline.
    case timedOut(port: String, milliseconds: Int)
    /// The device went away (unplugged, hung up, the other end of a pseudo-terminal closed).
    case hungUp(port: String)

    public var failureKind: FailureKind {
        switch self {
        case .permissionDenied: return .permissionDenied
        case .busy: return .busy
        case .cannotOpen, .notASerialPort, .settingsNotTaken, .failed, .timedOut, .hungUp: return .deviceUnavailable
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let port, let reason):
            return "cannot open the serial port \(port): \(reason)"
        case .permissionDenied(let port):
            return "cannot open the serial port \(port): permission denied (serial ports usually belong to the group dialout)"
        case .busy(let port):
            return "the serial port \(port) is busy: another program, or another card command, is using it"
        case .notASerialPort(let port):
            return "\(port) is not a serial port (not a terminal device)"
        case .settingsNotTaken(let port, let differences):
            return "the serial port \(port) did not take raw 8N1 settings: \(differences.joined(separator: ", "))"
        case .failed(let port, let operation, let reason):
            return "serial port \(port): \(operation) failed: \(reason)"
        case .timedOut(let port, let milliseconds):
            return "nothing came from the serial port \(port) within \(SerialPortError.seconds(milliseconds))"
        case .hungUp(let port):
            return "the serial port \(port) hung up (device unplugged or closed at the other end)"
        }
    }

    /// `2 s`, `0.5 s`: a time-out as messages say it.
    static func seconds(_ milliseconds: Int) -> String {
        guard milliseconds % 1000 != 0 else { return "\(milliseconds / 1000) s" }
        var fraction = String(milliseconds % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(milliseconds / 1000).\(fraction) s"
    }
}
