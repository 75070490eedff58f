/// Byte-level checks on text, fast enough for every field of a million-row import (Unicode
/// property look-ups per character cost more than the database insert).
package enum TextChecks {
    /// Whether `text` holds a control character (C0, DEL or C1), other than a line feed when allowed.
    package static func hasControlCharacters(_ text: String, allowingNewline: Bool = false) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 && !(allowingNewline && byte == 0x0A) { return true }
            if byte == 0x7F { return true }
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { return true }
            previous = byte
        }
        return false
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
