/// The instructions of the reader protocol (the CODE of a command frame) that wbill uses for
/// SLE4442-class memory cards, after the ACS ACR30 family's command set.
public enum ReaderInstruction: UInt8, Sendable, CaseIterable {
    /// Is a card in, of which type? Reply: `present (0/1), card type, firmware (ASCII)…`.
    case getStatus = 0x01
    /// Selects the card type the next power-on expects. Data: `card type`.
    case selectCardType = 0x02
    /// Powers the card and resets it. Reply: the answer to reset.
    case powerOn = 0x80
    /// Powers the card off (a memory card forgets a presented code).
    case powerOff = 0x81
    /// Reads main memory. Data: `address, count`. Reply: the bytes.
    case readMemory = 0x90
    /// Writes main memory. Data: `address, bytes…`. A byte that is protected, or any byte before the
    /// code was presented, stays as it was: the card does not say so, only reading back tells.
    case writeMemory = 0x91
    /// Reads the 32 protection bits of bytes 0–31. Reply: 4 bytes, bit clear = byte protected for good.
    case readProtection = 0x92
    /// Reads the security memory. Reply: `error counter, code…` (the code reads as zeros until presented).
    case readSecurity = 0x94
    /// Presents the programmable security code. Data: 3 bytes. Reply: the error counter afterwards.
    case presentCode = 0x95
    /// Changes the code (only once the right one was presented). Data: 3 bytes.
    case changeCode = 0x96
}

/// The status byte of a reply frame (its CODE).
public enum ReaderStatus: UInt8, Sendable, CaseIterable {
    /// Done.
    case ok = 0x90
    /// No card in the reader.
    case noCard = 0x60
    /// The card left the reader while the command ran.
    case cardRemoved = 0x61
    /// The card has not been powered on since it went in.
    case notPowered = 0x62
    /// The code was wrong; the data is the error counter afterwards.
    case codeRefused = 0x63
    /// The error counter is at zero: the card is read-only for good.
    case cardLocked = 0x64
    /// The card did not answer as the selected type.
    case wrongCardType = 0x65
    /// An address or count outside the card's memory.
    case outOfRange = 0x66
    /// The reader does not know the instruction.
    case unknownInstruction = 0x6E
    /// The reader got a command frame it could not decode (checksum, length).
    case badCommand = 0x6F
}

/// The card types the reader reports and selects.
public enum ReaderCardType: UInt8, Sendable, CaseIterable {
    /// No card, or one the reader cannot tell.
    case unknown = 0x00
    /// A microprocessor card (T=0), which wbill does not use.
    case microprocessor = 0x01
    /// An SLE4442-class memory card: 256 bytes, a 3-byte code, 3 tries.
    case sle4442 = 0x05

    /// How messages name it.
    public var name: String {
        switch self {
        case .unknown: return "unknown card"
        case .microprocessor: return "microprocessor (T=0) card"
        case .sle4442: return "SLE4442 memory card"
        }
    }
}
