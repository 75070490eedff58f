import WBillSupport

/// A card as the simulator holds it, with the SLE4442's rules (public datasheet):
///
/// - 256 bytes of main memory, readable at any time once powered;
/// - bytes 0–31 protected for good one by one (a clear protection bit): a write leaves them as they are;
/// - a 3-byte code; writing main memory or changing the code needs it presented since power-on;
/// - an error counter of 3 bits: a wrong code clears one, a right one sets all 3 again; with none
///   left every code is refused and the card is read-only for ever.
///
/// A microprocessor card is also possible, to be refused as the wrong type.
public struct SimulatedCard: Sendable, Equatable {
    /// What kind of card.
    public enum Kind: String, Sendable {
        /// An SLE4442-class memory card.
        case sle4442
        /// A microprocessor (T=0) card, which the reader reports and wbill refuses.
        case microprocessor = "cpu"
    }

    /// The kind.
    public var kind: Kind
    /// Main memory.
    public private(set) var memory: [UInt8]
    /// Bit i set: byte i (0–31) can still be written.
    public private(set) var writable: UInt32
    /// The error counter's 3 bits (0b111: 3 tries).
    public private(set) var counter: UInt8
    /// The code.
    public private(set) var code: [UInt8]
    /// Whether the right code was presented since power-on (not kept in an image).
    public private(set) var isUnlocked = false

    /// The bytes of memory.
    public static let size = SLE4442Session.memorySize
    /// The bytes a blank card's protected manufacturer area starts with.
    public static let protectedOnBlank = 8

    /// A card with everything given.
    public init(kind: Kind, memory: [UInt8], writable: UInt32, counter: UInt8, code: [UInt8]) {
        precondition(memory.count == SimulatedCard.size && code.count == 3)
        self.kind = kind
        self.memory = memory
        self.writable = writable
        self.counter = counter & 0x07
        self.code = code
    }

    /// A blank SLE4442 as it comes from the factory: the answer to reset and a chip serial in bytes
    /// 0–7, protected; the rest 0xFF; the factory code; all 3 tries.
    public static func blank(chipSerial: UInt32) -> SimulatedCard {
        var memory = [UInt8](repeating: 0xFF, count: size)
        memory.replaceSubrange(0..<4, with: SLE4442Session.answerToReset)
        memory.replaceSubrange(4..<8, with: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: chipSerial >> $0) })
        let writable = UInt32.max << UInt32(protectedOnBlank)
        return SimulatedCard(kind: .sle4442, memory: memory, writable: writable, counter: 0x07, code: SLE4442Session.factoryCode)
    }

    /// A microprocessor card.
    public static let microprocessor = SimulatedCard(kind: .microprocessor, memory: [UInt8](repeating: 0, count: size),
                                                     writable: 0, counter: 0x07, code: [0, 0, 0])

    /// Tries left.
    public var triesLeft: Int { SLE4442Session.triesLeft(counter: counter) }

    /// The answer to reset.
    public var answerToReset: [UInt8] {
        kind == .sle4442 ? SLE4442Session.answerToReset : [0x3B, 0x02, 0x14, 0x50]
    }

    /// Power-off: the presented code is forgotten.
    public mutating func powerOff() {
        isUnlocked = false
    }

    /// Compares `candidate` with the code, by the card's rules.
    /// - Returns: whether it was right (never with no tries left).
    public mutating func present(_ candidate: [UInt8]) -> Bool {
        guard counter != 0 else { return false }
        if candidate == code {
            counter = 0x07
            isUnlocked = true
            return true
        }
        // Clear the highest set bit: one try fewer.
        var bit: UInt8 = 0x04
        while counter & bit == 0 { bit >>= 1 }
        counter &= ~bit
        isUnlocked = false
        return false
    }

    /// Writes what the card lets through: nothing before the code was presented; protected bytes
    /// stay as they are.
    public mutating func write(_ bytes: [UInt8], at address: Int) {
        guard isUnlocked else { return }
        for (offset, byte) in bytes.enumerated() {
            let index = address + offset
            if index < 32 && writable & (1 << UInt32(index)) == 0 { continue }
            memory[index] = byte
        }
    }

    /// Changes the code, if it was presented.
    public mutating func changeCode(to newCode: [UInt8]) {
        guard isUnlocked else { return }
        code = newCode
    }

    /// The 4 protection bytes, bit clear = protected.
    public var protectionBytes: [UInt8] {
        [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: writable >> UInt32($0)) }
    }

    /// The security memory as read: the counter, and the code only once presented.
    public var securityBytes: [UInt8] {
        [counter] + (isUnlocked ? code : [0, 0, 0])
    }
}
