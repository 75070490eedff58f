import WBillSupport

/// The formats a table or report can be written in beyond the text ones: binary spreadsheets and
/// databases, and SQL scripts. Chosen with `--format` or by the extension of `--output`.
public enum TableFileFormat: String, Sendable, CaseIterable {
    /// An Excel workbook: the rows on one sheet with typed cells (and charts), the metadata on another.
    case xlsx
    /// A dBase III table with typed fields.
    case dbf
    /// A script of CREATE TABLE and INSERT statements (`--dialect`).
    case sql

    /// Whether the format is bytes no terminal should receive: it needs `--output`.
    public var isBinary: Bool { self != .sql }
}

/// Every format `--format` takes: the text ones and the file ones.
public enum OutputChoice: Sendable, Equatable {
    case text(OutputFormat)
    case file(TableFileFormat)

    /// The choice named `name` (`csv`, `xlsx` …), or nil.
    public init?(name: String) {
        if let text = OutputFormat(rawValue: name) { self = .text(text) }
        else if let file = TableFileFormat(rawValue: name) { self = .file(file) }
        else { return nil }
    }

    /// Every name, text formats first.
    public static let names = OutputFormat.allCases.map(\.rawValue) + TableFileFormat.allCases.map(\.rawValue)

    /// The format a file's extension names (`.csv`, `.tsv`, `.json`, `.xlsx`, `.dbf`, `.sql`, `.txt`
    /// for the aligned table), ignoring case; nil for any other.
    public init?(extensionOf path: String) {
        let name = FileSystem.baseName(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let suffix = name[name.index(after: dot)...].lowercased()
        if suffix == "txt" { self = .text(.table); return }
        self.init(name: suffix)
    }

    /// The name as `--format` takes it.
    public var name: String {
        switch self {
        case .text(let format): return format.rawValue
        case .file(let format): return format.rawValue
        }
    }
}
