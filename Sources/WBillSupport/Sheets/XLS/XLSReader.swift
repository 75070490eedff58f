import CFreeXL

/// Reads one sheet of an old Excel 97–2003 workbook (`.xls`, BIFF) as records, through freexl,
/// which loads the workbook whole (an .xls sheet has at most 65,536 rows). Open it with
/// `RecordFile.open`. Cells read as `XLSXReader`'s do: text as it is, numbers as the shortest
/// decimal of their double (refused when they may have lost digits), dates and times as
/// `2026-11-23`, `2026-11-23T09:30:00`, `09:30:00` (freexl applies the date system).
public final class XLSReader: SheetReader {
    private let handle: UnsafeRawPointer
    private let rowCount: Int
    private let columnCount: Int
    private var nextRowIndex = 0
    private let size: Int
    /// Rows handed over per `readMoreRows()`.
    private static let rowsPerRead = 512

    /// Opens sheet `sheet` (nil: the first) of the workbook at `path`.
    /// - Throws: `FileIOError`, `WorkbookError`.
    init(path: String, name: String, filePath: String?, sheet: String?, keeping: AnyObject?) throws {
        let prefix = try ZipArchive.firstBytes(of: path, count: 8)
        guard RecordFileFormat.byContent(prefix) == .xls else {
            throw WorkbookError.notAWorkbook(source: name, format: .xls, found: RecordFileFormat.byContent(prefix))
        }
        var opened: UnsafeRawPointer?
        let status = freexl_open(path, &opened)
        guard status == FREEXL_OK, let handle = opened else {
            if let opened { freexl_close(opened) }
            throw WorkbookError.damaged(source: name, part: nil, reason: XLSReader.reason(status))
        }
        func fail(_ error: WorkbookError) -> WorkbookError {
            freexl_close(handle)
            return error
        }
        var info: UInt32 = 0
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &info) == FREEXL_OK && info == UInt32(FREEXL_BIFF_OBFUSCATED) {
            throw fail(.encrypted(source: name))
        }
        guard freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &info) == FREEXL_OK, info > 0 else {
            throw fail(.noSheets(source: name))
        }
        var names: [String] = []
        for index in 0..<UInt16(min(info, UInt32(UInt16.max))) {
            var text: UnsafePointer<CChar>?
            names.append(freexl_get_worksheet_name(handle, index, &text) == FREEXL_OK ? text.map { String(cString: $0) } ?? "" : "")
        }
        var chosen = 0
        if let sheet {
            guard let index = names.firstIndex(of: sheet) ?? names.firstIndex(where: { $0.lowercased() == sheet.lowercased() }) else {
                throw fail(.unknownSheet(source: name, name: sheet, sheets: names, suggestion: closestMatch(to: sheet, among: names)))
            }
            chosen = index
        }
        var rows: UInt32 = 0
        var columns: UInt16 = 0
        let selected = freexl_select_active_worksheet(handle, UInt16(chosen))
        guard selected == FREEXL_OK, freexl_worksheet_dimensions(handle, &rows, &columns) == FREEXL_OK else {
            throw fail(.damaged(source: name, part: nil, reason: XLSReader.reason(selected)))
        }
        self.handle = handle
        rowCount = Int(rows)
        columnCount = Int(columns)
        size = Int(FileSystem.size(path) ?? 0)
        super.init(name: name, filePath: filePath, readablePath: path, sheet: names[chosen], keeping: keeping)
    }

    deinit { freexl_close(handle) }

    override func readMoreRows() throws(CSVError) -> Bool {
        guard nextRowIndex < rowCount else { return false }
        let last = min(rowCount, nextRowIndex + Self.rowsPerRead)
        var cell = FreeXL_CellValue()
        var number: [UInt8] = []
        for row in nextRowIndex..<last {
            // Progress by rows, as a share of the file: freexl read it whole when it opened it.
            beginRow(row + 1, byteOffset: rowCount == 0 ? 0 : size / rowCount * row)
            for column in 0..<columnCount {
                let status = freexl_get_cell_value(handle, UInt32(row), UInt16(column), &cell)
                guard status == FREEXL_OK else {
                    throw CSVError(.damagedWorkbook(XLSReader.reason(status)), source: name, line: row + 1, field: column + 1,
                                   sheet: sheet)
                }
                switch Int32(cell.type) {
                case FREEXL_CELL_INT:
                    add(String(cell.value.int_value), column: column + 1)
                case FREEXL_CELL_DOUBLE:
                    switch CellNumberText.text(of: cell.value.double_value) {
                    case .success(let text): add(text, column: column + 1)
                    case .failure(let refusal): refuseCell(column: column + 1, refusal)
                    }
                case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_DATE, FREEXL_CELL_TIME, FREEXL_CELL_DATETIME:
                    guard let text = cell.value.text_value else { continue }
                    number.removeAll(keepingCapacity: true)
                    var pointer = text
                    while pointer.pointee != 0 {
                        number.append(UInt8(bitPattern: pointer.pointee))
                        pointer += 1
                    }
                    // freexl writes a date and time as `YYYY-MM-DD HH:MM:SS`; as the xlsx reader, with a T.
                    if Int32(cell.type) == FREEXL_CELL_DATETIME, number.count > 10, number[10] == UInt8(ascii: " ") {
                        number[10] = UInt8(ascii: "T")
                        if number.count == 19 && number[11...] == [0x30, 0x30, 0x3A, 0x30, 0x30, 0x3A, 0x30, 0x30][...] {
                            number.removeLast(9)  // midnight: a date, as the xlsx reader gives it
                        }
                    }
                    let valid = number.withUnsafeBufferPointer { firstInvalidUTF8Offset(in: $0) == nil }
                    guard valid else {
                        refuseCell(column: column + 1, CellRefusal(value: String(decoding: number, as: UTF8.self),
                                                                   reason: "text that is not valid in its code page"))
                        continue
                    }
                    number.withUnsafeBufferPointer { addCell(column: column + 1, $0) }
                default:
                    continue
                }
            }
            endRow()
        }
        nextRowIndex = last
        return true
    }

    private func add(_ text: String, column: Int) {
        var text = text
        text.withUTF8 { addCell(column: column, $0) }
    }

    /// What a freexl status means, for messages.
    static func reason(_ status: Int32) -> String {
        switch status {
        case FREEXL_INSUFFICIENT_MEMORY: return "there is not enough memory to read it"
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE, FREEXL_CFBF_INVALID_SECTOR_SIZE:
            return "its compound-file header is damaged"
        case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR: return "it ends before its data does (is the file complete?)"
        case FREEXL_CFBF_EMPTY_FAT_CHAIN, FREEXL_CFBF_ILLEGAL_FAT_ENTRY, FREEXL_INVALID_MINI_STREAM,
             FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
            return "its sector table is damaged"
        case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "it holds no Excel workbook stream (is it another Office document?)"
        case FREEXL_BIFF_INVALID_BOF, FREEXL_BIFF_INVALID_SST, FREEXL_BIFF_ILLEGAL_SST_INDEX, FREEXL_CRAFTED_FILE:
            return "its workbook records are damaged"
        case FREEXL_INVALID_CHARACTER, FREEXL_UNSUPPORTED_CHARSET: return "its text is in a code page that cannot be read"
        default: return "freexl cannot read it (status \(status))"
        }
    }
}
