#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// `wbill meter import` end to end: exact reports, file quirks, duplicates, rejects, crashes, concurrency.
final class MeterImportEndToEndTests: MeterImportTestCase {
    func testTheExampleFileImportsCleanlyAndAgainAsUnchanged() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/meters.csv").path
        XCTAssertRun(try sandbox.wbill("meter", "import", example), status: 0, stdout: summary(import: 1, rows: 8, imported: 8))
        XCTAssertRun(try sandbox.wbill("meter", "import", example), status: 0, stdout: summary(import: 2, rows: 8, unchanged: 8))
        XCTAssertRun(try sandbox.wbill("meter", "list", "--group", "route 1", "--format", "tsv"), status: 0, stdout: """
            serial\ttype\tcaliber\tmanufacturer\tmodel\tinitial_reading\tlocation\tstate\tgroup
            WM-000001\tDN20 mechanical\t20\tNingbo Water Meter\tLXS-20E\t0.000\tBuilding 3, unit 1\tin-stock\tRoute 1
            WM-000002\tDN20 mechanical\t20\tNingbo Water Meter\tLXS-20E\t0.000\tBuilding 3, unit 2\tin-stock\tRoute 1
            WM-000003\tDN20 mechanical\t15\tNingbo Water Meter\tLXS-15E\t1.250\tBuilding 3, unit 3\tin-stock\tRoute 1

            """)
    }

    /// Twenty kinds of bad rows, all reported in one run, nothing imported.
    func testEveryBadRowIsReportedAtOnce() throws {
        let rows = [
            "WM-1,DN20 mechanical,20,,,,,",                   // 2: fine
            ",DN20 mechanical,20,,,,,",                        // 3: no serial
            "WM 3,DN20 mechanical,20,,,,,",                    // 4: space in serial
            "\(String(repeating: "X", count: 65)),DN20 mechanical,20,,,,,", // 5: serial too long
            "水表-6,DN20 mechanical,20,,,,,",                  // 6: non-ASCII serial
            "WM-7,,20,,,,,",                                   // 7: no type
            "WM-8,DN20 mechanicl,20,,,,,",                     // 8: misspelt type
            "WM-9,Unknown type,20,,,,,",                       // 9: unknown type
            "WM-10,DN20 mechanical,,,,,,",                     // 10: caliber needed
            "WM-11,DN20 mechanical,25,,,,,",                   // 11: caliber not of the type
            "WM-12,DN20 mechanical,big,,,,,",                  // 12: caliber not a number
            "WM-13,DN20 mechanical,20,,,-1,,",                 // 13: negative reading
            "WM-14,DN20 mechanical,20,,,1.2345,,",             // 14: too many decimals
            "WM-15,DN20 mechanical,20,,,100000,,",             // 15: beyond the register
            "WM-16,DN20 mechanical,20,,,1e3,,",                // 16: exponent
            "WM-17,DN20 mechanical,20,,,,,Route 9",            // 17: unknown group
            "WM-18,DN20 mechanical,20,\(String(repeating: "m", count: 201)),,,,", // 18: manufacturer too long
            "WM-19,DN20 mechanical,20,,,,\"a\u{1}b\",",        // 19: control character
            "WM-1,DN20 mechanical,15,,,,,",                    // 20: duplicate of line 2, other details
            "WM-21,DN20 mechanical",                           // 21: short row
            "WM-22,DN20 mechanical,20,,,,,,extra",             // 22: long row
        ]
        let file = try write("serial,type,caliber,manufacturer,model,initial_reading,location,group\n" + rows.joined(separator: "\n") + "\n",
                             to: "bad.csv")
        let long = String(repeating: "X", count: 65)
        XCTAssertRun(try sandbox.wbill("meter", "import", "bad.csv"), status: 65, stderr: """
            wbill: error: bad.csv: 20 bad rows; nothing was imported
            bad.csv:3: serial '': a serial is required
            bad.csv:4: serial 'WM 3': letters A-Z, digits and - _ . / only
            bad.csv:5: serial '\(long)': at most 64 characters
            bad.csv:6: serial '水表-6': letters A-Z, digits and - _ . / only
            bad.csv:7: type '': a meter type is required
            bad.csv:8: type 'DN20 mechanicl': no such meter type; did you mean 'DN20 mechanical'?
            bad.csv:9: type 'Unknown type': no such meter type
            bad.csv:10: caliber '': required: meter type 'DN20 mechanical' comes in 15, 20 mm
            bad.csv:11: caliber '25': meter type 'DN20 mechanical' comes in 15, 20 mm
            bad.csv:12: caliber 'big': a caliber in mm such as 20 or DN20
            bad.csv:13: initial_reading '-1': a reading cannot be negative
            bad.csv:14: initial_reading '1.2345': a reading in m³ with at most 3 decimals, such as 12.5
            bad.csv:15: initial_reading '100000': more than a 5-digit register shows
            bad.csv:16: initial_reading '1e3': a reading in m³ with at most 3 decimals, such as 12.5
            bad.csv:17: group 'Route 9': no such meter group; did you mean 'Route 1'?
            bad.csv:18: manufacturer '\(String(repeating: "m", count: 201))': at most 200 printable characters
            bad.csv:19: location 'a\\x01b': at most 200 printable characters
            bad.csv:20: serial 'WM-1': duplicate serial: already in line 2 of this file with different details (see --on-duplicate)
            bad.csv:21: expected 8 fields as in the header, found 2
            bad.csv:22: expected 8 fields as in the header, found 9

            """)
        _ = file
        XCTAssertEqual(try meterCount(), "0\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT count(*) FROM meter_imports"), "0\n")
    }

    func testByteOrderMarkCRLFAndQuotedLineBreaks() throws {
        let text = "\u{FEFF}Serial,TYPE,location\r\n"
            + "ic-1,IC card DN15,\"Block 5,\r\nunit \"\"east\"\"\"\r\n"
            + "IC-2,IC card DN15,plain\r\n"
            + "IC-3,IC card DN15,last without line end"
        _ = try write(text, to: "quirks.csv")
        XCTAssertRun(try sandbox.wbill("meter", "import", "quirks.csv"), status: 0, stdout: summary(import: 1, rows: 3, imported: 3))
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT serial || '=' || location FROM meters ORDER BY serial"),
                       "IC-1=Block 5,\nunit \"east\"\nIC-2=plain\nIC-3=last without line end\n")
        // A bad row after a quoted line break is reported at its own line.
        _ = try write("serial,type,location\r\nIC-4,IC card DN15,\"a\r\nb\"\r\nIC-5,Nope,c\r\n", to: "lines.csv")
        XCTAssertRun(try sandbox.wbill("meter", "import", "lines.csv"), status: 65, stderr: """
            wbill: error: lines.csv: 1 bad row; nothing was imported
            lines.csv:4: type 'Nope': no such meter type

            """)
    }

    func testStandardInputAndUnknownColumns() throws {
        XCTAssertRun(try sandbox.wbill(["meter", "import", "-"], stdin: "serial,type\nIC-9,IC card DN15\n"), status: 0,
                     stdout: summary(import: 1, rows: 1, imported: 1))
        XCTAssertRun(try sandbox.wbill(["meter", "import", "-"], stdin: "serial,type,colour\nIC-8,IC card DN15,red\n"), status: 65,
                     stderr: "wbill: error: <stdin>:1: field 3: unknown column `colour`; expected one of: serial, type, caliber, manufacturer, model, initial_reading, location, group, reason\n")
        XCTAssertRun(try sandbox.wbill(["meter", "import", "-", "--ignore-unknown-columns"], stdin: "serial,type,colour\nIC-8,IC card DN15,red\n"),
                     status: 0, stdout: summary(import: 2, rows: 1, imported: 1))
        XCTAssertRun(try sandbox.wbill("meter", "import", "missing.csv"), status: 66,
                     stderr: "wbill: error: cannot open missing.csv: No such file or directory\n")
    }

    func testDuplicatesInEachMode() throws {
        _ = try write("serial,type,caliber\nWM-1,DN20 mechanical,20\nWM-2,DN20 mechanical,20\n", to: "first.csv")
        XCTAssertEqual(try sandbox.wbill("meter", "import", "first.csv").status, 0)
        _ = try write("serial,type,caliber\nWM-1,DN20 mechanical,15\nWM-2,DN20 mechanical,20\nWM-3,DN20 mechanical,20\n", to: "second.csv")
        XCTAssertRun(try sandbox.wbill("meter", "import", "second.csv"), status: 65, stderr: """
            wbill: error: second.csv: 1 bad row; nothing was imported
            second.csv:2: serial 'WM-1': duplicate serial: already in the database with different details (see --on-duplicate)

            """)
        // A refused import leaves no trace, so the next run takes the next number.
        XCTAssertRun(try sandbox.wbill("meter", "import", "second.csv", "--on-duplicate", "skip"), status: 0,
                     stdout: summary(import: 2, rows: 3, imported: 1, unchanged: 1, skipped: 1))
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT caliber FROM meters WHERE serial = 'WM-1'"), "20\n")
        XCTAssertRun(try sandbox.wbill("meter", "import", "second.csv", "--on-duplicate", "update"), status: 0,
                     stdout: summary(import: 3, rows: 3, updated: 1, unchanged: 2))
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT caliber FROM meters WHERE serial = 'WM-1'"), "15\n")
        let history = try sandbox.wbill("meter", "show", "wm-1", "--format", "json")
        XCTAssertTrue(history.stdout.contains(#""event": "updated by import""#), history.stdout)
        XCTAssertRun(try sandbox.wbill("meter", "import", "second.csv", "--on-duplicate", "sometimes"), status: 64,
                     stderr: "wbill: error: invalid value 'sometimes' for --on-duplicate: expected one of error, skip, update\nRun 'wbill meter import --help' for usage.\n")
    }

    func testSkipInvalidRejectsRoundTrip() throws {
        _ = try write("serial,type,caliber,location\nA1,DN20 mechanical,20,x\nA2,DN20 mechanical,99,\"y, z\"\nA3,Nope,20,w\n", to: "in.csv")
        XCTAssertRun(try sandbox.wbill("meter", "import", "in.csv", "--skip-invalid", "--rejects", "rejects.csv"), status: 0,
                     stdout: summary(import: 1, rows: 3, imported: 1, rejected: 2, rejectsFile: "rejects.csv"))
        let rejects = try String(contentsOfFile: sandbox.file("rejects.csv"), encoding: .utf8)
        XCTAssertEqual(rejects, "serial,type,caliber,location,reason\r\n"
                       + "A2,DN20 mechanical,99,\"y, z\",\"caliber '99': meter type 'DN20 mechanical' comes in 15, 20 mm\"\r\n"
                       + "A3,Nope,20,w,type 'Nope': no such meter type\r\n")
        // The clerk fixes the two rows in the rejects file and imports it as it is.
        let fixed = rejects.replacingOccurrences(of: ",99,", with: ",15,").replacingOccurrences(of: "A3,Nope,", with: "A3,DN20 mechanical,")
        _ = try write(fixed, to: "rejects.csv")
        XCTAssertRun(try sandbox.wbill("meter", "import", "rejects.csv"), status: 0, stdout: summary(import: 2, rows: 2, imported: 2))
        XCTAssertEqual(try meterCount(), "3\n")
        XCTAssertRun(try sandbox.wbill("meter", "import", "in.csv", "--rejects", "r.csv"), status: 64,
                     stderr: "wbill: error: --rejects goes with --skip-invalid\nRun 'wbill meter import --help' for usage.\n")
    }

    func testTheRejectsFileAppearsWholeAndLeavesNoTemporaryFile() throws {
        _ = try write("serial,type\nA1,Nope\n", to: "in.csv")
        _ = try write("serial,colour\nA1,red\n", to: "bad-header.csv")
        func leftovers() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: sandbox.path).filter { $0.contains(".partial") }
        }
        // A failed import leaves neither the rejects file nor its temporary file.
        let failed = try sandbox.wbill("meter", "import", "bad-header.csv", "--skip-invalid", "--rejects", "rejects.csv")
        XCTAssertEqual(failed.status, 65, "\(failed)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.file("rejects.csv")))
        XCTAssertEqual(try leftovers(), [])
        // A finished one puts it in place, and only it.
        XCTAssertRun(try sandbox.wbill("meter", "import", "in.csv", "--skip-invalid", "--rejects", "rejects.csv"), status: 0,
                     stdout: summary(import: 1, rows: 1, rejected: 1, rejectsFile: "rejects.csv"))
        XCTAssertEqual(try String(contentsOfFile: sandbox.file("rejects.csv"), encoding: .utf8),
                       "serial,type,reason\r\nA1,Nope,type 'Nope': no such meter type\r\n")
        XCTAssertEqual(try leftovers(), [])
    }

    func testDryRunWritesNothing() throws {
        _ = try write("serial,type\nIC-1,IC card DN15\n", to: "dry.csv")
        XCTAssertRun(try sandbox.wbill("meter", "import", "dry.csv", "--dry-run"), status: 0,
                     stdout: "Rows:          1\nWould import:  1\nWould update:  0\nUnchanged:     0\nSkipped:       0\nRejected:      0\n")
        XCTAssertEqual(try meterCount(), "0\n")
    }

    /// A large import into an empty table drops the meters' plain indexes and builds them again
    /// before its COMMIT: afterwards they are all there, as the schema made them, and sound.
    func testALargeImportLeavesEveryIndexAsTheSchemaMadeIt() throws {
        let indexes = "SELECT name || ': ' || coalesce(sql, '-') FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'meters' ORDER BY name"
        let before = try sandbox.sqlite(sandbox.defaultDatabase, indexes)
        XCTAssertEqual(before, """
            meters_group: CREATE INDEX meters_group ON meters (group_id)
            meters_type_state: CREATE INDEX meters_type_state ON meters (meter_type_id, state)
            sqlite_autoindex_meters_1: -

            """)
        _ = try bigFile("big.csv", rows: 120_000, prefix: "L")
        XCTAssertRun(try sandbox.wbill(["meter", "import", "big.csv"], timeout: 120), status: 0,
                     stdout: summary(import: 1, rows: 120_000, imported: 120_000))
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, indexes), before)
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, """
            PRAGMA integrity_check; SELECT count(*) FROM meters INDEXED BY meters_type_state WHERE meter_type_id = 1 AND state = 'in-stock';
            """), "ok\n120000\n")
    }

    func testKillNineMidImportLeavesAllOrNothingAndARerunCompletes() throws {
        _ = try bigFile("big.csv", rows: 300_000, prefix: "K")
        let importer = try BackgroundProcess([ProgramRunner.wbillPath, "meter", "import", "big.csv"],
                                             environment: sandbox.baseEnvironment, directory: sandbox.path)
        usleep(400_000)
        importer.kill(signal: SIGKILL)
        _ = importer.wait(timeout: 10)
        let check = try sandbox.sqlite(sandbox.defaultDatabase, "PRAGMA integrity_check; SELECT count(*) FROM meters;")
        XCTAssertTrue(check == "ok\n0\n" || check == "ok\n300000\n", "half an import: \(check)")
        let rerun = try sandbox.wbill(["meter", "import", "big.csv"], timeout: 120)
        XCTAssertEqual(rerun.status, 0, "\(rerun)")
        XCTAssertEqual(try meterCount(), "300000\n")
    }

    func testKillNineInBatchedModeLeavesWholeBatchesAndARerunResumes() throws {
        _ = try bigFile("big.csv", rows: 300_000, prefix: "B")
        let importer = try BackgroundProcess([ProgramRunner.wbillPath, "meter", "import", "big.csv", "--batch-size", "10000"],
                                             environment: sandbox.baseEnvironment, directory: sandbox.path)
        usleep(700_000)
        importer.kill(signal: SIGKILL)
        _ = importer.wait(timeout: 10)
        let count = Int(try meterCount().trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        XCTAssertEqual(count % 10_000, 0, "a partial batch: \(count) meters")
        let rerun = try sandbox.wbill(["meter", "import", "big.csv", "--batch-size", "10000"], timeout: 120)
        XCTAssertEqual(rerun.status, 0, "\(rerun)")
        XCTAssertTrue(rerun.stdout.contains("Imported:   \(300_000 - count)\n") && rerun.stdout.contains("Unchanged:  \(count)\n"), rerun.stdout)
        XCTAssertEqual(try meterCount(), "300000\n")
    }

    func testTwoImportsAtOnceBothLand() throws {
        _ = try bigFile("one.csv", rows: 100_000, prefix: "P")
        _ = try bigFile("two.csv", rows: 100_000, prefix: "Q")
        let first = try BackgroundProcess([ProgramRunner.wbillPath, "meter", "import", "one.csv"],
                                          environment: sandbox.baseEnvironment, directory: sandbox.path)
        let second = try BackgroundProcess([ProgramRunner.wbillPath, "meter", "import", "two.csv"],
                                           environment: sandbox.baseEnvironment, directory: sandbox.path)
        XCTAssertEqual(first.wait(timeout: 120), 0, first.stderr)
        XCTAssertEqual(second.wait(timeout: 120), 0, second.stderr)
        XCTAssertEqual(try meterCount(), "200000\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT count(*) FROM meter_imports"), "2\n")
    }

    /// Runs wbill under `script`, so that stdout and stderr are a terminal; returns what the terminal showed.
    func onATerminal(_ arguments: [String]) throws -> ProcessResult {
        let command = ([ProgramRunner.wbillPath] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        return try sandbox.run(["script", "-qec", command, "/dev/null"], timeout: 120)
    }

    func testAProgressLineOnATerminalOnlyAndNotWithQuiet() throws {
        _ = try bigFile("big.csv", rows: 60_000, prefix: "T")
        let shown = try onATerminal(["meter", "import", "big.csv"])
        XCTAssertEqual(shown.status, 0, "\(shown)")
        XCTAssertTrue(shown.stdout.contains("\r\u{1B}[Kimporting big.csv  ["), shown.stdout)
        XCTAssertTrue(shown.stdout.contains(" rows/s"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("Imported:   60000"), shown.stdout)
        _ = try bigFile("more.csv", rows: 60_000, prefix: "U")
        let quiet = try onATerminal(["--quiet", "meter", "import", "more.csv"])
        XCTAssertEqual(quiet.status, 0, "\(quiet)")
        XCTAssertFalse(quiet.stdout.contains("rows/s"), quiet.stdout)
        // Not on a terminal (every other test here): stderr stays empty.
        _ = try bigFile("last.csv", rows: 60_000, prefix: "V")
        XCTAssertEqual(try sandbox.wbill(["meter", "import", "last.csv"], timeout: 120).stderr, "")
    }
}
