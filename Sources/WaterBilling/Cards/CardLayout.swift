import WBillSupport

/// The card layout, version 1: where each field of a wbill card sits in an SLE4442's 256 bytes.
/// Integers are unsigned and big-endian; text is ASCII padded with NUL; volumes are whole
/// thousandths of the utility's volume unit; each area ends with the CRC-32 of its bytes.
///
///     0–31     the manufacturer's area (answer to reset, chip serial): never written by wbill
///     32–35    "WBIC"
///     36       layout version: 1
///     37       card kind: 1 customer card
///     38–41    utility code
///     42–45    card number
///     46–47    replacement count
///     48–67    account number (20 bytes)
///     68–131   meter serial (64 bytes)
///     132–135  CRC-32 of 32–131                       (the identity area)
///     136–139  purchase sequence
///     140–143  purchased volume
///     144–151  cumulative purchases
///     152–155  CRC-32 of 136–151                      (the purchase area)
///     156–175  copy of 136–155                        (the purchase area's copy)
///     176–179  remaining credit
///     180–187  cumulative use
///     188–189  meter status word
///     190–193  last purchase sequence consumed
///     194–197  CRC-32 of 176–193                      (the meter's write-back area)
///     198–255  unused
///
/// The counter writes a purchase into the area first and the copy second, so a write that stops
/// half-way leaves one of them whole: the area when it stopped in the copy, the copy (the purchase
/// before) when it stopped in the area. The meter writes only its write-back area.
public enum CardLayout {
    /// The version this build writes and reads.
    public static let version = 1
    /// The bytes that mark a wbill card.
    public static let magic: [UInt8] = Array("WBIC".utf8)

    /// The first byte wbill writes.
    public static let start = 32
    /// The identity area, its CRC included.
    public static let identity = 32..<136
    /// The purchase area, its CRC included.
    public static let purchase = 136..<156
    /// The purchase area's copy.
    public static let purchaseCopy = 156..<176
    /// The meter's write-back area, its CRC included.
    public static let writeBack = 176..<198
    /// The longest account number a card holds.
    public static let accountNumberLength = 20
    /// The longest meter serial a card holds.
    public static let meterSerialLength = 64
    /// The largest volume a 4-byte field holds, in thousandths.
    public static let largestShortVolume = Int64(UInt32.max)

    // MARK: - Encoding

    /// The identity area's bytes (`identity`), CRC included.
    /// - Throws: `CardError.doesNotFit` for an account number or serial too long or not ASCII.
    public static func encode(_ identity: CardIdentity) throws -> [UInt8] {
        var bytes = magic + [UInt8(version), identity.kind.rawValue]
        bytes += bigEndian(UInt64(identity.utilityCode), 4) + bigEndian(UInt64(identity.cardNumber), 4)
        bytes += bigEndian(UInt64(identity.replacementCount), 2)
        bytes += try text(identity.accountNumber, field: "account number", length: accountNumberLength)
        bytes += try text(identity.meterSerial, field: "meter serial", length: meterSerialLength)
        return withCRC(bytes)
    }

    /// The purchase area's bytes (`purchase`, and the same again for `purchaseCopy`), CRC included.
    /// - Throws: `CardError.doesNotFit` for a negative volume or one beyond its field.
    public static func encode(_ purchase: CardPurchase) throws -> [UInt8] {
        var bytes = bigEndian(UInt64(purchase.sequence), 4)
        bytes += try volume(purchase.volume, field: "purchased volume", bytes: 4)
        bytes += try volume(purchase.cumulative, field: "cumulative purchases", bytes: 8)
        return withCRC(bytes)
    }

    /// The write-back area's bytes (`writeBack`), CRC included.
    /// - Throws: `CardError.doesNotFit` for a negative volume or one beyond its field.
    public static func encode(_ writeBack: MeterWriteBack) throws -> [UInt8] {
        var bytes = try volume(writeBack.remaining, field: "remaining credit", bytes: 4)
        bytes += try volume(writeBack.cumulativeUse, field: "cumulative use", bytes: 8)
        bytes += bigEndian(UInt64(writeBack.status), 2) + bigEndian(UInt64(writeBack.lastSequenceConsumed), 4)
        return withCRC(bytes)
    }

    /// `memory` with every area of `record` written in (the purchase twice), the rest as it was.
    public static func image(of record: CardRecord, over memory: [UInt8]) throws -> [UInt8] {
        precondition(memory.count == SLE4442Session.memorySize, "a card holds 256 bytes")
        var image = memory
        image.replaceSubrange(identity, with: try encode(record.identity))
        let purchaseBytes = try encode(record.purchase)
        image.replaceSubrange(purchase, with: purchaseBytes)
        image.replaceSubrange(purchaseCopy, with: purchaseBytes)
        if let writeBack = record.writeBack { image.replaceSubrange(self.writeBack, with: try encode(writeBack)) }
        return image
    }

    // MARK: - Decoding

