import XCTest

/// `wbill reading import`: all or nothing, every bad row with its line, column and reason,
/// --skip-invalid with a rejects file, --dry-run, standard input, and the same file twice.
final class ReadingImportEndToEndTests: ReadingSandboxTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        for (meter, name) in [("WM-000001", "Wang Fang"), ("WM-000002", "Li Lei"), ("WM-000003", "Zhao Min")] {
            try sandbox.openAccount("Residential", meter: meter, name: name)
        }
    }

    func summary(_ id: Int?, rows: Int, imported: Int = 0, unchanged: Int = 0, rejected: Int = 0, flagged: Int = 0,
                 corrected: Int = 0, rejects: String? = nil, dryRun: Bool = false) -> String {
        var fields: [(String, String)] = []
        if let id { fields.append(("Import", "\(id)")) }
        fields += [("Rows", "\(rows)"), (dryRun ? "Would import" : "Imported", "\(imported)"), ("Unchanged", "\(unchanged)"),
                   ("Rejected", "\(rejected)"), ("Flagged", "\(flagged)"), ("Corrected estimates", "\(corrected)")]
        if let rejects { fields.append(("Rejects file", rejects)) }
        let width = fields.map { $0.0.count }.max()! + 3
        return fields.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count - 1) + $0.1 }.joined(separator: "\n") + "\n"
    }

    static let good = """
        serial,at,value
        WM-000001,2027-01-31T08:00:00Z,12.5
        WM-000002,2027-01-31T08:05:00Z,0
        wm-000003,2027-01-31T08:10:00Z,3.75
        WM-000001,2027-02-28T08:00:00Z,20

        """

    func testAGoodFileImportsOnceAndAgainAsUnchanged() throws {
        try sandbox.write(Self.good, to: "readings.csv")
        XCTAssertRun(try wbill("reading", "import", "readings.csv"), status: 0,
                     stdout: summary(1, rows: 4, imported: 4, flagged: 1))
        XCTAssertEqual(try list(), [
            "1|2027-01-31T08:00:00.000Z|WM-000001|AC00000001|12.500|handheld|12.500|2026-11-23T09:30:00.000Z||",
            "2|2027-01-31T08:05:00.000Z|WM-000002|AC00000002|0.000|handheld|0.000|2026-11-23T09:30:00.000Z|zero|",
            "3|2027-01-31T08:10:00.000Z|WM-000003|AC00000003|3.750|handheld|2.500|2026-11-23T09:30:00.000Z||",
            "4|2027-02-28T08:00:00.000Z|WM-000001|AC00000001|20.000|handheld|7.500|2027-01-31T08:00:00.000Z||",
        ])
        // The same file again changes nothing: no reading, no consumption written.
        XCTAssertRun(try wbill("reading", "import", "readings.csv"), status: 0, stdout: summary(2, rows: 4, unchanged: 4))
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM meter_readings; SELECT count(*) FROM consumptions"), "4\n4\n")
        XCTAssertEqual(try sandbox.sql("SELECT import_id, import_line FROM meter_readings ORDER BY id"), "1|2\n1|3\n1|4\n1|5\n")
        // The run's audit entry names the file by its path, size and SHA-256 (hashed as it was read).
        let sha256 = String(try sandbox.run(["sha256sum"], stdin: Self.good).stdout.prefix(64))
        let file = #""file":{"old":null,"new":"\#(sandbox.file("readings.csv"))"},"#
            + #""file_bytes":{"old":null,"new":"\#(Self.good.utf8.count)"},"file_sha256":{"old":null,"new":"\#(sha256)"}"#
        let audit = try sandbox.sql("SELECT entity_id, changes FROM audit_log WHERE entity = 'reading-import' ORDER BY id")
        XCTAssertEqual(audit, """
            1|{"rows":{"old":null,"new":"4"},"imported":{"old":null,"new":"4"},"unchanged":{"old":null,"new":"0"},"rejected":{"old":null,"new":"0"},"flagged":{"old":null,"new":"1"},"corrected_estimates":{"old":null,"new":"0"},\(file)}
            2|{"rows":{"old":null,"new":"4"},"imported":{"old":null,"new":"0"},"unchanged":{"old":null,"new":"4"},"rejected":{"old":null,"new":"0"},"flagged":{"old":null,"new":"0"},"corrected_estimates":{"old":null,"new":"0"},\(file)}

            """)
    }

    static let bad = """
        serial,at,value,source
        WM-000001,2027-01-31T08:00:00Z,12.5,
        WM-000004,2027-01-31T08:00:00Z,1,
        WM-999999,2027-01-31T08:00:00Z,1,
        WM-000002,2027-02-30T08:00:00Z,1,
        WM-000002,2027-01-31T08:00:00Z,-1,
        WM-000002,2027-01-31T08:00:00Z,1,satellite
        WM-000001,2027-01-15T08:00:00Z,13,
        WM-000001,2027-01-31T08:00:00Z,12.5,
        WM-000001,2027-01-31T08:00:00Z,12.6,
        WM-000003,2027-01-31T08:00:00Z,1,
        WM-000002
        WM-000002,2027-02-01T08:00:00Z,2,remote

        """

    func testEveryBadRowIsListedAndNothingIsImported() throws {
        try sandbox.write(Self.bad, to: "bad.csv")
        XCTAssertRun(try wbill("reading", "import", "bad.csv"), status: 65, stderr: """
            wbill: error: bad.csv: 10 bad rows of 12; nothing was imported
            bad.csv:3: serial 'WM-000004': meter WM-000004 is in stock: only a meter installed on an account is read
            bad.csv:4: serial 'WM-999999': no such meter; add it with `wbill meter add` or `wbill meter import`
            bad.csv:5: at '2027-02-30T08:00:00Z': there is no such day: February 2027 has 28 days
            bad.csv:6: value '-1': a reading cannot be negative
            bad.csv:7: source 'satellite': expected one of manual, handheld, remote, third-party, card
            bad.csv:8: at '2027-01-15T08:00:00Z': meter WM-000001 already has a later reading, 12.500 at 2027-01-31T08:00:00.000Z (reading 1); a reading at 2027-01-15T08:00:00.000Z is out of time order
            bad.csv:9: at '2027-01-31T08:00:00Z': repeats line 2 of this file (reading 1)
            bad.csv:10: value '12.6': meter WM-000001 already has a reading at 2027-01-31T08:00:00.000Z: 12.500 (reading 1), not 12.600
            bad.csv:11: value '1': 1.000 is below its value 1.250 when it was put on its account, and not a plausible rollover of meter WM-000003's 5-digit register: that would mean a consumption of 99999.750, not less than a tenth of the register (10000.000)
            bad.csv:12: expected 4 fields as in the header, found 1

            """)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM meter_readings; SELECT count(*) FROM consumptions; SELECT count(*) FROM reading_imports"),
                       "0\n0\n0\n")
    }

    func testSkipInvalidImportsTheGoodRowsAndWritesTheBadOnesToTheRejectsFile() throws {
        try sandbox.write(Self.bad, to: "bad.csv")
        XCTAssertRun(try wbill("reading", "import", "bad.csv", "--skip-invalid", "--rejects", "rejects.csv"), status: 0,
                     stdout: summary(1, rows: 12, imported: 2, rejected: 10, rejects: "rejects.csv"))
        let rejects = try String(contentsOfFile: sandbox.file("rejects.csv"), encoding: .utf8)
        XCTAssertEqual(rejects.split(separator: "\r\n", omittingEmptySubsequences: false).prefix(3).joined(separator: "\n"), """
            serial,at,value,source,reason
            WM-000004,2027-01-31T08:00:00Z,1,,serial 'WM-000004': meter WM-000004 is in stock: only a meter installed on an account is read
            WM-999999,2027-01-31T08:00:00Z,1,,serial 'WM-999999': no such meter; add it with `wbill meter add` or `wbill meter import`
            """)
        XCTAssertEqual(rejects.split(separator: "\r\n").count, 11)
        XCTAssertEqual(try list(), [
            "1|2027-01-31T08:00:00.000Z|WM-000001|AC00000001|12.500|handheld|12.500|2026-11-23T09:30:00.000Z||",
            "2|2027-02-01T08:00:00.000Z|WM-000002|AC00000002|2.000|remote|2.000|2026-11-23T09:30:00.000Z||",
        ])
        // The rejects file, once fixed, imports as it is (its reason column is ignored).
        let fixed = "serial,at,value,source,reason\nWM-000003,2027-01-31T08:00:00Z,2,,was 1\n"
        try sandbox.write(fixed, to: "fixed.csv")
        XCTAssertRun(try wbill("reading", "import", "fixed.csv"), status: 0, stdout: summary(2, rows: 1, imported: 1))
    }

    func testADryRunFromStandardInputWritesNothing() throws {
        XCTAssertRun(try wbill("reading", "import", "-", "--dry-run", "--source", "remote", stdin: Self.good), status: 0,
                     stdout: summary(nil, rows: 4, imported: 4, flagged: 1, dryRun: true))
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM meter_readings; SELECT count(*) FROM reading_imports"), "0\n0\n")
        XCTAssertRun(try wbill("reading", "import", "-", "--source", "remote", stdin: Self.good), status: 0,
                     stdout: summary(1, rows: 4, imported: 4, flagged: 1))
        XCTAssertEqual(try sandbox.sql("SELECT DISTINCT source FROM meter_readings"), "remote\n")
        XCTAssertRun(try wbill("reading", "import", "-", "--rejects", "r.csv", stdin: Self.good), status: 64, stderr: """
            wbill: error: --rejects goes with --skip-invalid
            Run 'wbill reading import --help' for usage.

            """)
    }

    func testAnImportCorrectsEstimates() throws {
        try sandbox.write(Self.good, to: "readings.csv")
        XCTAssertEqual(try wbill("reading", "import", "readings.csv").status, 0)
        XCTAssertEqual(try wbill("reading", "estimate", "WM-000001", "--at", "2027-03-31").status, 0)
        try sandbox.write("serial,at,value\nWM-000001,2027-04-30,30\n", to: "april.csv")
        XCTAssertRun(try wbill("reading", "import", "april.csv"), status: 0, stdout: summary(2, rows: 1, imported: 1, corrected: 1))
        XCTAssertEqual(try consumption(of: "AC00000001"), "30000\n")
    }

    /// A handheld's export as an Excel workbook reads as the same rows as CSV: a reading stored as
    /// a number (12.5, 0, 3.75 as doubles) and the times as text, as terminals export them.
    func testAnXLSXOfReadingsImportsAsTheSameRowsAsCSV() throws {
        try sandbox.writeXLSX("readings.xlsx", sheets: """
            [('Route 1', [["serial", "at", "value"],
                          ["WM-000001", "2027-01-31T08:00:00Z", 12.5],
                          ["WM-000002", "2027-01-31T08:05:00Z", 0],
                          [],
                          ["wm-000003", "2027-01-31T08:10:00Z", 3.75],
                          ["WM-000001", "2027-02-28T08:00:00Z", 20]])]
            """)
        let copy = sandbox.file("csv.db")
        try sandbox.sqlite(sandbox.defaultDatabase, ".backup '\(copy)'")
        XCTAssertRun(try wbill("reading", "import", "readings.xlsx"), status: 0,
                     stdout: summary(1, rows: 4, imported: 4, flagged: 1))
        try sandbox.write(Self.good, to: "readings.csv")
        XCTAssertRun(try wbill("--db", copy, "reading", "import", "readings.csv"), status: 0,
                     stdout: summary(1, rows: 4, imported: 4, flagged: 1))
        let content = "SELECT meter_id, account_id, at, value, source FROM meter_readings ORDER BY id;"
            + "SELECT * FROM consumptions ORDER BY id"
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, content), try sandbox.sqlite(copy, content))
        XCTAssertEqual(try list().count, 4)
        // The audit entry names the workbook by its size and SHA-256, and the sheet read.
        let workbook = try Data(contentsOf: URL(fileURLWithPath: sandbox.file("readings.xlsx")))
        let sha256 = String(try sandbox.run(["sha256sum", sandbox.file("readings.xlsx")]).stdout.prefix(64))
        XCTAssertEqual(try sandbox.sql("""
            SELECT json_extract(changes, '$.file_bytes.new'), json_extract(changes, '$.file_sha256.new'), json_extract(changes, '$.sheet.new')
            FROM audit_log WHERE entity = 'reading-import'
            """), "\(workbook.count)|\(sha256)|Route 1\n")
    }
}
