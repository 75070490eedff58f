@testable import CardSimulator
import WaterBilling
import WBillSupport
import WBillTestSupport
import XCTest

/// The simulated meter takes each purchase once, in order: the next sequence is counted into its
/// credit and written back; the same one again adds nothing; an older one (a replayed card image)
/// and one that skips a purchase are refused; a replaced card is refused; the state outlives the
/// meter object in its file.
final class SimulatedMeterTests: XCTestCase {
    let identity = CardIdentity(utilityCode: 77, cardNumber: 5, replacementCount: 0, accountNumber: "AC00000001", meterSerial: "IC-1")

    func card(_ sequence: UInt32, volume: Int64, cumulative: Int64, identity: CardIdentity? = nil) throws -> SimulatedCard {
        var card = SimulatedCard.blank(chipSerial: 1)
        XCTAssertTrue(card.present(SLE4442Session.factoryCode))
        let record = CardRecord(identity: identity ?? self.identity,
                                purchase: CardPurchase(sequence: sequence, volume: Volume(litres: volume), cumulative: Volume(litres: cumulative)),
                                writeBack: .none)
        let image = try CardLayout.image(of: record, over: card.memory)
        card.write(Array(image[32...]), at: 32)
        card.changeCode(to: [1, 2, 3])
        card.powerOff()
        return card
    }

    func writeBack(_ card: SimulatedCard) throws -> MeterWriteBack? {
        guard case .wbill(let record) = try CardLayout.decode(card.memory) else { return nil }
        return record.writeBack
    }

    func testTheNextPurchaseIsCountedOnceAndWrittenBackAndTheStateIsKeptInItsFile() throws {
        let scratch = try ScratchDirectory()
        let meter = try SimulatedMeter(directory: scratch.file("meters"))
        let first = try meter.swipe(try card(1, volume: 10_500, cumulative: 10_500), atMeter: "IC-1")
        XCTAssertEqual(first.report, "meter IC-1: took purchase 1 of 10.500, credit 10.500")
        XCTAssertEqual(try writeBack(first.card), MeterWriteBack(remaining: Volume(litres: 10_500), cumulativeUse: .zero, status: 1, lastSequenceConsumed: 1))
        XCTAssertEqual(first.card.code, [1, 2, 3], "the card keeps its code")
        XCTAssertEqual(first.card.triesLeft, 3)
        let again = try meter.swipe(first.card, atMeter: "IC-1")
        XCTAssertEqual(again.report, "meter IC-1: nothing new on card 5 (purchase 1 taken before), credit 10.500")
        XCTAssertEqual(try meter.use(Volume(litres: 500), atMeter: "IC-1"), "meter IC-1: counted 0.500, credit 10.000")

        let reopened = try SimulatedMeter(directory: scratch.file("meters"))
        let second = try reopened.swipe(try card(2, volume: 2_000, cumulative: 12_500), atMeter: "IC-1")
        XCTAssertEqual(second.report, "meter IC-1: took purchase 2 of 2.000, credit 12.000")
        XCTAssertEqual(scratch.text("meters/IC-1.meter"), """
            wbill-cardsim meter 1
            utility 77
            card 5
            replacement 0
            sequence 2
            purchased 12500
            credit 12000
            used 500

            """)
    }

    func testAReplayedOlderImageASkippedPurchaseAnotherMetersCardAndAReplacedCardAreRefused() throws {
        let meter = try SimulatedMeter(directory: nil)
        let old = try card(1, volume: 1_000, cumulative: 1_000)
        _ = try meter.swipe(old, atMeter: "IC-1")
        _ = try meter.swipe(try card(2, volume: 1_000, cumulative: 2_000), atMeter: "IC-1")
        XCTAssertThrowsError(try meter.swipe(old, atMeter: "IC-1")) {
            XCTAssertEqual("\($0)", "meter IC-1: card 5 holds purchase 1, older than purchase 2 the meter took: a replayed card image")
        }
        XCTAssertThrowsError(try meter.swipe(try card(4, volume: 1_000, cumulative: 4_000), atMeter: "IC-1")) {
            XCTAssertEqual("\($0)", "meter IC-1: card 5 holds purchase 4, and the meter expects purchase 3 next")
        }
        XCTAssertThrowsError(try meter.swipe(old, atMeter: "IC-2")) {
            XCTAssertEqual("\($0)", "meter IC-2: card 5 is for meter IC-1")
        }
        var replacement = identity
        replacement.cardNumber = 6
        replacement.replacementCount = 1
        XCTAssertEqual(try meter.swipe(try card(2, volume: 1_000, cumulative: 2_000, identity: replacement), atMeter: "IC-1").report,
                       "meter IC-1: nothing new on card 6 (purchase 2 taken before), credit 2.000")
        XCTAssertThrowsError(try meter.swipe(try card(3, volume: 1_000, cumulative: 3_000), atMeter: "IC-1")) {
            XCTAssertEqual("\($0)", "meter IC-1: card 5 was replaced (the meter takes card 6, replacement 1)")
        }
        XCTAssertEqual(try meter.state(of: "IC-1").credit, Volume(litres: 2_000), "nothing refused was counted")
    }
}
