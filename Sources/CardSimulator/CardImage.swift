#if canImport(Glibc)
import Glibc
#endif
import WBillSupport

/// A card kept in a text file, so that it outlives the simulator and can be carried from the
/// counter's reader to a meter and back, or written by hand for a test:
///
/// ```
/// wbill-cardsim card 1
/// type sle4442
/// counter 07
/// code FF FF FF
/// protection 00 FF FF FF
/// 00: A2 13 10 91 00 00 00 01 FF FF FF FF FF FF FF FF
/// …   (16 lines of 16 bytes, offsets 00 to F0)
/// ```
///
/// `counter` is the error counter's bits (07: 3 tries, 03: 2, 01: 1, 00: locked); `protection` the 32
/// protection bits of bytes 0–31, least significant first, a clear bit for a protected byte.
public enum CardImage {
    /// The first line.
    static let signature = "wbill-cardsim card 1"

    /// The file's text for `card`.
    public static func text(of card: SimulatedCard) -> String {
        var lines = [signature, "type \(card.kind.rawValue)", "counter \(Hex.byte(card.counter))",
                     "code \(Hex.bytes(card.code))", "protection \(Hex.bytes(card.protectionBytes))"]
        for row in stride(from: 0, to: SimulatedCard.size, by: 16) {
            lines.append("\(Hex.byte(UInt8(row))): \(Hex.bytes(card.memory[row..<(row + 16)]))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The card a file's text describes.
    /// - Throws: `CardImageError` naming the line and what was expected.
    public static func card(from text: String, path: String) throws -> SimulatedCard {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func fail(_ line: Int, _ expected: String) -> CardImageError {
            CardImageError(path: path, line: line + 1, expected: expected)
        }
        guard lines.first == signature else { throw fail(0, "'\(signature)'") }
        func field(_ line: Int, _ name: String) throws -> String {
            guard line < lines.count, lines[line].hasPrefix(name + " ") else { throw fail(line, "'\(name) …'") }
            return String(lines[line].dropFirst(name.count + 1))
        }
        guard let kind = SimulatedCard.Kind(rawValue: try field(1, "type")) else { throw fail(1, "type sle4442 or cpu") }
        guard let counter = Hex.parse(try field(2, "counter")), counter.count == 1, counter[0] <= 7 else {
            throw fail(2, "counter 00 to 07")
        }
        guard let code = Hex.parse(try field(3, "code")), code.count == 3 else { throw fail(3, "code and 3 hex bytes") }
        guard let protection = Hex.parse(try field(4, "protection")), protection.count == 4 else {
            throw fail(4, "protection and 4 hex bytes")
        }
        var memory: [UInt8] = []
        for row in 0..<16 {
            let line = 5 + row
            let prefix = "\(Hex.byte(UInt8(row * 16))): "
            guard line < lines.count, lines[line].hasPrefix(prefix), let bytes = Hex.parse(String(lines[line].dropFirst(prefix.count))),
                  bytes.count == 16 else {
                throw fail(line, "'\(prefix)' and 16 hex bytes")
            }
            memory += bytes
        }
        guard lines.count == 21 || (lines.count == 22 && lines[21].isEmpty) else { throw fail(21, "the end of the file") }
        let writable = protection.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(8 * $1.offset) }
        return SimulatedCard(kind: kind, memory: memory, writable: writable, counter: counter[0], code: code)
    }

    /// Reads the card in the file at `path`.
    public static func load(_ path: String) throws -> SimulatedCard {
        let bytes = try FileDescriptorIO.readWholeFile(path)
        return try card(from: String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// Writes `card` to `path` whole or not at all.
    public static func save(_ card: SimulatedCard, to path: String) throws {
        let file = try AtomicFile(path: path, mode: 0o644)
        try file.write(text(of: card))
        try file.commit()
    }
}

/// A card image file that does not read as one.
public struct CardImageError: Error, Equatable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// The line, from 1.
    public let line: Int
    /// What the line should hold.
    public let expected: String

    public var description: String { "\(path):\(line): expected \(expected)" }
}
