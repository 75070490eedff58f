import CXlsxWriter

/// An xlsx workbook written by libxlsxwriter (loaded on first use, `XLSXLibrary`) to `path`, which
/// is normally an `AtomicFile`'s temporary path: the caller closes the atomic file's descriptor,
/// lets the workbook write, and commits once `close()` succeeds.
///
/// Sheets are tables: a bold header row, frozen, with an autofilter over the rows written and
/// column widths that fit what was written; cells keep their meaning (`XLSXCell`). In constant-memory
/// mode (for large reports) each row goes to a temporary file as it is written, so rows must be
/// appended in order, which is the only way `XLSXSheet` writes them.
public final class XLSXWorkbook {
    /// The file being written.
    public let path: String
    let library: XLSXLibrary
    private var handle: OpaquePointer?
    private var sheets: [XLSXSheet] = []
    private var formats: [String: OpaquePointer] = [:]
    private(set) var boldFormat: OpaquePointer?

    /// Starts a workbook at `path`.
    /// - Parameter constantMemory: stream rows to temporary files instead of holding them.
    /// - Throws: `XLSXError.libraryUnavailable`, or `.write` when the file cannot be created.
    public init(path: String, constantMemory: Bool) throws(XLSXError) {
        library = try XLSXLibrary.shared()
        self.path = path
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 1
        guard let handle = path.withCString({ library.workbookNew($0, &options) }) else {
            throw .write(FileWriteError(path: path, reason: "the xlsx writer could not start the workbook", creating: true))
        }
        self.handle = handle
        boldFormat = library.addFormat(handle)
        library.formatSetBold(boldFormat)
    }

    deinit {
        // A workbook never closed still owns memory and temporary files: close it into the
        // temporary path, which the AtomicFile that owns it removes.
        if let handle { _ = library.workbookClose(handle) }
    }

    /// Adds a sheet called `name` (1 to 31 characters, none of `[]:*?/\`, not used yet).
    /// - Throws: `XLSXError.badSheetName`.
    public func addSheet(_ name: String) throws(XLSXError) -> XLSXSheet {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        guard !name.isEmpty, name.count <= 31, !name.contains(where: forbidden.contains), !name.hasPrefix("'"), !name.hasSuffix("'"),
              !sheets.contains(where: { $0.name.lowercased() == name.lowercased() }),
              let sheetHandle = name.withCString({ library.addWorksheet(handle, $0) })
        else { throw .badSheetName(name) }
        let sheet = XLSXSheet(workbook: self, handle: sheetHandle, name: name)
        sheets.append(sheet)
        return sheet
    }

    /// Writes the file. The workbook cannot be used afterwards.
    /// - Throws: `XLSXError.write` with libxlsxwriter's reason (disk full, directory gone …).
    public func close() throws(XLSXError) {
        guard let handle else { return }
        for sheet in sheets { try sheet.finish() }
        self.handle = nil
        let result = library.workbookClose(handle)
        guard result == LXW_NO_ERROR else {
            throw .write(FileWriteError(path: path, reason: library.describe(result), creating: false))
        }
    }

    /// The cell format with number format `code`, made once per workbook.
    func format(_ code: String) -> OpaquePointer? {
        if let known = formats[code] { return known }
        let format = library.addFormat(handle)
        code.withCString { library.formatSetNumberFormat(format, $0) }
        if let format { formats[code] = format }
        return format
    }

    /// A chart of `kind` belonging to this workbook.
    func makeChart(_ kind: XLSXChart.Kind) -> OpaquePointer? {
        let type: lxw_chart_type
        switch kind {
        case .column: type = LXW_CHART_COLUMN
        case .bar: type = LXW_CHART_BAR
        case .line: type = LXW_CHART_LINE
        case .pie: type = LXW_CHART_PIE
        }
        return library.addChart(handle, UInt8(type.rawValue))
    }
}
