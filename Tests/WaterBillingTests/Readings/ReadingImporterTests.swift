@testable import WaterBilling
import WBillSupport
import WBillTestSupport
import XCTest

/// `ReadingImporter`: judging rows in batches and writing them many to an INSERT records exactly
/// what entering the same readings one by one records.
final class ReadingImporterTests: XCTestCase {
    /// Meters enough for several batches, each on its own account.
    static let meters = 450

    func fixture() throws -> CustomerFixture {
        let fixture = try CustomerFixture(meters: Self.meters)
        try fixture.database.writeTransaction {
            let registrar = try CustomerRegistrar(batchIn: fixture.database)
            for index in 1...Self.meters {
                let check = try registrar.check(RegistrationRequest(typeName: CustomerFixture.postpaid,
                                                                    customer: CustomerFixture.resident("Customer \(index)"),
                                                                    meterSerials: ["WM-\(index)"]))
                _ = try registrar.write(type: check.type!, customer: check.customer!, meters: check.meters, audit: fixture.audit)
            }
        }
        return fixture
    }

    /// Rows over every meter, three rounds a month apart; some meters twice in a row (a batch is cut
    /// there), a few rows that go below the previous reading (refused), one estimate between rounds.
    func rows(start: Timestamp) -> [(serial: String, at: String, value: String)] {
        var random = SplitMix64(seed: 7)
        var values = [Int64](repeating: 1_500, count: Self.meters + 1)
        var rows: [(String, String, String)] = []
        for round in 1...3 {
            for index in 1...Self.meters {
                let repeats = index % 97 == 0 ? 2 : 1
                for extra in 0..<repeats {
                    let at = Timestamp(millisecondsSinceEpoch: start.millisecondsSinceEpoch + Int64(round * 30) * 86_400_000
                                       + Int64(index * 60_000 + extra * 1000))
                    var step = Int64.random(in: 0...40_000, using: &random)
                    if index % 50 == 7 && round == 3 { step = -20_000 }  // below the previous one: refused
                    values[index] = max(0, values[index] + step)
                    rows.append(("WM-\(index)", at.description, Volume(litres: values[index]).description))
                }
            }
        }
        return rows
    }

    /// The readings and consumption records as stored, apart from import columns.
    func tables(_ fixture: CustomerFixture) throws -> [String] {
        try fixture.database.query("""
            SELECT r.id, r.meter_id, r.account_id, r.at, r.value, r.source, r.voided_at IS NULL FROM meter_readings r ORDER BY r.id
            """) { row in (0..<7).map { row.text(Int32($0)) }.joined(separator: "|") }
            + fixture.database.query("""
            SELECT id, reading_id, meter_id, account_id, ifnull(from_reading_id, '-'), from_at, to_at, volume, kind, flags,
                   ifnull(reverses_id, '-'), ifnull(reason, '-') FROM consumptions ORDER BY id
            """) { row in (0..<12).map { row.text(Int32($0)) }.joined(separator: "|") }
    }

    func testAnImportRecordsWhatEnteringTheReadingsOneByOneRecords() throws {
        let imported = try fixture()
        let typed = try fixture()
        let start = imported.time
        let rows = rows(start: start)
        // An estimate before the second round on one meter, in both databases: the import corrects it.
        for fixture in [imported, typed] {
            fixture.time = Timestamp(millisecondsSinceEpoch: start.millisecondsSinceEpoch + 400 * 86_400_000)
            for (serial, at, value) in rows.prefix(Self.meters + 4) {
                _ = try fixture.database.writeTransaction {
                    try ReadingEntry(database: fixture.database).add(ReadingRequest(serial: serial, value: value, at: at,
                                                                                    source: .handheld), audit: fixture.audit)
                }
            }
            _ = try fixture.database.writeTransaction {
                try ReadingEntry(database: fixture.database).estimate(serial: "WM-5", at: rows[Self.meters + 4].at, audit: fixture.audit)
            }
        }
        let rest = Array(rows.dropFirst(Self.meters + 4))
        let csv = "serial,at,value\n" + rest.map { "\($0.serial),\($0.at),\($0.value)" }.joined(separator: "\n") + "\n"
        var options = ReadingImportOptions()
        options.skipInvalid = true
        var rejected: [Int] = []
        let summary = try ReadingImporter(database: imported.database, audit: imported.audit, options: options)
            .run(reader: CSVReader(bytes: Array(csv.utf8), name: "rows.csv"), rejects: { _, fields, problems in
                rejected.append(problems[0].line)
                XCTAssertEqual(fields.count, 3)
            })
        var typedRejected: [Int] = []
        for (offset, row) in rest.enumerated() {
            do {
                _ = try typed.database.writeTransaction {
                    try ReadingEntry(database: typed.database).add(ReadingRequest(serial: row.serial, value: row.value, at: row.at,
                                                                                  source: .handheld), audit: typed.audit)
                }
            } catch is ReadingError {
                typedRejected.append(offset + 2)
            }
        }
        XCTAssertEqual(rejected, typedRejected)
        XCTAssertGreaterThan(rejected.count, 5)
        XCTAssertEqual(summary.correctedEstimates, 1)
        XCTAssertEqual(summary.imported + summary.rejected, rest.count)
        let (ours, theirs) = (try tables(imported), try tables(typed))
        XCTAssertEqual(ours.count, theirs.count)
        for (a, b) in zip(ours, theirs) where a != b { XCTFail("import: \(a)\none by one: \(b)"); break }
        XCTAssertEqual(try imported.database.scalarInt("SELECT count(*) FROM meter_readings WHERE import_id IS NOT NULL"),
                       Int64(summary.imported))
    }
}
