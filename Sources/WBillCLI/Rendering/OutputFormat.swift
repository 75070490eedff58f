import WBillSupport

/// The text formats a list or record can be written in.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people (column widths by display width, CJK counts two).
    case table
    /// RFC 4180: comma-separated, quoted where needed, CRLF line ends, a header row.
    case csv
    /// Tab-separated with a header row; tab, newline, carriage return and backslash inside a
    /// value are written as `\t`, `\n`, `\r` and `\\`.
    case tsv
    /// One JSON document: an array of objects with fixed keys (an object for a single record).
    case json
}

/// Styling for table output.
public struct TableStyle: Sendable {
    /// Whether to use ANSI bold for the header row.
    public var boldHeader: Bool
    /// The widest a cell of an aligned table may be, in columns; a longer one is cut and ends in
    /// `…`, so that one long value does not pad every row of its column. nil: never cut. Records
    /// (one field a line) and the csv, tsv and json formats always keep the full text.
    public var maximumCellWidth: Int?

    /// The widest cell by default: 60 columns.
    public static let defaultMaximumCellWidth = 60

    /// Plain output: no escape codes, long cells cut.
    public static let plain = TableStyle(boldHeader: false)

    /// Creates a style.
    public init(boldHeader: Bool, maximumCellWidth: Int? = TableStyle.defaultMaximumCellWidth) {
        precondition(maximumCellWidth.map { $0 >= 1 } ?? true, "a cell keeps at least one column")
        self.boldHeader = boldHeader
        self.maximumCellWidth = maximumCellWidth
    }
}

/// Renders tables and records as text in each `OutputFormat`.
public enum TableRenderer {
    /// The whole table as text in `format`, ending with a newline (empty string for no columns).
    public static func render(_ table: DataTable, as format: OutputFormat, style: TableStyle = .plain) -> String {
        switch format {
        case .table: return renderAligned(table, style: style)
        case .csv: return renderDelimited(table, separator: ",", escape: csvField, lineEnd: "\r\n")
        case .tsv: return renderDelimited(table, separator: "\t", escape: tsvField, lineEnd: "\n")
        case .json:
            let array = JSONValue.array(table.rows.map { row in
                .object(zip(table.columns, row).map { ($0.key, $1.json) })
            })
            return array.serialized(pretty: true) + "\n"
        }
    }

    /// A single record as text: `Title:  value` lines for people, one header and one row for
    /// CSV/TSV, one JSON object.
    public static func render(_ record: DataRecord, as format: OutputFormat, style: TableStyle = .plain) -> String {
        switch format {
        case .table:
            let width = (record.fields.map { DisplayWidth.of(label($0.0)) }.max() ?? 0) + 2
            return record.fields.map { column, cell in
                let value = EchoedText.escaped(cell.text, keepingNewlines: true).split(separator: "\n", omittingEmptySubsequences: false)
                    .joined(separator: "\n" + String(repeating: " ", count: width))
                return trimTrailing(DisplayWidth.pad(label(column), to: width) + value)
            }.joined(separator: "\n") + (record.fields.isEmpty ? "" : "\n")
        case .csv, .tsv:
            let table = DataTable(columns: record.fields.map(\.0), rows: [record.fields.map(\.1)])
            return render(table, as: format, style: style)
        case .json:
            return JSONValue.object(record.fields.map { ($0.0.key, $0.1.json) }).serialized(pretty: true) + "\n"
        }
    }

    /// A record's label: a mixed-case title as given (`SQLite version:`), an all-capitals one in
    /// sentence case (`File bytes:`).
    private static func label(_ column: Column) -> String {
        guard column.title == column.title.uppercased() else { return column.title + ":" }
        let title = column.title.lowercased()
        return (title.first.map { String($0).uppercased() + title.dropFirst() } ?? "") + ":"
    }

    private static func renderAligned(_ table: DataTable, style: TableStyle) -> String {
        guard !table.columns.isEmpty else { return "" }
        let cells = table.rows.map { row in
            row.map { cell in
                let text = cell.text.replacingNewlines()
                return style.maximumCellWidth.map { DisplayWidth.cut(text, to: $0) } ?? text
            }
        }
        var widths = table.columns.map { DisplayWidth.of($0.title) }
        for row in cells {
            for (index, text) in row.enumerated() {
                widths[index] = max(widths[index], DisplayWidth.of(text))
            }
        }
        let numeric = table.columns.indices.map { index in
            !table.rows.isEmpty && table.rows.allSatisfy { $0[index].isNumeric || $0[index] == .null }
        }
        func line(_ texts: [String]) -> String {
            let padded = texts.enumerated().map { index, text in
                DisplayWidth.pad(text, to: widths[index], alignRight: numeric[index])
            }
            return trimTrailing(padded.joined(separator: "  "))
        }
        var header = line(table.columns.map(\.title))
        if style.boldHeader { header = "\u{1B}[1m" + header + "\u{1B}[0m" }
        var output = header + "\n"
        for row in cells {
            output += line(row) + "\n"
        }
        return output
    }

    private static func renderDelimited(_ table: DataTable, separator: String, escape: (String) -> String,
                                        lineEnd: String) -> String {
        var output = table.columns.map { escape($0.key) }.joined(separator: separator) + lineEnd
        for row in table.rows {
            output += row.map { escape($0.text) }.joined(separator: separator) + lineEnd
        }
        return output
    }

    /// One CSV field as RFC 4180 writes it (the CSV writer's rules: quoted when it holds a comma,
    /// a quote, a line break or surrounding white space).
    static func csvField(_ text: String) -> String {
        var line = CSVWriter.line([text], lineEnding: .lf)
        line.removeLast()
        return line == "\"\"" && text.isEmpty ? "" : line
    }

    static func tsvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 || $0 == 92 }) else { return text }
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    static func trimTrailing(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }
}

extension String {
    /// Newlines shown as `⏎` so a multi-line value keeps a table row on one line, and every other
    /// control character escaped (`EchoedText`), so a stored escape sequence never reaches a terminal.
    func replacingNewlines() -> String {
        guard contains(where: \.isNewline) else { return EchoedText.escaped(self) }
        return EchoedText.escaped(String(map { $0.isNewline ? "⏎" : $0 }))
    }
}
