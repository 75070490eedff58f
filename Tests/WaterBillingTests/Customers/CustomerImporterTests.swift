import WaterBilling
import XCTest
import WBillSupport

final class CustomerImporterTests: XCTestCase {
    private func run(_ fixture: CustomerFixture, _ text: String) throws -> [ImportedCustomer] {
        try fixture.database.writeTransaction {
            try CustomerImporter(database: fixture.database, audit: fixture.audit)
                .run(reader: CSVReader(bytes: Array(text.utf8), name: "customers.csv"))
        }
    }

    func testAGoodFileRegistersEveryRow() throws {
        let fixture = try CustomerFixture()
        let imported = try run(fixture, """
            Type,name,id_number,phone,address,persons,meters
            Residential,Wang Fang,110101199003071234,13800138000,"Building 3, unit 1",3,WM-1
            Prepaid homes,Li Lei,110101198505051234,13700137000,"Building 3, unit 2",2,WM-2;WM-3 WM-4

            """)
        XCTAssertEqual(imported.map(\.line), [2, 3])
        XCTAssertEqual(imported.map(\.opened.account.number), ["AC00000001", "AC00000002"])
        XCTAssertEqual(imported[1].opened.meters.map(\.serial), ["WM-2", "WM-3", "WM-4"])
        XCTAssertEqual(imported[1].opened.account.businessMode, .systemPrepaid)
        // The file's own entry is a summary; each customer, account and meter has its own entry.
        XCTAssertEqual(try fixture.database.scalarText("SELECT entity_id || ' ' || action FROM audit_log WHERE entity = 'customer-import'"),
                       "customers.csv import")
        XCTAssertEqual(try fixture.database.query("""
            SELECT entity || ' ' || action, count(*) FROM audit_log
            WHERE entity || ' ' || action IN ('customer create', 'account open', 'meter install') GROUP BY 1 ORDER BY 1
            """) { "\($0.text(0)) \($0.int(1))" }, ["account open 2", "customer create 2", "meter install 4"])
    }

    func testTheFilesAuditEntryIsASummary() throws {
        let fixture = try CustomerFixture()
        let file = """
            type,name,id_number,phone,address,persons,meters
            Residential,Wang Fang,110101199003071234,13800138000,"Building 3, unit 1",3,WM-1
            Prepaid homes,Li Lei,110101198505051234,13700137000,"Building 3, unit 2",2,WM-2;WM-3 WM-4

            """
        _ = try run(fixture, file)
        XCTAssertEqual(try fixture.database.scalarText("SELECT changes FROM audit_log WHERE entity = 'customer-import'"), """
            {"rows":{"old":null,"new":"2"},"accounts_opened":{"old":null,"new":"2"},"meters_installed":{"old":null,"new":"4"},\
            "first_account":{"old":null,"new":"AC00000001"},"last_account":{"old":null,"new":"AC00000002"},\
            "file":{"old":null,"new":"customers.csv"},"file_bytes":{"old":null,"new":"\(file.utf8.count)"},\
            "file_sha256":{"old":null,"new":"\(SHA256.hash(Array(file.utf8)))"}}
            """)
    }

