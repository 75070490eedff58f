#if canImport(Glibc)
import Glibc
#endif
import WBillSupport
import XCTest

/// The card reader driver (`SerialPort`, `CardReader`, `SLE4442Session`) against `wbill-cardsim` on
/// a real pseudo-terminal: the frames, the line settings the simulator checks, each fault a real
/// line can have, and the card's code rules.
final class CardReaderDriverEndToEndTests: XCTestCase {
    var directory: TemporaryDirectory!
    var simulator: CardSimulatorProcess!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory(prefix: "wbill-cardsim")
        simulator = try CardSimulatorProcess(in: directory.path)
    }

    override func tearDown() {
        simulator = nil
        directory = nil
    }

    func testTheDriverReadsAndWritesACardAndLeavesTheLineAsItFoundIt() throws {
        try simulator.send("insert blank \(directory.file("card.img"))")
        XCTAssertEqual(try simulator.send("status").split(separator: "\n")[1],
                       "line: 38400 bit/s 8N1, not raw; the reader runs at 9600 8N1 raw")
        let port = try SerialPort.open(simulator.port)
        XCTAssertEqual(try simulator.send("status").split(separator: "\n")[1],
                       "line: 9600 bit/s 8N1 raw; the reader runs at 9600 8N1 raw")
        let reader = CardReader(line: port)
        XCTAssertEqual(try reader.state(), ReaderState(cardPresent: true, cardType: .sle4442, firmware: "ACR30-SIM 1.0"))
        let card = try SLE4442Session.start(on: reader)
        XCTAssertEqual(card.answerToReset, [0xA2, 0x13, 0x10, 0x91])
        let memory = try card.readAll()
        XCTAssertEqual(memory.count, 256)
        XCTAssertEqual(Array(memory[0..<4]), [0xA2, 0x13, 0x10, 0x91])
        XCTAssertTrue(memory[8...].allSatisfy { $0 == 0xFF })
        XCTAssertEqual(try card.protectedBytes().prefix(9), [true, true, true, true, true, true, true, true, false])
        XCTAssertThrowsError(try card.write([1], at: 32)) { XCTAssertEqual($0 as? CardReaderError, .notUnlocked) }
        try card.unlock(with: SLE4442Session.factoryCode)
        try card.write(Array(0..<200), at: 40)
        XCTAssertThrowsError(try card.write([0x55], at: 5)) { XCTAssertEqual($0 as? CardReaderError, .writeNotTaken(address: 5)) }
        try card.changeCode(to: [0x12, 0x34, 0x56])
        card.powerOff()
        port.close()
        XCTAssertEqual(try simulator.send("status").split(separator: "\n")[1],
                       "line: 38400 bit/s 8N1, not raw; the reader runs at 9600 8N1 raw", "the previous settings are back")
        let image = try String(contentsOfFile: directory.file("card.img"), encoding: .utf8)
        XCTAssertTrue(image.contains("\ncode 12 34 56\n"), image)
        XCTAssertTrue(image.contains("\n20: FF FF FF FF FF FF FF FF 00 01 02 03 04 05 06 07\n"), image)
    }

    func testASilentReaderIsATimeOutNotAWaitWithoutEnd() throws {
        try simulator.send("fault stall")
        let reader = CardReader(line: try SerialPort.open(simulator.port), replyTimeoutMilliseconds: 500)
        let started = Date()
        XCTAssertThrowsError(try reader.state()) {
            XCTAssertEqual($0 as? CardReaderError, .noAnswer(port: simulator.port, milliseconds: 500, instruction: "get status"))
            XCTAssertEqual("\($0)", "the card reader on \(simulator.port) did not answer (get status) within 0.5 s: "
                           + "is it connected, switched on and set to the same speed?")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        try simulator.send("fault clear")
        XCTAssertFalse(try reader.state().cardPresent, "the reader answers again")
    }

    func testAReaderAtAnotherSpeedGetsNothingItCanDecode() throws {
        let reader = CardReader(line: try SerialPort.open(simulator.port, speed: .b19200), replyTimeoutMilliseconds: 500)
        XCTAssertThrowsError(try reader.state()) {
            XCTAssertEqual($0 as? CardReaderError, .noAnswer(port: simulator.port, milliseconds: 500, instruction: "get status"))
        }
        XCTAssertTrue(simulator.log.contains("garbled: the line is at 19200 bit/s 8N1, the reader at 9600 8N1 raw"), simulator.log)
    }

    func testNoiseBeforeAReplyIsSkippedAndADroppedByteOrABadChecksumIsAnError() throws {
        let reader = CardReader(line: try SerialPort.open(simulator.port))
        try simulator.send("fault noise")
        XCTAssertFalse(try reader.state().cardPresent)
        try simulator.send("fault drop")
        XCTAssertThrowsError(try reader.state()) {
            guard case .badReply(let port, let reason)? = $0 as? CardReaderError else { return XCTFail("\($0)") }
            XCTAssertEqual(port, simulator.port)
            XCTAssertTrue(reason.contains("an odd number") || reason.contains("checksum") || reason.contains("length"), reason)
        }
        try simulator.send("fault corrupt")
        XCTAssertThrowsError(try reader.state()) {
            guard case .badReply(_, let reason)? = $0 as? CardReaderError else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.hasPrefix("bad checksum: "), reason)
        }
        XCTAssertFalse(try reader.state().cardPresent, "the next reply is good again")
    }

    func testNoCardAndTheWrongTypeOfCardAreNamed() throws {
        let reader = CardReader(line: try SerialPort.open(simulator.port))
        XCTAssertThrowsError(try SLE4442Session.start(on: reader)) { XCTAssertEqual($0 as? CardReaderError, .noCard(port: simulator.port)) }
        try simulator.send("insert cpu")
        XCTAssertThrowsError(try SLE4442Session.start(on: reader)) {
            XCTAssertEqual($0 as? CardReaderError, .wrongCardType(found: "microprocessor (T=0) card"))
            XCTAssertEqual("\($0)", "the card in the reader is a microprocessor (T=0) card, not an SLE4442 memory card")
        }
    }

    func testAWrongCodeCostsOneTryAndThenTheDriverPresentsNoMore() throws {
        let path = try directory.write(Array(image(counter: "07", code: "12 34 56").utf8), to: "foreign.img")
        try simulator.send("insert \(path)")
        let card = try SLE4442Session.start(on: CardReader(line: try SerialPort.open(simulator.port)))
        XCTAssertThrowsError(try card.unlock(with: SLE4442Session.factoryCode)) {
            XCTAssertEqual($0 as? CardReaderError, .codeRefused(triesLeft: 2))
        }
        XCTAssertThrowsError(try card.unlock(with: [0x12, 0x34, 0x56])) {
            XCTAssertEqual($0 as? CardReaderError, .codeTriesUsed(triesLeft: 2))
        }
        XCTAssertTrue(try simulator.send("dump").hasPrefix("type sle4442, 2 of 3 code tries left, code changed\n"),
                      "the driver did not present the second code, right though it was")
    }

    func testACardWithTriesUsedElsewhereGetsNoCodeAndALockedOneSaysSo() throws {
        let used = try directory.write(Array(image(counter: "01", code: "FF FF FF").utf8), to: "used.img")
        try simulator.send("insert \(used)")
        let reader = CardReader(line: try SerialPort.open(simulator.port))
        XCTAssertThrowsError(try SLE4442Session.start(on: reader).unlock(with: SLE4442Session.factoryCode)) {
            XCTAssertEqual($0 as? CardReaderError, .codeTriesUsed(triesLeft: 1))
        }
        XCTAssertTrue(try simulator.send("dump").hasPrefix("type sle4442, 1 of 3 code tries left, factory code\n"))
        try simulator.send("remove")
        let locked = try directory.write(Array(image(counter: "00", code: "FF FF FF").utf8), to: "locked.img")
        try simulator.send("insert \(locked)")
        XCTAssertThrowsError(try SLE4442Session.start(on: reader).unlock(with: SLE4442Session.factoryCode)) {
            XCTAssertEqual($0 as? CardReaderError, .cardLocked)
        }
    }

    func testACardPulledMidWriteIsNamedAndKeepsWhatItTook() throws {
        try simulator.send("insert blank \(directory.file("card.img"))")
        let reader = CardReader(line: try SerialPort.open(simulator.port))
        let card = try SLE4442Session.start(on: reader)
        try card.unlock(with: SLE4442Session.factoryCode)
        try simulator.send("fault pull 2")
        XCTAssertThrowsError(try card.write([UInt8](repeating: 0x11, count: 100), at: 100)) {
            XCTAssertEqual($0 as? CardReaderError, .cardRemoved(port: simulator.port, instruction: "write"))
        }
        XCTAssertFalse(try reader.state().cardPresent)
        let image = try String(contentsOfFile: directory.file("card.img"), encoding: .utf8)
        XCTAssertTrue(image.contains("\nA0: 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11 11\n"), "the first 64 bytes (100–163) went in")
        XCTAssertTrue(image.contains("\nB0: 11 11 11 11 11 11 FF FF FF FF FF FF FF FF FF FF\n"), "and half of the next 36 (164–181): \(image)")
    }

    func testASecondOpenerIsToldThePortIsBusyUntilTheFirstCloses() throws {
        let first = try SerialPort.open(simulator.port)
        XCTAssertThrowsError(try SerialPort.open(simulator.port)) {
            XCTAssertEqual($0 as? SerialPortError, .busy(port: simulator.port))
            XCTAssertEqual(($0 as? SerialPortError)?.failureKind, .busy)
        }
        first.close()
        XCTAssertNoThrow(try SerialPort.open(simulator.port).close())
    }

    func testWhatIsNotAPortIsNamed() throws {
        XCTAssertThrowsError(try SerialPort.open("/dev/null")) { XCTAssertEqual($0 as? SerialPortError, .notASerialPort(port: "/dev/null")) }
        XCTAssertThrowsError(try SerialPort.open(directory.file("ttyUSB9"))) {
            XCTAssertEqual($0 as? SerialPortError, .cannotOpen(port: directory.file("ttyUSB9"), reason: "no such device"))
            XCTAssertEqual(($0 as? SerialPortError)?.failureKind, .deviceUnavailable)
        }
    }

    func testAReaderThatGoesAwayIsAHangUp() throws {
        let reader = CardReader(line: try SerialPort.open(simulator.port), replyTimeoutMilliseconds: 2000)
        simulator.stop()
        XCTAssertThrowsError(try reader.state()) {
            XCTAssertEqual($0 as? SerialPortError, .hungUp(port: simulator.port), "\($0)")
        }
    }

    /// A card image with the given error counter and code, blank otherwise.
    private func image(counter: String, code: String) -> String {
        var lines = ["wbill-cardsim card 1", "type sle4442", "counter \(counter)", "code \(code)", "protection 00 FF FF FF",
                     "00: A2 13 10 91 00 00 00 2A FF FF FF FF FF FF FF FF"]
        for row in 1..<16 { lines.append(Hex.byte(UInt8(row * 16)) + ": " + Array(repeating: "FF", count: 16).joined(separator: " ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}
