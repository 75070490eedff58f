@testable import WaterBilling
import WBillSupport
import XCTest

/// The meter report, checked by hand on the customer fixture's meters: WM-1..6 (DN20 mechanical)
/// and IC-1..6 (IC card DN15), all in stock, no manufacturer, no group. On 2026-11-18 A is opened
/// on WM-1 and B on WM-2; WM-1 is read on the 20th; on the 25th WM-2 is exchanged for WM-3 (WM-2
/// out of service); WM-4 is retired and IC-1 marked faulty.
final class MeterStatisticsTests: XCTestCase {
    var fixture: CustomerFixture!

    override func setUpWithError() throws {
        fixture = try CustomerFixture()
        try fixture.open(CustomerFixture.prepaid, meters: ["WM-1"])
        try fixture.open(CustomerFixture.postpaid, meters: ["WM-2"], customer: CustomerFixture.resident("Li Lei"))
        fixture.advance(days: 3)
        try fixture.database.writeTransaction {
            _ = try ReadingEntry(database: fixture.database).add(ReadingRequest(serial: "WM-1", value: "3", at: "2026-11-20T08:00:00Z"),
                                                                 audit: fixture.audit)
        }
        fixture.advance(days: 4)
        try fixture.database.writeTransaction {
            _ = try MeterExchange(database: fixture.database).exchange(
                ExchangeRequest(oldSerial: "WM-2", newSerial: "WM-3", finalReading: "4", initialReading: "1.5"), audit: fixture.audit)
            try MeterStore(database: fixture.database).retire("WM-4", reason: "cracked", audit: fixture.audit)
            var faulty = MeterChanges()
            faulty.state = .faulty
            _ = try MeterStore(database: fixture.database).edit("IC-1", faulty, audit: fixture.audit)
        }
    }

    func report(_ from: String, _ to: String, by dimension: MeterDimension) throws -> [String] {
        let span = try DateSpan(from: try CivilDate(parsing: from), through: try CivilDate(parsing: to))
        return try MeterStatistics(database: fixture.database).report(span: span, by: dimension).lines.map { line in
            ([line.group ?? "-"] + [line.meters, line.inStock, line.installed, line.removed, line.faulty, line.installs, line.exchanges,
                                    line.removals, line.read, line.estimated, line.missing].map(String.init)).joined(separator: " ")
        }
    }

    //                     meters in_stock installed removed faulty installs exchanges removals read estimated missing
    func testByTypeInNovember() throws {
        XCTAssertEqual(try report("2026-11-01", "2026-11-30", by: .type), [
            "DN20 mechanical 6 2 2 2 0 3 1 0 2 0 1",
            "IC card DN15 6 5 0 0 1 0 0 0 0 0 0",
        ])
    }

    func testBeforeAndAfter() throws {
        // October: nothing happened, no meter was on an account.
        XCTAssertEqual(try report("2026-10-01", "2026-10-31", by: .type), [
            "DN20 mechanical 6 2 2 2 0 0 0 0 0 0 0",
            "IC card DN15 6 5 0 0 1 0 0 0 0 0 0",
        ])
        // December: WM-1 and WM-3 are on accounts and not read.
        XCTAssertEqual(try report("2026-12-01", "2026-12-31", by: .state), [
            "faulty 1 0 0 0 1 0 0 0 0 0 0",
            "in-stock 7 7 0 0 0 0 0 0 0 0 0",
            "installed 2 0 2 0 0 0 0 0 0 0 2",
            "removed 2 0 0 2 0 0 0 0 0 0 0",
        ])
    }

    func testByCaliberAndGroupNoneIsOneLine() throws {
        XCTAssertEqual(try report("2026-11-18", "2026-11-20", by: .group), ["- 12 7 2 2 1 2 0 0 1 0 1"])
        XCTAssertEqual(try report("2026-11-18", "2026-11-20", by: .manufacturer), ["- 12 7 2 2 1 2 0 0 1 0 1"])
        XCTAssertEqual(try report("2026-11-18", "2026-11-20", by: .caliber), [
            "15 6 5 0 0 1 0 0 0 0 0 0",
            "20 6 2 2 2 0 2 0 0 1 0 1",
        ])
    }
}
