/// A problem in record input — CSV text or a sheet of an Excel workbook (see `RecordSource`) — with
/// the source's name, the physical line (a sheet's row number), the 1-based field number (a
/// sheet's column) and, for text, the byte offset where it was found.
///
/// `description` reads `meters.csv:12: field 3: a quote inside an unquoted field; …` (the field
/// part is left out when the problem is not in one field), or for a sheet
/// `meters.xlsx: Sheet1!C12: …` (`Sheet1 row 12` when it is not in one cell).
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// A quoted field still open at the end of the input; the error points where it started.
        case unterminatedQuotedField
        /// A `"` in a field that does not start with one.
        case quoteInUnquotedField
        /// Something other than a delimiter or a line end right after a closing quote.
        case charactersAfterClosingQuote(found: UInt8)
        /// Bytes that are not UTF-8; `byte` is the first bad one.
        case invalidUTF8(byte: UInt8)
        /// A field longer than the reader's limit, in bytes.
        case fieldTooLarge(limit: Int)
        /// A record longer than the reader's limit, in bytes.
        case recordTooLarge(limit: Int)
        /// A record with another number of fields than required.
        case fieldCountMismatch(expected: Int, found: Int)
        /// The input could not be read.
        case readFailed(FileIOError)
        /// No header line: the input is empty.
        case missingHeader
        /// A header column with an empty name.
        case emptyColumnName
        /// A header column named twice (names compare trimmed and case-insensitively).
        case duplicateColumn(name: String, firstField: Int)
        /// A header column not in the allowed list.
        case unknownColumn(name: String, allowed: [String], suggestion: String?)
        /// Required columns absent from the header.
        case missingColumns([String])
        /// A value the reader's caller refused, with its own lower-case message.
        case invalidValue(String)
        /// A sheet's cell the reader will not turn into text (a number longer than a spreadsheet
        /// keeps, an error value, a date that does not exist): `value` is what the cell holds as
        /// text, `reason` a lower-case message. The reader is past the row, and reading can go on.
        case refusedCell(value: String, reason: String)
        /// A workbook's part that cannot be read part-way through: the zip data or the XML is damaged.
        case damagedWorkbook(String)
    }

    /// What went wrong.
    public let kind: Kind
    /// The input's name: a path, `<stdin>`, or what the caller gave.
    public let source: String
    /// The 1-based physical line where the problem is (or, for an unterminated quote, starts).
    public let line: Int
    /// The 1-based field number, when the problem is in one field.
    public let field: Int?
    /// The 0-based byte offset from the start of the input (counting a byte-order mark), when known.
    public let byteOffset: Int?
    /// The sheet, when the input is a sheet of a workbook: `line` is then its row, `field` its column.
    public let sheet: String?

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - source: The input's name.
    ///   - line: The 1-based physical line.
    ///   - field: The 1-based field number, if the problem is in one field.
    ///   - byteOffset: The 0-based byte offset, if known.
    ///   - sheet: The sheet, when the input is a sheet of a workbook.
    public init(_ kind: Kind, source: String, line: Int, field: Int? = nil, byteOffset: Int? = nil, sheet: String? = nil) {
        self.kind = kind
        self.source = source
        self.line = line
        self.field = field
        self.byteOffset = byteOffset
        self.sheet = sheet
    }

    /// Whether the record's bytes are not UTF-8: the reader has read past the record, and reading can go on.
    public var isInvalidUTF8: Bool {
        if case .invalidUTF8 = kind { return true }
        return false
    }

    /// Whether the problem is one record's (bytes that are not UTF-8, a refused cell): the reader
    /// is past that record and reading can go on, so an import can list it as one bad row among
    /// the others. After any other error reading on is not supported.
    public var isRecordProblem: Bool {
        switch kind {
        case .invalidUTF8, .refusedCell: return true
        default: return false
        }
    }

    /// The value a refused cell holds as text; empty for other problems.
    public var value: String {
        if case .refusedCell(let value, _) = kind { return value }
        return ""
    }

    /// The lower-case message, without the place.
    public var message: String {
        switch kind {
        case .unterminatedQuotedField:
            return "quoted field is never closed: the input ends inside the quotes opened here"
        case .quoteInUnquotedField:
            return "a quote inside an unquoted field; quote the whole field and double the quotes inside (\"a \"\"b\"\" c\")"
        case .charactersAfterClosingQuote(let byte):
            return "expected a delimiter or the end of the line after a closing quote, found \(CSVError.describe(byte)) (a quote inside a quoted field is written twice: \"\")"
        case .invalidUTF8(let byte):
            return "invalid utf-8 (byte 0x\(CSVError.hex(byte))); the file must be encoded as utf-8"
        case .fieldTooLarge(let limit):
            return "field is larger than the limit of \(limit) bytes (an unclosed quote can cause this)"
        case .recordTooLarge(let limit):
            return "record is larger than the limit of \(limit) bytes"
        case .fieldCountMismatch(let expected, let found):
            return "expected \(expected) field\(expected == 1 ? "" : "s"), found \(found)"
        case .readFailed(let error):
            return error.description
        case .missingHeader:
            return sheet == nil ? "the input is empty; expected a header line" : "the sheet is empty; expected a header row"
        case .emptyColumnName:
            return "empty column name in the header"
        case .duplicateColumn(let name, let firstField):
            return "duplicate column `\(name)`; it is also column \(firstField)"
        case .unknownColumn(let name, let allowed, let suggestion):
            let hint = suggestion.map { " (did you mean `\($0)`?)" } ?? ""
            return "unknown column `\(name)`\(hint); expected one of: \(allowed.joined(separator: ", "))"
        case .missingColumns(let names):
            let list = names.map { "`\($0)`" }.joined(separator: ", ")
            return "missing required column\(names.count == 1 ? "" : "s") \(list)"
        case .invalidValue(let message):
            return message
        case .refusedCell(_, let reason):
            return reason
        case .damagedWorkbook(let reason):
            return "the workbook is damaged: \(reason)"
        }
    }

    /// `SOURCE:LINE: field N: message`, or `SOURCE:LINE: message`; for a sheet
    /// `SOURCE: Sheet1!C12: message` or `SOURCE: Sheet1 row 12: message`.
    public var description: String {
        if let sheet { return "\(source): \(CellReference.place(sheet: sheet, row: line, column: field)): \(message)" }
        if let field { return "\(source):\(line): field \(field): \(message)" }
        return "\(source):\(line): \(message)"
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "\"\(Character(Unicode.Scalar(byte)))\"" }
        if byte == 0x20 { return "a space" }
        if byte == 0x09 { return "a tab" }
        return "byte 0x\(hex(byte))"
    }
}
