#if canImport(Glibc)
import Glibc
#endif
import CXlsxWriter

/// libxlsxwriter's functions, loaded with dlopen on first use: only a command that writes an xlsx
/// file loads the library (and the libcrypto, minizip and zlib it needs); no other command's
/// start-up pays for it, and a machine without it fails only such a command, with a clear error.
/// Object pointers are passed as `OpaquePointer` (the C functions take pointers to structs wbill
/// never reads).
struct XLSXLibrary: @unchecked Sendable {
    typealias WorkbookNew = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<lxw_workbook_options>?) -> OpaquePointer?
    typealias AddWorksheet = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    typealias AddFormat = @convention(c) (OpaquePointer?) -> OpaquePointer?
    typealias AddChart = @convention(c) (OpaquePointer?, UInt8) -> OpaquePointer?
    typealias WorkbookClose = @convention(c) (OpaquePointer?) -> lxw_error
    typealias FormatFlag = @convention(c) (OpaquePointer?) -> Void
    typealias FormatText = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Void
    typealias WriteString = @convention(c) (OpaquePointer?, lxw_row_t, lxw_col_t, UnsafePointer<CChar>?, OpaquePointer?) -> lxw_error
    typealias WriteNumber = @convention(c) (OpaquePointer?, lxw_row_t, lxw_col_t, Double, OpaquePointer?) -> lxw_error
    typealias WriteDateTime = @convention(c) (OpaquePointer?, lxw_row_t, lxw_col_t, UnsafeMutablePointer<lxw_datetime>?, OpaquePointer?) -> lxw_error
    typealias WriteBlank = @convention(c) (OpaquePointer?, lxw_row_t, lxw_col_t, OpaquePointer?) -> lxw_error
    typealias FreezePanes = @convention(c) (OpaquePointer?, lxw_row_t, lxw_col_t) -> Void
    typealias Autofilter = @convention(c) (OpaquePointer?, lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t) -> lxw_error
    typealias SetColumn = @convention(c) (OpaquePointer?, lxw_col_t, lxw_col_t, Double, OpaquePointer?) -> lxw_error
    typealias InsertChart = @convention(c) (OpaquePointer?, lxw_row_t, lxw_col_t, OpaquePointer?) -> lxw_error
    typealias AddSeries = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> OpaquePointer?
    typealias SetName = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Void
    typealias LegendPosition = @convention(c) (OpaquePointer?, UInt8) -> Void
    typealias ErrorText = @convention(c) (lxw_error) -> UnsafeMutablePointer<CChar>?

    let workbookNew: WorkbookNew
    let addWorksheet: AddWorksheet
    let addFormat: AddFormat
    let addChart: AddChart
    let workbookClose: WorkbookClose
    let formatSetBold: FormatFlag
    let formatSetNumberFormat: FormatText
    let writeString: WriteString
    let writeNumber: WriteNumber
    let writeDateTime: WriteDateTime
    let writeBlank: WriteBlank
    let freezePanes: FreezePanes
    let autofilter: Autofilter
    let setColumn: SetColumn
    let insertChart: InsertChart
    let addSeries: AddSeries
    let chartTitleSetName: SetName
    let seriesSetName: SetName
    let legendSetPosition: LegendPosition
    let errorText: ErrorText

    /// The file names tried, in order: Debian's runtime package's soname, then the -dev link.
    static let fileNames = ["libxlsxwriter.so.4", "libxlsxwriter.so"]

    /// The library, loaded once per process.
    /// - Throws: `XLSXError.libraryUnavailable` when it cannot be loaded or lacks a function.
    static func shared() throws(XLSXError) -> XLSXLibrary {
        switch loaded {
        case .success(let library): return library
        case .failure(let error): throw error
        }
    }

    private static let loaded: Result<XLSXLibrary, XLSXError> = {
        var reasons: [String] = []
        for name in fileNames {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                do throws(XLSXError) { return .success(try XLSXLibrary(handle: handle)) } catch { return .failure(error) }
            }
            reasons.append(dlerror().map { String(cString: $0) } ?? name)
        }
        return .failure(.libraryUnavailable(reasons.first ?? fileNames[0]))
    }()

    private init(handle: UnsafeMutableRawPointer) throws(XLSXError) {
        func symbol<T>(_ name: String, _ type: T.Type) throws(XLSXError) -> T {
            guard let address = dlsym(handle, name) else { throw .libraryUnavailable("libxlsxwriter has no \(name)") }
            return unsafeBitCast(address, to: type)
        }
        workbookNew = try symbol("workbook_new_opt", WorkbookNew.self)
        addWorksheet = try symbol("workbook_add_worksheet", AddWorksheet.self)
        addFormat = try symbol("workbook_add_format", AddFormat.self)
        addChart = try symbol("workbook_add_chart", AddChart.self)
        workbookClose = try symbol("workbook_close", WorkbookClose.self)
        formatSetBold = try symbol("format_set_bold", FormatFlag.self)
        formatSetNumberFormat = try symbol("format_set_num_format", FormatText.self)
        writeString = try symbol("worksheet_write_string", WriteString.self)
        writeNumber = try symbol("worksheet_write_number", WriteNumber.self)
        writeDateTime = try symbol("worksheet_write_datetime", WriteDateTime.self)
        writeBlank = try symbol("worksheet_write_blank", WriteBlank.self)
        freezePanes = try symbol("worksheet_freeze_panes", FreezePanes.self)
        autofilter = try symbol("worksheet_autofilter", Autofilter.self)
        setColumn = try symbol("worksheet_set_column", SetColumn.self)
        insertChart = try symbol("worksheet_insert_chart", InsertChart.self)
        addSeries = try symbol("chart_add_series", AddSeries.self)
        chartTitleSetName = try symbol("chart_title_set_name", SetName.self)
        seriesSetName = try symbol("chart_series_set_name", SetName.self)
        legendSetPosition = try symbol("chart_legend_set_position", LegendPosition.self)
        errorText = try symbol("lxw_strerror", ErrorText.self)
    }

    /// libxlsxwriter's words for `error`.
    func describe(_ error: lxw_error) -> String {
        errorText(error).map { String(cString: $0) } ?? "error \(error.rawValue)"
    }
}
