#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport

/// A card meter as the simulator plays it (`MeterSide`): it reads the card's layout
/// (`WaterBilling/Cards`), takes a purchase only when its sequence is the next one it has not
/// consumed, counts it into its credit, and writes its state into the card's write-back area.
///
/// The rules, in order, for a card swiped at meter SERIAL:
/// 1. An SLE4442 holding a wbill card for meter SERIAL (its identity area names the meter);
///    the utility code must be the one of the first card the meter took.
/// 2. A card replaced by another (a smaller replacement count than the meter last saw, or another
///    card number with the same count) is refused.
/// 3. The purchase in force (the area, or its copy when the area is torn): its sequence the next
///    one is taken — credit and purchases grow by its volume; the one already consumed is nothing
///    new; an older one is a replayed card image and refused; a later one skips a purchase and is
///    refused.
/// 4. The write-back area gets the credit left, the volume counted out, status `0001` (written by
///    a meter) and the last sequence consumed. A meter holds the utility's key, so it presents the
///    card's code as the counter does (the card's error counter is untouched).
///
/// The meter's state is kept per serial in `SERIAL.meter` under its directory (`MeterState`),
/// written before the card; without a directory it lives only as long as the simulator.
public final class SimulatedMeter: MeterSide {
    /// The status word a simulated meter writes: bit 0, "written by a meter".
    public static let writtenByMeter: UInt16 = 0x0001
    private let directory: String?
    private var inMemory: [String: MeterState] = [:]

    /// Meters keeping their state in `directory` (created if missing), or in memory when nil.
    public init(directory: String?) throws {
        self.directory = directory
        if let directory, !FileSystem.exists(directory), mkdir(directory, 0o755) != 0 {
            throw SimulatorError.system("creating \(directory)", errno)
        }
    }

    /// The state of meter `serial`.
    public func state(of serial: String) throws -> MeterState {
        if let path = try path(of: serial) { return try MeterState.load(path) }
        return inMemory[serial] ?? MeterState()
    }

    /// Draws `volume` through meter `serial`, as water running through it would: out of its credit
    /// (a meter shuts its valve at zero, so never more than the credit).
    /// - Returns: the line saying what it counted.
    public func use(_ volume: Volume, atMeter serial: String) throws -> String {
        var state = try state(of: serial)
        guard !volume.isNegative else { throw MeterSideRefusal("a volume drawn is 0 or more, not \(volume)") }
        let drawn = volume < state.credit ? volume : state.credit
        state.credit = try state.credit.subtracting(drawn)
        state.used = try state.used.adding(drawn)
        try keep(state, of: serial)
        return "meter \(serial): counted \(drawn)" + (drawn < volume ? " (credit ran out; valve shut)" : "") + ", credit \(state.credit)"
    }

    public func describe(_ serial: String) throws -> [String] {
        let state = try state(of: serial)
        return ["meter \(serial): purchase \(state.lastSequence) taken last, from card \(state.cardNumber) (replacement \(state.replacementCount))",
                "purchased \(state.purchased), used \(state.used), credit \(state.credit)"]
    }

    public func swipe(_ card: SimulatedCard, atMeter serial: String) throws -> (card: SimulatedCard, report: String) {
        guard card.kind == .sle4442 else { throw MeterSideRefusal("meter \(serial): not a memory card") }
        let record: CardRecord
        switch try? CardLayout.decode(card.memory) {
        case .wbill(let read)?: record = read
        case .blank?: throw MeterSideRefusal("meter \(serial): the card is blank")
        default: throw MeterSideRefusal("meter \(serial): not a card it can read")
        }
        let identity = record.identity
        guard identity.meterSerial == serial else {
            throw MeterSideRefusal("meter \(serial): card \(identity.cardNumber) is for meter \(identity.meterSerial)")
        }
        var state = try state(of: serial)
        if state.utilityCode != 0 && state.utilityCode != identity.utilityCode {
            throw MeterSideRefusal("meter \(serial): card \(identity.cardNumber) is another utility's card")
        }
        if identity.replacementCount < state.replacementCount
            || (identity.replacementCount == state.replacementCount && state.cardNumber != 0 && identity.cardNumber != state.cardNumber) {
            throw MeterSideRefusal("meter \(serial): card \(identity.cardNumber) was replaced (the meter takes card \(state.cardNumber),"
                                   + " replacement \(state.replacementCount))")
        }
        let purchase = record.purchase
        let report: String
        switch purchase.sequence {
        case state.lastSequence &+ 1 where purchase.sequence > state.lastSequence:
            state.credit = try state.credit.adding(purchase.volume)
            state.purchased = try state.purchased.adding(purchase.volume)
            state.lastSequence = purchase.sequence
            report = "meter \(serial): took purchase \(purchase.sequence) of \(purchase.volume), credit \(state.credit)"
        case state.lastSequence:
            report = "meter \(serial): nothing new on card \(identity.cardNumber) (purchase \(purchase.sequence) taken before), credit \(state.credit)"
        case let sequence where sequence < state.lastSequence:
            throw MeterSideRefusal("meter \(serial): card \(identity.cardNumber) holds purchase \(sequence), older than purchase"
                                   + " \(state.lastSequence) the meter took: a replayed card image")
        default:
            throw MeterSideRefusal("meter \(serial): card \(identity.cardNumber) holds purchase \(purchase.sequence), and the meter"
                                   + " expects purchase \(state.lastSequence + 1) next")
        }
        state.utilityCode = identity.utilityCode
        state.cardNumber = identity.cardNumber
        state.replacementCount = identity.replacementCount
        let writeBack = MeterWriteBack(remaining: state.credit, cumulativeUse: state.used, status: SimulatedMeter.writtenByMeter,
                                       lastSequenceConsumed: state.lastSequence)
        let bytes: [UInt8]
        do {
            bytes = try CardLayout.encode(writeBack)
        } catch {
            throw MeterSideRefusal("meter \(serial): \(error)")
        }
        try keep(state, of: serial)
        var written = card
        guard written.present(written.code) else { throw MeterSideRefusal("meter \(serial): the card is locked") }
        written.write(bytes, at: CardLayout.writeBack.lowerBound)
        written.powerOff()
        return (written, report)
    }

    private func keep(_ state: MeterState, of serial: String) throws {
        if let path = try path(of: serial) {
            try state.save(to: path)
        } else {
            inMemory[serial] = state
        }
    }

    private func path(of serial: String) throws -> String? {
        guard let directory else { return nil }
        guard !serial.isEmpty, serial.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") }) else {
            throw MeterSideRefusal("'\(serial)' is not a meter serial")
        }
        return directory + "/" + serial + ".meter"
    }
}
