import WBillTestSupport
import XCTest

/// `wbill export TABLE` on the `ExportFixture` utility: every table in csv and json exactly, the
/// filters, the refusals, and xlsx and dbf files read back by openpyxl and dbfread.
final class ExportEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    static let tables = ["meters", "customers", "accounts", "readings", "bills", "transactions", "alarms"]

    override func setUpWithError() throws {
        try super.setUpWithError()
        sandbox = try Sandbox.withExportFixture()
    }

    /// RFC 4180 lines: each ends in CRLF.
    func csv(_ lines: [String]) -> String {
        lines.map { $0 + "\r\n" }.joined()
    }

    func testEveryTableInCSVAndJSON() throws {
        for table in Self.tables {
            XCTAssertRun(try sandbox.wbill("export", table, "--format", "csv"), status: 0, stdout: csv(ExportExpected.csv[table]!))
            XCTAssertRun(try sandbox.wbill("export", table, "--format", "json"), status: 0, stdout: ExportExpected.json[table]!)
        }
    }

    func testFromAndToChooseTheDaysOfDatedTables() throws {
        let readings = ExportExpected.csv["readings"]!
        // The reading of 30 November, not the one of the 25th; then the last day included.
        XCTAssertRun(try sandbox.wbill("export", "readings", "--from", "2026-11-26", "--format", "csv"), status: 0,
                     stdout: csv([readings[0], readings[1]]))
        XCTAssertRun(try sandbox.wbill("export", "readings", "--to", "2026-11-25", "--format", "csv"), status: 0,
                     stdout: csv([readings[0], readings[2]]))
        let entries = ExportExpected.csv["transactions"]!
        XCTAssertRun(try sandbox.wbill("export", "transactions", "--from", "2026-12-01", "--to", "2026-12-31", "--format", "csv"),
                     status: 0, stdout: csv([entries[0], entries[4]]))
        XCTAssertRun(try sandbox.wbill("export", "transactions", "--from", "2026-11-26", "--to", "2026-11-26", "--format", "csv"),
                     status: 0, stdout: csv(Array(entries[0...3])))
        let bills = ExportExpected.csv["bills"]!
        XCTAssertRun(try sandbox.wbill("export", "bills", "--to", "2026-12-04", "--format", "csv"), status: 0, stdout: csv([bills[0]]))
        XCTAssertRun(try sandbox.wbill("export", "bills", "--from", "2026-12-05", "--format", "csv"), status: 0, stdout: csv(bills))
        let alarms = ExportExpected.csv["alarms"]!
        XCTAssertRun(try sandbox.wbill("export", "alarms", "--from", "2026-11-27", "--format", "csv"), status: 0, stdout: csv([alarms[0]]))
        XCTAssertRun(try sandbox.wbill("export", "alarms", "--to", "2026-11-26", "--format", "csv"), status: 0, stdout: csv(alarms))
        // The days chosen are the document's parameters.
        let json = try sandbox.wbill("export", "transactions", "--from", "2026-12-01", "--to", "2026-12-31", "--format", "json")
        XCTAssertEqual(json.status, 0)
        XCTAssertTrue(json.stdout.contains("""
              "parameters": {
                "from": "2026-12-01",
                "to": "2026-12-31"
              },
            """), json.stdout)
    }

    func testGroupChoosesTheMetersOfOneGroup() throws {
        let meters = ExportExpected.csv["meters"]!
        XCTAssertRun(try sandbox.wbill("export", "meters", "--group", "route 1", "--format", "csv"), status: 0,
                     stdout: csv(Array(meters[0...3])))
        XCTAssertRun(try sandbox.wbill("export", "meters", "--group", "Route 9"), status: 1,
                     stderr: "wbill: error: no meter group named 'Route 9'; did you mean 'Route 1'?\n")
    }

    func testAnUnknownTableOrAMisfitOptionIsRefusedWithNothingWritten() throws {
        XCTAssertRun(try sandbox.wbill("export", "meterz"), status: 64,
                     stderr: "wbill: error: unknown command 'meterz' for 'wbill export'; did you mean 'export meters'?\n")
        XCTAssertRun(try sandbox.wbill("export", "readings", "--from", "2026-12-02", "--to", "2026-12-01", "-o", "r.csv"), status: 64,
                     stderr: "wbill: error: --to 2026-12-01 is before --from 2026-12-02\nRun 'wbill export readings --help' for usage.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.file("r.csv")))
        XCTAssertRun(try sandbox.wbill("export", "meters", "--format", "xlsx"), status: 64,
                     stderr: "wbill: error: --format xlsx is a binary file: write it with --output FILE\n"
                        + "Run 'wbill export meters --help' for usage.\n")
        let help = try sandbox.wbill("export", "--help")
        XCTAssertEqual(help.status, 0)
        for table in Self.tables { XCTAssertTrue(help.stdout.contains("\n  \(table) "), "\(table) in:\n\(help.stdout)") }
    }

    func testXLSXFilesReadBackWithOpenpyxl() throws {
        var summary = ""
        for table in Self.tables {
            XCTAssertRun(try sandbox.wbill("export", table, "-o", "\(table).xlsx"), status: 0)
            summary += try ExternalProgram.python("""
                import sys, openpyxl
                book = openpyxl.load_workbook(sys.argv[1])
                sheet = book[sys.argv[2]]
                rows = list(sheet.iter_rows(values_only=True))
                print(sys.argv[2], book.sheetnames, len(rows) - 1, sheet.freeze_panes, sheet.auto_filter.ref)
                print(' ', rows[0])
                for row in sheet.iter_rows(min_row=2, max_row=2):
                    print(' ', [(type(c.value).__name__, c.number_format) for c in row if c.value is not None])
                about = dict(book['About'].iter_rows(min_row=2, values_only=True))
                print('  about:', about['Report'], about['Rows'], about['Generated by'])
                """, sandbox.file("\(table).xlsx"), table)
        }
        XCTAssertEqual(summary, """
            meters ['meters', 'About'] 10 A2 A1:K11
              ('Serial', 'Meter type', 'Caliber', 'Manufacturer', 'Model', 'Location', 'State', 'Group', 'Account', 'Initial reading', 'Added at')
              [('str', 'General'), ('str', 'General'), ('int', '#,##0'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('int', '#,##0.000'), ('datetime', 'yyyy-mm-dd hh:mm:ss')]
              about: meters 10 clerk
            customers ['customers', 'About'] 2 A2 A1:J3
              ('Customer', 'Name', 'ID number', 'Tax number', 'Phone', 'E-mail', 'Address', 'Contact', 'Persons', 'Registered at')
              [('int', '#,##0'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('int', '#,##0'), ('datetime', 'yyyy-mm-dd hh:mm:ss')]
              about: customers 2 clerk
            accounts ['accounts', 'About'] 2 A2 A1:K3
              ('Account', 'Holder', 'Holder name', 'Customer type', 'Water nature', 'Business mode', 'Status', 'Currency', 'Balance', 'Opened at', 'Closed at')
              [('str', 'General'), ('int', '#,##0'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('float', '#,##0.00'), ('datetime', 'yyyy-mm-dd hh:mm:ss')]
              about: accounts 2 clerk
            readings ['readings', 'About'] 2 A2 A1:J3
              ('Reading', 'Meter', 'Account', 'Read at', 'Value', 'Source', 'Operator', 'Recorded at', 'Voided at', 'Void reason')
              [('int', '#,##0'), ('str', 'General'), ('str', 'General'), ('datetime', 'yyyy-mm-dd hh:mm:ss'), ('int', '#,##0.000'), ('str', 'General'), ('str', 'General'), ('datetime', 'yyyy-mm-dd hh:mm:ss')]
              about: readings 2 clerk
            bills ['bills', 'About'] 1 A2 A1:N2
              ('Bill', 'Account', 'Customer name', 'Period', 'Period from', 'Period to', 'Tariff', 'Volume', 'Total', 'Paid', 'Status', 'Issue date', 'Due date', 'Cancelled at')
              [('str', 'General'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('datetime', 'yyyy-mm-dd'), ('datetime', 'yyyy-mm-dd'), ('str', 'General'), ('int', '#,##0.000'), ('float', '#,##0.00'), ('int', '#,##0.00'), ('str', 'General'), ('datetime', 'yyyy-mm-dd'), ('datetime', 'yyyy-mm-dd')]
              about: bills 1 clerk
            transactions ['transactions', 'About'] 4 A2 A1:L5
              ('Entry', 'Account', 'Customer', 'Customer name', 'Kind', 'Amount', 'Channel', 'Reference', 'Reason', 'Reverses', 'At', 'Operator')
              [('int', '#,##0'), ('str', 'General'), ('int', '#,##0'), ('str', 'General'), ('str', 'General'), ('int', '#,##0.00'), ('str', 'General'), ('str', 'General'), ('datetime', 'yyyy-mm-dd hh:mm:ss'), ('str', 'General')]
              about: transactions 4 clerk
            alarms ['alarms', 'About'] 1 A2 A1:O2
              ('Alarm', 'Kind', 'Account', 'Meter', 'Value', 'Threshold', 'Unit', 'Cause', 'State', 'Raised at', 'Raised by', 'Acknowledged at', 'Acknowledged by', 'Closed at', 'Closed by')
              [('int', '#,##0'), ('str', 'General'), ('str', 'General'), ('float', '#,##0.00'), ('int', '#,##0.00'), ('str', 'General'), ('str', 'General'), ('str', 'General'), ('datetime', 'yyyy-mm-dd hh:mm:ss'), ('str', 'General')]
              about: alarms 1 clerk

            """)
    }

    func testDBFFilesReadBackWithDbfreadInUTF8AndGBK() throws {
        let script = """
            import sys, dbfread
            table = dbfread.DBF(sys.argv[1], encoding=sys.argv[2], char_decode_errors='strict')
            print([(f.name, f.type, f.length, f.decimal_count) for f in table.fields])
            for record in table:
                print(list(record.values()))
            """
        XCTAssertRun(try sandbox.wbill("export", "customers", "-o", "customers.dbf", "--encoding", "gbk"), status: 0)
        XCTAssertEqual(try ExternalProgram.python(script, sandbox.file("customers.dbf"), "gbk"), """
            [('ID', 'N', 19, 0), ('NAME', 'C', 200, 0), ('ID_NUMBER', 'C', 64, 0), ('TAX_NUMBER', 'C', 64, 0), ('PHONE', 'C', 64, 0), ('EMAIL', 'C', 254, 0), ('ADDRESS', 'C', 254, 0), ('CONTACT', 'C', 200, 0), ('PERSONS', 'N', 4, 0), ('CREATED', 'C', 24, 0)]
            [1, '王芳', '110101199003071234', '', '13800138000', '', 'Building 3, unit 1', '', 3, '2026-11-23T09:30:00.000Z']
            [2, 'Li Lei', '110101199003071234', '', '13800138000', '', 'Building 3, unit 1', '', 3, '2026-11-23T09:30:00.000Z']

            """)
        // GBK's language driver byte (0x7A) in the header, so readers pick the code page.
        let header = try XCTUnwrap(FileManager.default.contents(atPath: sandbox.file("customers.dbf")))
        XCTAssertEqual(header[29], 0x7A)
        XCTAssertRun(try sandbox.wbill("export", "bills", "-o", "bills.dbf"), status: 0)
        XCTAssertEqual(try ExternalProgram.python(script, sandbox.file("bills.dbf"), "utf-8"), """
            [('NUMBER', 'C', 54, 0), ('ACCOUNT', 'C', 60, 0), ('NAME', 'C', 254, 0), ('PERIOD', 'C', 30, 0), ('FROM_DATE', 'D', 8, 0), ('TO_DATE', 'D', 8, 0), ('TARIFF', 'C', 192, 0), ('VOLUME', 'N', 19, 3), ('TOTAL', 'N', 19, 2), ('PAID', 'N', 19, 2), ('STATUS', 'C', 33, 0), ('ISSUED', 'D', 8, 0), ('DUE', 'D', 8, 0), ('CANCELLED', 'C', 24, 0)]
            [\'B00000001\', \'AC00000002\', \'Li Lei\', \'2026-11\', datetime.date(2026, 11, 1), datetime.date(2026, 11, 30), \'residential-annual\', 9.0, 61.72, 0.0, \'open\', datetime.date(2026, 12, 5), datetime.date(2026, 12, 20), \'\']

            """)
        XCTAssertRun(try sandbox.wbill("export", "transactions", "-o", "ledger.dbf", "--encoding", "gbk"), status: 0)
        XCTAssertEqual(try ExternalProgram.python("""
            import sys, dbfread
            table = dbfread.DBF(sys.argv[1], encoding='gbk', char_decode_errors='strict')
            print([(r['NAME'], r['KIND'], r['AMOUNT']) for r in table], round(sum(r['AMOUNT'] for r in table), 2))
            """, sandbox.file("ledger.dbf")), """
            [('王芳', 'recharge', 20.0), ('王芳', 'deduction', -4.16), ('王芳', 'refund', -6.0), ('Li Lei', 'bill-charge', -61.72)] -51.88

            """)
    }
}
