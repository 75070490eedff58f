import WBillSupport

/// A record with nested lists (a meter and its history, a customer and its accounts), rendered
/// as one document: a JSON object whose list fields are arrays of objects; for people, the record
/// followed by a titled table per list; for CSV/TSV, the record row and each list after a blank line.
public struct DataDocument: Sendable, Equatable {
    /// A titled list inside the document.
    public struct Section: Sendable, Equatable {
        /// Its JSON key.
        public let key: String
        /// Its heading in table output.
        public let title: String
        /// Its rows.
        public let table: DataTable

        /// Creates a section.
        public init(key: String, title: String, table: DataTable) {
            self.key = key
            self.title = title
            self.table = table
        }
    }

    /// The scalar fields.
    public var record: DataRecord
    /// The lists, in order.
    public var sections: [Section]

    /// Creates a document.
    public init(record: DataRecord, sections: [Section] = []) {
        self.record = record
        self.sections = sections
    }
}

extension TableRenderer {
    /// The document in `format`.
    public static func render(_ document: DataDocument, as format: OutputFormat, style: TableStyle = .plain) -> String {
        switch format {
        case .json:
            var members = document.record.fields.map { ($0.0.key, $0.1.json) }
            for section in document.sections {
                members.append((section.key, .array(section.table.rows.map { row in
                    .object(zip(section.table.columns, row).map { ($0.key, $1.json) })
                })))
            }
            return JSONValue.object(members).serialized(pretty: true) + "\n"
        case .table:
            var text = render(document.record, as: .table, style: style)
            for section in document.sections {
                text += "\n\(section.title):\n"
                text += section.table.rows.isEmpty ? "  (none)\n"
                    : render(section.table, as: .table, style: style).split(separator: "\n", omittingEmptySubsequences: false)
                        .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            }
            return text
        case .csv, .tsv:
            var text = render(document.record, as: format, style: style)
            let lineEnd = format == .csv ? "\r\n" : "\n"
            for section in document.sections {
                text += lineEnd + render(section.table, as: format, style: style)
            }
            return text
        }
    }
}
