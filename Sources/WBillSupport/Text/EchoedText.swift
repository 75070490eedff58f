/// Text from input shown back to a person (in a message, a table cell): control characters and
/// bidirectional overrides escaped, so a forged newline or escape sequence never reaches the
/// terminal raw, and a long value cut.
///
/// ```swift
/// EchoedText.quoted("x\u{1B}[2J")   // "x\\x1B[2J"
/// ```
public enum EchoedText {
    /// The longest value a message repeats, in characters; a longer one is cut and ends in `…`.
    public static let maximumLength = 60

    /// `text` escaped (`escaped`) and cut to `maximumLength` characters.
    public static func quoted(_ text: String, maximumLength: Int = EchoedText.maximumLength) -> String {
        let escaped = escaped(text)
        guard escaped.count > maximumLength else { return escaped }
        return String(escaped.prefix(maximumLength)) + "…"
    }

    /// `text` with each C0 and C1 control character, DEL and bidirectional control written as
    /// `\n`, `\t`, `\r` or `\xHH` / `\u{HHHH}`; unchanged, without copying, when it has none.
    /// - Parameter keepingNewlines: leave line feeds as they are (a multi-line value shown on its lines).
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        guard TextChecks.hasControlCharacters(text, allowingNewline: keepingNewlines) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x0A where keepingNewlines: output.unicodeScalars.append(scalar)
            case 0x0A: output += "\\n"
            case 0x09: output += "\\t"
            case 0x0D: output += "\\r"
            case 0x00..<0x20, 0x7F...0x9F: output += "\\x" + hex(value, digits: 2)
            case _ where TextChecks.isBidiControl(scalar): output += "\\u{" + hex(value, digits: 4) + "}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
