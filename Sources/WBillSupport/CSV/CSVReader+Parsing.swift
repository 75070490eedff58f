/// The byte-level state machine: one record from the buffer, or a request for more input.
///
/// A record is parsed from its first byte each time; when the buffer ends inside it (and the
/// input does not), nothing is consumed and the caller reads more and tries again. Only fields
/// become Swift strings: unquoted and quote-free fields straight from the buffer, fields with
/// doubled quotes through one reused scratch array.
extension CSVReader {
    enum Step {
        case record(CSVRecord)
        case skippedBlankLine
        case needMoreInput
        case endOfInput
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Parses the record at `start`; consumes it (and updates `line`) only when complete.
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

        var fields: [String] = []
        fields.reserveCapacity(lastFieldCount)
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
                        let soFar = (usesScratch ? scratch.count : 0) + (q - segment)
                        if soFar > maximumField {
                            throw error(.fieldTooLarge(limit: maximumField), line: openLine, field: fieldNumber, at: openQuote)
                        }
                        if q == end && atEnd {
                            throw error(.unterminatedQuotedField, line: openLine, field: fieldNumber, at: openQuote)
                        }
                        return .needMoreInput
                    }
                    guard q + 1 < end && buf[q + 1] == quote else { break }  // the closing quote
                    if !usesScratch {
                        scratch.removeAll(keepingCapacity: true)
                        usesScratch = true
                    }
                    scratch.append(contentsOf: UnsafeBufferPointer(start: buf + segment, count: q + 1 - segment))
                    q += 2
                    segment = q
                }
                if high >= 0x80 && badEncoding == nil {
                    badEncoding = invalidUTF8(openQuote + 1, q, recordStart: recordStart, recordLine: recordLine, field: fieldNumber)
                }
                let field: String
                if usesScratch {
                    scratch.append(contentsOf: UnsafeBufferPointer(start: buf + segment, count: q - segment))
                    if scratch.count > maximumField {
                        throw error(.fieldTooLarge(limit: maximumField), line: openLine, field: fieldNumber, at: openQuote)
                    }
                    field = String(decoding: scratch, as: UTF8.self)
                } else {
                    if q - segment > maximumField {
                        throw error(.fieldTooLarge(limit: maximumField), line: openLine, field: fieldNumber, at: openQuote)
                    }
                    field = String(decoding: UnsafeBufferPointer(start: buf + segment, count: q - segment), as: UTF8.self)
                }
                q += 1
                if q < end, buf[q] != delimiter, buf[q] != lf, buf[q] != cr {
                    throw error(
                        .charactersAfterClosingQuote(found: buf[q]), line: recordLine + lineBreaks, field: fieldNumber, at: q)
                }
                fields.append(field)
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
                fields.append(String(decoding: UnsafeBufferPointer(start: buf + p, count: q - p), as: UTF8.self))
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
            lastFieldCount = fields.count
            if let badEncoding { throw badEncoding }
            return .record(CSVRecord(source: name, line: recordLine, byteOffset: baseOffset + recordStart, fields: fields))
        }
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
