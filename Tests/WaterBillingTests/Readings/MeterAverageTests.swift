@testable import WaterBilling
import WBillSupport
import XCTest

/// The meter's average, which the high and low flags judge against: its own measured use on its
/// account over the last year, from the records' running totals.
final class MeterAverageTests: XCTestCase {
    func add(_ fixture: CustomerFixture, _ value: String) throws -> RecordedReading {
        try fixture.database.writeTransaction {
            try ReadingEntry(database: fixture.database).add(ReadingRequest(serial: "WM-1", value: value), audit: fixture.audit)
        }
    }

    func testTheAverageLooksBackAYear() throws {
        let fixture = try CustomerFixture(meters: 1)
        try fixture.open(CustomerFixture.postpaid, meters: ["WM-1"])
        // A year of 100 a month, then a year of 10 a month (30 days each).
        var value = 1.5
        for month in 1...26 {
            fixture.advance(days: 30)
            value += month <= 13 ? 100 : 10
            _ = try add(fixture, String(value))
        }
        // 35 in a month: high against the last year's 10 a month (the first year's would not make it so).
        fixture.advance(days: 30)
        let high = try add(fixture, String(value + 35))
        XCTAssertEqual(high.entry.consumption?.flags, ConsumptionFlags([.high]))
        XCTAssertEqual(high.entry.consumption?.cumulative, try Volume(parsing: String(13 * 100 + 13 * 10 + 35)))
        let states = MeterReadingStates(database: fixture.database)
        let state = try XCTUnwrap(try states.state(serial: "WM-1"))
        let average = try XCTUnwrap(try states.average(of: state, on: state.installation!, upTo: state.last))
        // Up to the last reading: from the last reading at least 365 days before it (13 readings, 390 days
        // back), 12 × 10 + 35 used.
        XCTAssertEqual(average, AverageUse(volume: 12 * 10_000 + 35_000, milliseconds: 390 * 86_400_000))
    }
}
