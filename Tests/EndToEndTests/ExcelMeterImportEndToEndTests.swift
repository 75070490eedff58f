import Foundation
import XCTest

/// `wbill meter import` of Excel files end to end: each workbook imports exactly as the same rows
/// written as CSV (the same stdout, the same database content), its cells keep their meaning, and
/// its problems are placed as `meters.xlsx: Sheet1!C17`.
final class ExcelMeterImportEndToEndTests: MeterImportTestCase {
    /// The rows every format below holds: numbers stored as doubles (12.3, 0.1+0.2, and 12.3 one
    /// unit in the last place off, as Excel writes it), a long ID kept as text, dates and a date
    /// and time in a text column, a blank row (row 3) and a row of empty cells (row 5).
    static let sheetRows = """
        [["serial", "type", "caliber", "manufacturer", "model", "initial_reading", "location", "group"],
         ["WM-000001", "DN20 mechanical", 20, "Ningbo", "LXS-20E", 12.3, "Building 3, unit 1", "Route 1"],
         [],
         ["WM-000002", "DN20 mechanical", 15, "Ningbo", "110101199003071234", 0.1 + 0.2, d(2026, 11, 23)],
         ["", "", None, ""],
         ["WM-000003", "DN20 mechanical", 15.0, "Ningbo", "LXS-15E", 12.300000000000001, dt(2026, 11, 23, 9, 30), "Route 1"],
         ["WM-000004", "IC card DN15", 15, "Shenzhen Huaxu", "CPU-15", 0, d(1900, 2, 28)],
         ["WM-000005", "IC card DN15", 15, "Shenzhen Huaxu", "CPU-15", 1.25, d(1900, 3, 1), None]]
        """

    /// The same rows as CSV, line for line.
    static let csvRows = """
        serial,type,caliber,manufacturer,model,initial_reading,location,group
        WM-000001,DN20 mechanical,20,Ningbo,LXS-20E,12.3,"Building 3, unit 1",Route 1

        WM-000002,DN20 mechanical,15,Ningbo,110101199003071234,0.3,2026-11-23,

        WM-000003,DN20 mechanical,15,Ningbo,LXS-15E,12.3,2026-11-23T09:30:00,Route 1
        WM-000004,IC card DN15,15,Shenzhen Huaxu,CPU-15,0,1900-02-28,
        WM-000005,IC card DN15,15,Shenzhen Huaxu,CPU-15,1.25,1900-03-01,

        """

    static let listed = """
        serial,type,caliber,manufacturer,model,initial_reading,location,state,group
        WM-000001,DN20 mechanical,20,Ningbo,LXS-20E,12.300,"Building 3, unit 1",in-stock,Route 1
        WM-000002,DN20 mechanical,15,Ningbo,110101199003071234,0.300,2026-11-23,in-stock,
        WM-000003,DN20 mechanical,15,Ningbo,LXS-15E,12.300,2026-11-23T09:30:00,in-stock,Route 1
        WM-000004,IC card DN15,15,Shenzhen Huaxu,CPU-15,0.000,1900-02-28,in-stock,
        WM-000005,IC card DN15,15,Shenzhen Huaxu,CPU-15,1.250,1900-03-01,in-stock,

        """

    /// Imports `workbook` into the test's database and the CSV rows into a copy of it made first,
    /// and checks both print `stdout` and leave the same content.
    func assertImportsAsTheCSV(_ workbook: [String], csv: String, stdout: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let copy = sandbox.file("csv.db")
        try sandbox.sqlite(sandbox.defaultDatabase, ".backup '\(copy)'", file: file, line: line)
        let csvFile = try write(csv, to: "meters.csv")
        XCTAssertRun(try sandbox.wbill(["meter", "import"] + workbook), status: 0, stdout: stdout, file: file, line: line)
        XCTAssertRun(try sandbox.wbill(["--db", copy, "meter", "import", csvFile]), status: 0, stdout: stdout, file: file, line: line)
        XCTAssertEqual(try sandbox.importedContent(sandbox.defaultDatabase, file: file, line: line),
                       try sandbox.importedContent(copy, file: file, line: line), file: file, line: line)
    }