    /// Issue 9: the entry of a 50,000-customer file was 550 KB, every account number in one field.
    func testTheAuditEntriesOfATenThousandRowFileStaySmall() throws {
        let fixture = try CustomerFixture()
        let rows = 10_000
        let meterType = try XCTUnwrap(fixture.database.scalarInt("SELECT id FROM meter_types WHERE name = 'DN20 mechanical'"))
        try fixture.database.run("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO meters (serial, meter_type_id, caliber, created_at, created_by) SELECT 'BULK-' || i, ?, 20, '2026-11-18', 'test' FROM n
            """, [rows, meterType])
        let file = "type,name,id_number,phone,address,persons,meters\n"
            + (1...rows).map { "Residential,Customer \($0),1101011990\($0 + 10_000_000),138\($0 + 10_000_000),Building \($0),3,BULK-\($0)\n" }.joined()
        let before = try fixture.count("audit_log")
        XCTAssertEqual(try run(fixture, file).count, rows)
        let summary = try XCTUnwrap(fixture.database.scalarText("SELECT changes FROM audit_log WHERE entity = 'customer-import'"))
        XCTAssertLessThan(summary.utf8.count, 4096, summary)
        XCTAssertTrue(summary.contains(#""first_account":{"old":null,"new":"AC00000001"},"last_account":{"old":null,"new":"AC00010000"}"#), summary)
        XCTAssertLessThan(try XCTUnwrap(fixture.database.scalarInt("SELECT max(length(CAST(changes AS BLOB))) FROM audit_log WHERE id > ?", [before])), 4096)
        // One entry a customer, an account and a meter, and one for the file.
        XCTAssertEqual(try fixture.count("audit_log") - before, Int64(3 * rows + 1))
    }

    func testABadRowKeepsTheWholeFileOutAndEveryProblemIsListed() throws {
        let fixture = try CustomerFixture()
        let text = """
            type,name,id_number,phone,address,persons,meters
            Residential,Wang Fang,110101199003071234,13800138000,B3,3,WM-1
            Residential,Bad,110101199003071234,13800138000,B3,0,WM-2
            Residential,Again,110101199003071234,13800138000,B3,2,WM-1
            Nope,X,,,,,WM-9
            Residential,Short
            Residential,Card,110101199003071234,13800138000,B3,2,IC-1

            """
        XCTAssertThrowsError(try run(fixture, text)) { error in
            guard let error = error as? CustomerImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.description, "customers.csv: 5 bad rows of 6; nothing was imported")
            XCTAssertEqual(error.failureKind, .badInput)
            XCTAssertEqual(error.details, [
                "customers.csv:3: persons '0': a whole number of persons, 1 to 999",
                "customers.csv:4: meters 'WM-1': already given on line 2 of this file",
                "customers.csv:5: type 'Nope': no customer type named 'Nope'",
                "customers.csv:5: meters 'WM-9': no such meter",
                "customers.csv:6: expected 7 fields as in the header, found 2",
                "customers.csv:7: meters 'IC-1': is of meter type 'IC card DN15'; customer type 'Residential' allows 'DN20 mechanical'",
            ])
            XCTAssertEqual(error.problems.map(\.cause), [nil, nil, nil, .unknownMeter, nil, nil])
        }
        XCTAssertEqual(try fixture.count("customers"), 0)
        XCTAssertEqual(try fixture.count("accounts"), 0)
        XCTAssertEqual(try MeterStore(database: fixture.database).find("WM-1").state, .inStock)
        XCTAssertEqual(try fixture.database.scalarInt("SELECT count(*) FROM meter_events"), 0)
    }

    func testRowsAfterABadOneAreCheckedButNotWritten() throws {
        let fixture = try CustomerFixture()
        let text = """
            type,name,id_number,phone,address,persons,meters
            Residential,Wang Fang,110101199003071234,13800138000,B3,3,WM-1
            Residential,Bad,110101199003071234,13800138000,B3,0,WM-2
            Residential,Good,110101199003071234,13800138000,B3,2,WM-3
            Residential,Again,110101199003071234,13800138000,B3,2,WM-3

            """
        XCTAssertThrowsError(try fixture.database.writeTransaction {
            do {
                _ = try CustomerImporter(database: fixture.database, audit: fixture.audit)
                    .run(reader: CSVReader(bytes: Array(text.utf8), name: "customers.csv"))
            } catch {
                XCTAssertEqual((error as? CustomerImportError)?.details, [
                    "customers.csv:3: persons '0': a whole number of persons, 1 to 999",
                    "customers.csv:5: meters 'WM-3': already given on line 4 of this file",
                ])
                // Before the rollback: only the row ahead of the bad one was written.
                XCTAssertEqual(try fixture.count("customers"), 1)
                XCTAssertEqual(try MeterStore(database: fixture.database).find("WM-3").state, .inStock)
                throw error
            }
        })
        XCTAssertEqual(try fixture.count("customers"), 0)
    }

    func testTheHeaderIsChecked() throws {
        let fixture = try CustomerFixture()
        XCTAssertThrowsError(try run(fixture, "type,name,meter\n")) { error in
            XCTAssertEqual("\(error)", "customers.csv:1: field 3: unknown column `meter` (did you mean `meters`?); expected one of: type, name, id_number, tax_number, phone, address, contact, email, persons, meters")
        }
    }
}
