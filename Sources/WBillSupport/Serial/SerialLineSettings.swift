#if canImport(Glibc)
import Glibc
#endif

/// The line settings a card reader needs — raw bytes, 8 data bits, no parity, one stop bit, no flow
/// control, at one speed — made into termios and checked against what the port reports back.
///
/// `tcsetattr` succeeds when it applied *any* of the settings, so what a port took is read back
/// and compared field by field; a pseudo-terminal, for one, drops parity and keeps no modem lines.
/// Only what the reader's framing depends on is checked.
public struct SerialLineSettings: Sendable, Equatable {
    /// The speed, both ways.
    public let speed: SerialSpeed

    /// Raw 8N1 at `speed`.
    public init(speed: SerialSpeed) {
        self.speed = speed
    }

    /// `original` made raw 8N1 at the speed: no echo, no line editing, no signals, no translation
    /// of carriage returns, no software or hardware flow control, modem lines ignored (CLOCAL),
    /// receiver on, and reads that return at once (VMIN 0, VTIME 0: every wait is a `poll`).
    func applied(to original: termios) -> termios {
        var settings = original
        cfmakeraw(&settings)
        let noInputFlowControl: Int32 = IXON | IXOFF | IXANY | INPCK | ISTRIP
        settings.c_iflag &= ~tcflag_t(noInputFlowControl)
        settings.c_iflag |= tcflag_t(IGNBRK)
        let framing: Int32 = CSIZE | PARENB | PARODD | CSTOPB | HUPCL
        settings.c_cflag &= ~(tcflag_t(framing) | tcflag_t(CRTSCTS))
        let eightBitsReceiverNoModem: Int32 = CS8 | CREAD | CLOCAL
        settings.c_cflag |= tcflag_t(eightBitsReceiverNoModem)
        withUnsafeMutableBytes(of: &settings.c_cc) { controls in
            controls[Int(VMIN)] = 0
            controls[Int(VTIME)] = 0
        }
        cfsetispeed(&settings, speed.termiosValue)
        cfsetospeed(&settings, speed.termiosValue)
        return settings
    }

    /// What `reported` differs in from these settings, as short phrases (`speed 38400 instead of 9600`);
    /// empty when the port took everything that matters.
    func differences(from reported: termios) -> [String] {
        var reported = reported
        var found: [String] = []
        let speeds = [cfgetospeed(&reported), cfgetispeed(&reported)]
        for value in Set(speeds).sorted() where value != speed.termiosValue {
            let shown = SerialSpeed.from(termios: value).map(\.description) ?? "code \(value)"
            found.append("speed \(shown) instead of \(speed)")
        }
        let cflag = reported.c_cflag
        if cflag & tcflag_t(CSIZE) != tcflag_t(CS8) { found.append("fewer than 8 data bits") }
        if cflag & tcflag_t(PARENB) != 0 { found.append("parity on") }
        if cflag & tcflag_t(CSTOPB) != 0 { found.append("2 stop bits") }
        if cflag & tcflag_t(CREAD) == 0 { found.append("receiver off") }
        if cflag & tcflag_t(CRTSCTS) != 0 { found.append("hardware flow control on") }
        let editing: Int32 = ICANON | ECHO | ISIG | IEXTEN
        if reported.c_lflag & tcflag_t(editing) != 0 { found.append("line editing or echo on") }
        let translation: Int32 = IXON | IXOFF | ICRNL | INLCR | IGNCR | ISTRIP
        if reported.c_iflag & tcflag_t(translation) != 0 { found.append("input translation or flow control on") }
        if reported.c_oflag & tcflag_t(OPOST) != 0 { found.append("output processing on") }
        return found
    }
}
