/// An SLE4442-class memory card in a reader, powered on: read, write (read back and compared),
/// present the security code — only to a card with all 3 tries left — and change it.
///
/// The card's rules (public datasheet): 256 bytes of main memory readable at any time; bytes 0–31
/// can each be protected for good; writing needs the 3-byte code presented since power-on; a
/// wrong code clears one of the 3 bits of the error counter, a right one sets all 3 again; with
/// none left the card is read-only for ever. A driver that presents a code to a card with fewer
/// than 3 tries left risks locking a card it may not own, so this one never does.
///
/// ```swift
/// let card = try SLE4442Session.start(on: reader)
/// defer { card.powerOff() }
/// let memory = try card.readAll()
/// ```
public final class SLE4442Session {
    /// Main memory size in bytes.
    public static let memorySize = 256
    /// The answer to reset of an SLE4442.
    public static let answerToReset: [UInt8] = [0xA2, 0x13, 0x10, 0x91]
    /// The code a blank card comes with.
    public static let factoryCode: [UInt8] = [0xFF, 0xFF, 0xFF]
    /// Tries a card has when no wrong code was presented since the last right one.
    public static let allTries = 3
    /// Bytes per read command.
    static let readChunk = 128
    /// Bytes per write command.
    static let writeChunk = 64

    /// The reader.
    public let reader: CardReader
    /// The card's answer to reset.
    public let answerToReset: [UInt8]
    /// Whether the right code was presented since power-on.
    public private(set) var isUnlocked = false
    private var powered = true

    private init(reader: CardReader, answerToReset: [UInt8]) {
        self.reader = reader
        self.answerToReset = answerToReset
    }

    /// Checks a card is in and is an SLE4442, and powers it on.
    /// - Throws: `CardReaderError.noCard`, `.wrongCardType`, and what the reader's commands throw.
    public static func start(on reader: CardReader) throws -> SLE4442Session {
        let state = try reader.state()
        guard state.cardPresent else { throw CardReaderError.noCard(port: reader.port) }
        guard state.cardType == .sle4442 else { throw CardReaderError.wrongCardType(found: state.cardType.name) }
        _ = try reader.run(.selectCardType, [ReaderCardType.sle4442.rawValue])
        let answer = try reader.run(.powerOn)
        guard answer == SLE4442Session.answerToReset else {
            _ = try? reader.run(.powerOff)
            throw CardReaderError.wrongCardType(found: "card answering \(Hex.bytes(answer))")
        }
        return SLE4442Session(reader: reader, answerToReset: answer)
    }

    /// Reads `count` bytes from `address`.
    public func read(from address: Int, count: Int) throws -> [UInt8] {
        precondition(address >= 0 && count >= 0 && address + count <= SLE4442Session.memorySize, "outside the card's memory")
        var bytes: [UInt8] = []
        var next = address
        while next < address + count {
            let size = min(SLE4442Session.readChunk, address + count - next)
            let chunk = try reader.run(.readMemory, [UInt8(next), UInt8(size)])
            guard chunk.count == size else {
                throw CardReaderError.unexpectedReply(port: reader.port, instruction: ReaderInstruction.readMemory.name,
                                                      detail: "\(chunk.count) bytes instead of \(size)")
            }
            bytes += chunk
            next += size
        }
        return bytes
    }

    /// The whole main memory.
    public func readAll() throws -> [UInt8] {
        try read(from: 0, count: SLE4442Session.memorySize)
    }

    /// Writes `bytes` at `address`, then reads them back and compares.
    /// - Throws: `CardReaderError.notUnlocked` before the code was presented, `.writeNotTaken`
    ///   naming the first byte that differs, `.cardRemoved` when the card is pulled meanwhile.
    public func write(_ bytes: [UInt8], at address: Int) throws {
        precondition(address >= 0 && address + bytes.count <= SLE4442Session.memorySize, "outside the card's memory")
        guard isUnlocked else { throw CardReaderError.notUnlocked }
        var offset = 0
        while offset < bytes.count {
            let size = min(SLE4442Session.writeChunk, bytes.count - offset)
            _ = try reader.run(.writeMemory, [UInt8(address + offset)] + bytes[offset..<(offset + size)])
            offset += size
        }
        let back = try read(from: address, count: bytes.count)
        if let first = bytes.indices.first(where: { back[$0] != bytes[$0] }) {
            throw CardReaderError.writeNotTaken(address: address + first)
        }
    }

    /// The 32 protection bits of bytes 0–31: `true` for a byte protected for good.
    public func protectedBytes() throws -> [Bool] {
        let bits = try reader.run(.readProtection)
        guard bits.count == 4 else {
            throw CardReaderError.unexpectedReply(port: reader.port, instruction: ReaderInstruction.readProtection.name,
                                                  detail: "\(bits.count) bytes instead of 4")
        }
        return (0..<32).map { bits[$0 / 8] & (1 << ($0 % 8)) == 0 }
    }

    /// Security code tries left: 3 unless wrong codes were presented since the last right one.
    public func triesLeft() throws -> Int {
        let security = try reader.run(.readSecurity)
        guard let counter = security.first else {
            throw CardReaderError.unexpectedReply(port: reader.port, instruction: ReaderInstruction.readSecurity.name, detail: "no error counter")
        }
        return SLE4442Session.triesLeft(counter: counter)
    }

    /// Presents `code` so that the card can be written — only when all 3 tries are left.
    /// - Throws: `CardReaderError.codeTriesUsed` (nothing presented) when fewer are left, `.cardLocked`
    ///   when none are, `.codeRefused` with the tries left when the card refuses it.
    public func unlock(with code: [UInt8]) throws {
        precondition(code.count == 3, "an SLE4442 code is 3 bytes")
        if isUnlocked { return }
        let tries = try triesLeft()
        guard tries > 0 else { throw CardReaderError.cardLocked }
        guard tries == SLE4442Session.allTries else { throw CardReaderError.codeTriesUsed(triesLeft: tries) }
        let reply = try reader.exchange(.presentCode, code)
        switch ReaderStatus(rawValue: reply.status) {
        case .ok?:
            isUnlocked = true
        case .codeRefused?:
            throw CardReaderError.codeRefused(triesLeft: SLE4442Session.triesLeft(counter: reply.data.first ?? 0))
        default:
            throw reader.error(for: reply, instruction: .presentCode)
        }
    }

    /// Gives the card a new code (after `unlock`), and checks it took it.
    /// - Throws: `CardReaderError.notUnlocked`, `.codeNotChanged`.
    public func changeCode(to code: [UInt8]) throws {
        precondition(code.count == 3, "an SLE4442 code is 3 bytes")
        guard isUnlocked else { throw CardReaderError.notUnlocked }
        _ = try reader.run(.changeCode, code)
        let security = try reader.run(.readSecurity)
        guard Array(security.dropFirst().prefix(3)) == code else { throw CardReaderError.codeNotChanged }
    }

    /// Powers the card off (it forgets the presented code); errors are ignored, the session is over.
    public func powerOff() {
        guard powered else { return }
        powered = false
        isUnlocked = false
        _ = try? reader.run(.powerOff)
    }

    /// Tries left for an error counter byte: its 3 low bits set.
    public static func triesLeft(counter: UInt8) -> Int {
        (counter & 0x07).nonzeroBitCount
    }
}
