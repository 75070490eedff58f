#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV (RFC 4180) or TSV records one at a time from a file descriptor, a file or bytes in
/// memory, in fixed-size chunks, so memory stays flat however large the input.
///
/// - Input is UTF-8 (a leading byte-order mark is skipped); a field that is not valid UTF-8 is an
///   error, never silently repaired, thrown once its record has been read past.
/// - Records end with LF, CRLF or a lone CR; the last record may have no line end.
/// - Fields may be quoted with `"`; inside quotes the delimiter, CR and LF are data and `""` is one
///   quote. A quote inside an unquoted field, or anything but a delimiter or line end after a
///   closing quote, is an error.
/// - Empty lines are skipped but counted, so every record knows its physical starting line, even
///   after fields with line breaks inside quotes. Each line break (LF, CRLF or lone CR) counts once.
/// - Spaces are data: nothing is trimmed.
///
/// ```swift
/// let reader = try CSVReader(path: "meters.csv")
/// let header = try reader.readHeader(allowed: ["serial", "type"], required: ["serial"])
/// while let record = try reader.next() {
///     try record.requireFieldCount(header.names.count)
///     print(record.line, header.value("serial", in: record) ?? "")
/// }
/// ```
public final class CSVReader {
    /// Limits and buffer size.
    public struct Options: Sendable {
        /// The longest field accepted, in bytes after unquoting; 1 MiB by default.
        public var maximumFieldBytes: Int
        /// The longest record accepted, in bytes as written; 16 MiB by default.
        public var maximumRecordBytes: Int
        /// How many bytes each `read(2)` asks for; 256 KiB by default.
        public var readSize: Int

        /// Makes options; the defaults suit files of millions of rows.
        ///
        /// - Parameters:
        ///   - maximumFieldBytes: The longest field accepted, in bytes.
        ///   - maximumRecordBytes: The longest record accepted, in bytes.
        ///   - readSize: The size of each read.
        public init(maximumFieldBytes: Int = 1 << 20, maximumRecordBytes: Int = 16 << 20, readSize: Int = 256 << 10) {
            precondition(maximumFieldBytes > 0 && maximumRecordBytes > 0 && readSize > 0, "CSV limits must be positive")
            self.maximumFieldBytes = maximumFieldBytes
            self.maximumRecordBytes = maximumRecordBytes
            self.readSize = readSize
        }
    }

    private enum Source {
        case descriptor(Int32, closeWhenDone: Bool)
        case bytes([UInt8])
    }

    /// The input's name in errors and records: the path, `<stdin>`, or what the caller gave.
    public let name: String
    /// The file read, as an absolute path, when the reader opened it (`init(path:)`); nil for a
    /// descriptor, standard input or bytes in memory.
    public let filePath: String?
    /// The field delimiter: `,` for CSV, a tab for TSV.
    public let delimiter: Unicode.Scalar

    let delimiterByte: UInt8
    let options: Options
    private let source: Source
    private var bytesConsumed = 0
    /// The hash of the bytes read so far, when asked for before the first read (computed on
    /// another thread while the reader parses).
    private var digest: BackgroundSHA256?

    // The parser's state is read and written for every byte of the input. It is never shared (a
    // reader is one thread's, and no access to it overlaps another), so the dynamic exclusivity
    // checks Swift makes on a class's properties are turned off for it: they cost 5 % of an import.

    // The buffer: bytes [start, end) are unread; `baseOffset` is the input offset of buffer[0].
    @exclusivity(unchecked) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    @exclusivity(unchecked) var start = 0
    @exclusivity(unchecked) var end = 0
    @exclusivity(unchecked) var baseOffset = 0
    /// The physical line of the byte at `start`.
    @exclusivity(unchecked) var line = 1
    /// Whether the input has been read to its end (`next()` then returns nil).
    @exclusivity(unchecked) public private(set) var reachedEndOfInput = false
    private var checkedByteOrderMark = false

    /// Bytes that end an unquoted field's scan: the delimiter, CR, LF and `"`.
    let stopBytes: UnsafeMutablePointer<Bool>
    /// Where the current record's fields are (see `fieldBytes(at:)`); reused from record to record.
    @exclusivity(unchecked) var spans: [FieldSpan] = []
    /// The current record's quoted fields that had doubled quotes, unescaped one after another.
    @exclusivity(unchecked) var unescaped: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var unescapedCount = 0
    @exclusivity(unchecked) var unescapedCapacity = 0
    /// The physical line the current record starts on (1-based).
    @exclusivity(unchecked) public internal(set) var recordLine = 0
    /// The byte offset of the current record's first byte in the input (0-based).
    @exclusivity(unchecked) public internal(set) var recordByteOffset = 0

