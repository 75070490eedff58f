/// Reads a TOML document line by line: comments, `[table]` and `[[array]]` headers, and
/// `key = value` lines, handing definitions to a `TOMLTreeBuilder`.
struct TOMLParser {
    var cursor: TOMLCursor
    var tree: TOMLTreeBuilder

    init(text: String, file: String) {
        cursor = TOMLCursor(text: text, file: file)
        tree = TOMLTreeBuilder(file: file)
    }

    /// Reads the whole document.
    ///
    /// - Returns: The top-level table.
    /// - Throws: `TOMLError` at the first problem.
    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        while true {
            cursor.skipWhitespace()
            guard let c = cursor.current else { break }
            switch c {
            case "#":
                try cursor.skipComment()
            case "\n", "\r":
                try cursor.consumeNewline()
            case "[":
                try parseHeader()
                try expectEndOfLine(after: "the table header")
            default:
                let keys = try parseKeyValue(into: tree.current)
                try expectEndOfLine(after: "the value of `\(TOMLKeyPath.dotted(keys))`")
            }
        }
        return tree.root.freeze()
    }

    /// `[a.b]` or `[[a.b]]`.
    private mutating func parseHeader() throws(TOMLError) {
        let header = cursor.location
        cursor.advance()
        let isArray = cursor.current == "["
        if isArray { cursor.advance() }
        let keys = try parseKey()
        let closing = isArray ? "]]" : "]"
        guard cursor.startsWith(closing) else {
            if isArray && cursor.current == "]" { cursor.advance() }
            let what = isArray ? "array-of-tables header" : "table header"
            throw cursor.error("expected \"\(closing)\" to close the \(what), found \(cursor.foundDescription)")
        }
        cursor.advance(closing.unicodeScalars.count)
        if isArray {
            try tree.openArrayElement(keys, header: header)
        } else {
            try tree.openTable(keys, header: header)
        }
    }

    /// `key = value`, stored in `table`.
    ///
    /// - Returns: The key parts, for messages.
    @discardableResult
    mutating func parseKeyValue(into table: TOMLTableNode) throws(TOMLError) -> [TOMLKeyPart] {
        let keys = try parseKey()
        guard cursor.current == "=" else {
            throw cursor.error("expected \"=\" after the key `\(TOMLKeyPath.dotted(keys))`, found \(cursor.foundDescription)")
        }
        cursor.advance()
        cursor.skipWhitespace()
        let path = keys.reduce(table.path) { TOMLKeyPath.appending($1.name, to: $0) }
        let value = try parseValue(path: path)
        try tree.assign(keys, value, in: table)
        return keys
    }

    /// A bare, quoted or dotted key, with the whitespace around it.
    mutating func parseKey() throws(TOMLError) -> [TOMLKeyPart] {
        var parts: [TOMLKeyPart] = []
        while true {
            cursor.skipWhitespace()
            parts.append(try parseSimpleKey())
            cursor.skipWhitespace()
            guard cursor.current == "." else { return parts }
            cursor.advance()
        }
    }

    private mutating func parseSimpleKey() throws(TOMLError) -> TOMLKeyPart {
        let location = cursor.location
        switch cursor.current {
        case "\"", "'":
            if cursor.startsWith("\"\"\"") || cursor.startsWith("'''") {
                throw cursor.error("expected a key, found a multi-line string; keys must be bare or on one line")
            }
            return TOMLKeyPart(name: try cursor.parseSingleLineString(), location: location)
        case let c? where TOMLKeyPath.isBareKeyScalar(c):
            var name = String.UnicodeScalarView()
            while let c = cursor.current, TOMLKeyPath.isBareKeyScalar(c) {
                name.append(c)
                cursor.advance()
            }
            return TOMLKeyPart(name: String(name), location: location)
        case let c? where c.value > 0x7F:
            throw cursor.error("expected a key, found \(cursor.foundDescription); keys with characters other than A-Z a-z 0-9 _ - must be quoted")
        default:
            throw cursor.error("expected a key, found \(cursor.foundDescription)")
        }
    }

    /// After a header or a value: optional whitespace and comment, then a line end or the end.
    private mutating func expectEndOfLine(after what: String) throws(TOMLError) {
        cursor.skipWhitespace()
        if cursor.current == "#" { try cursor.skipComment() }
        guard let c = cursor.current else { return }
        guard c == "\n" || c == "\r" else {
            throw cursor.error("expected a new line after \(what), found \(cursor.foundDescription)")
        }
        try cursor.consumeNewline()
    }
}
