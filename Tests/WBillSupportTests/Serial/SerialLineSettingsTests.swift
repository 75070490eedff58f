#if canImport(Glibc)
import Glibc
#endif
@testable import WBillSupport
import XCTest

/// Raw 8N1 at a speed, and what a port that did not take it all is told apart by.
final class SerialLineSettingsTests: XCTestCase {
    func testTheSettingsAreRaw8N1AtTheSpeedWhateverTheyStartFrom() {
        var cooked = termios()
        cooked.c_lflag = tcflag_t(ICANON | ECHO | ISIG)
        cooked.c_iflag = tcflag_t(ICRNL | IXON)
        cooked.c_oflag = tcflag_t(OPOST | ONLCR)
        cooked.c_cflag = tcflag_t(CS7 | PARENB | CSTOPB) | tcflag_t(CRTSCTS)
        let settings = SerialLineSettings(speed: .b19200)
        var raw = settings.applied(to: cooked)
        XCTAssertEqual(settings.differences(from: raw), [])
        XCTAssertEqual(cfgetospeed(&raw), speed_t(B19200))
        XCTAssertEqual(raw.c_cflag & tcflag_t(CLOCAL), tcflag_t(CLOCAL), "modem lines ignored")
        XCTAssertEqual(withUnsafeBytes(of: raw.c_cc) { [$0[Int(VMIN)], $0[Int(VTIME)]] }, [0, 0], "reads return at once")
    }

    func testWhatAPortDidNotTakeIsNamed() {
        let settings = SerialLineSettings(speed: .b9600)
        var reported = settings.applied(to: termios())
        cfsetospeed(&reported, speed_t(B38400))
        reported.c_cflag |= tcflag_t(CSTOPB)
        reported.c_lflag |= tcflag_t(ECHO)
        XCTAssertEqual(settings.differences(from: reported), ["speed 38400 instead of 9600", "2 stop bits", "line editing or echo on"])
    }

    func testSpeedsAreTheStandardOnesByNumber() {
        XCTAssertEqual(SerialSpeed(text: "9600"), .b9600)
        XCTAssertNil(SerialSpeed(text: "9601"))
        XCTAssertEqual(SerialSpeed.standard, .b9600)
        XCTAssertEqual(SerialSpeed.spelled, "1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200")
    }

    func testTimeOutsAreSpelledInSecondsWithoutFloatingPoint() {
        XCTAssertEqual(SerialPortError.seconds(2000), "2 s")
        XCTAssertEqual(SerialPortError.seconds(1500), "1.5 s")
        XCTAssertEqual(SerialPortError.seconds(250), "0.25 s")
    }
}
