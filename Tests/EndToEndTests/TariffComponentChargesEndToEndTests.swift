import XCTest

/// Tiers of a component's own (issue 11, item 4), a minimum that includes a volume (item 5) and
/// fixed charges banded by volume (item 2), through `tariff add` and `tariff quote`.
final class TariffComponentChargesEndToEndTests: TariffSandboxTestCase {
    func testASewerChargeWithItsOwnBreakPoints() throws {
        try add("sewer-tiers", """
            name = "sewer-tiers"
            kind = "postpaid"
            currency = "CNY"
            tier-cycle = "monthly"
            [[tiers]]
            up-to = 5
            [[tiers]]
            up-to = 15
            [[tiers]]
            [components.water]
            rates = [3.00, 4.00, 5.50]
            [components.sewer]
            share = 90
            tiers = [{ up-to = 10 }, {}]
            rates = [6.00, 0]
            """)
        // October 2026, 20 m³:
        //   water on the shared tiers: 5 × 3.00 = 15.00; 10 × 4.00 = 40.00; 5 × 5.50 = 27.50
        //   sewer on 90 % = 18 m³, on its own tiers: 10 × 6.00 = 60.00; 8 × 0 = 0.00
        //   total 15.00 + 40.00 + 27.50 + 60.00 + 0.00 = 142.50
        try expect(["tariff", "quote", "sewer-tiers", "--volume", "20", "--period", "2026-10", "--format", "csv"],
                   stdout: quoteCSV([
                    "sewer-tiers,volume,water,1,2026-10-01,2026-10-31,1,,5.000,3.00,15.00",
                    "sewer-tiers,volume,water,2,2026-10-01,2026-10-31,1,,10.000,4.00,40.00",
                    "sewer-tiers,volume,water,3,2026-10-01,2026-10-31,1,,5.000,5.50,27.50",
                    "sewer-tiers,volume,sewer,1,2026-10-01,2026-10-31,1,,10.000,6.00,60.00",
                    "sewer-tiers,volume,sewer,2,2026-10-01,2026-10-31,1,,8.000,0,0.00",
                   ], total: "142.50", tariff: "sewer-tiers"))
        // 2026-10-01..2026-11-14 is 31/31 + 14/30 = 44/30 months; both tables scale alike:
        //   water thresholds 5 × 44/30 = 7.333 (7 333.3 L); 15 × 44/30 = 22.000
        //   sewer threshold  10 × 44/30 = 14.667 (14 666.7 L, halves up)
        //   water: 7.333 × 3.00 = 21.999 → 22.00; 12.667 × 4.00 = 50.668 → 50.67
        //   sewer: 14.667 × 6.00 = 88.002 → 88.00; 3.333 × 0 = 0.00
        //   total 22.00 + 50.67 + 88.00 + 0.00 = 160.67
        try expect(["tariff", "quote", "sewer-tiers", "--volume", "20", "--from", "2026-10-01", "--to", "2026-11-14", "--format", "csv"],
                   stdout: quoteCSV([
                    "sewer-tiers,volume,water,1,2026-10-01,2026-11-14,1,,7.333,3.00,22.00",
                    "sewer-tiers,volume,water,2,2026-10-01,2026-11-14,1,,12.667,4.00,50.67",
                    "sewer-tiers,volume,sewer,1,2026-10-01,2026-11-14,1,,14.667,6.00,88.00",
                    "sewer-tiers,volume,sewer,2,2026-10-01,2026-11-14,1,,3.333,0,0.00",
                   ], total: "160.67", tariff: "sewer-tiers"))
    }

