import Foundation
import WBillTestSupport
import XCTest
@testable import WBillSupport

/// `XLSXWorkbook`: libxlsxwriter loaded on demand writes tables whose values, types, number
/// formats, frozen header, filter, widths and charts an independent reader (openpyxl) finds.
final class XLSXWorkbookTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    /// Writes a workbook through an AtomicFile as an exporter does, with `constantMemory`.
    func writeReport(_ name: String, constantMemory: Bool) throws -> String {
        let path = scratch.file(name)
        let file = try AtomicFile(path: path)
        try file.closeDescriptor()
        let workbook = try XLSXWorkbook(path: file.temporaryPath, constantMemory: constantMemory)
        let sheet = try workbook.addSheet("Consumption")
        try sheet.header(["Month", "Customer type", "Volume (m³)", "Amount (CNY)", "Accounts"])
        try sheet.append([.date(CivilDate(year: 2026, month: 9, day: 1)!), .text("居民生活用水"),
                          .decimal(unscaled: 1_234_567, scale: 3), .decimal(unscaled: 29, scale: 2), .integer(1_500)])
        try sheet.append([.date(CivilDate(year: 2026, month: 10, day: 1)!), .text("Industry"),
                          .decimal(unscaled: 0, scale: 3), .decimal(unscaled: -123_456_789_012, scale: 2), .empty])
        sheet.addChart(XLSXChart(kind: .column, title: "Volume by month", categoryColumn: 0, valueColumns: [2]))
        let about = try workbook.addSheet("Report")
        try about.header(["Field", "Value"])
        try about.append([.text("generated at"), .dateTime(year: 2026, month: 12, day: 1, hour: 8, minute: 5, second: 9)])
        try workbook.close()
        try file.commit()
        return path
    }

    func testAnIndependentReaderFindsValuesTypesFormatsAndTheChart() throws {
        for constantMemory in [false, true] {
            let path = try writeReport("report-\(constantMemory).xlsx", constantMemory: constantMemory)
            let output = try ExternalProgram.python("""
                import sys, zipfile, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1])
                print(wb.sheetnames)
                ws = wb['Consumption']
                print(ws.freeze_panes, ws.auto_filter.ref)
                for row in ws.iter_rows(min_row=1, max_row=3):
                    print(' | '.join(f'{c.value!r}:{c.number_format}:{c.font.b}' for c in row))
                print(ws.column_dimensions['B'].width >= 14, ws.column_dimensions['A'].width < 20)
                print(wb['Report']['B2'].value, wb['Report']['B2'].number_format)
                names = zipfile.ZipFile(sys.argv[1]).namelist()
                print([n for n in names if n.startswith('xl/charts/')])
                """, path)
            XCTAssertEqual(output, """
                ['Consumption', 'Report']
                A2 A1:E3
                'Month':General:True | 'Customer type':General:True | 'Volume (m³)':General:True | 'Amount (CNY)':General:True | 'Accounts':General:True
                datetime.datetime(2026, 9, 1, 0, 0):yyyy-mm-dd:False | '居民生活用水':General:False | 1234.567:#,##0.000:False | 0.29:#,##0.00:False | 1500:#,##0:False
                datetime.datetime(2026, 10, 1, 0, 0):yyyy-mm-dd:False | 'Industry':General:False | 0:#,##0.000:False | -1234567890.12:#,##0.00:False | None:General:False
                True True
                2026-12-01 08:05:09 yyyy-mm-dd hh:mm:ss
                ['xl/charts/chart1.xml']

                """, "constant memory \(constantMemory)")
        }
    }

    func testValuesExcelCannotKeepAreRefusedWithTheirCell() throws {
        let file = try AtomicFile(path: scratch.file("bad.xlsx"))
        try file.closeDescriptor()
        let workbook = try XLSXWorkbook(path: file.temporaryPath, constantMemory: true)
        let sheet = try workbook.addSheet("Meters")
        try sheet.header(["Serial", "Reading"])
        XCTAssertThrowsError(try sheet.append([.text("WM-1"), .decimal(unscaled: 1_234_567_890_123_456, scale: 3)])) {
            XCTAssertEqual($0 as? XLSXError, .unrepresentable(sheet: "Meters", cell: "B2", value: "1234567890123.456",
                                                              reason: "has more than 15 significant digits, which an xlsx number cannot keep"))
        }
        XCTAssertThrowsError(try sheet.append([.date(CivilDate(year: 1899, month: 12, day: 31)!)])) {
            XCTAssertEqual(($0 as? XLSXError)?.failureKind, .badInput)
        }
        XCTAssertThrowsError(try workbook.addSheet("meters")) { XCTAssertEqual($0 as? XLSXError, .badSheetName("meters")) }
        XCTAssertThrowsError(try workbook.addSheet("a/b")) { XCTAssertEqual($0 as? XLSXError, .badSheetName("a/b")) }
        try workbook.close()
    }
}
