#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of one sheet of a workbook as records (`RecordSource`): what `XLSXReader` and
/// `XLSReader` share. A subclass reads the workbook and hands over rows cell by cell
/// (`beginRow`, `addCell`, `refuseCell`, `endRow`) from `readMoreRows()`; this class queues them
/// and serves them one at a time, in the same two ways as `CSVReader`.
///
/// - A row whose cells are all empty is skipped, as a CSV reader skips an empty line.
/// - The first row that is not blank is the header: every record has its width, the cells it
///   leaves empty read as empty fields, and a value in a column right of the header's last one
///   is refused (it would have no column name).
/// - `recordLine` is the row's number in the sheet; errors name cells as `Sheet1!C17`.
public class SheetReader: RecordSource {
    /// The input's name in errors.
    public let name: String
    /// The file read, as an absolute path; nil for standard input.
    public let filePath: String?
    /// The sheet read.
    public let sheet: String
    /// The sheet read (`RecordSource`).
    public var sheetName: String? { sheet }
    /// The path the file is read from (standard input's temporary copy, for `-`).
    let readablePath: String
    /// Whatever must live as long as the reader (standard input's temporary copy).
    private let keeping: AnyObject?

    // The queue is read and written for every cell of the sheet; it is one reader's, on one
    // thread, so it is read without Swift's dynamic exclusivity checks (as `CSVReader`'s buffer).

    /// Every row's cell values, one after another, for the rows queued.
    @exclusivity(unchecked) private var arena: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var arenaCapacity = 64 << 10
    @exclusivity(unchecked) private var arenaCount = 0
    @exclusivity(unchecked) private var cells: [QueuedCell] = []
    @exclusivity(unchecked) private var rows: [QueuedRow] = []
    @exclusivity(unchecked) private var nextRow = 0
    @exclusivity(unchecked) private var rowOpen: QueuedRow?
    /// The header's width, once the first row that is not blank is queued.
    @exclusivity(unchecked) private var width: Int?
    /// An error met while reading rows, thrown once the rows read before it are served.
    private var pendingError: CSVError?
    private var exhausted = false

    /// Where each field of the current record is in the arena (count -1: an empty field).
    @exclusivity(unchecked) private var spans: [(offset: Int, count: Int)] = []
    /// The row number of the current record.
    @exclusivity(unchecked) public private(set) var recordLine = 0
    /// How far into the file the current record is, for a progress bar.
    @exclusivity(unchecked) public private(set) var recordByteOffset = 0
    /// Whether every row has been read.
    public private(set) var reachedEndOfInput = false
    private var digest: CSVInputDigest?
    private var wantsDigest = false

    private struct QueuedCell {
        let column: Int
        let offset: Int
        let count: Int
    }

    private struct QueuedRow {
        let number: Int
        var firstCell: Int
        var cellCount = 0
        var lastColumn = 0
        var byteOffset: Int
        /// The first cell refused, with its 1-based column.
        var refusal: (column: Int, CellRefusal)?
    }

