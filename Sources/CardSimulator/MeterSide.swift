import WaterBilling

/// The meter a card is swiped at: the seam between the simulated reader and a simulated meter.
///
/// A card meter reads the purchase area, accepts a purchase only when its sequence is the next one
/// it expects (so an old card image cannot be replayed and nothing is counted twice), adds it to
/// its credit and writes its own state back into the card's write-back area. All of that needs the
/// card layout (`WaterBilling/Cards`), so the rule lives behind this protocol (`SimulatedMeter`);
/// `ControlCommands` only carries the card there and back.
public protocol MeterSide: AnyObject {
    /// Swipes `card` at the meter `serial`: returns the card as the meter leaves it and one line
    /// saying what the meter did.
    /// - Throws: `MeterSideRefusal` when the meter refuses the card (its reason).
    func swipe(_ card: SimulatedCard, atMeter serial: String) throws -> (card: SimulatedCard, report: String)

    /// Draws `volume` of water through meter `serial`, out of its credit.
    /// - Returns: one line saying what the meter counted.
    /// - Throws: `MeterSideRefusal`.
    func use(_ volume: Volume, atMeter serial: String) throws -> String

    /// Lines describing meter `serial`'s state.
    func describe(_ serial: String) throws -> [String]
}

/// Why a meter refused a card.
public struct MeterSideRefusal: Error, Equatable, CustomStringConvertible {
    /// The reason, as the meter's display would say it.
    public let reason: String

    /// A refusal.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
