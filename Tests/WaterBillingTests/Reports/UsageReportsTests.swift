@testable import WaterBilling
import WBillSupport
import XCTest

/// `ConsumptionStatistics` and `NonRevenueWater` over readings whose volumes are worked out by hand.
///
/// Every meter starts at 1.5. Accounts: AC00000001 Residential (Wang Fang) on WM-1;
/// AC00000002 Shops (Golden Noodle House) on WM-2 and WM-3; AC00000003 "Bulk" (statistical, does
/// not count consumption) on WM-4. WM-1, WM-2 and WM-4 are in group North, whose master is WM-4.
///
/// | meter | reading (UTC)         | value | volume | month |
/// |-------|-----------------------|-------|--------|-------|
/// | WM-1  | 2026-11-20 10:00      | 11.5  | 10.000 | 11    |
/// | WM-1  | 2026-12-02 10:00      | 14.5  |  3.000 | 12    |
/// | WM-2  | 2026-11-25 10:00      |  6.5  |  5.000 | 11    |
/// | WM-2  | 2026-11-28 10:00, void|  9.5  | ±3.000 | 11    |
/// | WM-3  | 2026-11-30 23:59:59   |  3.5  |  2.000 | 11    |
/// | WM-3  | 2026-12-01 00:00:00   |  4.0  |  0.500 | 12    |
/// | WM-4  | 2026-11-30 12:00      | 101.5 | 100.000| 11    |
/// | WM-4  | 2026-12-03 10:00      | 111.5 | 10.000 | 12    |
///
/// November, counted: 10 + 5 + 3 − 3 + 2 = 17.000 in 5 records; Bulk 100.000 in 1 record, apart.
final class UsageReportsTests: XCTestCase {
    var fixture: CustomerFixture!
    let november = DateSpan.month(year: 2026, month: 11)

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try CustomerFixture()
        let database = fixture.database
        try database.writeTransaction {
            try CustomerTypeStore(database: database).add(CustomerTypeDraft(
                name: "Bulk", waterNature: .statistical, businessMode: .postpaid, meterTypes: ["DN20 mechanical"],
                countsConsumption: false, charges: false), audit: fixture.audit)
        }
        try fixture.open(CustomerFixture.postpaid, meters: ["WM-1"])
        try fixture.open(CustomerFixture.shops, meters: ["WM-2", "WM-3"], customer: CustomerDraft([
            .name: "Golden Noodle House", .taxNumber: "91110000600000001A", .contact: "Zhou Bo", .phone: "010-6000001",
            .address: "Market Row 1"]))
        try fixture.open("Bulk", meters: ["WM-4"], customer: CustomerDraft([.name: "North district meter", .address: "North main"]))
        try database.writeTransaction {
            let groups = MeterGroupStore(database: database)
            try groups.add(name: "North", reader: nil, masterSerial: "WM-4", audit: fixture.audit)
            try groups.assign(["WM-1", "WM-2", "WM-4"], to: "North", audit: fixture.audit)
        }
        fixture.advance(days: 17)  // 2026-12-05
        for (serial, value, at) in [("WM-1", "11.5", "2026-11-20T10:00:00Z"), ("WM-1", "14.5", "2026-12-02T10:00:00Z"),
                                    ("WM-2", "6.5", "2026-11-25T10:00:00Z"), ("WM-2", "9.5", "2026-11-28T10:00:00Z"),
                                    ("WM-3", "3.5", "2026-11-30T23:59:59Z"), ("WM-3", "4.0", "2026-12-01T00:00:00Z"),
                                    ("WM-4", "101.5", "2026-11-30T12:00:00Z"), ("WM-4", "111.5", "2026-12-03T10:00:00Z")] {
            try read(serial, value, at: at)
        }
        let voided = try XCTUnwrap(try database.scalarInt("""
            SELECT r.id FROM meter_readings r JOIN meters m ON m.id = r.meter_id WHERE m.serial = 'WM-2' AND r.value = 9500
            """))
        _ = try database.writeTransaction {
            try ReadingVoiding(database: database).void(String(voided), reason: "misread", audit: fixture.audit)
        }
    }

    func read(_ serial: String, _ value: String, at: String) throws {
        _ = try fixture.database.writeTransaction {
            try ReadingEntry(database: fixture.database).add(ReadingRequest(serial: serial, value: value, at: at), audit: fixture.audit)
        }
    }

    func report(_ span: DateSpan, by dimension: ConsumptionDimension) throws -> ConsumptionReport {
        try ConsumptionStatistics(database: fixture.database).report(over: span, by: dimension)
    }

    func line(_ key: String?, _ name: String?, accounts: Int, meters: Int, records: Int, _ volume: String, _ share: String?) throws
        -> ConsumptionLine {
        ConsumptionLine(key: key, name: name, accounts: accounts, meters: meters, records: records, volume: try Volume(parsing: volume),
                        share: try share.map { try FixedDecimal(parsing: $0) })
    }

    func testByCustomerTypeCountsReversalsAndLeavesUncountedTypesApart() throws {
        let report = try report(november, by: .customerType)
        // 10 of 17 is 58.82…% → 58.8; 7 of 17 is 41.17…% → 41.2. The last second of the 30th counts, the void nets out.
        XCTAssertEqual(report.lines, [
            try line("Residential", "residential", accounts: 1, meters: 1, records: 1, "10", "58.8"),
            try line("Shops", "commercial", accounts: 1, meters: 2, records: 4, "7", "41.2"),
        ])
        XCTAssertEqual(report.volume, try Volume(parsing: "17"))
        XCTAssertEqual([report.records, report.accounts, report.meters], [5, 2, 3])
        XCTAssertEqual(report.uncounted, [UncountedConsumption(customerType: "Bulk", records: 1, volume: try Volume(parsing: "100"))])
    }

    func testByWaterNatureAndByGroupWithTheMetersInNoGroupLast() throws {
        XCTAssertEqual(try report(november, by: .waterNature).lines, [
            try line("commercial", nil, accounts: 1, meters: 2, records: 4, "7", "41.2"),
            try line("residential", nil, accounts: 1, meters: 1, records: 1, "10", "58.8"),
        ])
        // North: WM-1 10 + WM-2 5 = 15 (88.23…% → 88.2); no group: WM-3 2 (11.76…% → 11.8).
        XCTAssertEqual(try report(november, by: .group).lines, [
            try line("North", nil, accounts: 2, meters: 2, records: 4, "15", "88.2"),
            try line(nil, nil, accounts: 1, meters: 1, records: 1, "2", "11.8"),
        ])
    }

    func testByMonthListsEveryMonthOfTheSpanWithOrWithoutWater() throws {
        let span = try DateSpan(from: CivilDate(parsing: "2026-10-15"), through: CivilDate(parsing: "2027-01-10"))
        // November 17 of 20.5 (82.92…% → 82.9), December 3 + 0.5 = 3.5 (17.07…% → 17.1).
        XCTAssertEqual(try report(span, by: .month).lines, [
            try line("2026-10", nil, accounts: 0, meters: 0, records: 0, "0", "0.0"),
            try line("2026-11", nil, accounts: 2, meters: 3, records: 5, "17", "82.9"),
            try line("2026-12", nil, accounts: 2, meters: 2, records: 2, "3.5", "17.1"),
            try line("2027-01", nil, accounts: 0, meters: 0, records: 0, "0", "0.0"),
        ])
    }

    func testByCustomerTakesTheHolderOnTheDayTheSpanEnded() throws {
        _ = try fixture.database.writeTransaction {
            try AccountTransfer(database: fixture.database).transfer(TransferRequest(
                accountNumber: "AC00000001", newHolder: .newCustomer(CustomerFixture.resident("Li Lei")),
                date: try CivilDate(parsing: "2026-12-01")), audit: fixture.audit)
        }
        let span = try DateSpan(from: CivilDate(parsing: "2026-11-01"), through: CivilDate(parsing: "2026-12-31"))
        // Wang Fang held AC00000001 for November's 10, Li Lei (customer 4) from December 1st: 3.
        XCTAssertEqual(try report(span, by: .customer).lines, [
            try line("1", "Wang Fang", accounts: 1, meters: 1, records: 1, "10", "48.8"),
            try line("2", "Golden Noodle House", accounts: 1, meters: 2, records: 5, "7.5", "36.6"),
            try line("4", "Li Lei", accounts: 1, meters: 1, records: 1, "3", "14.6"),
        ])
    }

    func testAnEmptySpanHasNoLinesAndNoShares() throws {
        let report = try report(DateSpan.month(year: 2026, month: 9), by: .customerType)
        XCTAssertEqual(report.lines, [])
        XCTAssertEqual(report.volume, .zero)
        XCTAssertEqual(report.uncounted, [UncountedConsumption(customerType: "Bulk", records: 0, volume: .zero)])
        XCTAssertEqual(try self.report(DateSpan.month(year: 2026, month: 9), by: .month).lines,
                       [try line("2026-09", nil, accounts: 0, meters: 0, records: 0, "0", nil)])
    }

    func testNonRevenueWaterIsMasterLessMembersNeverClamped() throws {
        let database = fixture.database
        try database.writeTransaction {
            let groups = MeterGroupStore(database: database)
            // South's master, WM-5, is in stock and was never read; its one member measured 2.
            try groups.add(name: "South", reader: nil, masterSerial: "WM-5", audit: fixture.audit)
            try groups.assign(["WM-3"], to: "South", audit: fixture.audit)
            try groups.add(name: "Empty", reader: nil, masterSerial: nil, audit: fixture.audit)
        }
        let report = try NonRevenueWater(database: database).report(over: november)
        XCTAssertEqual(report.lines, [
            // North: WM-4 100 less WM-1 10 and WM-2 5 − 3 + 3 = 85, 85.0 % of the master; both members read.
            NonRevenueWaterLine(group: "North", masterSerial: "WM-4", master: try Volume(parsing: "100"), masterRead: true,
                                members: try Volume(parsing: "15"), nonRevenue: try Volume(parsing: "85"),
                                percentOfMaster: try FixedDecimal(parsing: "85.0"), membersRead: 2, membersTotal: 2),
            NonRevenueWaterLine(group: "South", masterSerial: "WM-5", master: .zero, masterRead: false,
                                members: try Volume(parsing: "2"), nonRevenue: try Volume(parsing: "-2"),
                                percentOfMaster: nil, membersRead: 1, membersTotal: 1),
        ])
        XCTAssertEqual(report.groupsWithoutMaster, ["Empty"])
        // December: WM-4 10 less WM-1 3 = 7, 70.0 %; WM-2 was not read in December.
        XCTAssertEqual(try NonRevenueWater(database: database).report(over: DateSpan.month(year: 2026, month: 12)).lines.first,
                       NonRevenueWaterLine(group: "North", masterSerial: "WM-4", master: try Volume(parsing: "10"), masterRead: true,
                                           members: try Volume(parsing: "3"), nonRevenue: try Volume(parsing: "7"),
                                           percentOfMaster: try FixedDecimal(parsing: "70.0"), membersRead: 1, membersTotal: 2))
    }

    func testPercentagesAreExactWithOneDecimalRoundedHalfUp() throws {
        func percent(_ part: Int64, _ whole: Int64) throws -> String? { try ReportPercentage.of(part, in: whole)?.description }
        XCTAssertEqual(try percent(1, 3), "33.3")
        XCTAssertEqual(try percent(2, 3), "66.7")
        XCTAssertEqual(try percent(1, 16), "6.3", "6.25: a tie goes up")
        XCTAssertEqual(try percent(-1, 16), "-6.3", "and away from zero below it")
        XCTAssertEqual(try percent(1, 2000), "0.1", "0.05 goes up")
        XCTAssertEqual(try percent(1, 2001), "0.0", "0.04997… goes down")
        XCTAssertEqual(try percent(0, 5), "0.0")
        XCTAssertEqual(try percent(7, 7), "100.0")
        XCTAssertNil(try percent(5, 0))
        XCTAssertEqual(try percent(Int64.max, Int64.max), "100.0", "no overflow on the way: 128 bits")
        XCTAssertThrowsError(try percent(Int64.max, 1), "a percentage past Int64 is refused, not wrapped")
    }
}
