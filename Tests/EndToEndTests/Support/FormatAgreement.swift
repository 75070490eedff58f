import Foundation
import WBillTestSupport
import XCTest

/// Checks that one command's table says the same in every format: the CSV rows are the reference,
/// and the TSV, JSON, xlsx, dBase (UTF-8 and GBK) and SQL (loaded into a fresh SQLite database by the
/// sqlite3 shell) forms are read back by tools wbill did not write and compared value by value —
/// numbers as exact decimals, dates as dates, empty as empty.
enum FormatAgreement {
    /// Writes `arguments` (a command and its options, no `--format`) in every format into `directory`
    /// with `wbill` and compares each with the CSV; returns the CSV rows (header first).
    @discardableResult
    static func check(_ arguments: [String], in directory: String, name: String,
                      wbill: ([String]) throws -> ProcessResult,
                      file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        let csvPath = "\(directory)/\(name).csv"
        var paths: [String: String] = [:]
        for format in ["csv", "tsv", "json", "xlsx", "dbf", "sql"] {
            let path = "\(directory)/\(name).\(format)"
            paths[format] = path
            let run = try wbill(arguments + ["-o", path])
            XCTAssertEqual(run.status, 0, "\(format): \(run)", file: file, line: line)
            XCTAssertEqual(run.stdout, "", "\(format): nothing on stdout", file: file, line: line)
        }
        let gbk = "\(directory)/\(name)-gbk.dbf"
        let gbkRun = try wbill(arguments + ["-o", gbk, "--encoding", "gbk"])
        XCTAssertEqual(gbkRun.status, 0, "dbf gbk: \(gbkRun)", file: file, line: line)
        let loaded = "\(directory)/\(name)-loaded.db"
        let load = try ExternalProgram.run("/usr/bin/sqlite3", [loaded, ".read \(paths["sql"]!)"])
        XCTAssertEqual(load.status, 0, "sqlite3 .read: \(load.stderr)", file: file, line: line)
        let output = try ExternalProgram.python(script, csvPath, paths["tsv"]!, paths["json"]!, paths["xlsx"]!, paths["dbf"]!, gbk, loaded)
        XCTAssertEqual(output, "agree\n", "the formats of \(arguments.joined(separator: " ")) disagree", file: file, line: line)
        let csv = try String(contentsOfFile: csvPath, encoding: .utf8)
        return try ExternalProgram.python("""
            import csv, sys, json
            print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))
            """, csvPath).data(using: .utf8).flatMap { try JSONSerialization.jsonObject(with: $0) as? [[String]] } ?? [[csv]]
    }

    static let script = """
        import csv, sys, json, sqlite3, datetime
        from decimal import Decimal
        import openpyxl, dbfread
        csv_path, tsv_path, json_path, xlsx_path, dbf_path, gbk_path, db_path = sys.argv[1:8]
        rows = list(csv.reader(open(csv_path, newline='', encoding='utf-8')))
        header, data = rows[0], rows[1:]
        problems = []
        def same(where, expected, got):
            if expected == '' and (got is None or got == ''):
                return
            if isinstance(got, bool):
                ok = expected == ('yes' if got else 'no')
            elif isinstance(got, (int, float, Decimal)) and not isinstance(got, bool):
                try:
                    ok = Decimal(expected) == Decimal(str(got))
                except Exception:
                    ok = False
            elif isinstance(got, datetime.datetime):
                ok = expected.startswith(got.strftime('%Y-%m-%d')) and (got.time() == datetime.time(0) or got.strftime('%H:%M:%S') in expected.replace('T', ' '))
            elif isinstance(got, datetime.date):
                ok = expected == got.isoformat()
            else:
                ok = expected == str(got).rstrip() or expected.rstrip() == str(got).rstrip()
            if not ok and len(problems) < 10:
                problems.append(f'{where}: csv {expected!r}, got {got!r}')
        def unescape(text):
            return text.replace('\\\\t', '\\t').replace('\\\\n', '\\n').replace('\\\\r', '\\r').replace('\\\\\\\\', '\\\\')
        tsv = [line.split('\\t') for line in open(tsv_path, encoding='utf-8').read().split('\\n')[:-1]]
        if tsv[0] != header: problems.append(f'tsv header {tsv[0]}')
        for r, (want, got) in enumerate(zip(data, tsv[1:])):
            for c, (w, g) in enumerate(zip(want, got)): same(f'tsv {r+2}:{header[c]}', w, unescape(g))
        if len(tsv) - 1 != len(data): problems.append(f'tsv rows {len(tsv)-1} != {len(data)}')
        document = json.load(open(json_path, encoding='utf-8'))
        json_rows = document['rows'] if isinstance(document, dict) else document
        if len(json_rows) != len(data): problems.append(f'json rows {len(json_rows)} != {len(data)}')
        for r, (want, got) in enumerate(zip(data, json_rows)):
            if list(got.keys()) != header: problems.append(f'json keys {list(got.keys())}')
            for c, key in enumerate(header): same(f'json {r+1}:{key}', want[c], got[key])
        wb = openpyxl.load_workbook(xlsx_path)
        ws = wb[wb.sheetnames[0]]
        sheet = list(ws.iter_rows(min_row=2, values_only=True))
        if len(sheet) != len(data): problems.append(f'xlsx rows {len(sheet)} != {len(data)}')
        for r, (want, got) in enumerate(zip(data, sheet)):
            for c, (w, g) in enumerate(zip(want, got)): same(f'xlsx {r+2}:{header[c]}', w, g)
        for path, encoding in ((dbf_path, 'utf-8'), (gbk_path, 'gbk')):
            table = list(dbfread.DBF(path, encoding=encoding))
            if len(table) != len(data): problems.append(f'dbf {encoding} rows {len(table)} != {len(data)}')
            for r, (want, got) in enumerate(zip(data, table)):
                for c, (w, g) in enumerate(zip(want, got.values())): same(f'dbf {encoding} {r+1}:{header[c]}', w, g)
        connection = sqlite3.connect(db_path)
        table_name = connection.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchone()[0]
        loaded = connection.execute(f'SELECT * FROM "{table_name}"').fetchall()
        if len(loaded) != len(data): problems.append(f'sql rows {len(loaded)} != {len(data)}')
        for r, (want, got) in enumerate(zip(data, loaded)):
            for c, (w, g) in enumerate(zip(want, got)):
                if isinstance(g, int) and w in ('yes', 'no'): g = bool(g)
                same(f'sql {r+1}:{header[c]}', w, g)
        print('agree' if not problems else '\\n'.join(problems))
        """
}
