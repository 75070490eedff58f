/// The four TOML string forms: basic `"…"`, literal `'…'`, multi-line basic `"""…"""` and
/// multi-line literal `'''…'''`. Multi-line strings end lines with `\n` whatever the file used.
extension TOMLCursor {
    /// Reads any string form at the cursor (which is on `"` or `'`).
    mutating func parseString() throws(TOMLError) -> String {
        if startsWith("\"\"\"") { return try parseMultilineString(quote: "\"") }
        if startsWith("'''") { return try parseMultilineString(quote: "'") }
        return try parseSingleLineString()
    }

    /// Reads a one-line basic or literal string at the cursor (which is on `"` or `'`).
    mutating func parseSingleLineString() throws(TOMLError) -> String {
        let start = location
        let quote = current!
        let isBasic = quote == "\""
        let kind = isBasic ? "basic" : "literal"
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let c = current else {
                throw error("unterminated string: expected \(quote) to close the string opened here, found end of file", at: start)
            }
            switch c {
            case quote:
                advance()
                return String(text)
            case "\\" where isBasic:
                text.append(try parseEscape())
            case "\n", "\r":
                let multi = String(repeating: String(Character(quote)), count: 3)
                throw error("newline in a \(kind) string; close it with \(quote) on the same line, or use \(multi) for a multi-line string")
            default:
                if TOMLCursor.isForbiddenControl(c) {
                    throw error("\(TOMLCursor.describe(c)) in a string; write it as an escape such as \\u0007")
                }
                text.append(c)
                advance()
            }
        }
    }

    /// Reads a multi-line string at the cursor (which is on its three opening quotes).
    private mutating func parseMultilineString(quote: Unicode.Scalar) throws(TOMLError) -> String {
        let start = location
        let isBasic = quote == "\""
        let delimiter = String(repeating: String(Character(quote)), count: 3)
        advance(3)
        if isAtNewline { try consumeNewline() }  // a newline right after the opening quotes is trimmed
        var text = String.UnicodeScalarView()
        while true {
            guard let c = current else {
                throw error("unterminated multi-line string: expected \(delimiter) to close the string opened here, found end of file", at: start)
            }
            switch c {
            case quote:
                var run = 0
                while peek(run) == quote { run += 1 }
                if run >= 3 {
                    guard run <= 5 else {
                        throw error("too many quotes: at most two \(quote) may come right before the closing \(delimiter); escape the others")
                    }
                    text.append(contentsOf: repeatElement(quote, count: run - 3))
                    advance(run)
                    return String(text)
                }
                text.append(contentsOf: repeatElement(quote, count: run))
                advance(run)
            case "\\" where isBasic:
                if isLineEndingBackslash() {
                    advance()
                    skipWhitespace()
                    try consumeNewline()
                    try skipWhitespaceAndNewlines()
                } else {
                    text.append(try parseEscape())
                }
            case "\n", "\r":
                try consumeNewline()
                text.append("\n")
            default:
                if TOMLCursor.isForbiddenControl(c) {
                    throw error("\(TOMLCursor.describe(c)) in a string; write it as an escape such as \\u0007")
                }
                text.append(c)
                advance()
            }
        }
    }

    /// Whether the cursor is on a `\` followed only by spaces/tabs up to the line end.
    private func isLineEndingBackslash() -> Bool {
        var offset = 1
        while let c = peek(offset), c == " " || c == "\t" { offset += 1 }
        return peek(offset) == "\n" || (peek(offset) == "\r" && peek(offset + 1) == "\n")
    }

    private mutating func skipWhitespaceAndNewlines() throws(TOMLError) {
        while let c = current {
            if c == " " || c == "\t" { advance() } else if isAtNewline { try consumeNewline() } else { return }
        }
    }

    /// Reads an escape at the cursor (which is on `\`) and returns the scalar it stands for.
    private mutating func parseEscape() throws(TOMLError) -> Unicode.Scalar {
        let start = location
        advance()
        guard let c = current else {
            throw error("unterminated string: found end of file after a backslash")
        }
        let simple: Unicode.Scalar?
        switch c {
        case "b": simple = "\u{08}"
        case "t": simple = "\t"
        case "n": simple = "\n"
        case "f": simple = "\u{0C}"
        case "r": simple = "\r"
        case "\"": simple = "\""
        case "\\": simple = "\\"
        case "u", "U": simple = nil
        case "\n", "\r":
            throw error("invalid escape: a backslash at the end of a line is only allowed in a multi-line string (\"\"\")", at: start)
        default:
            throw error("invalid escape \"\\\(Character(c))\"; the valid escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX", at: start)
        }
        if let simple {
            advance()
            return simple
        }
        let digits = c == "u" ? 4 : 8
        var value: UInt32 = 0
        var written = "\\\(Character(c))"
        for offset in 1...digits {
            guard let d = peek(offset), let digit = TOMLCursor.hexValue(d) else {
                if let d = peek(offset), !TOMLCursor.isForbiddenControl(d), d != "\"" { written.unicodeScalars.append(d) }
                throw error("invalid escape \"\(written)\"; expected \(digits) hexadecimal digits after \\\(Character(c))", at: start)
            }
            written.unicodeScalars.append(d)
            value = value << 4 | digit
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("invalid escape \"\(written)\": U+\(String(value, radix: 16, uppercase: true)) is not a unicode scalar value", at: start)
        }
        advance(digits + 1)
        return scalar
    }

    /// The value of a hexadecimal digit, or `nil`.
    static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 0x30
        case "a"..."f": return c.value - 0x61 + 10
        case "A"..."F": return c.value - 0x41 + 10
        default: return nil
        }
    }
}