    init(name: String, filePath: String?, readablePath: String, sheet: String, keeping: AnyObject?) {
        self.name = name
        self.filePath = filePath
        self.readablePath = readablePath
        self.sheet = sheet
        self.keeping = keeping
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit { arena.deallocate() }

    // MARK: what a subclass provides

    /// Reads on and hands over some rows (none is fine); false once there are no more.
    /// - Throws: `CSVError` (`damagedWorkbook`) when the workbook cannot be read on.
    func readMoreRows() throws(CSVError) -> Bool {
        fatalError("a SheetReader subclass reads its rows")
    }

    /// The size of the file, in bytes.
    var fileSize: Int { Int(FileSystem.size(readablePath) ?? 0) }

    // MARK: handing over rows (final: called for every cell, without dynamic dispatch)

    /// Starts row `number` (1-based), read `byteOffset` bytes into the file.
    final func beginRow(_ number: Int, byteOffset: Int) {
        rowOpen = QueuedRow(number: number, firstCell: cells.count, byteOffset: byteOffset)
    }

    /// A cell of the open row: its 1-based column and its text as UTF-8 (an empty text adds nothing).
    final func addCell(column: Int, _ text: UnsafeBufferPointer<UInt8>) {
        guard text.count > 0, rowOpen != nil else { return }
        if let width, column > width {
            let letters = CellReference.letters(ofColumn: column)
            refuse(column: column, CellRefusal(value: String(decoding: text, as: UTF8.self),
                reason: "a value in column \(letters), right of the header's last column (\(CellReference.letters(ofColumn: width))); name the column in the header row, or clear the cell"))
            return
        }
        if arenaCount + text.count > arenaCapacity {
            var capacity = arenaCapacity * 2
            while capacity < arenaCount + text.count { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = grown
            arenaCapacity = capacity
        }
        (arena + arenaCount).update(from: text.baseAddress!, count: text.count)
        cells.append(QueuedCell(column: column, offset: arenaCount, count: text.count))
        arenaCount += text.count
        rowOpen!.cellCount += 1
        rowOpen!.lastColumn = max(rowOpen!.lastColumn, column)
    }

    /// A cell of the open row that is refused; its value is kept as the field's text.
    final func refuseCell(column: Int, _ refusal: CellRefusal) {
        refuse(column: column, refusal)
        var value = refusal.value
        value.withUTF8 { addCell(column: column, $0) }
    }

    private func refuse(column: Int, _ refusal: CellRefusal) {
        if rowOpen?.refusal == nil { rowOpen?.refusal = (column, refusal) }
    }

    /// Ends the open row: queued unless it is blank.
    final func endRow() {
        guard let row = rowOpen else { return }
        rowOpen = nil
        guard row.cellCount > 0 || row.refusal != nil else {
            cells.removeSubrange(row.firstCell...)
            return
        }
        if width == nil { width = max(row.lastColumn, 1) }
        rows.append(row)
    }

    // MARK: RecordSource

    public func advance() throws(CSVError) -> Bool {
        while nextRow == rows.count {
            if let error = pendingError {
                pendingError = nil
                exhausted = true
                throw error
            }
            if exhausted {
                reachedEndOfInput = true
                if wantsDigest && digest == nil { digest = digestOfFile() }
                return false
            }
            clearQueue()
            do {
                if try !readMoreRows() { exhausted = true }
            } catch {
                pendingError = error
            }
        }
        let row = rows[nextRow]
        nextRow += 1
        let width = max(self.width ?? 0, row.lastColumn)
        spans.removeAll(keepingCapacity: true)
        for _ in 0..<width { spans.append((0, 0)) }
        for cell in cells[row.firstCell..<(row.firstCell + row.cellCount)] where cell.column <= width {
            spans[cell.column - 1] = (cell.offset, cell.count)
        }
        recordLine = row.number
        recordByteOffset = row.byteOffset
        if let (column, refusal) = row.refusal {
            throw CSVError(.refusedCell(value: refusal.value, reason: refusal.reason), source: name, line: row.number,
                           field: column, sheet: sheet)
        }
        return true
    }

    /// Forgets the rows served, keeping the cells of a row still open (a piece of a sheet may end
    /// inside a row), moved to the front.
    private func clearQueue() {
        rows.removeAll(keepingCapacity: true)
        nextRow = 0
        guard var open = rowOpen, open.firstCell < cells.count else {
            cells.removeAll(keepingCapacity: true)
            arenaCount = 0
            rowOpen?.firstCell = 0
            return
        }
        let base = cells[open.firstCell].offset
        let kept = cells[open.firstCell...].map { QueuedCell(column: $0.column, offset: $0.offset - base, count: $0.count) }
        memmove(arena, arena + base, arenaCount - base)
        arenaCount -= base
        cells.removeAll(keepingCapacity: true)
        cells.append(contentsOf: kept)
        open.firstCell = 0
        rowOpen = open
    }

    public var fieldCount: Int { spans.count }

    public func fieldBytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        return UnsafeBufferPointer(start: arena + span.offset, count: span.count)
    }

    public func currentRecord() -> CSVRecord {
        var fields: [String] = []
        fields.reserveCapacity(spans.count)
        for index in spans.indices { fields.append(String(decoding: fieldBytes(at: index), as: UTF8.self)) }
        return CSVRecord(source: name, line: recordLine, byteOffset: recordByteOffset, fields: fields, sheet: sheet)
    }

    public func next() throws(CSVError) -> CSVRecord? {
        try advance() ? currentRecord() : nil
    }

    public func readHeader(allowed: [String]?, required: [String]) throws(CSVError) -> CSVHeader {
        guard let record = try next() else {
            throw CSVError(.missingHeader, source: name, line: 1, sheet: sheet)
        }
        return try CSVHeader(record, allowed: allowed, required: required)
    }

    public func digestInput() {
        if recordLine == 0 && !reachedEndOfInput { wantsDigest = true }
    }

    public var inputDigest: CSVInputDigest? { reachedEndOfInput ? digest : nil }

    public var bytesRead: Int { reachedEndOfInput ? fileSize : recordByteOffset }

    /// The size and SHA-256 of the file, read again from its start; nil when it cannot be read.
    private func digestOfFile() -> CSVInputDigest? {
        guard let fd = try? FileDescriptorIO.openForReading(readablePath) else { return nil }
        defer { close(fd) }
        var hash = SHA256()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            guard let count = try? FileDescriptorIO.read(fd, into: chunk.baseAddress!, count: chunk.count, name: name) else {
                return nil
            }
            if count == 0 { break }
            hash.update(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        }
        return CSVInputDigest(byteCount: Int(hash.byteCount), sha256: hash.finalize())
    }
}
