@testable import WBillCLI
import WBillSupport
import XCTest

/// The pieces between a table and a file: typing a held table's columns, dBase field names, the
/// format a file name says, and the JSON written a row at a time being the JSON of the whole.
final class TableWriterTests: XCTestCase {
    func testAHeldTableIsTypedByWhatAllItsCellsAre() {
        let date = CivilDate(year: 2026, month: 10, day: 31)!
        let table = DataTable(columns: [Column("n"), Column("money"), Column("mixed"), Column("day"), Column("flag"), Column("text")],
                              rows: [[.integer(12), .decimal("1820.5"), .integer(3), .date(date), .bool(true), .text("a")],
                                     [.integer(-7), .decimal("-0.25"), .decimal("1.125"), .null, .bool(false), .integer(5)],
                                     [.null, .null, .decimal("12.5%"), .date(date), .null, .text("longer")]])
        let converted = TabularConversion(table)
        XCTAssertEqual(converted.columns.map(\.type), [.integer(digits: 2), .decimal(digits: 6, scale: 2), .text(maximumLength: 5),
                                                       .date, .boolean, .text(maximumLength: 6)])
        XCTAssertEqual(converted.columns.map(\.nullable), [true, true, false, true, true, false])
        XCTAssertEqual(converted.rows[0], [.integer(12), .decimal(unscaled: 182_050, scale: 2), .text("3"), .date(date), .boolean(true), .text("a")])
        XCTAssertEqual(converted.rows[1][1], .decimal(unscaled: -25, scale: 2))
        XCTAssertEqual(converted.rows[2], [.null, .null, .text("12.5%"), .date(date), .null, .text("longer")])
    }

    func testADecimalColumnTakesTheMostPlacesAnyCellHas() {
        let table = DataTable(columns: [Column("v")], rows: [[.decimal("1.5")], [.integer(2)], [.decimal("0.125")]])
        let converted = TabularConversion(table)
        XCTAssertEqual(converted.columns[0].type, .decimal(digits: 4, scale: 3))
        XCTAssertEqual(converted.rows.map { $0[0] }, [.decimal(unscaled: 1500, scale: 3), .decimal(unscaled: 2000, scale: 3),
                                                      .decimal(unscaled: 125, scale: 3)])
    }

    func testDBFFieldNamesAreShortUpperCaseAndUnique() {
        XCTAssertEqual(DBFTableWriter.fieldNames(["customer_type", "customer_tail", "customer_t", "2nd", "volume (m3)", "name"]),
                       ["CUSTOMER_T", "CUSTOMER_1", "CUSTOMER_2", "F2ND", "VOLUME__M3", "NAME"])
    }

    func testAFileNameSaysItsFormat() {
        XCTAssertEqual(OutputChoice(extensionOf: "out/report.XLSX"), .file(.xlsx))
        XCTAssertEqual(OutputChoice(extensionOf: "a.b/c.csv"), .text(.csv))
        XCTAssertEqual(OutputChoice(extensionOf: "notes.txt"), .text(.table))
        XCTAssertEqual(OutputChoice(extensionOf: "dump.sql"), .file(.sql))
        XCTAssertNil(OutputChoice(extensionOf: "a.b/report"))
        XCTAssertNil(OutputChoice(extensionOf: ".csv"))
        XCTAssertNil(OutputChoice(extensionOf: "report.pdf"))
    }

    func testJSONWrittenRowByRowIsTheDocumentOfTheWhole() throws {
        let provenance = ReportProvenance(generatedAt: Timestamp(millisecondsSinceEpoch: 1_790_000_000_000), generatedBy: "cron")
        for rows in [[[Cell]](), [[.text("a\"b"), .decimal("1.50"), .null], [.text("水"), .decimal("-2.00"), .date(CivilDate(year: 2026, month: 1, day: 2)!)]]] {
            let report = ReportDocument(name: "r", title: "T", parameters: [("period", "2026-10")], notes: ["n"],
                                        table: DataTable(columns: [Column("k"), Column("v"), Column("d")], rows: rows))
            let whole = JSONValue.object(JSONTableWriter.metadata(TableHeading(name: "r", title: "T", parameters: [("period", "2026-10")],
                                                                               notes: ["n"], provenance: provenance))
                + [("rows", .array(rows.map { row in .object(zip(["k", "v", "d"], row).map { ($0, $1.json) }) }))])
            XCTAssertEqual(TableRenderer.render(report, provenance: provenance, as: .json), whole.serialized(pretty: true) + "\n")
            let output = ByteOutput()
            let writer = JSONTableWriter(output: output)
            let converted = TabularConversion(report.table)
            try writer.begin(TableHeading(name: "r", title: "T", parameters: [("period", "2026-10")], notes: ["n"], provenance: provenance),
                             columns: converted.columns)
            for row in converted.rows { try writer.append(row) }
            try writer.finish()
            XCTAssertEqual(output.collected, whole.serialized(pretty: true) + "\n")
        }
    }
}