    /// Reads from an open file descriptor, which the reader does not close.
    ///
    /// - Parameters:
    ///   - fileDescriptor: A descriptor open for reading (a file, a pipe, a socket).
    ///   - name: The name errors use; `<fd>` by default.
    ///   - delimiter: `,` (default), `\t` for TSV, or another ASCII character except `"`, CR and LF.
    ///   - options: Limits and read size.
    public convenience init(
        fileDescriptor: Int32, name: String = "<fd>", delimiter: Unicode.Scalar = ",", options: Options = Options()
    ) {
        self.init(source: .descriptor(fileDescriptor, closeWhenDone: false), name: name, filePath: nil, delimiter: delimiter,
                  options: options)
    }

    /// Opens a file and reads it; the file is closed when the reader goes away.
    ///
    /// - Parameters:
    ///   - path: The file to read; errors name it.
    ///   - delimiter: `,` (default) or `\t` for TSV.
    ///   - options: Limits and read size.
    /// - Throws: `FileIOError` when the file cannot be opened.
    public convenience init(path: String, delimiter: Unicode.Scalar = ",", options: Options = Options()) throws(FileIOError) {
        let fd = try FileDescriptorIO.openForReading(path)
        self.init(source: .descriptor(fd, closeWhenDone: true), name: path, filePath: FileSystem.absolutePath(path),
                  delimiter: delimiter, options: options)
    }

    /// Reads bytes already in memory.
    ///
    /// - Parameters:
    ///   - bytes: The input.
    ///   - name: The name errors use; `<input>` by default.
    ///   - delimiter: `,` (default) or `\t` for TSV.
    ///   - options: Limits and read size.
    public convenience init(
        bytes: [UInt8], name: String = "<input>", delimiter: Unicode.Scalar = ",", options: Options = Options()
    ) {
        self.init(source: .bytes(bytes), name: name, filePath: nil, delimiter: delimiter, options: options)
    }

    /// A reader of standard input, named `<stdin>`.
    ///
    /// - Parameter delimiter: `,` (default) or `\t` for TSV.
    /// - Returns: The reader.
    public static func fromStandardInput(delimiter: Unicode.Scalar = ",") -> CSVReader {
        CSVReader(fileDescriptor: STDIN_FILENO, name: "<stdin>", delimiter: delimiter)
    }

    private init(source: Source, name: String, filePath: String?, delimiter: Unicode.Scalar, options: Options) {
        precondition(
            delimiter.isASCII && delimiter != "\"" && delimiter != "\r" && delimiter != "\n",
            "a CSV delimiter must be an ASCII character other than a quote, CR or LF")
        self.source = source
        self.name = name
        self.filePath = filePath
        self.delimiter = delimiter
        self.delimiterByte = UInt8(delimiter.value)
        self.options = options
        self.capacity = options.readSize
        self.buffer = .allocate(capacity: options.readSize)
        self.stopBytes = .allocate(capacity: 256)
        self.unescaped = .allocate(capacity: 0)
        stopBytes.initialize(repeating: false, count: 256)
        for byte in [delimiterByte, UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n")] {
            stopBytes[Int(byte)] = true
        }
    }

    deinit {
        buffer.deallocate()
        stopBytes.deallocate()
        unescaped.deallocate()
        if case .descriptor(let fd, true) = source { close(fd) }
    }

    /// The next record, or `nil` at the end of the input.
    ///
    /// - Returns: The record, with its starting line and byte offset.
    /// - Throws: `CSVError` for malformed input, limits exceeded or a failed read. After an
    ///   `invalidUTF8` error the reader is past the bad record and reading can go on (so that every
    ///   bad row can be listed); after any other error it is not supported.
    public func next() throws(CSVError) -> CSVRecord? {
        try advance() ? currentRecord() : nil
    }

    /// Moves to the next record without making strings of its fields: read them as bytes with
    /// `fieldBytes(at:)`, and make a `CSVRecord` with `currentRecord()` only when needed (a
    /// million-row import keeps most fields as bytes, and makes no string of a field it only checks).
    ///
    /// - Returns: `false` at the end of the input.
    /// - Throws: as `next()`, which is `advance()` followed by `currentRecord()`.
    public func advance() throws(CSVError) -> Bool {
        if !checkedByteOrderMark { try skipByteOrderMark() }
        while true {
            switch try parseRecord() {
            case .record: return true
            case .skippedBlankLine: continue
            case .endOfInput: return false
            case .needMoreInput: try fill()
            }
        }
    }

