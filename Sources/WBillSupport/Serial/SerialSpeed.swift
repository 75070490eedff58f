#if canImport(Glibc)
import Glibc
#endif

/// A line speed a serial port can be set to, in bits per second.
public enum SerialSpeed: Int, Sendable, CaseIterable, CustomStringConvertible {
    case b1200 = 1200
    case b2400 = 2400
    case b4800 = 4800
    case b9600 = 9600
    case b19200 = 19200
    case b38400 = 38400
    case b57600 = 57600
    case b115200 = 115_200

    /// 9600 bit/s, what card readers of the ACR30 family use out of the box.
    public static let standard = SerialSpeed.b9600

    /// The speed named by `text` (`"9600"`), if it is one of these.
    public init?(text: String) {
        guard let value = Int(text), let speed = SerialSpeed(rawValue: value) else { return nil }
        self = speed
    }

    /// The speeds as help lists them: `1200, 2400, … 115200`.
    public static var spelled: String { allCases.map(\.description).joined(separator: ", ") }

    public var description: String { String(rawValue) }

    /// The termios constant (`B9600`).
    var termiosValue: speed_t {
        switch self {
        case .b1200: return speed_t(B1200)
        case .b2400: return speed_t(B2400)
        case .b4800: return speed_t(B4800)
        case .b9600: return speed_t(B9600)
        case .b19200: return speed_t(B19200)
        case .b38400: return speed_t(B38400)
        case .b57600: return speed_t(B57600)
        case .b115200: return speed_t(B115200)
        }
    }

    /// The speed a termios constant stands for, when it is one of these.
    public static func from(termios value: speed_t) -> SerialSpeed? {
        allCases.first { $0.termiosValue == value }
    }
}
