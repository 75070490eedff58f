/// Rows with a header line, read one at a time: what a bulk import reads, whatever the file's
/// format. `CSVReader` is one; a reader of another format (a spreadsheet's first sheet) plugs into
/// the same imports by giving its rows as `CSVRecord`s (fields as text, the row's line or number)
/// and its header as a `CSVHeader`.
///
/// ```swift
/// func importRows(from reader: any RecordReader) throws {
///     let header = try reader.readHeader(allowed: ["serial", "value"], required: ["serial"])
///     while let record = try reader.next() { print(record.line, header.value("serial", in: record) ?? "") }
/// }
/// ```
public protocol RecordReader: AnyObject {
    /// The input's name in errors: a path, `<stdin>`.
    var name: String { get }
    /// The file read, as an absolute path, when the reader opened one.
    var filePath: String? { get }
    /// Whether the input has been read to its end.
    var reachedEndOfInput: Bool { get }
    /// How many bytes have been read so far (the input's size once at its end).
    var bytesRead: Int { get }
    /// Reads the header, checking its column names (see `CSVHeader`).
    func readHeader(allowed: [String]?, required: [String]) throws -> CSVHeader
    /// The next row, or nil at the end. A row that is not valid text is thrown as an error for which
    /// `isRowTextError` holds, and reading may go on after it.
    func next() throws -> CSVRecord?
    /// Whether `error`, thrown by `next()`, is about one row's text only (so the row is bad and the
    /// rows after it can still be read): its line, the field (1-based) if known, and what is wrong.
    func rowTextError(_ error: Error) -> (line: Int, field: Int?, message: String)?
}

extension CSVReader: RecordReader {
    public func rowTextError(_ error: Error) -> (line: Int, field: Int?, message: String)? {
        guard let error = error as? CSVError, error.isInvalidUTF8 else { return nil }
        return (error.line, error.field, error.message)
    }
}
