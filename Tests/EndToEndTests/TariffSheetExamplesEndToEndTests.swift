import XCTest

/// The example tariffs written as utilities' sheets state them (issue 11): each is added and
/// quoted, with the expected amounts worked out by hand from the sheet.
final class TariffSheetExamplesEndToEndTests: TariffSandboxTestCase {
    func testAGermanSheetWithAStandingChargePerDayAndVAT() throws {
        try useDatabase(currency: "EUR")
        try addFile("\(examples)/de-halle-daily.toml", name: "de-halle-daily")
        // 2026, 365 days, 25 m³:
        //   Mengenpreis 25 × 1.30 = 32.50
        //   Grundpreis  365 × 0.097 = 35.405 → 35.41 (rounded once, half-up)
        //   USt 7 %     (32.50 + 35.41) = 67.91 × 0.07 = 4.7537 → 4.75
        //   total       32.50 + 35.41 + 4.75 = 72.66
        try expect(["tariff", "quote", "de-halle-daily", "--volume", "25", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "csv"],
                   stdout: quoteCSV([
                    "de-halle-daily,volume,water,,2026-01-01,2026-12-31,1,,25.000,1.30,32.50",
                    "de-halle-daily,fixed,grundpreis,,2026-01-01,2026-12-31,1,,,0.097,35.41",
                    "de-halle-daily,tax,USt,,2026-01-01,2026-12-31,1,,,7,4.75",
                   ], total: "72.66", tariff: "de-halle-daily"))
        // The leap year 2028 has 366 days: 366 × 0.097 = 35.502 → 35.50; USt (32.50 + 35.50) × 0.07
        // = 4.76; total 72.76.
        XCTAssertEqual(try quotedTotal(["tariff", "quote", "de-halle-daily", "--volume", "25", "--from", "2028-01-01", "--to", "2028-12-31"]),
                       "72.76")
    }

    func testAUSWaterAndSewerSheetWithMinimumsThatIncludeThreeUnits() throws {
        try useDatabase(currency: "USD")
        try addFile("\(examples)/us-miamisburg.toml", name: "us-miamisburg")
        // 10 units (CCF) in a month (November 2026, the month containing today):
        //   water: minimum 21.18 covers units 0-3; units 4-10 = 7 × 7.27 = 50.89
        //   sewer: minimum 28.87 covers units 0-3; 7 × 7.50 = 52.50
        //   refuse 17.00
        //   total  50.89 + 52.50 + 17.00 + 21.18 + 28.87 = 170.44
        try expect(["tariff", "quote", "us-miamisburg", "--volume", "10", "--format", "csv"], stdout: quoteCSV([
            "us-miamisburg,volume,water,1,2026-11-01,2026-11-30,1,,7.000,7.27,50.89",
            "us-miamisburg,volume,sewer,,2026-11-01,2026-11-30,1,,7.000,7.50,52.50",
            "us-miamisburg,fixed,refuse,,2026-11-01,2026-11-30,1,,,17.00,17.00",
            "us-miamisburg,minimum,water,,2026-11-01,2026-11-30,1,,3.000,21.18,21.18",
            "us-miamisburg,minimum,sewer,,2026-11-01,2026-11-30,1,,3.000,28.87,28.87",
        ], total: "170.44", tariff: "us-miamisburg"))
        // 2 units read over 30 days (2026-10-05..2026-11-03, a month within 3 days): the minimum bill,
        // 21.18 + 28.87 + 17.00 = 67.05.
        XCTAssertEqual(try quotedTotal(["tariff", "quote", "us-miamisburg", "--volume", "2", "--from", "2026-10-05", "--to", "2026-11-03"]),
                       "67.05")
        // 40 units: water 30 × 7.27 (4-33) = 218.10 and 7 × 6.55 (34-40) = 45.85; sewer 37 × 7.50 = 277.50;
        // total 218.10 + 45.85 + 277.50 + 17.00 + 21.18 + 28.87 = 608.50.
        XCTAssertEqual(try quotedTotal(["tariff", "quote", "us-miamisburg", "--volume", "40"]), "608.50")
    }

