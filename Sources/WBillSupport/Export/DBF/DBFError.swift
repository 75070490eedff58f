/// Why a DBF file could not be written as asked. Records are counted from 1, in the order written.
public enum DBFError: ClassifiedError, Equatable {
    /// A field name dBase III cannot hold (1 to 10 of A-Z, 0-9, `_`, starting with a letter).
    case badFieldName(String)
    /// Two fields with one name (after upper-casing).
    case duplicateFieldName(String)
    /// A width or decimal count outside what the field type allows.
    case badFieldSize(field: String, width: Int, decimals: Int)
    /// No fields, or more than the header or record length can describe.
    case badFieldCount(Int)
    /// A record with a different number of values than there are fields.
    case wrongValueCount(record: Int, expected: Int, got: Int)
    /// A value of a kind the field does not take (text in a date field …).
    case wrongValueKind(record: Int, field: String, expected: String)
    /// Text longer than its field once encoded.
    case textTooLong(record: Int, field: String, bytes: Int, width: Int)
    /// Text with a character the file's encoding has no code for.
    case notEncodable(record: Int, field: String, text: String, encoding: String)
    /// A number that does not fit its field.
    case numberTooWide(record: Int, field: String, text: String, width: Int)
    /// A number with more decimals than its field (rounding it is the caller's decision).
    case tooManyDecimals(record: Int, field: String, scale: Int, decimals: Int)
    /// A date dBase cannot write (before year 1 or after 9999).
    case dateOutOfRange(record: Int, field: String, date: String)
    /// More records than the header's 32-bit count holds.
    case tooManyRecords
    /// The file could not be written.
    case write(FileWriteError)

    public var failureKind: FailureKind {
        switch self {
        case .write(let error): return error.failureKind
        case .badFieldName, .duplicateFieldName, .badFieldSize, .badFieldCount, .wrongValueCount, .wrongValueKind:
            return .internalError
        case .textTooLong, .notEncodable, .numberTooWide, .tooManyDecimals, .dateOutOfRange, .tooManyRecords:
            return .badInput
        }
    }

    public var description: String {
        switch self {
        case .badFieldName(let name):
            return "DBF field name \"\(name)\" is not 1 to \(DBFField.maximumNameLength) letters, digits or _ starting with a letter"
        case .duplicateFieldName(let name):
            return "DBF field name \(name) is used twice"
        case .badFieldSize(let field, let width, let decimals):
            return "DBF field \(field) cannot be \(width) wide with \(decimals) decimals"
        case .badFieldCount(let count):
            return "a DBF table cannot have \(count) fields"
        case .wrongValueCount(let record, let expected, let got):
            return "DBF record \(record) has \(got) values for \(expected) fields"
        case .wrongValueKind(let record, let field, let expected):
            return "DBF record \(record), field \(field): expected \(expected)"
        case .textTooLong(let record, let field, let bytes, let width):
            return "record \(record), field \(field): the text takes \(bytes) bytes, the field holds \(width)"
        case .notEncodable(let record, let field, let text, let encoding):
            return "record \(record), field \(field): \"\(text)\" has a character \(encoding) cannot encode"
        case .numberTooWide(let record, let field, let text, let width):
            return "record \(record), field \(field): \(text) does not fit in \(width) characters"
        case .tooManyDecimals(let record, let field, let scale, let decimals):
            return "record \(record), field \(field): a value with \(scale) decimals in a field of \(decimals)"
        case .dateOutOfRange(let record, let field, let date):
            return "record \(record), field \(field): the date \(date) cannot be written as YYYYMMDD"
        case .tooManyRecords:
            return "a DBF file holds at most \(UInt32.max) records"
        case .write(let error):
            return error.description
        }
    }
}
