import XCTest

/// Excel files for the import tests, written by the libraries people's scripts use: openpyxl for
/// xlsx, xlwt for the old xls (Debian's python3-openpyxl and python3-xlwt), run in the sandbox.
///
/// Sheets are given as Python source: a list of `(name, rows)`, each row a list of cells. A cell
/// is a `str` (a text cell), an `int` or `float` (a number cell, stored as a double), `None` (no
/// cell), `d(2026, 11, 23)` (a date cell, format yyyy-mm-dd) or `dt(2026, 11, 23, 9, 30)` (a
/// date and time cell). An empty row `[]` writes no row at all: a blank row in the sheet.
extension Sandbox {
    /// Writes `name` (xlsx) with openpyxl; `epoch1904` uses the 1904 date system.
    @discardableResult
    func writeXLSX(_ name: String, sheets: String, epoch1904: Bool = false,
                   file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try python(name, """
            import openpyxl, openpyxl.utils.datetime
            wb = openpyxl.Workbook()
            wb.remove(wb.active)
            if \(epoch1904 ? "True" : "False"):
                wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
            for title, rows in \(sheets):
                ws = wb.create_sheet(title)
                for r, row in enumerate(rows, 1):
                    for c, value in enumerate(row, 1):
                        if value is None:
                            continue
                        cell = ws.cell(row=r, column=c, value=value)
                        if isinstance(value, datetime.datetime):
                            cell.number_format = 'yyyy-mm-dd hh:mm:ss'
                        elif isinstance(value, datetime.date):
                            cell.number_format = 'yyyy-mm-dd'
            wb.save(path)
            """, file: file, line: line)
    }

    /// Writes `name` (xls, BIFF8) with xlwt.
    @discardableResult
    func writeXLS(_ name: String, sheets: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try python(name, """
            import xlwt
            wb = xlwt.Workbook()
            date, stamp = xlwt.easyxf(num_format_str='YYYY-MM-DD'), xlwt.easyxf(num_format_str='YYYY-MM-DD HH:MM:SS')
            for title, rows in \(sheets):
                ws = wb.add_sheet(title)
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        if value is None:
                            continue
                        if isinstance(value, datetime.datetime):
                            ws.write(r, c, value, stamp)
                        elif isinstance(value, datetime.date):
                            ws.write(r, c, value, date)
                        else:
                            ws.write(r, c, value)
            wb.save(path)
            """, file: file, line: line)
    }

    /// Writes an xlsx whose parts are given as they are (entry name → XML), zipped by Python's
    /// zipfile: for what openpyxl never writes (inline strings, error cells, prefixed names).
    @discardableResult
    func writeRawXLSX(_ name: String, parts: [String: String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let literal = parts.sorted { $0.key < $1.key }.map { "(\(pythonString($0.key)), \(pythonString($0.value)))" }
        return try python(name, """
            import zipfile
            with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
                for entry, text in [\(literal.joined(separator: ", "))]:
                    z.writestr(entry, text)
            """, file: file, line: line)
    }

    /// Runs a Python 3 script with `path` (the file `name` in the sandbox), `datetime`, `d` and
    /// `dt` defined; fails the test when it fails.
    private func python(_ name: String, _ body: String, file: StaticString, line: UInt) throws -> String {
        let path = self.file(name)
        let script = "import datetime, sys\npath = sys.argv[1]\nd, dt = datetime.date, datetime.datetime\n" + body
        let result = try run(["python3", "-c", script, path], timeout: 60, file: file, line: line)
        XCTAssertEqual(result.status, 0, "python3 failed: \(result.stderr)", file: file, line: line)
        return path
    }

    private func pythonString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            .replacingOccurrences(of: "\n", with: "\\n") + "'"
    }

    /// What an import leaves in a database, the same whichever file format it read: every table's
    /// rows (sorted), except what names the file itself (an import run's source, the audit
    /// entries' command lines, and their file, size, digest and sheet).
    func importedContent(_ database: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let tables = try sqlite(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT IN ('audit_log', 'meter_imports') ORDER BY name",
                                file: file, line: line).split(separator: "\n")
        var content = ""
        for table in tables {
            let rows = try sqlite(database, "SELECT * FROM \"\(table)\"", file: file, line: line).split(separator: "\n").sorted()
            content += "\(table):\n" + rows.map { "  \($0)\n" }.joined()
        }
        content += "meter_imports:\n" + (try sqlite(database, """
            SELECT id, at, operator, on_duplicate, rows_read, imported, updated, unchanged, skipped, rejected FROM meter_imports ORDER BY id
            """, file: file, line: line))
        content += "audit_log:\n" + (try sqlite(database, """
            SELECT at, operator, entity, CASE WHEN entity = 'customer-import' THEN '' ELSE entity_id END, action,
                   json_remove(changes, '$.file', '$.file_bytes', '$.file_sha256', '$.sheet') FROM audit_log ORDER BY id
            """, file: file, line: line))
        return content
    }
}
