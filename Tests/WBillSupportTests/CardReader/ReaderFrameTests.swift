@testable import WBillSupport
import WBillTestSupport
import XCTest

/// The frame codec: `01 CODE LEN DATA… CHK` as hex digits between STX and ETX, both ways.
final class ReaderFrameTests: XCTestCase {
    func testAFrameOnTheWireIsItsBytesInUpperCaseHexBetweenStxAndEtx() {
        let frame = ReaderFrame(code: 0x90, data: [0x00, 0x20])
        XCTAssertEqual(frame.bytes, [0x01, 0x90, 0x02, 0x00, 0x20, 0x01 ^ 0x90 ^ 0x02 ^ 0x00 ^ 0x20])
        XCTAssertEqual(String(decoding: frame.wire, as: UTF8.self), "\u{2}0190020020B3\u{3}")
        XCTAssertEqual(String(decoding: ReaderFrame(code: 0x01).wire, as: UTF8.self), "\u{2}01010000\u{3}")
    }

    func testEveryFrameDecodesToItselfWhateverItsData() throws {
        var generator = SplitMix64(seed: 14)
        for length in [0, 1, 2, 64, 128, 254, 255] {
            let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let frame = ReaderFrame(code: UInt8(truncatingIfNeeded: generator.next()), data: data)
            let wire = frame.wire
            XCTAssertEqual(try ReaderFrame(text: wire.dropFirst().dropLast()), frame, "\(length) bytes")
            XCTAssertEqual(try ReaderFrame(bytes: frame.bytes), frame)
        }
    }

    func testLowerCaseDigitsAreAccepted() throws {
        XCTAssertEqual(try ReaderFrame(text: Array("01900200 20b3".utf8).filter { $0 != 0x20 }), ReaderFrame(code: 0x90, data: [0x00, 0x20]))
    }

    func testEachWayAFrameCanBeWrongIsNamed() {
        XCTAssertThrowsError(try ReaderFrame(text: Array("0190020020B4".utf8))) {
            XCTAssertEqual($0 as? ReaderFrameError, .badChecksum(expected: 0xB3, found: 0xB4))
            XCTAssertEqual(($0 as? ReaderFrameError)?.description, "bad checksum: 0xB4, the bytes give 0xB3")
        }
        XCTAssertThrowsError(try ReaderFrame(text: Array("0190020020B".utf8))) { XCTAssertEqual($0 as? ReaderFrameError, .oddDigitCount(11)) }
        XCTAssertThrowsError(try ReaderFrame(text: Array("01900200G0B3".utf8))) { XCTAssertEqual($0 as? ReaderFrameError, .notHex(UInt8(ascii: "G"))) }
        XCTAssertThrowsError(try ReaderFrame(text: Array("019000".utf8))) { XCTAssertEqual($0 as? ReaderFrameError, .tooShort(3)) }
        XCTAssertThrowsError(try ReaderFrame(bytes: [0x02, 0x90, 0x00, 0x92])) { XCTAssertEqual($0 as? ReaderFrameError, .badHeader(0x02)) }
        XCTAssertThrowsError(try ReaderFrame(bytes: [0x01, 0x90, 0x02, 0x00, 0x93])) {
            XCTAssertEqual($0 as? ReaderFrameError, .lengthMismatch(declared: 2, found: 1))
        }
    }

    func testTheScannerSkipsNoiseBetweenFramesAndFindsEachFrame() {
        let first = ReaderFrame(code: 0x90, data: [1, 2, 3])
        let second = ReaderFrame(code: 0x60)
        let line = Array("noise\r\n".utf8) + first.wire + [0xFF, 0x00] + second.wire
        var scanner = ReaderFrameScanner()
        var found: [Result<ReaderFrame, ReaderFrameError>] = []
        for byte in line { if let result = scanner.feed(byte) { found.append(result) } }
        XCTAssertEqual(found, [.success(first), .success(second)])
        XCTAssertEqual(scanner.skipped, 9)
    }

    func testAFrameThatLostItsEndIsDroppedWhenTheNextOneStarts() {
        let lost = ReaderFrame(code: 0x90, data: [1]).wire.dropLast()
        let next = ReaderFrame(code: 0x61)
        var scanner = ReaderFrameScanner()
        var found: [Result<ReaderFrame, ReaderFrameError>] = []
        for byte in Array(lost) + next.wire { if let result = scanner.feed(byte) { found.append(result) } }
        XCTAssertEqual(found, [.success(next)])
    }

    func testADroppedDigitOrAGarbledOneIsAnErrorNotAFrame() {
        var wire = ReaderFrame(code: 0x90, data: [0xA2, 0x13]).wire
        wire.remove(at: 4)
        var scanner = ReaderFrameScanner()
        XCTAssertEqual(wire.compactMap { scanner.feed($0) }, [.failure(.oddDigitCount(11))])
        var corrupted = ReaderFrame(code: 0x90, data: [0xA2, 0x13]).wire
        corrupted[7] = UInt8(ascii: "3")
        XCTAssertEqual(corrupted.compactMap { scanner.feed($0) }.count, 1)
        if case .success? = corrupted.compactMap({ scanner.feed($0) }).first { XCTFail("a garbled frame decoded") }
    }

    func testDigitsWithoutAnEndAreRefusedOnceLongerThanAnyFrame() {
        var scanner = ReaderFrameScanner()
        let results = ([ReaderFrame.start] + [UInt8](repeating: UInt8(ascii: "0"), count: ReaderFrame.maximumTextLength + 1)).compactMap { scanner.feed($0) }
        XCTAssertEqual(results, [.failure(.tooLong)])
    }

    func testHexParsesPairsAndRefusesAnythingElse() {
        XCTAssertEqual(Hex.parse("A2 13 10 91"), [0xA2, 0x13, 0x10, 0x91])
        XCTAssertEqual(Hex.parse("a21310"), [0xA2, 0x13, 0x10])
        XCTAssertNil(Hex.parse("+5"))
        XCTAssertNil(Hex.parse("A"))
        XCTAssertEqual(Hex.bytes([0x00, 0xFF]), "00 FF")
    }
}
