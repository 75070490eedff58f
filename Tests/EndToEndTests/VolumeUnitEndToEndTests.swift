import Foundation
import WaterBilling
import XCTest

/// The utility's volume unit (`wbill init --volume-unit m3|ccf|kgal|gal`): chosen once, shown by
/// `db status`, and named by every header and message that names a volume. Nothing is converted:
/// the same file and the same numbers price the same in every unit, only the labels differ.
final class VolumeUnitEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    /// Monthly tiers 0-10 and above 10, at 2.50 and 4.00 a unit.
    private static let tariff = """
        name = "metered"
        kind = "postpaid"
        currency = "CNY"
        tier-cycle = "monthly"

        [[tiers]]
        up-to = 10

        [[tiers]]

        [components.water]
        label = "water"
        rates = [2.50, 4.00]

        """

    // MARK: - Choosing the unit

    func testEachUnitIsStoredShownAndNamedByQuotes() throws {
        let tariff = try sandbox.write(Self.tariff, to: "metered.toml")
        for (unit, symbol, name, header) in [("m3", "m³", "cubic metres", "VOLUME "), ("ccf", "CCF", "hundred cubic feet", "VOLUME CCF"),
                                             ("kgal", "kgal", "thousand gallons", "VOLUME KGAL"), ("gal", "gal", "gallons", "VOLUME GAL")] {
            let database = sandbox.file("\(unit).db")
            // m³ is what a database without a choice is in: choosing it is no change, so nothing is said or stored.
            let chosen = unit == "m3" ? "" : "volumes are now in \(symbol) (\(name))\n"
            XCTAssertRun(try sandbox.wbill(["--db", database, "init", "--volume-unit", unit]), status: 0,
                         stdout: Expected.created(database) + chosen)
            XCTAssertEqual(try sandbox.sqlite(database, "SELECT value FROM settings WHERE key = 'volume_unit'"),
                           unit == "m3" ? "" : "\(unit)\n")
            XCTAssertEqual(try statusValue("volume_unit", database: database), unit)
            XCTAssertRun(try sandbox.wbill(["--db", database, "tariff", "add", "--file", tariff]), status: 0,
                         stdout: "added tariff 'metered' (postpaid, CNY): version 1 prices any day\n")
            // 12 units in October: 10 × 2.50 + 2 × 4.00 = 25.00 + 8.00 = 33.00, whatever the unit.
            let volume = header.trimmingCharacters(in: .whitespaces)
            let pad = String(repeating: " ", count: volume.count - 6)
            XCTAssertRun(try sandbox.wbill(["--db", database, "tariff", "quote", "metered", "--volume", "12", "--period", "2026-10"]),
                         status: 0, stdout: """
                TARIFF   LINE    COMPONENT  TIER  FROM        TO          VERSION  SEASON  \(volume)  RATE  AMOUNT
                metered  volume  water      1     2026-10-01  2026-10-31        1          \(pad)10.000  2.50   25.00
                metered  volume  water      2     2026-10-01  2026-10-31        1           \(pad)2.000  4.00    8.00
                metered  total\(String(repeating: " ", count: 76 + pad.count))33.00

                """)
            // Machine formats keep their keys.
            XCTAssertRun(try sandbox.wbill(["--db", database, "tariff", "quote", "metered", "--volume", "12", "--period", "2026-10",
                                            "--format", "csv"]), status: 0, stdout: """
                tariff,line,component,tier,from,to,version,season,volume,rate,amount\r
                metered,volume,water,1,2026-10-01,2026-10-31,1,,10.000,2.50,25.00\r
                metered,volume,water,2,2026-10-01,2026-10-31,1,,2.000,4.00,8.00\r
                metered,total,,,,,,,,,33.00\r

                """)
            let show = try sandbox.wbill(["--db", database, "tariff", "show", "metered", "--format", "json"])
            XCTAssertEqual(show.status, 0, "\(show)")
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(record["tiers"] as? String, "1: 0-10 \(symbol)\n2: above 10 \(symbol)")
            XCTAssertEqual(record["components"] as? String, "water: 2.50 / 4.00 per \(symbol)")
        }
    }

    func testTheCCFExampleIsPricedAsItsSheetReads() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/tariffs").path
        XCTAssertRun(try sandbox.wbill("init", "--currency", "USD", "--volume-unit", "ccf"), status: 0,
                     stdout: Expected.created(sandbox.defaultDatabase, currency: "USD") + "volumes are now in CCF (hundred cubic feet)\n")
        XCTAssertRun(try sandbox.wbill("tariff", "add", "--file", examples + "/us-ccf.toml"), status: 0,
                     stdout: "added tariff 'us-ccf' (postpaid, USD): version 1 prices any day\n")
        // 23.5 CCF in October on a 20 mm meter, by hand: water 8 × 3.95 = 31.60, 12 × 5.12 = 61.44,
        // 3.5 × 6.87 = 24.045 → 24.05 (half-up); sewer 23.5 × 4.21 = 98.935 → 98.94; service 21.75 for
        // the whole month. Total 31.60 + 61.44 + 24.05 + 98.94 + 21.75 = 237.78.
        XCTAssertRun(try sandbox.wbill("tariff", "quote", "us-ccf", "--volume", "23.5", "--caliber", "20", "--period", "2026-10"),
                     status: 0, stdout: """
            TARIFF  LINE    COMPONENT  TIER  FROM        TO          VERSION  SEASON  VOLUME CCF   RATE  AMOUNT
            us-ccf  volume  water      1     2026-10-01  2026-10-31        1               8.000   3.95   31.60
            us-ccf  volume  water      2     2026-10-01  2026-10-31        1              12.000   5.12   61.44
            us-ccf  volume  water      3     2026-10-01  2026-10-31        1               3.500   6.87   24.05
            us-ccf  volume  sewer            2026-10-01  2026-10-31        1              23.500   4.21   98.94
            us-ccf  fixed   service          2026-10-01  2026-10-31        1                      21.75   21.75
            us-ccf  total                                                                                237.78

            """)
    }

    func testADatabaseThatNeverChoseAUnitIsInCubicMetres() throws {
        try sandbox.initialise()
        XCTAssertEqual(try sandbox.sqlite(sandbox.defaultDatabase, "SELECT count(*) FROM settings WHERE key = 'volume_unit'"), "0\n")
        XCTAssertEqual(try statusValue("volume_unit", database: sandbox.defaultDatabase), "m3")
        let table = try sandbox.wbill("db", "status")
        XCTAssertEqual(table.status, 0, "\(table)")
        XCTAssertTrue(table.stdout.contains("Integrity:              ok\nVolume unit:            m3\n"), table.stdout)
    }

    func testAnUnknownUnitIsRefusedWithTheUnitsThereAre() throws {
        XCTAssertRun(try sandbox.wbill("init", "--volume-unit", "litres"), status: 64, stderr: """
            wbill: error: invalid value 'litres' for --volume-unit: expected one of m3, ccf, kgal, gal
            Run 'wbill init --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill("init", "--volume-unit", "CCF"), status: 64, stderr: """
            wbill: error: invalid value 'CCF' for --volume-unit: expected one of m3, ccf, kgal, gal; did you mean 'ccf'?
            Run 'wbill init --help' for usage.

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.defaultDatabase), "nothing is created")
    }

    func testTheUnitIsFixedOnceTariffsOrMetersHoldVolumes() throws {
        let database = sandbox.defaultDatabase
        XCTAssertRun(try sandbox.wbill("init", "--volume-unit", "ccf"), status: 0,
                     stdout: Expected.created(database) + "volumes are now in CCF (hundred cubic feet)\n")
        // Nothing holds volumes yet: the unit can still change.
        XCTAssertRun(try sandbox.wbill("init", "--volume-unit", "gal"), status: 0, stdout: """
            \(database) is already a current wbill database (schema version \(Expected.latestVersion))
            volumes are now in gal (gallons)

            """)
        XCTAssertRun(try sandbox.wbill("init", "--volume-unit", "gal"), status: 0, stdout: """
            \(database) is already a current wbill database (schema version \(Expected.latestVersion)); nothing to do

            """)
        XCTAssertRun(try sandbox.wbill("tariff", "add", "--file", try sandbox.write(Self.tariff, to: "metered.toml")), status: 0,
                     stdout: "added tariff 'metered' (postpaid, CNY): version 1 prices any day\n")
        // A refused unit changes none of the settings asked for with it.
        XCTAssertRun(try sandbox.wbill("init", "--volume-unit", "m3", "--account-prefix", "W"), status: 1, stderr: """
            wbill: error: this database keeps volumes in gal and 1 tariff holds them; the volume unit cannot change to m³ once tariffs or meters exist (nothing converts their volumes)

            """)
        XCTAssertEqual(try statusValue("volume_unit", database: database), "gal")
        XCTAssertEqual(try sandbox.sqlite(database, "SELECT count(*) FROM settings WHERE key LIKE 'account_number%'"), "0\n")
        XCTAssertEqual(try sandbox.sqlite(database, """
            SELECT operator, action, changes FROM audit_log WHERE entity = 'setting' AND entity_id = 'volume_unit' ORDER BY id
            """), """
            \(Sandbox.operatorName)|update|{"volume_unit":{"old":"m3","new":"ccf"}}
            \(Sandbox.operatorName)|update|{"volume_unit":{"old":"ccf","new":"gal"}}

            """)
    }

    // MARK: - Messages that name the unit

    func testTariffFileMistakesNameTheUnit() throws {
        XCTAssertRun(try sandbox.wbill("init", "--volume-unit", "ccf"), status: 0,
                     stdout: Expected.created(sandbox.defaultDatabase) + "volumes are now in CCF (hundred cubic feet)\n")
        let negative = try sandbox.write(Self.tariff.replacingOccurrences(of: "up-to = 10", with: "up-to = -1"), to: "negative.toml")
        XCTAssertRun(try sandbox.wbill("tariff", "add", "--file", negative), status: 65, stderr: """
            wbill: error: \(negative):7:9: tiers[0].up-to: expected a volume in CCF above 0 with at most 3 decimals, found "-1"

            """)
        let gap = try sandbox.write(Self.tariff.replacingOccurrences(of: "[[tiers]]\n\n[components", with: "[[tiers]]\nfrom = 11\n\n[components"),
                                    to: "gap.toml")
        XCTAssertRun(try sandbox.wbill("tariff", "add", "--file", gap), status: 65, stderr: """
            wbill: error: \(gap):10:8: tiers[1].from: leaves a gap after the tier before: expected 10 (where tiers[0] ends), found "11" (a tier starts where the previous one ends: 181–260 CCF as published is from = 180, up-to = 260)

            """)
        // `tariff check` opens no database, so it cannot know the unit and names none.
        XCTAssertRun(try sandbox.wbill("tariff", "check", "--file", negative), status: 65, stderr: """
            wbill: error: \(negative):7:9: tiers[0].up-to: expected a volume above 0 with at most 3 decimals, found "-1"

            """)
        XCTAssertRun(try sandbox.wbill("tariff", "add", "--file", try sandbox.write(Self.tariff, to: "metered.toml")), status: 0,
                     stdout: "added tariff 'metered' (postpaid, CNY): version 1 prices any day\n")
        XCTAssertRun(try sandbox.wbill("tariff", "quote", "metered", "--volume", "0.0001"), status: 64, stderr: """
            wbill: error: invalid value '0.0001' for --volume: expected a volume in CCF ≥ 0 with at most 3 decimals
            Run 'wbill tariff quote --help' for usage.

            """)
    }

    func testMetersAndReadingsNameTheUnit() throws {
        XCTAssertRun(try sandbox.wbill("init", "--volume-unit", "kgal"), status: 0,
                     stdout: Expected.created(sandbox.defaultDatabase) + "volumes are now in kgal (thousand gallons)\n")
        for step in AccountsFixture.steps {
            XCTAssertRun(try sandbox.wbill(step.arguments), status: 0, stdout: step.stdout)
        }
        XCTAssertRun(try sandbox.wbill("meter", "add", "WM-9", "--type", "DN20 mechanical", "--caliber", "20",
                                       "--initial-reading", "1.2345"), status: 65, stderr: """
            wbill: error: initial_reading '1.2345': a reading in kgal with at most 3 decimals, such as 12.5

            """)
        XCTAssertRun(try sandbox.wbill("meter", "list", "--prefix", "WM-000006"), status: 0, stdout: """
            SERIAL     TYPE             CALIBER  MANUFACTURER  MODEL  INITIAL KGAL  LOCATION  STATE     GROUP
            WM-000006  DN20 mechanical       20                              2.500            in-stock

            """)
        XCTAssertRun(try sandbox.wbill("meter-type", "add", "Tiny", "--kind", "mechanical", "--payment-model", "postpaid",
                                       "--caliber", "15", "--digits", "2"), status: 65, stderr: """
            wbill: error: invalid register digits '2': expected 3 to 12 whole-kgal digits

            """)

        // Postpaid: its final reading is not deducted from a balance.
        let number = try sandbox.openAccount("Residential", meter: "WM-000006")
        let show = try sandbox.wbill("account", "show", number)
        XCTAssertEqual(show.status, 0, "\(show)")
        XCTAssertTrue(show.stdout.contains("REMOVED AT  LAST KGAL  READ AT"), show.stdout)
        XCTAssertRun(try sandbox.wbill("customer", "close", number), status: 64, stderr: """
            wbill: error: closing account \(number) needs a final reading of each meter on it: --reading WM-000006=KGAL

            """)
        XCTAssertRun(try sandbox.wbill("customer", "close", number, "--reading", "WM-000006"), status: 64, stderr: """
            wbill: error: invalid value 'WM-000006' for --reading: expected SERIAL=KGAL, e.g. WM-000001=123.456
            Run 'wbill customer close --help' for usage.

            """)
        XCTAssertRun(try sandbox.wbill("customer", "close", number, "--reading", "WM-000006=abc"), status: 65,
                     stderr: "wbill: error: reading WM-000006=abc: expected a reading in kgal such as 1234.5\n")
        XCTAssertRun(try sandbox.wbill("customer", "close", number, "--reading", "WM-000006=3.0001"), status: 65,
                     stderr: "wbill: error: reading WM-000006=3.0001: a reading has at most 3 decimals (one gallon)\n")
        XCTAssertRun(try sandbox.wbill("customer", "close", number, "--reading", "WM-000006=12.5"), status: 0,
                     stdout: "closed account \(number); final reading WM-000006 12.500 kgal; meter returned to stock\n")
        let readings = try sandbox.wbill("account", "show", number)
        XCTAssertTrue(readings.stdout.contains("""
              SERIAL     AT                          KGAL  SOURCE  OPERATOR
              WM-000006  2026-11-23T09:30:00.000Z  12.500  final   clerk
            """), readings.stdout)
    }

    // MARK: - Helpers

    /// One field of `db status --format json`.
    private func statusValue(_ key: String, database: String) throws -> String? {
        let result = try sandbox.wbill(["--db", database, "db", "status", "--format", "json"])
        XCTAssertEqual(result.status, 0, "\(result)")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return object[key] as? String
    }
}
