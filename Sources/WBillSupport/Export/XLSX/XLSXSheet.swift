import CXlsxWriter

/// One worksheet of an `XLSXWorkbook`, written as a table: `header` first, then `append` row after
/// row. When the workbook closes, the header is frozen, an autofilter covers the rows written,
/// each column is as wide as its widest text (within limits), and the charts are placed right of
/// the table.
///
/// Numbers are binary doubles in an xlsx file: an exact decimal is written as the double nearest
/// its exact text (which Excel shows back as that text with the cell's decimals), and a value
/// with more than 15 significant digits, which no double keeps, is refused.
public final class XLSXSheet {
    /// The sheet's name.
    public let name: String
    /// Rows written so far, the header included.
    public private(set) var rowCount = 0
    private unowned let workbook: XLSXWorkbook
    private let handle: OpaquePointer
    private var columnCount = 0
    private var widths: [Int] = []
    private var hasHeader = false
    private var charts: [XLSXChart] = []
    private var finished = false
    private var numberFormats: [OpaquePointer?] = []
    private var dateFormat: OpaquePointer?
    private var dateTimeFormat: OpaquePointer?

    /// The most rows a worksheet holds.
    public static let maximumRows = 1_048_576
    static let widest = 60
    static let narrowest = 6

    init(workbook: XLSXWorkbook, handle: OpaquePointer, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    /// Writes the header row, in bold. Call it first.
    public func header(_ titles: [String]) throws(XLSXError) {
        precondition(rowCount == 0, "the header is the first row")
        hasHeader = true
        try checkSize(columns: titles.count)
        for (column, title) in titles.enumerated() {
            try check(title.withCString { workbook.library.writeString(handle, 0, lxw_col_t(column), $0, workbook.boldFormat) },
                      "the header of column \(column + 1)")
            note(width: Self.displayWidth(title) + 2, column: column)  // room for the filter button
        }
        rowCount = 1
    }

    /// Appends one row of cells. Every cell is checked before any is written, so a refused row
    /// leaves nothing behind.
    /// - Throws: `XLSXError.sheetFull`, `.unrepresentable` for a value Excel cannot show as written.
    public func append(_ cells: [XLSXCell]) throws(XLSXError) {
        try checkSize(columns: cells.count)
        var numbers: [Double] = []
        for (index, cell) in cells.enumerated() {
            switch cell {
            case .decimal(let unscaled, let scale): numbers.append(try double(unscaled, scale: scale, column: index))
            case .integer(let value): numbers.append(try double(value, scale: 0, column: index))
            case .date(let date): try checkYear(date.year, index, shown: date.description)
            case .dateTime(let year, let month, let day, let hour, let minute, let second):
                try checkYear(year, index, shown: "\(year)-\(month)-\(day) \(hour):\(minute):\(second)")
            case .text, .empty: break
            }
        }
        let row = lxw_row_t(rowCount)
        let library = workbook.library
        var nextNumber = numbers.makeIterator()
        for (index, cell) in cells.enumerated() {
            let column = lxw_col_t(index)
            let result: lxw_error
            switch cell {
            case .text(let text):
                result = text.withCString { library.writeString(handle, row, column, $0, nil) }
                note(width: Self.displayWidth(text), column: index)
            case .decimal(let unscaled, let scale):
                result = library.writeNumber(handle, row, column, nextNumber.next()!, numberFormat(scale: scale))
                note(width: DecimalText.length(unscaled, scale: scale, decimals: scale) * 4 / 3 + 1, column: index)
            case .integer(let value):
                result = library.writeNumber(handle, row, column, nextNumber.next()!, numberFormat(scale: 0))
                note(width: DecimalText.length(value, scale: 0, decimals: 0) * 4 / 3 + 1, column: index)
            case .date(let date):
                let (year, month, day) = date.components
                dateFormat = dateFormat ?? workbook.format("yyyy-mm-dd")
                result = writeDate(row, column, year, month, day, 0, 0, 0, format: dateFormat)
                note(width: 11, column: index)
            case .dateTime(let year, let month, let day, let hour, let minute, let second):
                dateTimeFormat = dateTimeFormat ?? workbook.format("yyyy-mm-dd hh:mm:ss")
                result = writeDate(row, column, year, month, day, hour, minute, second, format: dateTimeFormat)
                note(width: 20, column: index)
            case .empty:
                continue
            }
            try check(result, "cell \(place(index))")
        }
        rowCount += 1
    }

    /// Draws `chart` over this sheet's table when the workbook closes.
    public func addChart(_ chart: XLSXChart) {
        charts.append(chart)
    }

    /// Freezes the header, filters, sizes the columns and places the charts. Called by the workbook.
    func finish() throws(XLSXError) {
        guard !finished else { return }
        finished = true
        let library = workbook.library
        if hasHeader {
            library.freezePanes(handle, 1, 0)
            if columnCount > 0 {
                try check(library.autofilter(handle, 0, 0, lxw_row_t(max(rowCount - 1, 0)), lxw_col_t(columnCount - 1)), "the autofilter")
            }
        }
        for (column, width) in widths.enumerated() {
            let fitted = Double(min(max(width, Self.narrowest), Self.widest))
            try check(library.setColumn(handle, lxw_col_t(column), lxw_col_t(column), fitted, nil), "the width of column \(column + 1)")
        }
        for (index, chart) in charts.enumerated() {
            try insert(chart, at: 1 + 16 * index)
        }
    }

    private func insert(_ chart: XLSXChart, at row: Int) throws(XLSXError) {
        let library = workbook.library
        guard let handle = workbook.makeChart(chart.kind) else { throw .refused(operation: "a chart", reason: "no chart was made") }
        let sheet = CellReference.quotedSheet(name)
        let first = hasHeader ? 2 : 1
        let last = max(rowCount, first)
        func range(_ column: Int) -> String {
            let letters = CellReference.letters(ofColumn: column + 1)
            return "=\(sheet)!$\(letters)$\(first):$\(letters)$\(last)"
        }
        for column in chart.valueColumns {
            let series = range(chart.categoryColumn).withCString { categories in
                range(column).withCString { values in library.addSeries(handle, categories, values) }
            }
            if hasHeader {
                let title = "=\(sheet)!$\(CellReference.letters(ofColumn: column + 1))$1"
                title.withCString { library.seriesSetName(series, $0) }
            }
        }
        chart.title.withCString { library.chartTitleSetName(handle, $0) }
        if chart.valueColumns.count == 1 && chart.kind != .pie { library.legendSetPosition(handle, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }
        try check(library.insertChart(self.handle, lxw_row_t(row), lxw_col_t(columnCount + 1), handle), "a chart")
    }

    private func checkYear(_ year: Int, _ column: Int, shown: String) throws(XLSXError) {
        guard (1900...9999).contains(year) else {
            throw .unrepresentable(sheet: name, cell: place(column), value: shown, reason: "is outside the years Excel shows (1900 to 9999)")
        }
    }

    private func writeDate(_ row: lxw_row_t, _ column: lxw_col_t, _ year: Int, _ month: Int, _ day: Int,
                           _ hour: Int, _ minute: Int, _ second: Int, format: OpaquePointer?) -> lxw_error {
        var value = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: Int32(hour), min: Int32(minute), sec: Double(second))
        return workbook.library.writeDateTime(handle, row, column, &value, format)
    }

    /// `#,##0`, `#,##0.00` …: the format of numbers with `scale` decimals, looked up once per sheet.
    private func numberFormat(scale: Int) -> OpaquePointer? {
        while numberFormats.count <= scale { numberFormats.append(nil) }
        if let known = numberFormats[scale] { return known }
        let format = workbook.format(scale == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: scale))
        numberFormats[scale] = format
        return format
    }

