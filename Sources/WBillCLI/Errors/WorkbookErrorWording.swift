import WBillSupport

extension WorkbookError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .notAWorkbook(_, let format, let found?) where found != format && found != .csv:
            return description + " (give --input-format \(found.rawValue) to read it as one)"
        case .notAWorkbook(_, _, nil):
            return description + " (give --input-format csv for a CSV file)"
        default:
            return description
        }
    }
}
