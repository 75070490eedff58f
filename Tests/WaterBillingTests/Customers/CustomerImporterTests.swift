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
