/// Byte-level checks on text, fast enough for every field of a million-row import (Unicode
/// property look-ups per character cost more than the database insert).
public enum TextChecks {
    /// Whether `text` holds a control character (C0, DEL or C1), other than a line feed when allowed,
    /// or a bidirectional control (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates),
    /// which would make text shown after it read in another order than it is stored.
    public static func hasControlCharacters(_ text: String, allowingNewline: Bool = false) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 && !(allowingNewline && byte == 0x0A) { return true }
            if byte == 0x7F { return true }
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }
            if beforePrevious == 0xE2 && isBidiControlTail(previous, byte) { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// Whether the last two bytes of a three-byte UTF-8 sequence led by E2 encode a bidirectional
    /// control: E2 80 AA–AE (U+202A–U+202E) or E2 81 A6–A9 (U+2066–U+2069).
    static func isBidiControlTail(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third))
    }

    /// Whether `scalar` is a bidirectional embedding, override or isolate control.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}

extension TextChecks {
    /// `text` with CRLF and lone CR line ends turned into LF (unchanged, without copying, when it has no CR).
    package static func normalisingLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 0x0A && previousWasCR { previousWasCR = false; continue }
            previousWasCR = byte == 0x0D
            bytes.append(byte == 0x0D ? 0x0A : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// Without surrounding white space (spaces, tabs, line breaks, and Unicode spaces such as U+3000).
    public var trimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        // Fast path: nothing to trim when both ends are printable ASCII other than a space.
        if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}

extension TextChecks {
    /// Whether free text as bytes is stored exactly as it is by a check that normalises line ends,
    /// refuses control characters and more than `maximumBytes`, and trims white space: it has no
    /// control character at all (not even a line break), at most `maximumBytes` bytes, and no
    /// white space (in Unicode's sense, as `trimmed` removes) at either end. When it is not, the
    /// text may still be acceptable: check it as a string.
    /// - Parameter bytes: well-formed UTF-8.
    package static func isStoredAsIs(_ bytes: UnsafeBufferPointer<UInt8>, maximumBytes: Int) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        guard bytes.count <= maximumBytes else { return false }
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        var high: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) { return false }
            if beforePrevious == 0xE2 && isBidiControlTail(previous, byte) { return false }
            high |= byte
            beforePrevious = previous
            previous = byte
        }
        if high < 0x80 { return first != 0x20 && last != 0x20 }
        return !firstScalar(bytes).properties.isWhitespace && !lastScalar(bytes).properties.isWhitespace
    }

    /// The first Unicode scalar of non-empty well-formed UTF-8.
    private static func firstScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        scalar(bytes, at: 0)
    }

    /// The last Unicode scalar of non-empty well-formed UTF-8.
    private static func lastScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var start = bytes.count - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(bytes, at: start)
    }

    /// The scalar whose encoding starts at `index` of well-formed UTF-8.
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Unicode.Scalar {
        let lead = UInt32(bytes[index])
        let value: UInt32
        switch lead {
        case ..<0x80: value = lead
        case ..<0xE0: value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
        case ..<0xF0: value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        default:
            value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
