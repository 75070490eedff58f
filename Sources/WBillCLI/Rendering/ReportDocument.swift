import WBillSupport

/// A report as computed once: what it is, the parameters it was asked with, its rows, the notes a
/// reader must see beside them (what was left out and why), and the charts that tell more than
/// the rows. The Runner adds when and by whom it was generated and renders it in the format
/// chosen: for people a title, the table and the notes under it; CSV and TSV the rows alone; JSON
/// one document with the metadata and the rows; xlsx the rows on one sheet (with the charts) and
/// the metadata on another; dBase the rows.
public struct ReportDocument: Sendable, Equatable {
    /// A chart drawn from the report's columns (xlsx only).
    public struct Chart: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case column, bar, line, pie }
        public let kind: Kind
        public let title: String
        /// The column whose values name the categories.
        public let categoryKey: String
        /// The numeric columns drawn, one series each.
        public let valueKeys: [String]

        public init(_ kind: Kind, title: String, categoryKey: String, valueKeys: [String]) {
            self.kind = kind
            self.title = title
            self.categoryKey = categoryKey
            self.valueKeys = valueKeys
        }
    }

    /// The report's name as the command names it (`consumption`, `financial`).
    public let name: String
    /// A title for people: what, over what span (`Water consumption by customer type, 2026-10`).
    public let title: String
    /// The parameters it was computed with, as key and text (`period`, `2026-10`), in order.
    public var parameters: [(key: String, value: String)]
    /// Sentences a reader must see beside the rows (customer types not counted, …).
    public var notes: [String]
    /// The rows.
    public var table: DataTable
    /// Charts, for the formats that draw them.
    public var charts: [Chart]

    /// A report.
    public init(name: String, title: String, parameters: [(key: String, value: String)] = [], notes: [String] = [],
                table: DataTable, charts: [Chart] = []) {
        self.name = name
        self.title = title
        self.parameters = parameters
        self.notes = notes
        self.table = table
        self.charts = charts
    }

    public static func == (lhs: ReportDocument, rhs: ReportDocument) -> Bool {
        lhs.name == rhs.name && lhs.title == rhs.title && lhs.parameters.map(\.key) == rhs.parameters.map(\.key)
            && lhs.parameters.map(\.value) == rhs.parameters.map(\.value) && lhs.notes == rhs.notes
            && lhs.table == rhs.table && lhs.charts == rhs.charts
    }
}

/// When and by whom a report was generated: the Runner's clock and the acting operator.
public struct ReportProvenance: Sendable, Equatable {
    public let generatedAt: Timestamp
    public let generatedBy: String

    public init(generatedAt: Timestamp, generatedBy: String) {
        self.generatedAt = generatedAt
        self.generatedBy = generatedBy
    }
}

extension TableRenderer {
    /// The report in a text format: for people, the title, a blank line, the table and the notes
    /// (a line each); CSV and TSV, the rows alone (header and records, nothing a reader of rows
    /// would stumble on); JSON, one object: `report`, `title`, `parameters` (an object),
    /// `generated_at`, `generated_by`, `notes` (an array) and `rows` (objects with fixed keys).
    public static func render(_ report: ReportDocument, provenance: ReportProvenance, as format: OutputFormat,
                              style: TableStyle = .plain) -> String {
        switch format {
        case .table:
            var text = report.title + "\n\n"
            text += report.table.rows.isEmpty ? "(no rows)\n" : render(report.table, as: .table, style: style)
            if !report.notes.isEmpty { text += "\n" + report.notes.map { $0 + "\n" }.joined() }
            return text
        case .csv, .tsv:
            return render(report.table, as: format, style: style)
        case .json:
            let rows = JSONValue.array(report.table.rows.map { row in
                .object(zip(report.table.columns, row).map { ($0.key, $1.json) })
            })
            return JSONValue.object([
                ("report", .string(report.name)),
                ("title", .string(report.title)),
                ("parameters", .object(report.parameters.map { ($0.key, JSONValue.string($0.value)) })),
                ("generated_at", .string(provenance.generatedAt.description)),
                ("generated_by", .string(provenance.generatedBy)),
                ("notes", .array(report.notes.map(JSONValue.string))),
                ("rows", rows),
            ]).serialized(pretty: true) + "\n"
        }
    }
}