    /// What the 256 bytes of a card hold.
    /// - Throws: `CardError.unsupportedLayoutVersion`, `.unknownCardKind`, `.damaged` (the identity
    ///   area, or the purchase area and its copy both).
    public static func decode(_ memory: [UInt8]) throws -> CardContents {
        precondition(memory.count == SLE4442Session.memorySize, "a card holds 256 bytes")
        if memory[start...].allSatisfy({ $0 == 0xFF }) { return .blank }
        guard Array(memory[start..<(start + 4)]) == magic else { return .foreign }
        let version = Int(memory[36])
        guard version == CardLayout.version else { throw CardError.unsupportedLayoutVersion(found: version, known: CardLayout.version) }
        guard hasValidCRC(memory[identity]) else { throw CardError.damaged(area: "identity area") }
        guard let kind = CardKind(rawValue: memory[37]) else { throw CardError.unknownCardKind(memory[37]) }
        let identity = CardIdentity(
            kind: kind, utilityCode: UInt32(number(memory, 38, 4)), cardNumber: UInt32(number(memory, 42, 4)),
            replacementCount: UInt16(number(memory, 46, 2)), accountNumber: text(memory[48..<68]), meterSerial: text(memory[68..<132]))
        let area = hasValidCRC(memory[purchase]) ? try decodePurchase(memory, at: purchase.lowerBound) : nil
        let copy = hasValidCRC(memory[purchaseCopy]) ? try decodePurchase(memory, at: purchaseCopy.lowerBound) : nil
        let chosen: CardPurchase
        let state: PurchaseAreaState
        switch (area, copy) {
        case (let area?, let copy?) where area == copy: (chosen, state) = (area, .whole)
        case (let area?, _): (chosen, state) = (area, .copyBehind)
        case (nil, let copy?): (chosen, state) = (copy, .areaTorn)
        case (nil, nil): throw CardError.damaged(area: "purchase area and its copy")
        }
        var writeBack: MeterWriteBack?
        if hasValidCRC(memory[self.writeBack]) {
            writeBack = MeterWriteBack(remaining: Volume(litres: number(memory, 176, 4)), cumulativeUse: try decodedVolume(memory, 180, 8, "cumulative use"),
                                       status: UInt16(number(memory, 188, 2)), lastSequenceConsumed: UInt32(number(memory, 190, 4)))
        }
        return .wbill(CardRecord(identity: identity, purchase: chosen, purchaseState: state, writeBack: writeBack))
    }

    /// The utility code and card number of what looks like a wbill card of this layout version,
    /// read without checking the identity area's CRC: what an opening that stopped half-way left.
    public static func peekCardNumber(_ memory: [UInt8]) -> (utilityCode: UInt32, cardNumber: UInt32)? {
        guard memory.count == SLE4442Session.memorySize, Array(memory[start..<(start + 4)]) == magic,
              Int(memory[36]) == version else { return nil }
        return (UInt32(number(memory, 38, 4)), UInt32(number(memory, 42, 4)))
    }

    private static func decodePurchase(_ memory: [UInt8], at offset: Int) throws -> CardPurchase {
        CardPurchase(sequence: UInt32(number(memory, offset, 4)), volume: Volume(litres: number(memory, offset + 4, 4)),
                     cumulative: try decodedVolume(memory, offset + 8, 8, "cumulative purchases"))
    }

    // MARK: - Fields

    private static func withCRC(_ bytes: [UInt8]) -> [UInt8] {
        bytes + bigEndian(UInt64(CRC32.checksum(bytes)), 4)
    }

    private static func hasValidCRC(_ area: ArraySlice<UInt8>) -> Bool {
        let body = area.dropLast(4)
        return UInt32(number(Array(area), area.count - 4, 4)) == CRC32.checksum(body)
    }

    private static func bigEndian(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// The unsigned big-endian number in `count` bytes (at most 4, so that it fits in Int64 as is).
    private static func number(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int64 {
        precondition(count <= 4)
        return bytes[offset..<(offset + count)].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }

    /// An 8-byte volume, refused beyond what a `Volume` holds.
    private static func decodedVolume(_ bytes: [UInt8], _ offset: Int, _ count: Int, _ field: String) throws -> Volume {
        let value = bytes[offset..<(offset + count)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard value <= UInt64(Int64.max) else { throw CardError.damaged(area: "\(field) field") }
        return Volume(litres: Int64(value))
    }

    private static func volume(_ volume: Volume, field: String, bytes count: Int) throws -> [UInt8] {
        guard !volume.isNegative else { throw CardError.doesNotFit(field: field, value: volume.description, reason: "it is negative") }
        if count == 4 && volume.litres > largestShortVolume {
            throw CardError.doesNotFit(field: field, value: volume.description,
                                       reason: "at most \(Volume(litres: largestShortVolume)) in one field")
        }
        return bigEndian(UInt64(volume.litres), count)
    }

    private static func text(_ value: String, field: String, length: Int) throws -> [UInt8] {
        let bytes = Array(value.utf8)
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw CardError.doesNotFit(field: field, value: value, reason: "only printable ASCII is written on a card")
        }
        guard bytes.count <= length else {
            throw CardError.doesNotFit(field: field, value: value, reason: "at most \(length) characters")
        }
        return bytes + [UInt8](repeating: 0, count: length - bytes.count)
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}