    func testASheetInCcfWithASewerCapOfItsOwn() throws {
        try useDatabase(currency: "USD")
        try addFile("\(examples)/us-charlotte-ccf.toml", name: "us-charlotte-ccf")
        // 20 Ccf in a month on a 5/8-inch (15 mm) connection:
        //   water: 4 × 1.98 = 7.92; 4 × 2.56 = 10.24; 8 × 5.91 = 47.28; 4 × 11.20 = 44.80
        //   sewer: up to 16 Ccf, 16 × 5.93 = 94.88; the 4 above are free, 0.00
        //   fees:  6.16 + 6.16 + 1.44 + 9.48
        //   total  7.92 + 10.24 + 47.28 + 44.80 + 94.88 + 0.00 + 6.16 + 6.16 + 1.44 + 9.48 = 228.36
        try expect(["tariff", "quote", "us-charlotte-ccf", "--volume", "20"], status: 1,
                   stderr: "wbill: error: tariff 'us-charlotte-ccf' charges 'water-availability' by meter caliber; "
                       + "give the caliber (one of 15, 25 mm); a quote takes it as --caliber MM\n")
        try expect(["tariff", "quote", "us-charlotte-ccf", "--volume", "20", "--caliber", "15", "--format", "csv"], stdout: quoteCSV([
            "us-charlotte-ccf,volume,water,1,2026-11-01,2026-11-30,1,,4.000,1.98,7.92",
            "us-charlotte-ccf,volume,water,2,2026-11-01,2026-11-30,1,,4.000,2.56,10.24",
            "us-charlotte-ccf,volume,water,3,2026-11-01,2026-11-30,1,,8.000,5.91,47.28",
            "us-charlotte-ccf,volume,water,4,2026-11-01,2026-11-30,1,,4.000,11.20,44.80",
            "us-charlotte-ccf,volume,sewer,1,2026-11-01,2026-11-30,1,,16.000,5.93,94.88",
            "us-charlotte-ccf,volume,sewer,2,2026-11-01,2026-11-30,1,,4.000,0,0.00",
            "us-charlotte-ccf,fixed,water-fixed,,2026-11-01,2026-11-30,1,,,6.16,6.16",
            "us-charlotte-ccf,fixed,sewer-fixed,,2026-11-01,2026-11-30,1,,,6.16,6.16",
            "us-charlotte-ccf,fixed,water-availability,,2026-11-01,2026-11-30,1,,,1.44,1.44",
            "us-charlotte-ccf,fixed,sewer-availability,,2026-11-01,2026-11-30,1,,,9.48,9.48",
        ], total: "228.36", tariff: "us-charlotte-ccf"))
    }

    func testABimonthlySheetReadEveryFiftyNineToSixtyTwoDays() throws {
        try useDatabase(currency: "USD")
        try addFile("\(examples)/us-coastside-bimonthly.toml", name: "us-coastside-bimonthly")
        // 20 hcf on a 5/8 x 3/4-inch (15 mm) meter; a read of 59 days (2026-01-10..2026-03-09) or of
        // 62 days (2026-07-10..2026-09-09) is one bi-monthly period, so the tiers apply as written:
        //   4 × 9.65 = 38.60; 12 × 10.77 = 129.24; 4 × 13.89 = 55.56; base 52.20
        //   total 38.60 + 129.24 + 55.56 + 52.20 = 275.60
        for (from, to) in [("2026-01-10", "2026-03-09"), ("2026-07-10", "2026-09-09")] {
            try expect(["tariff", "quote", "us-coastside-bimonthly", "--volume", "20", "--caliber", "15", "--from", from, "--to", to,
                        "--format", "csv"], stdout: quoteCSV([
                "us-coastside-bimonthly,volume,water,1,\(from),\(to),1,,4.000,9.65,38.60",
                "us-coastside-bimonthly,volume,water,2,\(from),\(to),1,,12.000,10.77,129.24",
                "us-coastside-bimonthly,volume,water,3,\(from),\(to),1,,4.000,13.89,55.56",
                "us-coastside-bimonthly,fixed,base,,\(from),\(to),1,,,52.20,52.20",
            ], total: "275.60", tariff: "us-coastside-bimonthly"))
        }
    }

    func testEveryNewExampleChecks() throws {
        let expected = [
            "de-halle-daily": "postpaid, EUR; 1 component; 1 fixed charge",
            "us-charlotte-ccf": "postpaid, USD; 4 tiers, monthly; 2 components; 4 fixed charges",
            "us-coastside-bimonthly": "postpaid, USD; 4 tiers, bimonthly; 1 component; 1 fixed charge; proration read-cycle, within 3 days",
            "us-miamisburg": "postpaid, USD; 4 tiers, monthly; 2 components; 1 fixed charge; proration read-cycle, within 3 days",
        ]
        for (name, summary) in expected.sorted(by: { $0.key < $1.key }) {
            let path = "\(examples)/\(name).toml"
            try expect(["tariff", "check", "--file", path], stdout: "\(path): tariff '\(name)' is valid (\(summary))\n")
        }
    }
}
