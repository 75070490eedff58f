import WBillSupport

/// A `DataDocument` as one self-contained HTML page, ready to print or mail: UTF-8 (declared, so
/// CJK names render), its styles inline, no scripts, no links to anything; every text escaped.
/// The record is a two-column table of labels and values, each section a table with its title.
/// The same document gives the same bytes every time.
public enum HTMLPage {
    /// The page for `document`, titled `title`.
    public static func render(_ document: DataDocument, title: String) -> String {
        var html = """
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body { font-family: "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #111; }
            h1 { font-size: 1.4em; margin: 0 0 1em 0; }
            h2 { font-size: 1.1em; margin: 1.5em 0 0.5em 0; }
            table { border-collapse: collapse; }
            th, td { padding: 0.2em 0.8em 0.2em 0; text-align: left; vertical-align: top; }
            table.list th { border-bottom: 1px solid #444; }
            table.list td.number, table.list th.number { text-align: right; }
            table.record th { font-weight: normal; color: #444; }
            @media print { body { margin: 0; } }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>

            """
        html += "<table class=\"record\">\n"
        for (column, cell) in document.record.fields where cell != .null {
            html += "<tr><th>\(escape(label(column)))</th><td>\(escape(cell.text))</td></tr>\n"
        }
        html += "</table>\n"
        for section in document.sections {
            html += "<h2>\(escape(section.title))</h2>\n"
            let numeric = section.table.columns.indices.map { index in
                section.table.rows.contains { $0[index].isNumericCell } && section.table.rows.allSatisfy { $0[index].isNumericCell || $0[index] == .null }
            }
            html += "<table class=\"list\">\n<tr>"
            for (index, column) in section.table.columns.enumerated() {
                html += numeric[index] ? "<th class=\"number\">" : "<th>"
                html += escape(column.title) + "</th>"
            }
            html += "</tr>\n"
            for row in section.table.rows {
                html += "<tr>"
                for (index, cell) in row.enumerated() {
                    html += numeric[index] ? "<td class=\"number\">" : "<td>"
                    html += escape(cell.text) + "</td>"
                }
                html += "</tr>\n"
            }
            html += "</table>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }

    /// `text` with the five characters HTML gives a meaning escaped.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A record's label: a title in capitals in sentence case (`Days billed`).
    private static func label(_ column: Column) -> String {
        guard column.title == column.title.uppercased() else { return column.title }
        let title = column.title.lowercased()
        return title.first.map { String($0).uppercased() + title.dropFirst() } ?? ""
    }
}

private extension Cell {
    var isNumericCell: Bool {
        switch self {
        case .integer, .decimal: return true
        default: return false
        }
    }
}
