@testable import CardSimulator
import WBillSupport
import XCTest

/// The simulated card keeps the SLE4442's rules: the code guards writing, 3 wrong codes lock the
/// card for good, a right one restores the tries, protected bytes never change.
final class SimulatedCardTests: XCTestCase {
    func testABlankCardIsFactoryMadeAndItsManufacturerAreaProtected() {
        let card = SimulatedCard.blank(chipSerial: 0x0102_0304)
        XCTAssertEqual(Array(card.memory[0..<8]), [0xA2, 0x13, 0x10, 0x91, 0x01, 0x02, 0x03, 0x04])
        XCTAssertTrue(card.memory[8...].allSatisfy { $0 == 0xFF })
        XCTAssertEqual(card.protectionBytes, [0x00, 0xFF, 0xFF, 0xFF])
        XCTAssertEqual(card.triesLeft, 3)
        XCTAssertEqual(card.code, SLE4442Session.factoryCode)
    }

    func testNothingIsWrittenBeforeTheCodeNorIntoProtectedBytes() {
        var card = SimulatedCard.blank(chipSerial: 1)
        card.write([0x11], at: 40)
        XCTAssertEqual(card.memory[40], 0xFF, "not unlocked")
        XCTAssertTrue(card.present(SLE4442Session.factoryCode))
        card.write([0x11, 0x22], at: 7)
        XCTAssertEqual(Array(card.memory[7...8]), [0x01, 0x22], "byte 7 is protected, byte 8 is not")
        card.powerOff()
        card.write([0x33], at: 8)
        XCTAssertEqual(card.memory[8], 0x22, "power-off forgets the code")
    }

    func testThreeWrongCodesLockTheCardForGoodAndARightOneBeforeThatRestoresTheTries() {
        var card = SimulatedCard.blank(chipSerial: 1)
        XCTAssertFalse(card.present([1, 2, 3]))
        XCTAssertFalse(card.present([1, 2, 3]))
        XCTAssertEqual(card.triesLeft, 1)
        XCTAssertTrue(card.present(SLE4442Session.factoryCode))
        XCTAssertEqual(card.triesLeft, 3)
        for _ in 0..<3 { XCTAssertFalse(card.present([9, 9, 9])) }
        XCTAssertEqual(card.triesLeft, 0)
        XCTAssertFalse(card.present(SLE4442Session.factoryCode), "locked: even the right code is refused")
        card.write([0], at: 100)
        XCTAssertEqual(card.memory[100], 0xFF)
    }

    func testACardImageReadsBackAsTheSameCard() throws {
        var card = SimulatedCard.blank(chipSerial: 7)
        XCTAssertTrue(card.present(SLE4442Session.factoryCode))
        card.write(Array(0..<100), at: 50)
        card.changeCode(to: [0x12, 0x34, 0x56])
        XCTAssertFalse(card.present([0, 0, 0]))
        card.powerOff()
        let text = CardImage.text(of: card)
        XCTAssertTrue(text.hasPrefix("wbill-cardsim card 1\ntype sle4442\ncounter 03\ncode 12 34 56\nprotection 00 FF FF FF\n00: A2 13 10 91 00 00 00 07 FF"))
        XCTAssertEqual(try CardImage.card(from: text, path: "card.img"), card)
    }

    func testABadImageNamesItsLine() {
        let text = CardImage.text(of: .blank(chipSerial: 1)).replacingOccurrences(of: "counter 07", with: "counter 09")
        XCTAssertThrowsError(try CardImage.card(from: text, path: "card.img")) {
            XCTAssertEqual("\($0)", "card.img:3: expected counter 00 to 07")
        }
    }

    func testTheReaderAnswersAsTheProtocolSaysAndAppliesEachFaultOnce() throws {
        let reader = SimulatedReader()
        XCTAssertEqual(reader.answer(ReaderFrame(code: 0x01)), ReaderFrame(code: 0x90, data: [0, 0] + Array(SimulatedReader.firmware.utf8)))
        XCTAssertEqual(reader.answer(ReaderFrame(code: 0x80)), ReaderFrame(code: ReaderStatus.noCard.rawValue))
        reader.insert(.blank(chipSerial: 1), keptIn: nil)
        XCTAssertEqual(reader.answer(ReaderFrame(code: 0x90, data: [0, 4])), ReaderFrame(code: ReaderStatus.notPowered.rawValue))
        XCTAssertEqual(reader.answer(ReaderFrame(code: 0x80)), ReaderFrame(code: 0x90, data: SLE4442Session.answerToReset))
        XCTAssertEqual(reader.answer(ReaderFrame(code: 0x95, data: [1, 2, 3])), ReaderFrame(code: ReaderStatus.codeRefused.rawValue, data: [0x03]))
        reader.faults.corruptNextChecksum = true
        let reply = ReaderFrame(code: 0x90)
        XCTAssertNotEqual(reader.wire(reply), reply.wire)
        XCTAssertEqual(reader.wire(reply), reply.wire, "once")
        reader.faults.stalled = true
        XCTAssertNil(reader.answer(ReaderFrame(code: 0x01)))
    }

    func testAPulledCardKeepsHalfOfTheWriteAndLeavesTheReader() throws {
        let reader = SimulatedReader()
        var card = SimulatedCard.blank(chipSerial: 1)
        XCTAssertTrue(card.present(SLE4442Session.factoryCode))
        reader.insert(card, keptIn: nil)
        _ = reader.answer(ReaderFrame(code: 0x80))
        _ = reader.answer(ReaderFrame(code: 0x95, data: SLE4442Session.factoryCode))
        reader.faults.pullDuringWrite = 2
        XCTAssertEqual(reader.answer(ReaderFrame(code: 0x91, data: [32, 1, 2, 3, 4])), ReaderFrame(code: 0x90))
        var saved: SimulatedCard?
        reader.saveImage = { card, _ in saved = card }
        reader.insert(reader.card!, keptIn: "card.img")
        _ = reader.answer(ReaderFrame(code: 0x80))
        _ = reader.answer(ReaderFrame(code: 0x95, data: SLE4442Session.factoryCode))
        XCTAssertEqual(reader.answer(ReaderFrame(code: 0x91, data: [40, 5, 6, 7, 8])), ReaderFrame(code: ReaderStatus.cardRemoved.rawValue))
        XCTAssertNil(reader.card)
        card = try XCTUnwrap(saved)
        XCTAssertEqual(Array(card.memory[32..<36]), [1, 2, 3, 4])
        XCTAssertEqual(Array(card.memory[40..<44]), [5, 6, 0xFF, 0xFF])
    }
}