    func testAMinimumThatIncludesAVolume() throws {
        try add("minimum", """
            name = "minimum"
            kind = "postpaid"
            currency = "CNY"
            tier-cycle = "monthly"
            [[tiers]]
            up-to = 10
            [[tiers]]
            [components.water]
            rates = [5.25, 6.10]
            [minimum-charge]
            amount = 24.10
            per = "monthly"
            includes = 3
            """)
        // "Minimum 24.10 a month, includes the first 3; then 5.25 up to 10, 6.10 above."
        // 2 m³ in October: the minimum alone, 24.10 (its line shows the 3 it includes).
        try expect(["tariff", "quote", "minimum", "--volume", "2", "--period", "2026-10", "--format", "csv"],
                   stdout: quoteCSV(["minimum,minimum,minimum,,2026-10-01,2026-10-31,1,,3.000,24.10,24.10"],
                                    total: "24.10", tariff: "minimum"))
        // 12 m³: the first 3 are in the minimum; 3 to 10 = 7 × 5.25 = 36.75; 10 to 12 = 2 × 6.10 = 12.20.
        //   total 36.75 + 12.20 + 24.10 = 73.05
        try expect(["tariff", "quote", "minimum", "--volume", "12", "--period", "2026-10", "--format", "csv"],
                   stdout: quoteCSV([
                    "minimum,volume,water,1,2026-10-01,2026-10-31,1,,7.000,5.25,36.75",
                    "minimum,volume,water,2,2026-10-01,2026-10-31,1,,2.000,6.10,12.20",
                    "minimum,minimum,minimum,,2026-10-01,2026-10-31,1,,3.000,24.10,24.10",
                   ], total: "73.05", tariff: "minimum"))
        // 45 days, 2026-10-01..2026-11-14, are 44/30 months: the minimum, its volume and the
        // threshold all scale by it:
        //   included  3 × 44/30 = 4.400;  threshold 10 × 44/30 = 14.667
        //   water     4.400 to 12 = 7.600 × 5.25 = 39.90
        //   minimum   24.10 × 44/30 = 35.3466… → 35.35
        //   total     39.90 + 35.35 = 75.25
        try expect(["tariff", "quote", "minimum", "--volume", "12", "--from", "2026-10-01", "--to", "2026-11-14", "--format", "csv"],
                   stdout: quoteCSV([
                    "minimum,volume,water,1,2026-10-01,2026-11-14,1,,7.600,5.25,39.90",
                    "minimum,minimum,minimum,,2026-10-01,2026-11-14,1,,4.400,24.10,35.35",
                   ], total: "75.25", tariff: "minimum"))
    }

    func testAStandingChargeBandedByTheAccountsAnnualVolume() throws {
        try add("annual-band", """
            name = "annual-band"
            kind = "postpaid"
            currency = "CNY"
            [components.water]
            rate = 1.00
            [fixed-charges.standing]
            per = "annual"
            band-volume = "annual"
            by-volume = [{ up-to = 200, amount = 60.00 }, { up-to = 1000, amount = 150.00 }, { amount = 400.00 }]
            """)
        func quote(_ annual: String) throws -> String {
            try quotedTotal(["tariff", "quote", "annual-band", "--volume", "10", "--period", "2026-10", "--annual-volume", annual])
        }
        // October 2026 is 31/365 of the year; water 10 × 1.00 = 10.00.
        //   annual 150:     band 1, 60.00 × 31/365 = 5.0958… → 5.10;    total 15.10
        //   annual 200:     still band 1 (a band includes its bound);    total 15.10
        //   annual 200.001: band 2, 150.00 × 31/365 = 12.7397… → 12.74; total 22.74
        //   annual 5000:    band 3, 400.00 × 31/365 = 33.9726… → 33.97; total 43.97
        XCTAssertEqual(try quote("150"), "15.10")
        XCTAssertEqual(try quote("200"), "15.10")
        XCTAssertEqual(try quote("200.001"), "22.74")
        XCTAssertEqual(try quote("5000"), "43.97")
        try expect(["tariff", "quote", "annual-band", "--volume", "10", "--period", "2026-10"], status: 1,
                   stderr: "wbill: error: tariff 'annual-band' picks its 'standing' charge by the account's annual volume; give the annual volume; a quote takes it as --annual-volume VOLUME\n")
    }

    func testAServiceChargeBandedByTheVolumeBilled() throws {
        try add("period-band", """
            name = "period-band"
            kind = "postpaid"
            currency = "CNY"
            [components.water]
            rate = 1.00
            [fixed-charges.service]
            per = "monthly"
            by-volume = [{ up-to = 10, amount = 5.00 }, { amount = 8.00 }]
            """)
        func quote(_ volume: String, _ from: String, _ to: String) throws -> String {
            try quotedTotal(["tariff", "quote", "period-band", "--volume", volume, "--from", from, "--to", to])
        }
        // A month: up to 10 m³ the service is 5.00, above it 8.00.
        //   10:     5.00 + 10.00 = 15.00
        //   10.001: 8.00 + 10.001 × 1.00 (→ 10.00) = 18.00
        XCTAssertEqual(try quote("10", "2026-10-01", "2026-10-31"), "15.00")
        XCTAssertEqual(try quote("10.001", "2026-10-01", "2026-10-31"), "18.00")
        // 45 days are 44/30 months: the band's bound is 10 × 44/30 = 14.6666… exactly (not rounded).
        //   14.666: band 1, 5.00 × 44/30 = 7.3333… → 7.33; water 14.666 → 14.67; total 22.00
        //   14.667: band 2, 8.00 × 44/30 = 11.7333… → 11.73; water 14.667 → 14.67; total 26.40
        XCTAssertEqual(try quote("14.666", "2026-10-01", "2026-11-14"), "22.00")
        XCTAssertEqual(try quote("14.667", "2026-10-01", "2026-11-14"), "26.40")
    }
}
