/// A byte line to a card reader: what `CardReader` needs of a serial port (which is one).
public protocol ReaderLine: AnyObject {
    /// The port's name for messages.
    var path: String { get }
    /// Writes all of `bytes` before `deadline`.
    func send(_ bytes: [UInt8], before deadline: Deadline) throws(SerialPortError)
    /// Waits for some bytes until `deadline`.
    func receive(before deadline: Deadline, limit: Int) throws(SerialPortError) -> [UInt8]
    /// Drops bytes received and not read.
    func discardInput()
}

extension SerialPort: ReaderLine {}

/// What the reader says about itself and the card slot.
public struct ReaderState: Sendable, Equatable {
    /// Whether a card is in.
    public let cardPresent: Bool
    /// The type of the card in it.
    public let cardType: ReaderCardType
    /// The reader's own name and version, as it reports them.
    public let firmware: String

    /// A state as a reader reports it.
    public init(cardPresent: Bool, cardType: ReaderCardType, firmware: String) {
        self.cardPresent = cardPresent
        self.cardType = cardType
        self.firmware = firmware
    }
}

/// A reply whose status is not OK, with its data (a refused code's error counter).
public struct ReaderReply: Sendable, Equatable {
    /// The status byte.
    public let status: UInt8
    /// The data.
    public let data: [UInt8]
}

/// The ACR30-style reader protocol over a line: one command, one reply, each reply awaited for at
/// most `replyTimeoutMilliseconds`; noise before a reply is skipped, a reply that does not decode
/// or a silent reader is an error, never a wait without end.
///
/// It never repeats a command by itself: a presented code counts against the card even when its
/// reply is lost.
public final class CardReader {
    /// The line.
    public let line: any ReaderLine
    /// How long a reply may take.
    public let replyTimeoutMilliseconds: Int
    /// How long sending a command may take (a line with flow control held).
    public let sendTimeoutMilliseconds = 1000

    /// A reader on `line`.
    public init(line: any ReaderLine, replyTimeoutMilliseconds: Int = 2000) {
        self.line = line
        self.replyTimeoutMilliseconds = replyTimeoutMilliseconds
    }

    /// The port's name.
    public var port: String { line.path }

    /// Sends `instruction` with `data` and returns the reply's data when its status is OK.
    /// - Throws: `CardReaderError` for a silent reader, a reply that does not decode, and each status
    ///   that is not OK (`noCard`, `cardRemoved`, …); `SerialPortError` when the line fails.
    public func run(_ instruction: ReaderInstruction, _ data: [UInt8] = []) throws -> [UInt8] {
        let reply = try exchange(instruction, data)
        guard reply.status != ReaderStatus.ok.rawValue else { return reply.data }
        throw error(for: reply, instruction: instruction)
    }

    /// Sends `instruction` and returns its reply whatever the status, for a caller that handles some
    /// statuses itself (a refused code).
    /// - Throws: `CardReaderError` for a silent reader or a reply that does not decode; `SerialPortError`.
    public func exchange(_ instruction: ReaderInstruction, _ data: [UInt8] = []) throws -> ReaderReply {
        line.discardInput()
        try line.send(ReaderFrame(code: instruction.rawValue, data: data).wire,
                      before: Deadline(millisecondsFromNow: sendTimeoutMilliseconds))
        let deadline = Deadline(millisecondsFromNow: replyTimeoutMilliseconds)
        var scanner = ReaderFrameScanner()
        while true {
            for byte in try receive(before: deadline, answering: instruction) {
                switch scanner.feed(byte) {
                case nil: continue
                case .failure(let reason)?: throw CardReaderError.badReply(port: port, reason: reason.description)
                case .success(let frame)?:
                    if frame.code == ReaderStatus.badCommand.rawValue { throw CardReaderError.commandGarbled(port: port) }
                    return ReaderReply(status: frame.code, data: frame.data)
                }
            }
        }
    }

    /// Some bytes from the line; a time-out is the reader not answering `instruction`.
    private func receive(before deadline: Deadline, answering instruction: ReaderInstruction) throws -> [UInt8] {
        let result = Result { () throws(SerialPortError) -> [UInt8] in try line.receive(before: deadline, limit: 1024) }
        switch result {
        case .success(let bytes):
            return bytes
        case .failure(.timedOut):
            throw CardReaderError.noAnswer(port: port, milliseconds: replyTimeoutMilliseconds, instruction: instruction.name)
        case .failure(let error):
            throw error
        }
    }

    /// Whether a card is in, its type and the reader's firmware.
    public func state() throws -> ReaderState {
        let data = try run(.getStatus)
        guard data.count >= 2 else {
            throw CardReaderError.unexpectedReply(port: port, instruction: ReaderInstruction.getStatus.name,
                                                  detail: "\(data.count) bytes instead of at least 2")
        }
        let firmware = String(decoding: data.dropFirst(2).filter { $0 >= 0x20 && $0 < 0x7F }, as: UTF8.self)
        return ReaderState(cardPresent: data[0] != 0, cardType: ReaderCardType(rawValue: data[1]) ?? .unknown, firmware: firmware)
    }

    /// The error for a reply whose status is not OK.
    public func error(for reply: ReaderReply, instruction: ReaderInstruction) -> CardReaderError {
        switch ReaderStatus(rawValue: reply.status) {
        case .noCard?: return .noCard(port: port)
        case .cardRemoved?: return .cardRemoved(port: port, instruction: instruction.name)
        case .wrongCardType?: return .wrongCardType(found: ReaderCardType.unknown.name)
        case .cardLocked?: return .cardLocked
        case .codeRefused?: return .codeRefused(triesLeft: SLE4442Session.triesLeft(counter: reply.data.first ?? 0))
        case .badCommand?: return .commandGarbled(port: port)
        case .notPowered?, .outOfRange?, .unknownInstruction?, .ok?, nil:
            return .readerStatus(port: port, status: reply.status, instruction: instruction.name)
        }
    }
}

extension ReaderInstruction {
    /// How messages name the instruction.
    public var name: String {
        switch self {
        case .getStatus: return "get status"
        case .selectCardType: return "select card type"
        case .powerOn: return "power on"
        case .powerOff: return "power off"
        case .readMemory: return "read"
        case .writeMemory: return "write"
        case .readProtection: return "read protection"
        case .readSecurity: return "read error counter"
        case .presentCode: return "present code"
        case .changeCode: return "change code"
        }
    }
}
