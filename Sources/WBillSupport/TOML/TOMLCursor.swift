/// A position in the text being parsed, over Unicode scalars, that tracks line and column.
///
/// Line ends are LF or CRLF; a carriage return alone is an error. A byte-order mark at the start is
/// skipped and takes no column.
struct TOMLCursor {
    let file: String
    let scalars: [Unicode.Scalar]
    private(set) var index = 0
    private(set) var line = 1
    private var lineStart = 0

    init(text: String, file: String) {
        self.file = file
        self.scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" {
            index = 1
            lineStart = 1
        }
    }

    /// The scalar at the cursor, or `nil` at the end.
    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    /// The scalar `offset` places after the cursor, or `nil` past the end.
    func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// Whether the next scalars are `text`.
    func startsWith(_ text: String) -> Bool {
        var offset = 0
        for scalar in text.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }

    /// Where the cursor is.
    var location: TOMLLocation { TOMLLocation(file: file, line: line, column: index - lineStart + 1) }

    /// Moves past `count` scalars on the current line (never past a line end; see `consumeNewline`).
    mutating func advance(_ count: Int = 1) {
        index += count
    }

    /// Whether the cursor is on LF or CR.
    var isAtNewline: Bool { current == "\n" || current == "\r" }

    /// Moves past spaces and tabs.
    mutating func skipWhitespace() {
        while let c = current, c == " " || c == "\t" { index += 1 }
    }

    /// Moves past a line end (LF or CRLF) and starts the next line.
    ///
    /// - Throws: `TOMLError` for a carriage return not followed by a line feed.
    mutating func consumeNewline() throws(TOMLError) {
        if current == "\r" {
            guard peek(1) == "\n" else {
                throw error("a carriage return must be followed by a line feed (found a lone \\r)")
            }
            index += 1
        }
        index += 1
        line += 1
        lineStart = index
    }

    /// Moves past a `#` comment up to (not over) the line end.
    ///
    /// - Throws: `TOMLError` for a control character in the comment.
    mutating func skipComment() throws(TOMLError) {
        while let c = current, c != "\n" {
            if c == "\r" && peek(1) == "\n" { return }
            if TOMLCursor.isForbiddenControl(c) {
                throw error("\(TOMLCursor.describe(c)) in a comment")
            }
            index += 1
        }
    }

    /// Moves past whitespace, comments and line ends, as allowed between array elements.
    ///
    /// - Throws: `TOMLError` for a bad comment or a lone carriage return.
    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLError) {
        while let c = current {
            switch c {
            case " ", "\t": index += 1
            case "\n", "\r": try consumeNewline()
            case "#": try skipComment()
            default: return
            }
        }
    }

    /// An error at the cursor, or at `location` when given.
    func error(_ message: String, at location: TOMLLocation? = nil) -> TOMLError {
        TOMLError(at: location ?? self.location, message)
    }

    /// What is at the cursor, for "found …": `end of file`, `end of line`, `"foo"`, `"$"`,
    /// `control character U+0007`. A run of word characters is shown whole.
    var foundDescription: String {
        guard let c = current else { return "end of file" }
        if c == "\n" || c == "\r" { return "end of line" }
        if TOMLCursor.isForbiddenControl(c) { return TOMLCursor.describe(c) }
        guard TOMLCursor.isWordScalar(c) else { return TOMLValue.quoted(String(Character(c))) }
        var end = index
        while end < scalars.count, end - index < 40, TOMLCursor.isWordScalar(scalars[end]) { end += 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[index..<end])
        return TOMLValue.quoted(String(view))
    }

    /// Scalars that make up bare keys, numbers, dates and booleans: `A-Z a-z 0-9 _ - + . :`.
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        TOMLKeyPath.isBareKeyScalar(c) || c == "+" || c == "." || c == ":"
    }

    /// Control characters TOML forbids outside escapes: U+0000–U+001F except tab, and U+007F.
    static func isForbiddenControl(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\t") || c.value == 0x7F
    }

    /// `control character U+0007`.
    static func describe(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true)
        return "control character U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