    func testAnXLSXImportsAsTheSameRowsAsCSV() throws {
        try sandbox.writeXLSX("meters.xlsx", sheets: "[('Meters', \(Self.sheetRows))]")
        try assertImportsAsTheCSV(["meters.xlsx"], csv: Self.csvRows, stdout: summary(import: 1, rows: 5, imported: 5))
        XCTAssertRun(try sandbox.wbill("meter", "list", "--format", "csv"), status: 0, stdout: Self.listed.replacingOccurrences(of: "\n", with: "\r\n"))
        // The run's audit entry names the file and the sheet.
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT json_extract(changes, '$.file.new'), json_extract(changes, '$.sheet.new') FROM audit_log WHERE entity = 'meter-import'"),
                       "\(sandbox.file("meters.xlsx"))|Meters\n")
        // The same file again: every row unchanged.
        XCTAssertRun(try sandbox.wbill("meter", "import", "meters.xlsx"), status: 0, stdout: summary(import: 2, rows: 5, unchanged: 5))
    }

    /// A sheet of some megabytes of XML, read a piece at a time: rows cross the pieces' ends.
    func testALargerSheetReadInPiecesImportsAsTheCSV() throws {
        let rows = """
            [["serial", "type", "caliber", "manufacturer", "location", "initial_reading"]] + [
                [f"WM-{i:06d}", "DN20 mechanical", 20 if i % 2 else 15, "Ningbo Water Meter " * (i % 4), f"Block {i // 100}, unit {i % 100}", i / 8]
                for i in range(1, 20001)]
            """
        try sandbox.writeXLSX("big.xlsx", sheets: "[('Meters', \(rows))]")
        var csv = "serial,type,caliber,manufacturer,location,initial_reading\n"
        for i in 1...20_000 {
            let manufacturer = String(repeating: "Ningbo Water Meter ", count: i % 4)
            let reading = i % 8 == 0 ? "\(i / 8)" : "\(Double(i) / 8)"
            csv += "WM-\(String(1_000_000 + i).dropFirst()),DN20 mechanical,\(i % 2 == 1 ? 20 : 15),\(manufacturer),\"Block \(i / 100), unit \(i % 100)\",\(reading)\n"
        }
        try assertImportsAsTheCSV(["big.xlsx"], csv: csv, stdout: summary(import: 1, rows: 20_000, imported: 20_000))
    }

    func testAnXLSXInThe1904DateSystemGivesTheSameDates() throws {
        // The 1904 system has no dates before 1904.
        let rows = Self.sheetRows.replacingOccurrences(of: "d(1900, 2, 28)", with: "d(1904, 1, 1)")
            .replacingOccurrences(of: "d(1900, 3, 1)", with: "d(2000, 2, 29)")
        let csv = Self.csvRows.replacingOccurrences(of: "1900-02-28", with: "1904-01-01").replacingOccurrences(of: "1900-03-01", with: "2000-02-29")
        try sandbox.writeXLSX("mac.xlsx", sheets: "[('Meters', \(rows))]", epoch1904: true)
        try assertImportsAsTheCSV(["mac.xlsx"], csv: csv, stdout: summary(import: 1, rows: 5, imported: 5))
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT group_concat(location, ' ') FROM meters"),
                       "Building 3, unit 1 2026-11-23 2026-11-23T09:30:00 1904-01-01 2000-02-29\n")
    }

    func testAnOldXLSImportsAsTheSameRowsAsCSV() throws {
        try sandbox.writeXLS("meters.xls", sheets: "[('Meters', \(Self.sheetRows))]")
        try assertImportsAsTheCSV(["meters.xls"], csv: Self.csvRows, stdout: summary(import: 1, rows: 5, imported: 5))
        XCTAssertRun(try sandbox.wbill("meter", "list", "--format", "csv"), status: 0, stdout: Self.listed.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    func testASecondSheetChosenBySheetAndAnUnknownSheetListsThem() throws {
        try sandbox.writeXLSX("delivery.xlsx", sheets: """
            [('Notes', [["written by", "the supplier"]]),
             ('Meter list', \(Self.sheetRows))]
            """)
        XCTAssertRun(try sandbox.wbill("meter", "import", "delivery.xlsx", "--sheet", "Meter lst"), status: 65, stderr: """
            wbill: error: delivery.xlsx has no sheet named 'Meter lst' (did you mean 'Meter list'?); its sheets: 'Notes', 'Meter list'

            """)
        // The first sheet is read by default: its header is not a meter file's.
        XCTAssertRun(try sandbox.wbill("meter", "import", "delivery.xlsx"), status: 65, stderr: """
            wbill: error: delivery.xlsx: Notes!A1: unknown column `written by`; expected one of: serial, type, caliber, manufacturer, model, initial_reading, location, group, reason

            """)
        try assertImportsAsTheCSV(["delivery.xlsx", "--sheet", "meter LIST"], csv: Self.csvRows, stdout: summary(import: 1, rows: 5, imported: 5))
        XCTAssertRun(try sandbox.wbill("meter", "import", "meters.csv", "--sheet", "Meters"), status: 64, stderr: """
            wbill: error: --sheet names a sheet of an Excel workbook, and meters.csv is read as CSV by its extension (give --input-format xlsx or xls for a workbook)
            Run 'wbill meter import --help' for usage.

            """)
    }

    func testBadCellsArePlacedBySheetColumnAndRow() throws {
        // A 16-digit serial typed as a number; a value right of the header; a caliber that is not one.
        try sandbox.writeXLSX("bad.xlsx", sheets: """
            [('Sheet1', [["serial", "type", "caliber"],
                         [1234567890123456, "DN20 mechanical", 20],
                         ["WM-2", "DN20 mechanical", 20, None, "note"],
                         ["WM-3", "DN20 mechanical", 25],
                         [],
                         ["WM-5", "DN20 mechanical", 0.1]])]
            """)
        XCTAssertRun(try sandbox.wbill("meter", "import", "bad.xlsx"), status: 65, stderr: """
            wbill: error: bad.xlsx: 4 bad rows; nothing was imported
            bad.xlsx: Sheet1!A2: serial '1234567890123456': a number of more than 15 significant digits, which is all a spreadsheet keeps, so its last digits may have been lost; store it as text in the sheet (format the column as Text, or type it with a leading apostrophe)
            bad.xlsx: Sheet1 row 3: a value in column E, right of the header's last column (C); name the column in the header row, or clear the cell
            bad.xlsx: Sheet1!C4: caliber '25': meter type 'DN20 mechanical' comes in 15, 20 mm
            bad.xlsx: Sheet1!C6: caliber '0.1': a caliber in mm such as 20 or DN20

            """)
        XCTAssertEqual(try meterCount(), "0\n")
        // With --skip-invalid the good rows go in and the bad ones to the rejects file, values as read.
        XCTAssertRun(try sandbox.wbill("meter", "import", "bad.xlsx", "--skip-invalid", "--rejects", "rejects.csv"), status: 0,
                     stdout: summary(import: 1, rows: 4, rejected: 4, rejectsFile: "rejects.csv"))
        XCTAssertEqual(try String(contentsOfFile: sandbox.file("rejects.csv"), encoding: .utf8), """
            serial,type,caliber,reason\r
            1234567890123456,DN20 mechanical,20,"serial '1234567890123456': a number of more than 15 significant digits, which is all a spreadsheet keeps, so its last digits may have been lost; store it as text in the sheet (format the column as Text, or type it with a leading apostrophe)"\r
            WM-2,DN20 mechanical,20,"a value in column E, right of the header's last column (C); name the column in the header row, or clear the cell"\r
            WM-3,DN20 mechanical,25,"caliber '25': meter type 'DN20 mechanical' comes in 15, 20 mm"\r
            WM-5,DN20 mechanical,0.1,caliber '0.1': a caliber in mm such as 20 or DN20\r

            """)
    }

    /// Also numbers as Excel writes them, to 17 digits: 0.30000000000000004 is =0.1+0.2, shown
    /// and read as 0.3; 0.1234567890123456 is 16 significant digits that are no such noise.
    func testCellsOpenpyxlNeverWritesInlineStringsErrorsBooleansAndPrefixedNames() throws {
        let parts = Self.workbookParts(sheet: """
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row><x:c t="inlineStr"><x:is><x:t>serial</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>type</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>model</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>location</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>caliber</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>initial_reading</x:t></x:is></x:c></x:row>
            <x:row><x:c t="inlineStr"><x:is><x:t>WM-1</x:t></x:is></x:c><x:c t="str"><x:f>"DN20 "&amp;"mechanical"</x:f><x:v>DN20 mechanical</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>Caf</x:t></x:r><x:rPh><x:t>kafe</x:t></x:rPh><x:r><x:t xml:space="preserve">_x00E9_ 4_x005F_B</x:t></x:r></x:is></x:c><x:c><x:v>2E1</x:v></x:c><x:c><x:v>0.30000000000000004</x:v></x:c></x:row>
            <x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>WM-2</x:t></x:is></x:c><x:c r="B4" t="inlineStr"><x:is><x:t>DN20 mechanical</x:t></x:is></x:c><x:c r="D4" t="e"><x:v>#N/A</x:v></x:c><x:c r="E4"><x:v>15</x:v></x:c></x:row>
            <x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:t>WM-3</x:t></x:is></x:c><x:c r="B5" t="inlineStr"><x:is><x:t>DN20 mechanical</x:t></x:is></x:c><x:c r="E5"><x:v>20</x:v></x:c><x:c r="F5"><x:v>0.1234567890123456</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """)
        try sandbox.writeRawXLSX("raw.xlsx", parts: parts)
        XCTAssertRun(try sandbox.wbill("meter", "import", "raw.xlsx"), status: 65, stderr: """
            wbill: error: raw.xlsx: 2 bad rows; nothing was imported
            raw.xlsx: Data!D4: location '#N/A': the cell holds the error value #N/A, not a value
            raw.xlsx: Data!F5: initial_reading '0.1234567890123456': a number of more than 15 significant digits, which is all a spreadsheet keeps, so its last digits may have been lost; store it as text in the sheet (format the column as Text, or type it with a leading apostrophe)

            """)
        XCTAssertRun(try sandbox.wbill("meter", "import", "raw.xlsx", "--skip-invalid"), status: 0,
                     stdout: summary(import: 1, rows: 3, imported: 1, rejected: 2),
                     stderr: "wbill: warning: 2 bad row(s) were left out; add --rejects FILE to keep them\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT serial, model, location, caliber, initial_reading, import_line FROM meters"),
                       "WM-1|TRUE|Café 4_B|20|300|2\n")
    }

    func testDamagedAndMisnamedFilesAreRefusedClearly() throws {
        try sandbox.writeXLSX("meters.xlsx", sheets: "[('Meters', \(Self.sheetRows))]")
        let whole = try Data(contentsOf: URL(fileURLWithPath: sandbox.file("meters.xlsx")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: sandbox.file("cut.xlsx")))
        XCTAssertRun(try sandbox.wbill("meter", "import", "cut.xlsx"), status: 65, stderr: """
            wbill: error: cut.xlsx: the workbook is damaged: the zip archive's directory is missing or damaged (is the file complete?)

            """)
        // One byte changed in the middle of the sheet's compressed data.
        var flipped = whole
        let sheetAt = whole.range(of: Data("xl/worksheets/sheet1.xml".utf8))!.upperBound
        flipped[sheetAt + 40] ^= 0xFF
        try flipped.write(to: URL(fileURLWithPath: sandbox.file("flipped.xlsx")))
        XCTAssertRun(try sandbox.wbill("meter", "import", "flipped.xlsx"), status: 65, stderr: """
            wbill: error: flipped.xlsx: Meters: the workbook is damaged: xl/worksheets/sheet1.xml: its compressed data is damaged (the file is damaged or incomplete)

            """)

        _ = try write(Self.csvRows, to: "really-csv.xlsx")
        XCTAssertRun(try sandbox.wbill("meter", "import", "really-csv.xlsx"), status: 65, stderr: """
            wbill: error: really-csv.xlsx is not an xlsx file (a zip archive of XML parts, as Excel 2007 and later write) (give --input-format csv for a CSV file)

            """)
        XCTAssertRun(try sandbox.wbill("meter", "import", "really-csv.xlsx", "--input-format", "csv"), status: 0,
                     stdout: summary(import: 1, rows: 5, imported: 5))
        try sandbox.writeXLS("old.xlsx", sheets: "[('Meters', \(Self.sheetRows))]")
        XCTAssertRun(try sandbox.wbill("meter", "import", "old.xlsx", "--dry-run"), status: 65, stderr: """
            wbill: error: old.xlsx is not an xlsx file (a zip archive of XML parts, as Excel 2007 and later write); its content is an xls file's (give --input-format xls to read it as one)

            """)
        XCTAssertRun(try sandbox.wbill("meter", "import", "meters.xlsx", "--input-format", "xls"), status: 65, stderr: """
            wbill: error: meters.xlsx is not an xls file (a BIFF workbook, as Excel 97-2003 write); its content is an xlsx file's (give --input-format xlsx to read it as one)

            """)
        XCTAssertRun(try sandbox.wbill("meter", "import", "missing.xlsx"), status: 66,
                     stderr: "wbill: error: cannot open missing.xlsx: No such file or directory\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT count(*) FROM meter_imports"), "1\n")
    }

    func testStandardInputIsReadAsTheFormatGiven() throws {
        try sandbox.writeXLSX("meters.xlsx", sheets: "[('Meters', \(Self.sheetRows))]")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sandbox.file("meters.xlsx")))
        let result = try sandbox.run(["sh", "-c", "\(ProgramRunner.wbillPath) meter import - --input-format xlsx < meters.xlsx"])
        XCTAssertRun(result, status: 0, stdout: summary(import: 1, rows: 5, imported: 5))
        XCTAssertGreaterThan(bytes.count, 0)
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT json_extract(changes, '$.file.new'), json_extract(changes, '$.file_bytes.new'), json_extract(changes, '$.sheet.new') FROM audit_log WHERE entity = 'meter-import'"),
                       "<stdin>|\(bytes.count)|Meters\n")
    }

    /// The parts of a workbook of one sheet named Data, whose XML is `sheet`.
    static func workbookParts(sheet: String) -> [String: String] {
        [
            "[Content_Types].xml": """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """,
            "_rels/.rels": """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """,
            "xl/workbook.xml": """
                <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId7"/></sheets></workbook>
                """,
            "xl/_rels/workbook.xml.rels": """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>
                """,
            "xl/worksheets/data.xml": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + sheet,
        ]
    }
}
