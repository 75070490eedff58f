import WBillSupport
import WBillTestSupport
import XCTest

/// Serial devices are listed from a sysfs-like tree: adapters with their product names, UARTs with a
/// chip behind them, and nothing that is not backed by a device.
final class SerialDevicesTests: XCTestCase {
    func testDevicesBackedByHardwareAreListedWithTheirProductNames() throws {
        let scratch = try ScratchDirectory()
        let root = scratch.path
        func make(_ path: String, _ contents: String? = nil) throws {
            let full = root + "/" + path
            if let contents {
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try contents.write(toFile: full, atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
            }
        }
        try make("usb/1-1/product", "ACR30 Smart Card Reader\n")
        try make("usb/1-1/1-1:1.0/ttyUSB0")
        try make("tty/ttyUSB0")
        try FileManager.default.createSymbolicLink(atPath: root + "/tty/ttyUSB0/device", withDestinationPath: root + "/usb/1-1/1-1:1.0/ttyUSB0")
        try make("tty/ttyS0/device")
        try make("tty/ttyS0/type", "4\n")
        try make("tty/ttyS1/device")
        try make("tty/ttyS1/type", "0\n")
        try make("tty/tty1")
        try make("tty/ttyACM0/device")
        XCTAssertEqual(SerialDevices.present(classDirectory: root + "/tty"), [
            SerialDevice(path: "/dev/ttyACM0", kind: "usb-acm", description: nil),
            SerialDevice(path: "/dev/ttyS0", kind: "uart", description: nil),
            SerialDevice(path: "/dev/ttyUSB0", kind: "usb-serial", description: "ACR30 Smart Card Reader"),
        ])
        XCTAssertEqual(SerialDevices.present(classDirectory: root + "/none"), [])
    }
}
