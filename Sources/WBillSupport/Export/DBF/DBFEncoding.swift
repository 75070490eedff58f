#if canImport(Glibc)
import Glibc
#endif

/// The character encodings a DBF file's text can be written in, each with its language driver byte.
public enum DBFEncoding: String, Sendable, CaseIterable {
    /// UTF-8. dBase has no language driver for it: the byte is 0 and readers must be told.
    case utf8 = "utf-8"
    /// GBK (code page 936), which Chinese municipal systems read: language driver 0x7A.
    case gbk
    /// Windows Western European (code page 1252): language driver 0x03.
    case cp1252

    /// The header's language driver byte.
    public var languageDriver: UInt8 {
        switch self {
        case .utf8: return 0x00
        case .gbk: return 0x7A
        case .cp1252: return 0x03
        }
    }

    /// The name iconv knows the encoding by.
    var iconvName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .gbk: return "GBK"
        case .cp1252: return "CP1252"
        }
    }
}

/// Encodes text from UTF-8 into a `DBFEncoding` with the C library's iconv, refusing characters
/// the encoding lacks (nothing is replaced or dropped silently).
final class DBFTextEncoder {
    let encoding: DBFEncoding
    private let converter: iconv_t?

    /// An encoder; nil when the C library cannot convert to `encoding` (no gconv module).
    init?(_ encoding: DBFEncoding) {
        self.encoding = encoding
        guard encoding != .utf8 else {
            converter = nil
            return
        }
        let handle = iconv_open(encoding.iconvName, "UTF-8")
        guard let handle, Int(bitPattern: handle) != -1 else { return nil }
        converter = handle
    }

    deinit {
        if let converter { iconv_close(converter) }
    }

    /// `text`'s bytes in the encoding, or nil when a character has no code in it.
    func encode(_ text: String) -> [UInt8]? {
        guard let converter else { return Array(text.utf8) }
        var input = Array(text.utf8)
        if input.isEmpty { return [] }
        // GBK takes at most 2 bytes a character, CP1252 one: never more than the UTF-8 bytes.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 8)
        let produced: Int? = input.withUnsafeMutableBytes { inBytes in
            output.withUnsafeMutableBytes { outBytes in
                var inPointer = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBytes.count
                var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBytes.count
                iconv(converter, nil, nil, nil, nil)  // back to the initial state
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1, inLeft == 0 else { return nil }
                return outBytes.count - outLeft
            }
        }
        guard let produced else { return nil }
        return Array(output.prefix(produced))
    }

    /// The longest prefix of `text`, in whole characters, whose encoding fits in `width` bytes.
    func encodePrefix(_ text: String, width: Int) -> [UInt8]? {
        var result: [UInt8] = []
        for character in text {
            guard let bytes = encode(String(character)) else { return nil }
            if result.count + bytes.count > width { break }
            result += bytes
        }
        return result
    }
}
