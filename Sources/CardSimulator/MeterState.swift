import WaterBilling
import WBillSupport

/// What a simulated card meter remembers between swipes, kept per serial in a small text file so a
/// test or a demo can carry a card from the counter to the meter and back across runs:
///
///     wbill-cardsim meter 1
///     utility 3735928559        the utility code of the first card it took (0: none yet)
///     card 1                    the card it last took, and that card's replacement count
///     replacement 0
///     sequence 2                the last purchase sequence it consumed
///     purchased 30000           every volume it was sold, in thousandths
///     credit 12500              credit left, in thousandths
///     used 17500                every volume it counted out, in thousandths
public struct MeterState: Sendable, Equatable {
    /// The utility code of the cards it takes (0 until the first one).
    public var utilityCode: UInt32 = 0
    /// The card number it last took.
    public var cardNumber: UInt32 = 0
    /// That card's replacement count: a card with a smaller one was replaced and is refused.
    public var replacementCount: UInt16 = 0
    /// The last purchase sequence consumed (0: none).
    public var lastSequence: UInt32 = 0
    /// Every volume taken from cards.
    public var purchased = Volume.zero
    /// Credit left.
    public var credit = Volume.zero
    /// Every volume counted out.
    public var used = Volume.zero

    /// A meter never swiped.
    public init() {}

    static let signature = "wbill-cardsim meter 1"

    /// The file's text.
    public var text: String {
        [MeterState.signature, "utility \(utilityCode)", "card \(cardNumber)", "replacement \(replacementCount)",
         "sequence \(lastSequence)", "purchased \(purchased.litres)", "credit \(credit.litres)", "used \(used.litres)"]
            .map { $0 + "\n" }.joined()
    }

    /// The state in `text`, read from `path`.
    /// - Throws: `CardImageError` naming the line and what was expected there.
    public init(text: String, path: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == MeterState.signature else { throw CardImageError(path: path, line: 1, expected: "'\(MeterState.signature)'") }
        func number(_ line: Int, _ name: String, max: UInt64) throws -> UInt64 {
            let prefix = name + " "
            guard line < lines.count, lines[line].hasPrefix(prefix), let value = UInt64(lines[line].dropFirst(prefix.count)), value <= max else {
                throw CardImageError(path: path, line: line + 1, expected: "\(name) and a whole number up to \(max)")
            }
            return value
        }
        let largest = UInt64(Int64.max)
        utilityCode = UInt32(try number(1, "utility", max: UInt64(UInt32.max)))
        cardNumber = UInt32(try number(2, "card", max: UInt64(UInt32.max)))
        replacementCount = UInt16(try number(3, "replacement", max: UInt64(UInt16.max)))
        lastSequence = UInt32(try number(4, "sequence", max: UInt64(UInt32.max)))
        purchased = Volume(litres: Int64(try number(5, "purchased", max: largest)))
        credit = Volume(litres: Int64(try number(6, "credit", max: largest)))
        used = Volume(litres: Int64(try number(7, "used", max: largest)))
    }

    /// The state kept at `path`, or a meter never swiped when there is no file.
    public static func load(_ path: String) throws -> MeterState {
        guard FileSystem.exists(path) else { return MeterState() }
        return try MeterState(text: String(decoding: try FileDescriptorIO.readWholeFile(path), as: UTF8.self), path: path)
    }

    /// Keeps the state at `path` (replaced atomically).
    public func save(to path: String) throws {
        let file = try AtomicFile(path: path, mode: 0o644)
        try file.write(text)
        try file.commit()
    }
}
