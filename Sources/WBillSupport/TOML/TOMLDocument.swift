/// Reads TOML 1.0 documents — the subset tariff files use — into `TOMLTable`s whose numbers stay
/// exact decimal text and whose every key and value knows its line and column.
///
/// Supported: comments; bare, quoted and dotted keys; `[table]`, `[a.b]` and `[[array.of.tables]]`;
/// inline tables; arrays (multi-line, trailing comma, comments); basic, literal and multi-line
/// strings with all TOML escapes; integers (`_` separators, sign, `0x`/`0o`/`0b`); decimals;
/// booleans; local dates. Refused with a clear message: exponents, `inf` and `nan` (exact decimals
/// are required), and offset/local date-times and times of day (only local dates are supported).
///
/// ```swift
/// let root = try TOMLDocument.parse(text, file: "tariff.toml")
/// let rate = try root.requireTable("components").requireTable("water").requireDecimalText("rate")
/// ```
public enum TOMLDocument {
    /// Parses TOML text.
    ///
    /// - Parameters:
    ///   - text: The document; a leading byte-order mark is ignored; lines end with LF or CRLF.
    ///   - file: The name errors and locations carry, e.g. `tariff.toml`.
    /// - Returns: The top-level table.
    /// - Throws: `TOMLError` at the first problem.
    public static func parse(_ text: String, file: String = "<input>") throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(text: text, file: file)
        return try parser.parseDocument()
    }

    /// Parses TOML bytes, which must be UTF-8.
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes.
    ///   - file: The name errors and locations carry.
    /// - Returns: The top-level table.
    /// - Throws: `TOMLError` for bytes that are not UTF-8 (at their line and column) or any
    ///   syntax problem.
    public static func parse(bytes: [UInt8], file: String = "<input>") throws(TOMLError) -> TOMLTable {
        let invalidOffset = bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) }
        if let offset = invalidOffset {
            let before = bytes[..<offset]
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            var prefix = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count
            if lineStart == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { prefix -= 1 }
            let line = before.lazy.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let hex = String(bytes[offset], radix: 16, uppercase: true)
            throw TOMLError(
                at: TOMLLocation(file: file, line: line, column: prefix + 1),
                "invalid utf-8: found byte 0x\(hex.count == 1 ? "0" + hex : hex); the file must be encoded as utf-8")
        }
        return try parse(String(decoding: bytes, as: UTF8.self), file: file)
    }

    /// Reads and parses a TOML file.
    ///
    /// - Parameter path: The file; errors name it as given.
    /// - Returns: The top-level table.
    /// - Throws: `FileIOError` when the file cannot be read, `TOMLError` for its content.
    public static func load(path: String) throws -> TOMLTable {
        try parse(bytes: FileDescriptorIO.readWholeFile(path), file: path)
    }
}
