import Foundation
@testable import WBillCLI
import XCTest

/// `TableRenderer`: one value, four formats.
final class TableRendererTests: XCTestCase {
    /// Accounts with CJK names, money, NULLs, a yes/no, and awkward text.
    static let accounts = DataTable(
        columns: [Column("account"), Column("name"), Column("balance"), Column("meters"), Column("active"), Column("note")],
        rows: [
            [.text("A-1"), .text("北京水务"), .decimal("1820.00"), .integer(3), .bool(true), .text("ok")],
            [.text("A-22"), .text("Zoë Smith"), .decimal("-5.50"), .integer(12), .bool(false), .null],
            [.text("A-333"), .text("王"), .null, .integer(0), .bool(true), .text("line one\nline two")],
        ])

    static let awkward = DataTable(
        columns: [Column("plain"), Column("tricky")],
        rows: [
            [.text("a"), .text("comma, here")],
            [.text("b"), .text(#"say "hi""#)],
            [.text("c"), .text("two\nlines")],
            [.text("d"), .text("cr\rhere")],
            [.text("e"), .text(" padded ")],
            [.text("f"), .text("tab\there \\ backslash")],
            [.null, .text("")],
        ])

    func testTableAlignsByDisplayWidthAndRightAlignsNumbers() {
        XCTAssertEqual(TableRenderer.render(Self.accounts, as: .table), """
            ACCOUNT  NAME       BALANCE  METERS  ACTIVE  NOTE
            A-1      北京水务   1820.00       3  yes     ok
            A-22     Zoë Smith    -5.50      12  no
            A-333    王                       0  yes     line one⏎line two

            """)
    }

    func testTableHeaderIsBoldOnlyWhenAsked() {
        let table = DataTable(columns: [Column("id", title: "No.")], rows: [[.integer(7)]])
        XCTAssertEqual(TableRenderer.render(table, as: .table), "No.\n  7\n")
        XCTAssertEqual(TableRenderer.render(table, as: .table, style: TableStyle(boldHeader: true)), "\u{1B}[1mNo.\u{1B}[0m\n  7\n")
    }

    func testTableEdgeCases() {
        XCTAssertEqual(TableRenderer.render(DataTable(columns: []), as: .table), "")
        // Without rows nothing is numeric, and the header stands alone.
        XCTAssertEqual(TableRenderer.render(DataTable(columns: [Column("id"), Column("name")]), as: .table), "ID  NAME\n")
        // One text cell in a column of numbers makes it left-aligned.
        let mixed = DataTable(columns: [Column("n")], rows: [[.integer(5)], [.text("many")], [.integer(100)]])
        XCTAssertEqual(TableRenderer.render(mixed, as: .table), "N\n5\nmany\n100\n")
    }

    /// One long cell no longer pads every row of its column: tables cut it, the other formats do not.
    func testTableCutsCellsWiderThanTheLimitAndOtherFormatsKeepThem() throws {
        let long = (1...12).map { String(format: "WM-%06d", $0) }.joined(separator: " ")   // 119 columns; cut to 60
        let cjk = String(repeating: "北京市海淀区", count: 6)   // 72 columns; cut to 59, as 区 would straddle the 60th
        let table = DataTable(columns: [Column("line"), Column("meters"), Column("address")], rows: [
            [.integer(2), .text("WM-000001"), .text("Building 3, unit 1")],
            [.integer(3), .text(long), .text(cjk)],
        ])
        XCTAssertEqual(TableRenderer.render(table, as: .table), """
            LINE  METERS                                                        ADDRESS
               2  WM-000001                                                     Building 3, unit 1
               3  WM-000001 WM-000002 WM-000003 WM-000004 WM-000005 WM-000006…  北京市海淀区北京市海淀区北京市海淀区北京市海淀区北京市海淀…

            """)
        XCTAssertEqual(TableRenderer.render(table, as: .table, style: TableStyle(boldHeader: false, maximumCellWidth: 12)), """
            LINE  METERS        ADDRESS
               2  WM-000001     Building 3,…
               3  WM-000001 W…  北京市海淀…

            """)
        XCTAssertEqual(TableRenderer.render(table, as: .table, style: TableStyle(boldHeader: false, maximumCellWidth: nil))
                           .split(separator: "\n")[2], "   3  \(long)  \(cjk)")
        XCTAssertTrue(TableRenderer.render(table, as: .csv).contains("3,\(long),\(cjk)\r\n"))
        XCTAssertTrue(TableRenderer.render(table, as: .tsv).contains("3\t\(long)\t\(cjk)\n"))
        XCTAssertTrue(TableRenderer.render(table, as: .json).contains("\"meters\": \"\(long)\""))
        var record = DataRecord()
        record.append("meters", .text(long))
        XCTAssertEqual(TableRenderer.render(record, as: .table), "Meters:  \(long)\n", "a record shows it whole")
    }

    func testCSVQuotesOnlyWhatNeedsQuotingAndEndsLinesWithCRLF() {
        XCTAssertEqual(TableRenderer.render(Self.awkward, as: .csv), [
            "plain,tricky",
            #"a,"comma, here""#,
            #"b,"say ""hi""""#,
            "c,\"two\nlines\"",
            "d,\"cr\rhere\"",
            #"e," padded ""#,
            "f,tab\there \\ backslash",
            ",",
            "",
        ].joined(separator: "\r\n"))
        XCTAssertEqual(TableRenderer.render(Self.accounts, as: .csv), """
            account,name,balance,meters,active,note\r
            A-1,北京水务,1820.00,3,yes,ok\r
            A-22,Zoë Smith,-5.50,12,no,\r
            A-333,王,,0,yes,"line one
            line two"\r

            """)
    }

    func testTSVEscapesTabsLineBreaksAndBackslashes() {
        XCTAssertEqual(TableRenderer.render(Self.awkward, as: .tsv), #"""
            plain	tricky
            a	comma, here
            b	say "hi"
            c	two\nlines
            d	cr\rhere
            e	 padded 
            f	tab\there \\ backslash
            	

            """#)
    }

    func testJSONIsOneDocumentWithTypedValues() throws {
        let text = TableRenderer.render(Self.accounts, as: .json)
        XCTAssertEqual(text, #"""
            [
              {
                "account": "A-1",
                "name": "北京水务",
                "balance": "1820.00",
                "meters": 3,
                "active": true,
                "note": "ok"
              },
              {
                "account": "A-22",
                "name": "Zoë Smith",
                "balance": "-5.50",
                "meters": 12,
                "active": false,
                "note": null
              },
              {
                "account": "A-333",
                "name": "王",
                "balance": null,
                "meters": 0,
                "active": true,
                "note": "line one\nline two"
              }
            ]

            """#)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        XCTAssertEqual(parsed[2]["note"] as? String, "line one\nline two")
        XCTAssertEqual(TableRenderer.render(DataTable(columns: [Column("id")]), as: .json), "[]\n")
    }

    func testRecords() {
        var record = DataRecord()
        record.append("path", .text("/srv/w.db"))
        record.append("file_bytes", .integer(32768))
        record.append("wal_bytes", .integer(0), title: "WAL bytes")
        record.append("pending", .text(""))
        record.append("notes", .text("first\nsecond"))
        XCTAssertEqual(TableRenderer.render(record, as: .table), """
            Path:        /srv/w.db
            File bytes:  32768
            WAL bytes:   0
            Pending:
            Notes:       first
                         second

            """)
        XCTAssertEqual(TableRenderer.render(record, as: .csv),
                       "path,file_bytes,wal_bytes,pending,notes\r\n/srv/w.db,32768,0,,\"first\nsecond\"\r\n")
        XCTAssertEqual(TableRenderer.render(record, as: .tsv),
                       "path\tfile_bytes\twal_bytes\tpending\tnotes\n/srv/w.db\t32768\t0\t\tfirst\\nsecond\n")
        XCTAssertEqual(TableRenderer.render(record, as: .json), """
            {
              "path": "/srv/w.db",
              "file_bytes": 32768,
              "wal_bytes": 0,
              "pending": "",
              "notes": "first\\nsecond"
            }

            """)
        XCTAssertEqual(TableRenderer.render(DataRecord(), as: .table), "")
    }

    func testColumnTitles() {
        XCTAssertEqual(Column("entity_id").title, "ENTITY ID")
        XCTAssertEqual(Column("entity_id", title: "KEY").title, "KEY")
        XCTAssertEqual(Column.defaultTitle(for: "a_b_c"), "A B C")
        XCTAssertEqual(OutputFormat.allCases.map(\.rawValue), ["table", "csv", "tsv", "json"])
    }
}
