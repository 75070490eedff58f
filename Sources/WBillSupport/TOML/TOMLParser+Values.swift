/// Values: strings, numbers, booleans, dates, arrays and inline tables.
extension TOMLParser {
    /// The value at the cursor, which gets `path` as its key path.
    mutating func parseValue(path: String) throws(TOMLError) -> TOMLValue {
        let location = cursor.location
        switch cursor.current {
        case "\"", "'":
            return TOMLValue(.string(try cursor.parseString()), path: path, location: location)
        case "[":
            return try parseArray(path: path)
        case "{":
            return try parseInlineTable(path: path)
        case let c? where TOMLCursor.isWordScalar(c) && c != "." && c != ":":
            return TOMLValue(try parseWord(), path: path, location: location)
        default:
            throw cursor.error("expected a value, found \(cursor.foundDescription)")
        }
    }

    /// A number, boolean or date: the run of word characters at the cursor.
    private mutating func parseWord() throws(TOMLError) -> TOMLValue.Kind {
        var end = cursor.index
        let scalars = cursor.scalars
        while end < scalars.count, TOMLCursor.isWordScalar(scalars[end]) { end += 1 }
        // A date-time written with a space (`2026-01-01 07:30:00`) continues after the space.
        if end - cursor.index == 10, end + 3 < scalars.count, scalars[end] == " ",
           ("0"..."9").contains(scalars[end + 1]), ("0"..."9").contains(scalars[end + 2]), scalars[end + 3] == ":" {
            end += 1
            while end < scalars.count, TOMLCursor.isWordScalar(scalars[end]) { end += 1 }
        }
        var token = String.UnicodeScalarView()
        token.append(contentsOf: scalars[cursor.index..<end])
        switch TOMLScalarText.kind(of: String(token)) {
        case .success(let kind):
            cursor.advance(end - cursor.index)
            return kind
        case .failure(let refusal):
            throw cursor.error(refusal.message)
        }
    }

    /// `[ v, v, … ]`, over several lines if need be, with comments and a trailing comma allowed.
    private mutating func parseArray(path: String) throws(TOMLError) -> TOMLValue {
        let open = cursor.location
        cursor.advance()
        var elements: [TOMLValue] = []
        while true {
            try cursor.skipWhitespaceCommentsAndNewlines()
            if cursor.current == "]" { break }
            if cursor.current == nil {
                throw cursor.error("unterminated array: expected \"]\" to close the array opened at \(open.lineAndColumn), found end of file")
            }
            if cursor.current == "," {
                throw cursor.error("expected a value or \"]\" in the array opened at \(open.lineAndColumn), found \",\"")
            }
            elements.append(try parseValue(path: TOMLKeyPath.appending(index: elements.count, to: path)))
            try cursor.skipWhitespaceCommentsAndNewlines()
            if cursor.current == "," {
                cursor.advance()
                continue
            }
            if cursor.current == "]" { break }
            if cursor.current == nil {
                throw cursor.error("unterminated array: expected \"]\" to close the array opened at \(open.lineAndColumn), found end of file")
            }
            throw cursor.error("expected \",\" or \"]\" in the array opened at \(open.lineAndColumn), found \(cursor.foundDescription)")
        }
        cursor.advance()
        return TOMLValue(.array(elements), path: path, location: open)
    }

    /// `{ k = v, … }` on one line, without a trailing comma (TOML 1.0).
    private mutating func parseInlineTable(path: String) throws(TOMLError) -> TOMLValue {
        let open = cursor.location
        cursor.advance()
        let node = TOMLTableNode(origin: .inline, path: path, location: open)
        cursor.skipWhitespace()
        if cursor.current == "}" {
            cursor.advance()
            return TOMLValue(.table(node.freeze()), path: path, location: open)
        }
        while true {
            cursor.skipWhitespace()
            try rejectInlineTableEnd(open: open, expecting: "a key")
            try parseKeyValue(into: node)
            cursor.skipWhitespace()
            switch cursor.current {
            case ",":
                cursor.advance()
                cursor.skipWhitespace()
                if cursor.current == "}" {
                    throw cursor.error("trailing comma in the inline table opened at \(open.lineAndColumn); TOML 1.0 does not allow one before \"}\"")
                }
            case "}":
                cursor.advance()
                return TOMLValue(.table(node.freeze()), path: path, location: open)
            default:
                try rejectInlineTableEnd(open: open, expecting: "\",\" or \"}\"")
                throw cursor.error("expected \",\" or \"}\" in the inline table opened at \(open.lineAndColumn), found \(cursor.foundDescription)")
            }
        }
    }

    /// Inline tables end on their line: a line end or the end of the file inside one is an error.
    private func rejectInlineTableEnd(open: TOMLLocation, expecting: String) throws(TOMLError) {
        if cursor.isAtNewline {
            throw cursor.error("newline in the inline table opened at \(open.lineAndColumn); an inline table must be on one line (use a [table] header for longer tables)")
        }
        if cursor.current == nil {
            throw cursor.error("unterminated inline table: expected \(expecting) in the inline table opened at \(open.lineAndColumn), found end of file")
        }
    }
}
