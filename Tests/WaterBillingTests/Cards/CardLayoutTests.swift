@testable import WaterBilling
import WBillSupport
import WBillTestSupport
import XCTest

/// The card layout: exact integers at fixed places, a CRC per area, the purchase area's copy taking
/// over when a write tore the area, and a layout version this build does not know refused.
final class CardLayoutTests: XCTestCase {
    static let identity = CardIdentity(utilityCode: 0xCAFE_F00D, cardNumber: 7, replacementCount: 2,
                                       accountNumber: "AC00000042", meterSerial: "WM-000123")
    static let record = CardRecord(
        identity: identity,
        purchase: CardPurchase(sequence: 5, volume: Volume(litres: 12_500), cumulative: Volume(litres: 9_000_000_000_123)),
        writeBack: MeterWriteBack(remaining: Volume(litres: 3_250), cumulativeUse: Volume(litres: 88_000), status: 0x0102, lastSequenceConsumed: 4))

    /// A blank card's 256 bytes.
    static var blank: [UInt8] { [0xA2, 0x13, 0x10, 0x91, 0, 0, 0, 1] + [UInt8](repeating: 0xFF, count: 248) }

    func testEveryFieldIsAtItsDocumentedPlaceAsExactIntegers() throws {
        let image = try CardLayout.image(of: Self.record, over: Self.blank)
        XCTAssertEqual(Array(image[0..<8]), Array(Self.blank[0..<8]), "the manufacturer's area is left alone")
        XCTAssertEqual(Array(image[32..<38]), Array("WBIC".utf8) + [1, 1])
        XCTAssertEqual(Array(image[38..<48]), [0xCA, 0xFE, 0xF0, 0x0D, 0, 0, 0, 7, 0, 2])
        XCTAssertEqual(String(decoding: image[48..<58], as: UTF8.self), "AC00000042")
        XCTAssertEqual(Array(image[58..<68]), [UInt8](repeating: 0, count: 10))
        XCTAssertEqual(String(decoding: image[68..<77], as: UTF8.self), "WM-000123")
        XCTAssertEqual(Array(image[136..<152]), [0, 0, 0, 5, 0, 0, 0x30, 0xD4, 0, 0, 0x08, 0x2F, 0x79, 0xCD, 0x90, 0x7B])
        XCTAssertEqual(Array(image[152..<156]), CRC32Bytes.of(Array(image[136..<152])))
        XCTAssertEqual(Array(image[156..<176]), Array(image[136..<156]), "the copy")
        XCTAssertEqual(Array(image[176..<194]), [0, 0, 0x0C, 0xB2, 0, 0, 0, 0, 0, 1, 0x57, 0xC0, 0x01, 0x02, 0, 0, 0, 4])
        XCTAssertTrue(image[198...].allSatisfy { $0 == 0xFF }, "unused bytes are left as they were")
    }

    func testACardReadsBackAsItWasWritten() throws {
        XCTAssertEqual(try CardLayout.decode(try CardLayout.image(of: Self.record, over: Self.blank)), .wbill(Self.record))
        var opened = Self.record
        opened.purchase = .none
        opened.writeBack = MeterWriteBack.none
        XCTAssertEqual(try CardLayout.decode(try CardLayout.image(of: opened, over: Self.blank)), .wbill(opened))
    }

    func testBlankAndForeignCardsAreToldApart() throws {
        XCTAssertEqual(try CardLayout.decode(Self.blank), .blank)
        var foreign = Self.blank
        foreign[40] = 0x00
        XCTAssertEqual(try CardLayout.decode(foreign), .foreign)
    }

    func testALayoutVersionThisBuildDoesNotKnowIsRefused() throws {
        var image = try CardLayout.image(of: Self.record, over: Self.blank)
        image[36] = 2
        XCTAssertThrowsError(try CardLayout.decode(image)) {
            XCTAssertEqual($0 as? CardError, .unsupportedLayoutVersion(found: 2, known: 1))
            XCTAssertEqual("\($0)", "the card is written in card layout version 2, and this wbill knows version 1 only")
        }
    }

