import WaterBilling
import WBillSupport

/// `--input-format csv|xlsx|xls` and `--sheet NAME`: how a bulk import reads its file, declared,
/// checked and opened the same way by every command that imports one (`meter import`,
/// `customer open --file`). The file is opened with `RecordFile.open`, into the `RecordSource`
/// every importer reads.
struct RecordFileOptions {
    /// The format asked for; nil to go by the file's extension.
    let format: RecordFileFormat?
    /// The sheet asked for; nil for the first.
    let sheet: String?

    /// The two rows.
    static let rows: [OptionSpec] = [
        .value("input-format", .choice(RecordFileFormat.allCases.map(\.rawValue)), placeholder: "FORMAT",
               help: "read the file as csv, xlsx or xls (default: by its extension; csv for standard input)"),
        .value("sheet", .text, placeholder: "NAME", help: "an Excel file's sheet to read (default: its first sheet)"),
    ]

    /// What the man page says about Excel files; `example` names a workbook in its example.
    static func excelText(example: String) -> String {
        """
        The file may also be an Excel workbook: .xlsx (Excel 2007 and later; .xlsm too) or the
        old .xls (Excel 97-2003), chosen by the file's extension or by --input-format. Its first
        sheet is read, or the one --sheet names. The first row that is not blank holds the column
        names, as a CSV file's first line does; blank rows are skipped. Cells keep their meaning:
        text as it is; a number as the shortest decimal that is the same number (12.3, never
        12.300000000000001); a number of more than 15 significant digits (a 16-digit ID typed as
        a number) is refused, since a spreadsheet keeps only 15 (store such IDs as text); a date
        as 2026-11-23 (2026-11-23T09:30:00 with a time of day), in the workbook's 1900 or 1904
        date system; an error value (#N/A) is refused. Problems are placed by sheet, column letter
        and row, as Excel names cells: \(example): Sheet1!C17. An xlsx file is read as a stream:
        memory stays flat however many rows it has.
        """
    }

    /// Reads the options.
    /// - Parameter path: the file (`-` for standard input).
    /// - Throws: `UsageError` for --sheet with a file read as CSV, or --input-format missing for an
    ///   Excel workbook on standard input (which has no extension to go by).
    init(_ context: CommandContext, path: String) throws {
        let arguments = context.arguments
        format = arguments.choice("input-format", as: RecordFileFormat.self)
        sheet = arguments.value("sheet")
        let chosen = format ?? (path == "-" ? .csv : RecordFileFormat.byExtension(of: path))
        if sheet != nil && chosen == .csv {
            let why = format == nil ? (path == "-" ? "standard input is read as CSV" : "\(path) is read as CSV by its extension")
                : "--input-format csv reads the file as CSV"
            throw context.usageError("--sheet names a sheet of an Excel workbook, and \(why) (give --input-format xlsx or xls for a workbook)")
        }
    }

    /// Opens `path` as asked.
    /// - Throws: `FileIOError`, `WorkbookError`.
    func open(_ path: String) throws -> any RecordSource {
        try RecordFile.open(path, format: format, sheet: sheet)
    }
}
