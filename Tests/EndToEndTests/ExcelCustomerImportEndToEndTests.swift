import Foundation
import XCTest

/// `wbill customer open --file` of Excel files end to end: the same accounts as the same rows
/// in CSV, ID numbers kept when stored as text and refused when stored as numbers.
final class ExcelCustomerImportEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    /// Phones and household sizes typed as numbers, ID numbers as text; a blank row (row 3).
    static let sheetRows = """
        [["type", "name", "id_number", "tax_number", "contact", "phone", "address", "persons", "meters"],
         ["Residential", "Wang Fang", "110101199003071234", None, None, 13800138000, "Building 3, unit 1", 3, "WM-000001"],
         [],
         ["Shops", "Corner Store", None, "91110000", "Mr Qian", "010 1234", "Market St 5", None, "WM-000002;WM-000003"],
         ["Residential", "Li Lei", "11010119900307123X", None, None, 13900139000.0, "B5", 2.0, "WM-000004"]]
        """

    static let csvRows = """
        type,name,id_number,tax_number,contact,phone,address,persons,meters
        Residential,Wang Fang,110101199003071234,,,13800138000,"Building 3, unit 1",3,WM-000001

        Shops,Corner Store,,91110000,Mr Qian,010 1234,Market St 5,,WM-000002;WM-000003
        Residential,Li Lei,11010119900307123X,,,13900139000,B5,2,WM-000004

        """

    static let opened = """
        LINE  ACCOUNT     CUSTOMER  NAME          CUSTOMER TYPE  METERS
           2  AC00000001         1  Wang Fang     Residential    WM-000001
           4  AC00000002         2  Corner Store  Shops          WM-000002 WM-000003
           5  AC00000003         3  Li Lei        Residential    WM-000004

        """

    /// Registers `workbook`'s customers in the test's database and the CSV rows' in a copy of it
    /// made first; both print the same table and leave the same content.
    func assertRegistersAsTheCSV(_ workbook: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let copy = sandbox.file("csv.db")
        try sandbox.sqlite(sandbox.defaultDatabase, ".backup '\(copy)'", file: file, line: line)
        let csv = try sandbox.write(Self.csvRows, to: "customers.csv")
        XCTAssertRun(try sandbox.wbill(["customer", "open", "--file"] + workbook), status: 0, stdout: Self.opened, file: file, line: line)
        XCTAssertRun(try sandbox.wbill(["--db", copy, "customer", "open", "--file", csv]), status: 0, stdout: Self.opened, file: file, line: line)
        XCTAssertEqual(try sandbox.importedContent(sandbox.defaultDatabase, file: file, line: line),
                       try sandbox.importedContent(copy, file: file, line: line), file: file, line: line)
    }

    func testAnXLSXRegistersAsTheSameRowsAsCSV() throws {
        try sandbox.writeXLSX("customers.xlsx", sheets: "[('Customers', \(Self.sheetRows))]")
        try assertRegistersAsTheCSV(["customers.xlsx"])
        XCTAssertEqual(try sandbox.sql("SELECT name, id_number, phone, persons FROM customers ORDER BY id"), """
            Wang Fang|110101199003071234|13800138000|3
            Corner Store||010 1234|
            Li Lei|11010119900307123X|13900139000|2

            """)
        // The file's audit entry: its path, size, SHA-256 and sheet.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sandbox.file("customers.xlsx")))
        XCTAssertEqual(try sandbox.sql("SELECT json_extract(changes, '$.file_bytes.new'), length(json_extract(changes, '$.file_sha256.new')), json_extract(changes, '$.sheet.new') FROM audit_log WHERE entity = 'customer-import'"),
                       "\(bytes.count)|64|Customers\n")
    }

    func testAnOldXLSRegistersAsTheSameRowsAsCSV() throws {
        try sandbox.writeXLS("customers.xls", sheets: "[('Customers', \(Self.sheetRows))]")
        try assertRegistersAsTheCSV(["customers.xls"])
    }

    func testAnIDNumberStoredAsANumberIsRefusedWithHowToStoreIt() throws {
        // openpyxl writes the 18-digit number with 16 significant digits (1.101011990030712e+17):
        // its last two digits are gone, as in Excel, which keeps 15.
        try sandbox.writeXLSX("customers.xlsx", sheets: """
            [('Customers', [["type", "name", "id_number", "phone", "address", "persons", "meters"],
                            ["Residential", "Wang Fang", 110101199003071234, 13800138000, "B3", 3, "WM-000001"],
                            ["Residential", "Li Lei", 1101011990030712, 13900139000, "B5", 2, "WM-000002"],
                            ["Residential", "Zhao", "110101199003071234", 13900139000, "B6", 2, "WM-000003"]])]
            """)
        let refusal = "a number of more than 15 significant digits, which is all a spreadsheet keeps, so its last digits may have been lost; store it as text in the sheet (format the column as Text, or type it with a leading apostrophe)"
        XCTAssertRun(try sandbox.wbill("customer", "open", "--file", "customers.xlsx"), status: 65, stderr: """
            wbill: error: customers.xlsx: 2 bad rows of 3; nothing was imported
            customers.xlsx: Customers!C2: id_number '110101199003071200': \(refusal)
            customers.xlsx: Customers!C3: id_number '1101011990030712': \(refusal)

            """)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM customers; SELECT count(*) FROM accounts"), "0\n0\n")
    }

    func testTheFileOptionsGoWithFileOnly() throws {
        XCTAssertRun(try sandbox.wbill("customer", "open", "--type", "Residential", "--sheet", "Customers"), status: 64, stderr: """
            wbill: error: --sheet says how to read the file of --file, which is not given
            Run 'wbill customer open --help' for usage.

            """)
        try sandbox.writeXLSX("customers.xlsx", sheets: "[('Customers', \(Self.sheetRows))]")
        XCTAssertRun(try sandbox.wbill("customer", "open", "--file", "customers.xlsx", "--sheet", "People"), status: 65,
                     stderr: "wbill: error: customers.xlsx has no sheet named 'People'; its sheets: 'Customers'\n")
    }
}