    func testACorruptIdentityIsDamageAndAFlippedBitAnywhereInAnAreaIsCaught() throws {
        let image = try CardLayout.image(of: Self.record, over: Self.blank)
        for offset in CardLayout.identity where offset >= 37 {
            var corrupted = image
            corrupted[offset] ^= 0x10
            XCTAssertThrowsError(try CardLayout.decode(corrupted), "byte \(offset)") {
                XCTAssertEqual($0 as? CardError, .damaged(area: "identity area"))
            }
        }
        var both = image
        both[140] ^= 1
        both[160] ^= 1
        XCTAssertThrowsError(try CardLayout.decode(both)) { XCTAssertEqual($0 as? CardError, .damaged(area: "purchase area and its copy")) }
        var writeBack = image
        writeBack[180] ^= 1
        guard case .wbill(let record) = try CardLayout.decode(writeBack) else { return XCTFail("not read") }
        XCTAssertNil(record.writeBack, "a damaged write-back is not believed")
    }

    func testAPurchaseWriteThatStoppedHalfWayLeavesOneWholePurchase() throws {
        let before = try CardLayout.image(of: Self.record, over: Self.blank)
        var next = Self.record
        next.purchase = CardPurchase(sequence: 6, volume: Volume(litres: 1_000), cumulative: Volume(litres: 9_000_000_001_123))
        let after = try CardLayout.encode(next.purchase)
        var tornInArea = before
        tornInArea.replaceSubrange(136..<146, with: after[0..<10])
        XCTAssertEqual(try CardLayout.decode(tornInArea),
                       .wbill(CardRecord(identity: Self.identity, purchase: Self.record.purchase, purchaseState: .areaTorn, writeBack: Self.record.writeBack)))
        var tornInCopy = before
        tornInCopy.replaceSubrange(136..<156, with: after)
        tornInCopy.replaceSubrange(156..<166, with: after[0..<10])
        XCTAssertEqual(try CardLayout.decode(tornInCopy),
                       .wbill(CardRecord(identity: Self.identity, purchase: next.purchase, purchaseState: .copyBehind, writeBack: Self.record.writeBack)))
    }

    func testWhatDoesNotFitIsRefusedBeforeAnythingIsWritten() {
        var identity = Self.identity
        identity.accountNumber = String(repeating: "9", count: 21)
        XCTAssertThrowsError(try CardLayout.encode(identity)) {
            XCTAssertEqual($0 as? CardError, .doesNotFit(field: "account number", value: identity.accountNumber, reason: "at most 20 characters"))
        }
        identity = Self.identity
        identity.meterSerial = String(repeating: "W", count: 64)
        XCTAssertNoThrow(try CardLayout.encode(identity), "a serial of the longest length fits")
        XCTAssertThrowsError(try CardLayout.encode(CardPurchase(sequence: 1, volume: Volume(litres: 4_294_967_296), cumulative: Volume(litres: 4_294_967_296)))) {
            XCTAssertEqual($0 as? CardError, .doesNotFit(field: "purchased volume", value: "4294967.296", reason: "at most 4294967.295 in one field"))
        }
        XCTAssertThrowsError(try CardLayout.encode(CardPurchase(sequence: 1, volume: Volume(litres: -1), cumulative: .zero))) {
            XCTAssertEqual($0 as? CardError, .doesNotFit(field: "purchased volume", value: "-0.001", reason: "it is negative"))
        }
    }

    func testSecurityCodesComeFromTheSecretAndTheCardNumberAndAreNeverTheFactoryOne() {
        let keys = CardKeys(secret: Array(0..<32))
        XCTAssertEqual(keys.securityCode(forCard: 1), keys.securityCode(forCard: 1))
        XCTAssertNotEqual(keys.securityCode(forCard: 1), keys.securityCode(forCard: 2))
        XCTAssertNotEqual(CardKeys(secret: Array(1..<33)).securityCode(forCard: 1), keys.securityCode(forCard: 1))
        XCTAssertEqual(keys.securityCode(forCard: 1).count, 3)
        let expected = Array(HMACSHA256.authenticate(Array("wbill/card-code/v1".utf8) + [0, 0, 0, 1], key: Array(0..<32)).bytes.prefix(3))
        XCTAssertEqual(keys.securityCode(forCard: 1), expected)
        for number in UInt32(0)..<2000 { XCTAssertNotEqual(keys.securityCode(forCard: number), SLE4442Session.factoryCode) }
        XCTAssertFalse("\(keys)".contains("000102"), "the secret is never shown")
    }
}

/// A CRC-32 as the 4 big-endian bytes a card stores.
enum CRC32Bytes {
    static func of(_ bytes: [UInt8]) -> [UInt8] {
        let crc = CRC32.checksum(bytes)
        return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: crc >> $0) }
    }
}
