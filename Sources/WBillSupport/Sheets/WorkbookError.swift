/// An Excel workbook that cannot be opened as asked: not a workbook of its format, damaged, or
/// without the sheet asked for. Problems found while its rows are read are `CSVError`s, placed at
/// their cells.
public enum WorkbookError: ClassifiedError, Equatable {
    /// The file is not a workbook of the format it was read as; `found` is the format its first
    /// bytes show, when they show one.
    case notAWorkbook(source: String, format: RecordFileFormat, found: RecordFileFormat?)
    /// A part of the workbook cannot be read: `part` names it when the problem is in one.
    case damaged(source: String, part: String?, reason: String)
    /// A password-protected (encrypted) workbook.
    case encrypted(source: String)
    /// A workbook without sheets.
    case noSheets(source: String)
    /// No sheet has the name asked for; `sheets` are the workbook's, in order.
    case unknownSheet(source: String, name: String, sheets: [String], suggestion: String?)

    public var failureKind: FailureKind { .badInput }

    public var description: String {
        switch self {
        case .notAWorkbook(let source, let format, let found):
            var text = "\(source) is not \(format.article) \(format.rawValue) file (\(format.shape))"
            if let found, found != format { text += "; its content is \(found.article) \(found.rawValue) file's" }
            return text
        case .damaged(let source, let part, let reason):
            return "\(source): the workbook is damaged: " + (part.map { "\($0): " } ?? "") + reason
        case .encrypted(let source):
            return "\(source) is protected by a password; save it without one"
        case .noSheets(let source):
            return "\(source) has no sheets"
        case .unknownSheet(let source, let name, let sheets, let suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return "\(source) has no sheet named '\(name)'\(hint); its sheets: " + sheets.map { "'\($0)'" }.joined(separator: ", ")
        }
    }
}
