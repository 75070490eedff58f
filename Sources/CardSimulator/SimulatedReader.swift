import WBillSupport

/// The reader's side of the protocol: takes a command frame, acts on the card slot, and answers —
/// with the faults that are switched on. Nothing here touches a file descriptor, so tests can drive
/// it directly; `Simulator` connects it to a pseudo-terminal.
public final class SimulatedReader {
    /// What the reader calls itself in a get-status reply.
    public static let firmware = "ACR30-SIM 1.0"

    /// The card in the slot and the file it is kept in, if any.
    public private(set) var card: SimulatedCard?
    /// Where the card in the slot is saved after each change (nil: kept in memory only).
    public private(set) var imagePath: String?
    /// Faults switched on.
    public var faults = ReaderFaults()
    private var powered = false
    private var selectedType = ReaderCardType.sle4442
    /// Saves a card image; replaced in tests.
    var saveImage: (SimulatedCard, String) throws -> Void = { try CardImage.save($0, to: $1) }
    /// A problem saving the card image, for the log.
    public private(set) var lastSaveError: String?

    /// An empty reader.
    public init() {}

    /// Whether the card is powered.
    public var isPowered: Bool { powered }

    /// Puts `card` in the slot, kept in `path` when given.
    public func insert(_ card: SimulatedCard, keptIn path: String?) {
        self.card = card
        imagePath = path
        powered = false
    }

    /// Takes the card out.
    public func remove() {
        card = nil
        imagePath = nil
        powered = false
    }

    /// Replaces the card in the slot after the meter side changed it, and saves it.
    public func update(_ changed: SimulatedCard) {
        card = changed
        save()
    }

    /// The reply frame to `command`, or nil when the reader is stalled.
    public func answer(_ command: ReaderFrame) -> ReaderFrame? {
        guard !faults.stalled else { return nil }
        guard let instruction = ReaderInstruction(rawValue: command.code) else { return reply(.unknownInstruction) }
        let data = command.data
        switch instruction {
        case .getStatus:
            let type = card.map { $0.kind == .sle4442 ? ReaderCardType.sle4442 : .microprocessor } ?? .unknown
            return reply(.ok, [card == nil ? 0 : 1, type.rawValue] + Array(SimulatedReader.firmware.utf8))
        case .selectCardType:
            guard data.count == 1, let type = ReaderCardType(rawValue: data[0]) else { return reply(.badCommand) }
            selectedType = type
            return reply(.ok)
        case .powerOn:
            guard let card else { return reply(.noCard) }
            guard (card.kind == .sle4442) == (selectedType == .sle4442) else { return reply(.wrongCardType) }
            powered = true
            self.card?.powerOff()
            return reply(.ok, card.answerToReset)
        case .powerOff:
            powered = false
            card?.powerOff()
            return reply(.ok)
        default:
            return memoryCommand(instruction, data)
        }
    }

    /// What a garbled command gets.
    public func answerGarbled() -> ReaderFrame? {
        faults.stalled ? nil : reply(.badCommand)
    }

    /// The bytes `reply` goes down the line as, with the faults applied (each once).
    public func wire(_ reply: ReaderFrame) -> [UInt8] {
        var wire = reply.wire
        if faults.corruptNextChecksum {
            faults.corruptNextChecksum = false
            // The checksum's last hex digit, just before ETX.
            let index = wire.count - 2
            wire[index] = wire[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        }
        if faults.dropBytes > 0 {
            faults.dropBytes -= 1
            wire.remove(at: wire.count / 2)
        }
        if faults.noiseBeforeNextReply {
            faults.noiseBeforeNextReply = false
            wire = Array("\r\n~noise\u{7F}".utf8) + [0x00, 0xFF, 0x13] + wire
        }
        return wire
    }

    private func memoryCommand(_ instruction: ReaderInstruction, _ data: [UInt8]) -> ReaderFrame? {
        guard var card else { return reply(.noCard) }
        guard card.kind == .sle4442 else { return reply(.wrongCardType) }
        guard powered else { return reply(.notPowered) }
        switch instruction {
        case .readMemory:
            guard data.count == 2 else { return reply(.badCommand) }
            let address = Int(data[0]), count = Int(data[1])
            guard address + count <= SimulatedCard.size else { return reply(.outOfRange) }
            return reply(.ok, Array(card.memory[address..<(address + count)]))
        case .writeMemory:
            guard !data.isEmpty else { return reply(.badCommand) }
            let address = Int(data[0])
            var bytes = Array(data.dropFirst())
            guard address + bytes.count <= SimulatedCard.size else { return reply(.outOfRange) }
            if let pull = faults.pullDuringWrite {
                if pull <= 1 {
                    faults.pullDuringWrite = nil
                    bytes = Array(bytes.prefix(bytes.count / 2))
                    card.write(bytes, at: address)
                    self.card = card
                    save()
                    remove()
                    return reply(.cardRemoved)
                }
                faults.pullDuringWrite = pull - 1
            }
            card.write(bytes, at: address)
            self.card = card
            save()
            if let stall = faults.stallAfterWrite {
                faults.stallAfterWrite = stall <= 1 ? nil : stall - 1
                if stall <= 1 {
                    faults.stalled = true
                    return nil
                }
            }
            return reply(.ok)
        case .readProtection:
            return reply(.ok, card.protectionBytes)
        case .readSecurity:
            return reply(.ok, card.securityBytes)
        case .presentCode:
            guard data.count == 3 else { return reply(.badCommand) }
            guard card.counter != 0 else { return reply(.cardLocked) }
            let right = card.present(data)
            self.card = card
            save()
            return right ? reply(.ok, [card.counter]) : reply(.codeRefused, [card.counter])
        case .changeCode:
            guard data.count == 3 else { return reply(.badCommand) }
            card.changeCode(to: data)
            self.card = card
            save()
            return reply(.ok)
        default:
            return reply(.unknownInstruction)
        }
    }

    private func save() {
        guard let card, let imagePath else { return }
        do {
            try saveImage(card, imagePath)
            lastSaveError = nil
        } catch {
            lastSaveError = "cannot save the card to \(imagePath): \(error)"
        }
    }

    private func reply(_ status: ReaderStatus, _ data: [UInt8] = []) -> ReaderFrame {
        ReaderFrame(code: status.rawValue, data: data)
    }
}
