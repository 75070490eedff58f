/// One frame of the ACR30-style reader protocol: a command to the reader or its reply.
///
/// The bytes are `01 CODE LEN DATA… CHK`: CODE is the instruction in a command and the status in a
/// reply, LEN the number of DATA bytes (0–255), CHK the XOR of every byte before it. On the wire
/// each byte travels as two upper-case ASCII hex digits between STX (0x02) and ETX (0x03):
///
/// ```swift
/// ReaderFrame(code: 0x01).wire          // STX "010100" + "00" ETX: get status, no data
/// String(decoding: ReaderFrame(code: 0x90, data: [0xA2]).wire, as: UTF8.self)  // "\u{2}019001A232\u{3}"
/// ```
public struct ReaderFrame: Sendable, Equatable {
    /// Start of text, before a frame's hex digits.
    public static let start: UInt8 = 0x02
    /// End of text, after them.
    public static let end: UInt8 = 0x03
    /// The first byte of every frame.
    public static let header: UInt8 = 0x01
    /// The most data bytes one frame carries.
    public static let maximumDataLength = 255
    /// The most hex digits between STX and ETX.
    static let maximumTextLength = 2 * (4 + maximumDataLength)

    /// The instruction (command) or status (reply).
    public let code: UInt8
    /// The data bytes.
    public let data: [UInt8]

    /// A frame; `data` holds at most `maximumDataLength` bytes.
    public init(code: UInt8, data: [UInt8] = []) {
        precondition(data.count <= ReaderFrame.maximumDataLength, "a reader frame carries at most 255 data bytes")
        self.code = code
        self.data = data
    }

    /// `01 CODE LEN DATA… CHK`.
    public var bytes: [UInt8] {
        var bytes = [ReaderFrame.header, code, UInt8(data.count)] + data
        bytes.append(ReaderFrame.checksum(bytes))
        return bytes
    }

    /// STX, the bytes as upper-case hex digits, ETX: what goes down the line.
    public var wire: [UInt8] {
        var wire = [ReaderFrame.start]
        for byte in bytes {
            wire.append(ReaderFrame.hexDigits[Int(byte >> 4)])
            wire.append(ReaderFrame.hexDigits[Int(byte & 0x0F)])
        }
        wire.append(ReaderFrame.end)
        return wire
    }

    /// The XOR of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt8 {
        bytes.reduce(0, ^)
    }

    /// Decodes the hex digits found between STX and ETX.
    /// - Throws: `ReaderFrameError` for a digit that is not hex, an odd count, a short frame, a
    ///   wrong header, a length that disagrees with the data, or a wrong checksum.
    public init(text: some Collection<UInt8>) throws(ReaderFrameError) {
        guard text.count % 2 == 0 else { throw .oddDigitCount(text.count) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var high: UInt8?
        for digit in text {
            guard let value = Hex.value(ofDigit: digit) else { throw .notHex(digit) }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        try self.init(bytes: bytes)
    }

    /// Decodes `01 CODE LEN DATA… CHK`.
    /// - Throws: `ReaderFrameError`.
    public init(bytes: [UInt8]) throws(ReaderFrameError) {
        guard bytes.count >= 4 else { throw .tooShort(bytes.count) }
        guard bytes[0] == ReaderFrame.header else { throw .badHeader(bytes[0]) }
        let declared = Int(bytes[2])
        guard declared == bytes.count - 4 else { throw .lengthMismatch(declared: declared, found: bytes.count - 4) }
        let expected = ReaderFrame.checksum(bytes.dropLast())
        guard expected == bytes[bytes.count - 1] else { throw .badChecksum(expected: expected, found: bytes[bytes.count - 1]) }
        self.init(code: bytes[1], data: Array(bytes[3..<(bytes.count - 1)]))
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}

/// Why a frame could not be decoded.
public enum ReaderFrameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A byte between STX and ETX that is not a hex digit.
    case notHex(UInt8)
    /// An odd number of hex digits.
    case oddDigitCount(Int)
    /// Fewer than the 4 bytes of an empty frame.
    case tooShort(Int)
    /// The first byte is not 0x01.
    case badHeader(UInt8)
    /// LEN says one thing, the frame holds another.
    case lengthMismatch(declared: Int, found: Int)
    /// The XOR of the bytes is not the last byte.
    case badChecksum(expected: UInt8, found: UInt8)
    /// More digits than the longest frame, without an ETX.
    case tooLong

    public var description: String {
        switch self {
        case .notHex(let byte): return "byte 0x\(Hex.byte(byte)) is not a hex digit"
        case .oddDigitCount(let count): return "\(count) hex digits, an odd number"
        case .tooShort(let count): return "\(count) bytes, fewer than the 4 of an empty frame"
        case .badHeader(let byte): return "it starts with 0x\(Hex.byte(byte)) instead of 0x01"
        case .lengthMismatch(let declared, let found): return "its length byte says \(declared) data bytes, it holds \(found)"
        case .badChecksum(let expected, let found): return "bad checksum: 0x\(Hex.byte(found)), the bytes give 0x\(Hex.byte(expected))"
        case .tooLong: return "no end of frame after \(ReaderFrame.maximumTextLength) hex digits"
        }
    }
}
