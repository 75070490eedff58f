/// The byte-level state machine: one record from the buffer, or a request for more input.
///
/// A record is parsed from its first byte each time; when the buffer ends inside it (and the
/// input does not), nothing is consumed and the caller reads more and tries again. A parsed record
/// is kept as field spans: unquoted and quote-free fields point into the buffer, fields with
/// doubled quotes into `unescaped`, where they are copied without the doubled quotes. No Swift
/// string is made here: `currentRecord()` makes them, and `fieldBytes(at:)` reads without them.
extension CSVReader {
    enum Step {
        case record
        case skippedBlankLine
        case needMoreInput
        case endOfInput
    }

    /// Where one field of the current record is: `count` bytes at `offset` in the buffer, or in
    /// `unescaped` when the field had doubled quotes.
    struct FieldSpan {
        var offset: Int
        var count: Int
        var isUnescaped: Bool
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Parses the record at `start` into `spans`; consumes it (and updates `line`, `recordLine`
    /// and `recordByteOffset`) only when complete.
    func parseRecord() throws(CSVError) -> Step {
        let quote = CSVReader.quote, lf = CSVReader.lineFeed, cr = CSVReader.carriageReturn
        let buf = buffer
        let end = self.end
        let atEnd = reachedEndOfInput
        let delimiter = delimiterByte
        let stop = stopBytes
        let maximumField = options.maximumFieldBytes
        let recordStart = start
        let recordLine = line
        var p = recordStart

        if p == end { return atEnd ? .endOfInput : .needMoreInput }
        if buf[p] == lf || buf[p] == cr {
            if buf[p] == cr && p + 1 == end && !atEnd { return .needMoreInput }
            start = p + (buf[p] == cr && p + 1 < end && buf[p + 1] == lf ? 2 : 1)
            line += 1
            return .skippedBlankLine
        }

        spans.removeAll(keepingCapacity: true)
        unescapedCount = 0
        var fieldNumber = 1
        var lineBreaks = 0  // inside quoted fields so far
        // The record's first field that is not UTF-8: thrown once the record is consumed, so that
        // the caller can report it and read on.
        var badEncoding: CSVError?

        while true {
            var q = p
            if q < end && buf[q] == quote {
                let openQuote = q
                let openLine = recordLine + lineBreaks
                var high: UInt8 = 0
                var usesScratch = false
                let unescapedStart = unescapedCount
                q += 1
                var segment = q
                while true {
                    while q < end {
                        let b = buf[q]
                        if b == quote { break }
                        high |= b
                        if b == lf || (b == cr && (q + 1 == end || buf[q + 1] != lf)) { lineBreaks += 1 }
                        q += 1
                    }
                    if q == end || (q + 1 == end && !atEnd) {
                        let soFar = (usesScratch ? unescapedCount - unescapedStart : 0) + (q - segment)
                        if soFar > maximumField {
                            throw error(.fieldTooLarge(limit: maximumField), line: openLine, field: fieldNumber, at: openQuote)
                        }
                        if q == end && atEnd {
                            throw error(.unterminatedQuotedField, line: openLine, field: fieldNumber, at: openQuote)
                        }
                        return .needMoreInput
                    }
                    guard q + 1 < end && buf[q + 1] == quote else { break }  // the closing quote
                    usesScratch = true
                    appendUnescaped(buf + segment, count: q + 1 - segment)
                    q += 2
                    segment = q
                }
                if high >= 0x80 && badEncoding == nil {
                    badEncoding = invalidUTF8(openQuote + 1, q, recordStart: recordStart, recordLine: recordLine, field: fieldNumber)
                }
                let field: FieldSpan
                if usesScratch {
                    appendUnescaped(buf + segment, count: q - segment)
                    if unescapedCount - unescapedStart > maximumField {
                        throw error(.fieldTooLarge(limit: maximumField), line: openLine, field: fieldNumber, at: openQuote)
                    }
                    field = FieldSpan(offset: unescapedStart, count: unescapedCount - unescapedStart, isUnescaped: true)
                } else {
                    if q - segment > maximumField {
                        throw error(.fieldTooLarge(limit: maximumField), line: openLine, field: fieldNumber, at: openQuote)
                    }
                    field = FieldSpan(offset: segment, count: q - segment, isUnescaped: false)
                }
                q += 1
                if q < end, buf[q] != delimiter, buf[q] != lf, buf[q] != cr {
                    throw error(
                        .charactersAfterClosingQuote(found: buf[q]), line: recordLine + lineBreaks, field: fieldNumber, at: q)
                }
                spans.append(field)
            } else {
                var high: UInt8 = 0
                while q < end {
                    let b = buf[q]
                    if stop[Int(b)] { break }
                    high |= b
                    q += 1
                }
                if q < end && buf[q] == quote {
                    throw error(.quoteInUnquotedField, line: recordLine + lineBreaks, field: fieldNumber, at: q)
                }
                if q - p > maximumField {
                    throw error(.fieldTooLarge(limit: maximumField), line: recordLine + lineBreaks, field: fieldNumber, at: p)
                }
                if q == end && !atEnd { return .needMoreInput }
                if high >= 0x80 && badEncoding == nil {
                    badEncoding = invalidUTF8(p, q, recordStart: recordStart, recordLine: recordLine, field: fieldNumber)
                }
                spans.append(FieldSpan(offset: p, count: q - p, isUnescaped: false))
            }

            // After a field: a delimiter, a line end, or the end of the input.
            if q < end && buf[q] == delimiter {
                p = q + 1
                fieldNumber += 1
                continue
            }
            if q < end {
                if buf[q] == cr && q + 1 == end && !atEnd { return .needMoreInput }
                q += buf[q] == cr && q + 1 < end && buf[q + 1] == lf ? 2 : 1
                lineBreaks += 1
            }
            if q - recordStart > options.maximumRecordBytes {
                throw CSVError(
                    .recordTooLarge(limit: options.maximumRecordBytes), source: name, line: recordLine,
                    byteOffset: baseOffset + recordStart)
            }
            start = q
            line = recordLine + lineBreaks
            self.recordLine = recordLine
            recordByteOffset = baseOffset + recordStart
            if let badEncoding { throw badEncoding }
            return .record
        }
    }

    /// Appends `count` bytes to `unescaped`, growing it when full.
    private func appendUnescaped(_ bytes: UnsafePointer<UInt8>, count: Int) {
        if unescapedCount + count > unescapedCapacity {
            var capacity = Swift.max(unescapedCapacity * 2, 256)
            while capacity < unescapedCount + count { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: unescaped, count: unescapedCount)
            unescaped.deallocate()
            unescaped = grown
            unescapedCapacity = capacity
        }
        (unescaped + unescapedCount).update(from: bytes, count: count)
        unescapedCount += count
    }

    /// The error for the first ill-formed UTF-8 in buffer bytes `[from, to)`, at its line; nil when they are UTF-8.
    private func invalidUTF8(_ from: Int, _ to: Int, recordStart: Int, recordLine: Int, field: Int) -> CSVError? {
        let bytes = UnsafeBufferPointer(start: buffer + from, count: to - from)
        guard let bad = firstInvalidUTF8Offset(in: bytes) else { return nil }
        let index = from + bad
        return error(
            .invalidUTF8(byte: buffer[index]),
            line: recordLine + lineBreaks(from: recordStart, to: index), field: field, at: index)
    }

    /// The line breaks (LF, CRLF, lone CR) in buffer bytes `[from, to)`.
    private func lineBreaks(from: Int, to: Int) -> Int {
        var count = 0
        for i in from..<to {
            let b = buffer[i]
            if b == CSVReader.lineFeed || (b == CSVReader.carriageReturn && (i + 1 == end || buffer[i + 1] != CSVReader.lineFeed)) {
                count += 1
            }
        }
        return count
    }

    private func error(_ kind: CSVError.Kind, line: Int, field: Int, at index: Int) -> CSVError {
        CSVError(kind, source: name, line: line, field: field, byteOffset: baseOffset + index)
    }
}
