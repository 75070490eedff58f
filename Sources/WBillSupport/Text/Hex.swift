/// Bytes spelled in hex, for frames, messages and dumps.
public enum Hex {
    /// `"0A"`.
    public static func byte(_ byte: UInt8) -> String {
        String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }

    /// `"A2 13 10 91"`.
    public static func bytes(_ bytes: some Sequence<UInt8>, separator: String = " ") -> String {
        bytes.map(byte).joined(separator: separator)
    }

    /// The bytes spelled by pairs of hex digits (spaces between them are allowed), or nil.
    public static func parse(_ text: String) -> [UInt8]? {
        let text = text.utf8.filter { $0 != UInt8(ascii: " ") }
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard let high = value(ofDigit: text[index]), let low = value(ofDigit: text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// The value of one hex digit (either case), or nil.
    public static func value(ofDigit digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    private static let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