    /// The number of fields of the record `advance()` moved to.
    public var fieldCount: Int { spans.count }

    /// A field of the record `advance()` moved to, unquoted, as valid UTF-8 bytes.
    ///
    /// The bytes belong to the reader and stay valid only until its next `advance()` or `next()`:
    /// use them, or copy them, before reading on.
    /// - Parameter index: The 0-based field index, below `fieldCount`.
    public func fieldBytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        return UnsafeBufferPointer(start: (span.isUnescaped ? unescaped : buffer) + span.offset, count: span.count)
    }

    /// The record `advance()` moved to, with its fields as strings.
    public func currentRecord() -> CSVRecord {
        var fields: [String] = []
        fields.reserveCapacity(spans.count)
        for index in spans.indices {
            fields.append(String(decoding: fieldBytes(at: index), as: UTF8.self))
        }
        return CSVRecord(source: name, line: recordLine, byteOffset: recordByteOffset, fields: fields)
    }

    /// Asks for the input's SHA-256 (see `inputDigest`); only before the first read, and
    /// afterwards it does nothing. Hashing (about 5 ms a megabyte) runs on another thread.
    public func digestInput() {
        if bytesRead == 0 && !reachedEndOfInput && digest == nil { digest = BackgroundSHA256() }
    }

    /// How many bytes have been read from the input so far (a byte-order mark included): its size,
    /// once `reachedEndOfInput`.
    public var bytesRead: Int { baseOffset + end }

    /// The size and SHA-256 of the whole input, once it has been read to its end (`next()` returned
    /// nil) by a reader asked for them with `digestInput()` before its first read; nil otherwise.
    public var inputDigest: CSVInputDigest? {
        guard reachedEndOfInput, let digest else { return nil }
        return CSVInputDigest(byteCount: bytesRead, sha256: digest.finalize())
    }

    /// Reads the next record as a header, checking its column names.
    ///
    /// - Parameters:
    ///   - allowed: The column names accepted, or `nil` to accept any.
    ///   - required: The column names that must be present.
    /// - Returns: The header.
    /// - Throws: `CSVError` for an empty input, a malformed line, or a bad column name.
    public func readHeader(allowed: [String]? = nil, required: [String] = []) throws(CSVError) -> CSVHeader {
        guard let record = try next() else {
            throw CSVError(.missingHeader, source: name, line: line)
        }
        return try CSVHeader(record, allowed: allowed, required: required)
    }

    /// Skips a UTF-8 byte-order mark at the very start.
    private func skipByteOrderMark() throws(CSVError) {
        while end - start < 3 && !reachedEndOfInput { try fill() }
        if end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF {
            start += 3
        }
        checkedByteOrderMark = true
    }

    /// Moves the unread bytes to the front, grows the buffer when they fill most of it, and reads
    /// more; sets `reachedEndOfInput` when there is no more.
    private func fill() throws(CSVError) {
        if end - start > options.maximumRecordBytes {
            throw CSVError(
                .recordTooLarge(limit: options.maximumRecordBytes), source: name, line: line, byteOffset: baseOffset + start)
        }
        if start > 0 {
            let unread = end - start
            if unread > 0 { buffer.update(from: buffer + start, count: unread) }
            baseOffset += start
            start = 0
            end = unread
        }
        if capacity - end < options.readSize / 2 + 1 {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let wanted = min(capacity - end, options.readSize)
        let count: Int
        switch source {
        case .descriptor(let fd, _):
            do {
                count = try FileDescriptorIO.read(fd, into: buffer + end, count: wanted, name: name)
            } catch {
                throw CSVError(.readFailed(error), source: name, line: line, byteOffset: baseOffset + end)
            }
        case .bytes(let bytes):
            count = min(wanted, bytes.count - bytesConsumed)
            if count > 0 {
                bytes.withUnsafeBufferPointer { all in
                    (buffer + end).update(from: all.baseAddress! + bytesConsumed, count: count)
                }
            }
            bytesConsumed += count
        }
        if count == 0 { reachedEndOfInput = true }
        if count > 0, let digest { digest.update(UnsafeRawBufferPointer(start: buffer + end, count: count)) }
        end += count
    }
}

/// What a whole input was: its size and its SHA-256, as `sha256sum` prints it.
public struct CSVInputDigest: Sendable, Equatable {
    /// Every byte read, a byte-order mark included.
    public let byteCount: Int
    public let sha256: SHA256Digest

    /// A size and a digest.
    public init(byteCount: Int, sha256: SHA256Digest) {
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}
