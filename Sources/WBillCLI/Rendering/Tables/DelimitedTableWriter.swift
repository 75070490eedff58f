import WBillSupport

/// CSV (RFC 4180: CRLF line ends, fields quoted where needed) or TSV (escaped tabs and line
/// breaks): a header of column keys, then a line per row, in UTF-8 with an optional byte-order
/// mark (`--bom`, which Excel needs to read UTF-8 CSV as UTF-8). Rows only: no heading.
final class DelimitedTableWriter: TableWriter {
    private let output: ByteOutput
    private let format: OutputFormat
    private let byteOrderMark: Bool
    private var bytes: [UInt8] = []

    init(output: ByteOutput, format: OutputFormat, byteOrderMark: Bool) {
        precondition(format == .csv || format == .tsv, "a delimited format")
        self.output = output
        self.format = format
        self.byteOrderMark = byteOrderMark
    }

    func begin(_ heading: TableHeading, columns: [TabularColumn]) throws {
        if byteOrderMark { try output.write(bytes: [0xEF, 0xBB, 0xBF]) }
        try output.write(line(columns.map(\.key)))
    }

    func append(_ row: [TabularValue]) throws {
        guard format == .csv else {
            try output.write(line(row.map { Cell($0).text }))
            return
        }
        // The bytes `line` makes of the cells' texts, without the texts: a million rows stream through.
        bytes.removeAll(keepingCapacity: true)
        for (index, value) in row.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            CSVField.append(value, to: &bytes)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
        try output.write(bytes: bytes)
    }

    func finish() throws {
        try output.finish()
    }

    /// One line of `texts`, escaped and ended as the format does.
    func line(_ texts: [String]) -> String {
        switch format {
        case .tsv: return texts.map(TableRenderer.tsvField).joined(separator: "\t") + "\n"
        default: return texts.map(TableRenderer.csvField).joined(separator: ",") + "\r\n"
        }
    }
}

/// JSON: one document, the heading's metadata then the rows, laid out as every wbill JSON is
/// (two-space indents), written a row at a time:
/// `{"report", "title", "parameters", "generated_at", "generated_by", "notes", "rows": [...]}`.
final class JSONTableWriter: TableWriter {
    private let output: ByteOutput
    private var columns: [TabularColumn] = []
    private var rowCount = 0

    init(output: ByteOutput) {
        self.output = output
    }

    /// The members before the rows.
    static func metadata(_ heading: TableHeading) -> [(String, JSONValue)] {
        [("report", .string(heading.name)),
         ("title", .string(heading.title)),
         ("parameters", .object(heading.parameters.map { ($0.key, JSONValue.string($0.value)) })),
         ("generated_at", .string(heading.provenance.generatedAt.description)),
         ("generated_by", .string(heading.provenance.generatedBy)),
         ("notes", .array(heading.notes.map(JSONValue.string)))]
    }

    func begin(_ heading: TableHeading, columns: [TabularColumn]) throws {
        self.columns = columns
        var text = "{"
        for (key, value) in Self.metadata(heading) {
            text += "\n  " + JSONValue.string(key).serialized() + ": " + value.serialized(pretty: true, indent: 1) + ","
        }
        text += "\n  \"rows\": ["
        try output.write(text)
    }

    func append(_ row: [TabularValue]) throws {
        let object = JSONValue.object(zip(columns, row).map { ($0.key, Cell($1).json) })
        try output.write((rowCount == 0 ? "\n    " : ",\n    ") + object.serialized(pretty: true, indent: 2))
        rowCount += 1
    }

    func finish() throws {
        try output.write(rowCount == 0 ? "]\n}\n" : "\n  ]\n}\n")
        try output.finish()
    }
}

/// The aligned table for people: every row is held (widths need them all), then the title, the
/// table and the notes are written as `TableRenderer` writes a report.
final class AlignedTableWriter: TableWriter {
    private let output: ByteOutput
    private let style: TableStyle
    private var heading: TableHeading?
    private var table = DataTable(columns: [])

    init(output: ByteOutput, style: TableStyle) {
        self.output = output
        self.style = style
    }

    func begin(_ heading: TableHeading, columns: [TabularColumn]) throws {
        self.heading = heading
        table = DataTable(columns: columns.map { Column($0.key) })
    }

    func append(_ row: [TabularValue]) throws {
        table.rows.append(row.map(Cell.init))
    }

    func finish() throws {
        guard let heading else { return }
        let report = ReportDocument(name: heading.name, title: heading.title, parameters: heading.parameters,
                                    notes: heading.notes, table: table, charts: heading.charts)
        try output.write(TableRenderer.render(report, provenance: heading.provenance, as: .table, style: style))
        try output.finish()
    }
}
