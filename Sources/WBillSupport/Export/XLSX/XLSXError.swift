/// Why an xlsx file could not be written.
public enum XLSXError: ClassifiedError, Equatable {
    /// libxlsxwriter could not be loaded (not installed, or too old).
    case libraryUnavailable(String)
    /// libxlsxwriter refused an operation (the sheet, cell and its reason).
    case refused(operation: String, reason: String)
    /// More rows or columns than a worksheet holds (1,048,576 × 16,384).
    case sheetFull(sheet: String, rows: Int, columns: Int)
    /// A sheet name Excel does not allow (1 to 31 characters, none of `[]:*?/\`, unique).
    case badSheetName(String)
    /// A value Excel cannot show as written (a date before 1900, a number past 15 significant digits).
    case unrepresentable(sheet: String, cell: String, value: String, reason: String)
    /// The file could not be written.
    case write(FileWriteError)

    public var failureKind: FailureKind {
        switch self {
        case .libraryUnavailable: return .deviceUnavailable
        case .refused, .badSheetName: return .internalError
        case .sheetFull, .unrepresentable: return .badInput
        case .write(let error): return error.failureKind
        }
    }

    public var description: String {
        switch self {
        case .libraryUnavailable(let reason):
            return "cannot write xlsx files: libxlsxwriter cannot be loaded (\(reason)); install Debian's libxlsxwriter4"
        case .refused(let operation, let reason):
            return "the xlsx writer refused \(operation): \(reason)"
        case .sheetFull(let sheet, let rows, let columns):
            return "sheet \(sheet) would need \(rows) rows and \(columns) columns; a worksheet holds 1048576 rows and 16384 columns"
        case .badSheetName(let name):
            return "\"\(name)\" cannot name a worksheet (1 to 31 characters, none of []:*?/\\, each name once)"
        case .unrepresentable(let sheet, let cell, let value, let reason):
            return "\(sheet)!\(cell): \(value) \(reason)"
        case .write(let error):
            return error.description
        }
    }
}
