/// What went wrong talking to a card reader or the card in it, with the facts a person needs.
///
/// The line itself (opening the port, a hang-up) fails with `SerialPortError`; these are the
/// reader's and the card's failures.
public enum CardReaderError: ClassifiedError, Equatable {
    /// The reader did not answer in time (switched off, wrong port, wrong speed, stalled).
    case noAnswer(port: String, milliseconds: Int, instruction: String)
    /// A reply that did not decode (noise, a dropped byte, a bad checksum).
    case badReply(port: String, reason: String)
    /// A reply that decoded but makes no sense for the command.
    case unexpectedReply(port: String, instruction: String, detail: String)
    /// The reader refused a command frame it could not decode (the line corrupts what is sent).
    case commandGarbled(port: String)
    /// A status byte this driver does not know.
    case readerStatus(port: String, status: UInt8, instruction: String)
    /// No card in the reader.
    case noCard(port: String)
    /// The card left the reader while a command ran.
    case cardRemoved(port: String, instruction: String)
    /// A card that is not an SLE4442-class memory card.
    case wrongCardType(found: String)
    /// The card refused the code; tries left afterwards.
    case codeRefused(triesLeft: Int)
    /// The card's error counter is below 3, so the driver will not present a code (a wrong one more
    /// could lock it for good).
    case codeTriesUsed(triesLeft: Int)
    /// The error counter is at zero: the card can never be written again.
    case cardLocked
    /// A write needs the code presented first.
    case notUnlocked
    /// What was read back after a write differs from what was written, from `address` on.
    case writeNotTaken(address: Int)
    /// The card did not take a new code.
    case codeNotChanged

    public var failureKind: FailureKind {
        switch self {
        case .noAnswer, .badReply, .unexpectedReply, .commandGarbled, .readerStatus, .noCard, .cardRemoved, .writeNotTaken, .codeNotChanged:
            return .deviceUnavailable
        case .wrongCardType, .codeRefused, .codeTriesUsed, .cardLocked, .notUnlocked:
            return .refused
        }
    }

    public var description: String {
        switch self {
        case .noAnswer(let port, let milliseconds, let instruction):
            return "the card reader on \(port) did not answer (\(instruction)) within \(SerialPortError.seconds(milliseconds)): "
                + "is it connected, switched on and set to the same speed?"
        case .badReply(let port, let reason):
            return "the card reader on \(port) sent a reply that does not decode: \(reason)"
        case .unexpectedReply(let port, let instruction, let detail):
            return "the card reader on \(port) gave an unexpected reply to \(instruction): \(detail)"
        case .commandGarbled(let port):
            return "the card reader on \(port) received a garbled command (the line corrupts what is sent)"
        case .readerStatus(let port, let status, let instruction):
            return "the card reader on \(port) answered \(instruction) with status 0x\(Hex.byte(status)), which wbill does not know"
        case .noCard(let port):
            return "no card in the reader on \(port)"
        case .cardRemoved(let port, let instruction):
            return "the card was taken out of the reader on \(port) during \(instruction)"
        case .wrongCardType(let found):
            return "the card in the reader is a \(found), not an SLE4442 memory card"
        case .codeRefused(let triesLeft):
            return "the card refused the security code: \(triesLeft) of 3 tries left; it is not this utility's card, or not a blank one"
        case .codeTriesUsed(let triesLeft):
            return "the card has \(triesLeft) of 3 security code tries left, so no code is presented to it "
                + "(a wrong one could lock it for good); it was tried elsewhere with a wrong code"
        case .cardLocked:
            return "the card is locked for good (3 wrong security codes): it can be read but never written"
        case .notUnlocked:
            return "the card cannot be written before its security code is presented"
        case .writeNotTaken(let address):
            return "the card did not keep what was written (it differs from byte \(address) on): protected, or taken out"
        case .codeNotChanged:
            return "the card did not take its new security code"
        }
    }
}
