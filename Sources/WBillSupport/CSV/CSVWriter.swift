/// Writes records as RFC 4180 CSV — or TSV — to a byte sink, buffered.
///
/// A field is quoted when it contains the delimiter, a quote, CR or LF, starts or ends with a
/// space or tab, or starts with U+FEFF (which a reader would take for a byte-order mark); quotes
/// inside are doubled. A record of one empty field is written `""` so it is
/// not mistaken for a blank line (which readers skip); a record of no fields is an empty line.
///
/// TSV uses the same rules with a tab delimiter: a value holding a tab, line break or quote is
/// quoted, never backslash-escaped, so Excel, LibreOffice and `CSVReader(delimiter: "\t")` read
/// it back unchanged.
///
/// ```swift
/// let writer = CSVWriter(fileDescriptor: STDOUT_FILENO, name: "<stdout>")
/// try writer.write(["serial", "reading"])
/// try writer.write(["M-001", "12.5"])
/// try writer.flush()
/// ```
public final class CSVWriter {
    /// How lines end.
    public enum LineEnding: Sendable {
        /// `\r\n`, as RFC 4180 says (the default).
        case crlf
        /// `\n`.
        case lf
    }

    /// The field delimiter.
    public let delimiter: Unicode.Scalar
    /// How lines end.
    public let lineEnding: LineEnding

    private let delimiterByte: UInt8
    private let sink: ([UInt8]) throws -> Void
    private var buffer: [UInt8] = []
    private let flushThreshold = 64 * 1024

    /// Makes a writer that hands its bytes to `sink` in chunks of about 64 KiB, and on `flush()`.
    ///
    /// - Parameters:
    ///   - delimiter: `,` (default), `\t` for TSV, or another ASCII character except `"`, CR and LF.
    ///   - lineEnding: `.crlf` (default) or `.lf`.
    ///   - sink: Receives the encoded bytes; what it throws, `write` and `flush` throw.
    public init(delimiter: Unicode.Scalar = ",", lineEnding: LineEnding = .crlf, sink: @escaping ([UInt8]) throws -> Void) {
        precondition(
            delimiter.isASCII && delimiter != "\"" && delimiter != "\r" && delimiter != "\n",
            "a CSV delimiter must be an ASCII character other than a quote, CR or LF")
        self.delimiter = delimiter
        self.delimiterByte = UInt8(delimiter.value)
        self.lineEnding = lineEnding
        self.sink = sink
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// Makes a writer to an open file descriptor, which it does not close.
    ///
    /// - Parameters:
    ///   - fileDescriptor: A descriptor open for writing.
    ///   - name: The name `FileIOError`s use; `<fd>` by default.
    ///   - delimiter: `,` (default) or `\t` for TSV.
    ///   - lineEnding: `.crlf` (default) or `.lf`.
    public convenience init(
        fileDescriptor: Int32, name: String = "<fd>", delimiter: Unicode.Scalar = ",", lineEnding: LineEnding = .crlf
    ) {
        self.init(delimiter: delimiter, lineEnding: lineEnding) { bytes in
            try bytes.withUnsafeBytes { try FileDescriptorIO.writeAll(fileDescriptor, $0, name: name) }
        }
    }

    /// Flushes what is buffered, ignoring errors; call `flush()` to see them.
    deinit {
        try? flush()
    }

    /// Writes one record.
    ///
    /// - Parameter fields: The fields, in order.
    /// - Throws: What the sink throws when the buffer is handed over.
    public func write(_ fields: [String]) throws {
        CSVWriter.encode(fields, delimiter: delimiterByte, lineEnding: lineEnding, into: &buffer)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Hands everything buffered to the sink.
    ///
    /// - Throws: What the sink throws.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let bytes = buffer
        buffer.removeAll(keepingCapacity: true)
        try sink(bytes)
    }

    /// One record encoded as a string, line end included.
    ///
    /// - Parameters:
    ///   - fields: The fields.
    ///   - delimiter: `,` (default) or `\t`.
    ///   - lineEnding: `.crlf` (default) or `.lf`.
    /// - Returns: The encoded line.
    public static func line(_ fields: [String], delimiter: Unicode.Scalar = ",", lineEnding: LineEnding = .crlf) -> String {
        var bytes: [UInt8] = []
        encode(fields, delimiter: UInt8(delimiter.value), lineEnding: lineEnding, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func encode(_ fields: [String], delimiter: UInt8, lineEnding: LineEnding, into out: inout [UInt8]) {
        if fields.count == 1 && fields[0].isEmpty {
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: "\""))
        } else {
            for (position, field) in fields.enumerated() {
                if position > 0 { out.append(delimiter) }
                appendField(field, delimiter: delimiter, to: &out)
            }
        }
        if lineEnding == .crlf { out.append(UInt8(ascii: "\r")) }
        out.append(UInt8(ascii: "\n"))
    }

    /// Appends one field as a record holds it: quoted (quotes doubled) when the rules above say so,
    /// else as it is; nothing for empty text. For writers that put records together themselves.
    public static func appendField(_ field: String, delimiter: UInt8 = UInt8(ascii: ","), to out: inout [UInt8]) {
        var field = field
        field.withUTF8 { utf8 in
            let quote = UInt8(ascii: "\"")
            guard needsQuotes(utf8, delimiter: delimiter) else {
                out.append(contentsOf: utf8)
                return
            }
            out.append(quote)
            for byte in utf8 {
                if byte == quote { out.append(quote) }
                out.append(byte)
            }
            out.append(quote)
        }
    }

    private static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        if utf8.count >= 3 && first == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF { return true }
        return utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    }
}
