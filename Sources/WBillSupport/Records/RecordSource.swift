/// The seam every bulk import reads its rows through: a header, then records, from CSV text
/// (`CSVReader`) or from a sheet of an Excel workbook (`XLSXReader`, `XLSReader`). An importer
/// written against it reads every format `RecordFile.open` opens, and its errors name the place
/// the way the input does (`meters.csv:17`, `meters.xlsx: Sheet1!C17`; see `RecordPlaces`).
///
/// Two ways to read the records, as `CSVReader` defines them:
/// - `next()` makes each record's strings;
/// - `advance()` moves to the next record, whose fields `fieldBytes(at:)` reads as bytes (valid
///   until the next `advance()`) and `currentRecord()` makes into strings only when needed.
///
/// An error that `isRecordProblem` (bytes that are not UTF-8, a cell refused because it lost
/// digits or holds an error value) leaves the reader past that record: an import lists it as one
/// bad row, with `currentRecord()` for its fields, and reads on. Any other error ends the reading.
///
/// ```swift
/// let reader = try RecordFile.open("meters.xlsx", format: nil, sheet: nil)
/// let header = try reader.readHeader(allowed: nil, required: ["serial"])
/// while let record = try reader.next() { print(header.value("serial", in: record) ?? "") }
/// ```
public protocol RecordSource: AnyObject {
    /// The input's name in errors: the path, `<stdin>`, or what the caller gave.
    var name: String { get }
    /// The file read, as an absolute path, when the reader opened it by path.
    var filePath: String? { get }
    /// The sheet read, for a workbook; nil for text.
    var sheetName: String? { get }

    /// Reads the first record as the header, checking its column names.
    /// - Throws: `CSVError` for an empty input, a malformed record or a bad column name.
    func readHeader(allowed: [String]?, required: [String]) throws(CSVError) -> CSVHeader
    /// The next record, or nil at the end of the input.
    func next() throws(CSVError) -> CSVRecord?
    /// Moves to the next record without making its strings; false at the end of the input.
    func advance() throws(CSVError) -> Bool
    /// The number of fields of the record `advance()` moved to.
    var fieldCount: Int { get }
    /// A field of the record `advance()` moved to, as valid UTF-8 bytes owned by the reader.
    func fieldBytes(at index: Int) -> UnsafeBufferPointer<UInt8>
    /// The record `advance()` moved to, with its fields as strings.
    func currentRecord() -> CSVRecord
    /// The line (a sheet's row) the current record starts on.
    var recordLine: Int { get }
    /// How far into the input file the current record is, in bytes, for a progress bar.
    var recordByteOffset: Int { get }

    /// Asks for the input's size and SHA-256 (`inputDigest`); call before the first read.
    func digestInput()
    /// The size and SHA-256 of the whole input once it has been read to its end, when asked for.
    var inputDigest: CSVInputDigest? { get }
    /// Whether the input has been read to its end.
    var reachedEndOfInput: Bool { get }
    /// How many bytes of the input file have been read: its size, once `reachedEndOfInput`.
    var bytesRead: Int { get }
}

extension CSVReader: RecordSource {
    /// Text has no sheets.
    public var sheetName: String? { nil }
}
