#if canImport(Glibc)
import Glibc
#endif

/// A serial device present on this machine.
public struct SerialDevice: Sendable, Equatable {
    /// The device path, e.g. `/dev/ttyUSB0`.
    public let path: String
    /// What kind of port: `usb-serial` (an adapter), `usb-acm` (a USB modem-class device), `uart`.
    public let kind: String
    /// What the device says it is (a USB product name), when it says.
    public let description: String?

    /// A device.
    public init(path: String, kind: String, description: String?) {
        self.path = path
        self.kind = kind
        self.description = description
    }
}

/// The serial devices present, as the kernel lists them under `/sys/class/tty`: terminals backed by
/// a device (not virtual consoles or pseudo-terminals), and of the built-in UARTs only those with a
/// chip behind them (a `type` other than 0). Nothing is opened: opening a port can reset what hangs
/// off it.
public enum SerialDevices {
    /// The devices under `classDirectory`, named under `deviceDirectory`, sorted by path.
    public static func present(classDirectory: String = "/sys/class/tty", deviceDirectory: String = "/dev") -> [SerialDevice] {
        guard let names = entries(of: classDirectory) else { return [] }
        var devices: [SerialDevice] = []
        for name in names.sorted() {
            let entry = classDirectory + "/" + name
            guard access(entry + "/device", F_OK) == 0 else { continue }
            let kind: String
            if name.hasPrefix("ttyUSB") {
                kind = "usb-serial"
            } else if name.hasPrefix("ttyACM") {
                kind = "usb-acm"
            } else {
                if let type = firstLine(entry + "/type"), type == "0" { continue }
                kind = "uart"
            }
            devices.append(SerialDevice(path: deviceDirectory + "/" + name, kind: kind, description: product(of: entry + "/device")))
        }
        return devices
    }

    /// The USB product name of the device at `device` or one of its 3 parents.
    private static func product(of device: String) -> String? {
        var directory = device
        for _ in 0..<4 {
            if let product = firstLine(directory + "/product"), !product.isEmpty { return product }
            directory += "/.."
        }
        return nil
    }

    private static func entries(of directory: String) -> [String]? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func firstLine(_ path: String) -> String? {
        guard let bytes = try? FileDescriptorIO.readWholeFile(path) else { return nil }
        return String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
    }
}