    /// The double nearest the exact decimal: its text's, read back. Below 2^53 and with at most 22
    /// decimals, the quotient of two exact doubles, which IEEE division rounds to the nearest, is
    /// that same double, with no text made.
    private func double(_ unscaled: Int64, scale: Int, column: Int) throws(XLSXError) -> Double {
        guard DecimalText.significantDigits(unscaled) <= 15 else {
            throw .unrepresentable(sheet: name, cell: place(column), value: DecimalText.exact(unscaled, scale: scale, decimals: scale),
                                   reason: "has more than 15 significant digits, which an xlsx number cannot keep")
        }
        if unscaled.magnitude <= 1 << 53 && scale < Self.exactPowersOfTen.count {
            return Double(unscaled) / Self.exactPowersOfTen[scale]
        }
        let text = DecimalText.exact(unscaled, scale: scale, decimals: scale)
        guard let number = Double(text) else {
            throw .unrepresentable(sheet: name, cell: place(column), value: text, reason: "is not a number an xlsx file can keep")
        }
        return number
    }

    /// 10^0 … 10^22: the powers of ten a double holds exactly.
    static let exactPowersOfTen: [Double] = (0...22).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    private func checkSize(columns: Int) throws(XLSXError) {
        guard rowCount < Self.maximumRows, columns <= CellReference.maximumColumns else {
            throw .sheetFull(sheet: name, rows: rowCount + 1, columns: columns)
        }
        columnCount = max(columnCount, columns)
    }

    /// `what` is made only for a refusal: a cell's place costs a string, and a sheet has millions of cells.
    private func check(_ result: lxw_error, _ what: @autoclosure () -> String) throws(XLSXError) {
        guard result == LXW_NO_ERROR else { throw .refused(operation: "\(what()) of sheet \(name)", reason: workbook.library.describe(result)) }
    }

    private func note(width: Int, column: Int) {
        while widths.count <= column { widths.append(0) }
        widths[column] = max(widths[column], width)
    }

    private func place(_ column: Int) -> String {
        "\(CellReference.letters(ofColumn: column + 1))\(rowCount + 1)"
    }

    /// Columns a text takes: East Asian wide characters take two.
    static func displayWidth(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            return width + (wide ? 2 : 1)
        }
    }
}
