@testable import WaterBilling
import WBillSupport
import WBillTestSupport
import XCTest

/// Consumption is counted once, whatever happens to the readings: generated histories of readings
/// (with rollovers), estimates and voids add up to what the readings that stand say.
final class ConsumptionPropertyTests: XCTestCase {
    /// The pure rule: over any sequence of register values, the consumptions add up to last − first
    /// plus a register's range for each rollover.
    func testConsumptionsAddUpToLastMinusFirstPlusRollovers() {
        var random = SplitMix64(seed: 12)
        for _ in 0..<500 {
            let digits = Int.random(in: 3...8, using: &random)
            let range = ConsumptionDerivation.range(digits: digits)
            var value = Int64.random(in: 0..<range, using: &random)
            let first = value
            var total: Int64 = 0
            var rollovers: Int64 = 0
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                // Steps below a tenth of the range always derive; a wrap is a plausible rollover.
                let step = Int64.random(in: 0..<(range / 10), using: &random)
                let next = (value + step) % range
                if next < value { rollovers += 1 }
                guard case .success(let derived) = ConsumptionDerivation.derive(
                    previous: Volume(litres: value), current: Volume(litres: next), digits: digits, average: nil,
                    span: 86_400_000, thresholds: .defaults, force: false) else {
                    return XCTFail("a step of \(step) from \(value) was refused")
                }
                XCTAssertEqual(derived.volume.litres, step)
                XCTAssertEqual(derived.flags.contains(.rollover), next < value)
                total += derived.volume.litres
                value = next
            }
            XCTAssertEqual(total, value - first + rollovers * range)
        }
    }

    /// The same through the database: readings, estimates and voids in random order on one meter;
    /// afterwards the account's consumption records add up to the consumption between the real
    /// readings that stand (each step from the one before, rollovers included), and every standing
    /// real reading has exactly one standing record.
    func testRecordsAddUpToTheStandingReadingsWhateverWasVoidedOrEstimated() throws {
        var random = SplitMix64(seed: 2027)
        var voids = 0, estimates = 0, rollovers = 0
        for round in 0..<12 {
            let fixture = try CustomerFixture(meters: 1)
            let account = try fixture.open(CustomerFixture.postpaid, meters: ["WM-1"]).account
            let range = ConsumptionDerivation.range(digits: 5)
            var value = Int64(1_500)  // the fixture's initial reading, 1.5
            for _ in 0..<60 {
                fixture.advance(days: Int.random(in: 1...40, using: &random))
                switch random.next() % 6 {
                case 0:
                    _ = try? fixture.database.writeTransaction {
                        try ReadingEntry(database: fixture.database).estimate(serial: "WM-1", at: nil, audit: fixture.audit)
                    }
                case 1:
                    let ids = try fixture.database.query("SELECT id FROM meter_readings WHERE voided_at IS NULL", []) { $0.int64(0) }
                    guard let id = ids.randomElement(using: &random) else { continue }
                    // Some voids are refused (an estimate was made from it, the next would go below): nothing changes then.
                    _ = try? fixture.database.writeTransaction {
                        try ReadingVoiding(database: fixture.database).void(String(id), reason: "test", audit: fixture.audit)
                    }
                default:
                    // From the last real reading that stands, less than a tenth of the register on:
                    // a wrap past the top is always a plausible rollover.
                    value = try fixture.database.scalarInt("""
                        SELECT value FROM meter_readings WHERE voided_at IS NULL AND source <> 'estimated' ORDER BY at DESC, id DESC LIMIT 1
                        """) ?? 1_500
                    let step = Int64.random(in: 0...9_000_000, using: &random)
                    value = (value + step) % range
                    _ = try fixture.database.writeTransaction {
                        try ReadingEntry(database: fixture.database).add(
                            ReadingRequest(serial: "WM-1", value: Volume(litres: value).description), audit: fixture.audit)
                    }
                }
            }
            // End on a real reading, so every estimate is corrected.
            fixture.advance(days: 10)
            value = (value + 1_000) % range
            _ = try fixture.database.writeTransaction {
                try ReadingEntry(database: fixture.database).add(ReadingRequest(serial: "WM-1", value: Volume(litres: value).description),
                                                                audit: fixture.audit)
            }
            let standing = try fixture.database.query("""
                SELECT value FROM meter_readings WHERE voided_at IS NULL AND source <> 'estimated' ORDER BY at, id
                """, []) { $0.int64(0) }
            var expected: Int64 = 0
            var previous: Int64 = 1_500
            for reading in standing {
                expected += reading >= previous ? reading - previous : range - previous + reading
                previous = reading
            }
            let total = try fixture.database.scalarInt("SELECT sum(volume) FROM consumptions WHERE account_id = ?", [account.id]) ?? 0
            XCTAssertEqual(total, expected, "round \(round)")
            let unmatched = try fixture.database.scalarInt("""
                SELECT count(*) FROM meter_readings r WHERE r.voided_at IS NULL AND r.source <> 'estimated'
                  AND (SELECT count(*) FROM consumptions c WHERE c.reading_id = r.id AND c.kind <> 'reversal'
                       AND NOT EXISTS (SELECT 1 FROM consumptions x WHERE x.reverses_id = c.id)) <> 1
                """)
            XCTAssertEqual(unmatched, 0, "round \(round): a standing real reading without exactly one standing record")
            // Each standing record's running total is the standing measured consumption up to its end.
            let totals = try fixture.database.scalarInt("""
                SELECT count(*) FROM consumptions c
                WHERE c.kind = 'measured' AND NOT EXISTS (SELECT 1 FROM consumptions x WHERE x.reverses_id = c.id)
                  AND c.cumulative <> (SELECT sum(d.volume) FROM consumptions d WHERE d.kind = 'measured' AND d.to_at <= c.to_at
                                       AND NOT EXISTS (SELECT 1 FROM consumptions y WHERE y.reverses_id = d.id))
                """)
            XCTAssertEqual(totals, 0, "round \(round): a running total that is not the sum of the standing records up to it")
            let negative = try fixture.database.scalarInt("SELECT count(*) FROM consumptions WHERE kind <> 'reversal' AND volume < 0")
            XCTAssertEqual(negative, 0)
            let estimatesStanding = try fixture.database.scalarInt("""
                SELECT count(*) FROM consumptions c WHERE c.kind = 'estimated' AND NOT EXISTS (SELECT 1 FROM consumptions x WHERE x.reverses_id = c.id)
                """)
            XCTAssertEqual(estimatesStanding, 0, "round \(round): the last real reading corrects every estimate")
            voids += Int(try fixture.database.scalarInt("SELECT count(*) FROM meter_readings WHERE voided_at IS NOT NULL") ?? 0)
            estimates += Int(try fixture.database.scalarInt("SELECT count(*) FROM meter_readings WHERE source = 'estimated'") ?? 0)
            rollovers += Int(try fixture.database.scalarInt("SELECT count(*) FROM consumptions WHERE flags LIKE '%rollover%'") ?? 0)
        }
        // The generator made every kind of history happen.
        XCTAssertGreaterThan(voids, 10)
        XCTAssertGreaterThan(estimates, 10)
        XCTAssertGreaterThan(rollovers, 3)
    }
}
