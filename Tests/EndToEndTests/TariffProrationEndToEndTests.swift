import XCTest

/// Proration conventions (issue 11, item 3): read cycles, days/365, days in the year, and the
/// calendar default, applied alike to fixed charges and tier thresholds, through `tariff add` and
/// `tariff quote`. Every expected amount is worked out by hand in the comments.
final class TariffProrationEndToEndTests: TariffSandboxTestCase {
    /// Bimonthly tiers 0-20 / above at 2.00 / 3.00, a base charge of 10.00 a month.
    func bimonthly(_ name: String, proration: String?, tolerance: Int? = nil, rates: String = "[2.00, 3.00]",
                   base: String = "10.00") -> String {
        "name = \"\(name)\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n"
            + (proration.map { "proration = \"\($0)\"\n" } ?? "") + (tolerance.map { "read-cycle-tolerance = \($0)\n" } ?? "")
            + "tier-cycle = \"bimonthly\"\n[[tiers]]\nup-to = 20\n[[tiers]]\n[components.water]\nrates = \(rates)\n"
            + "[fixed-charges.base]\nper = \"monthly\"\namount = \(base)\n"
    }

    func testABimonthlyReadOfFiftyNineOrSixtyTwoDaysIsOneWholeCycle() throws {
        try add("read", bimonthly("read", proration: "read-cycle"))
        // A period of N months is N × 365/12 days: two months are 60.83 days. Within the default
        // tolerance of 3 days, a read of 58 to 63 days is exactly one bimonthly cycle and two months.
        // 2026-01-10..2026-03-09 is 22 + 28 + 9 = 59 days (60.83 - 59 = 1.83 ≤ 3):
        //   water: 20 × 2.00 = 40.00; 10 × 3.00 = 30.00 (the threshold 20 as written)
        //   base:  10.00 × 2 months = 20.00
        //   total  40.00 + 30.00 + 20.00 = 90.00
        let rows = { (from: String, to: String) in [
            "read,volume,water,1,\(from),\(to),1,,20.000,2.00,40.00",
            "read,volume,water,2,\(from),\(to),1,,10.000,3.00,30.00",
            "read,fixed,base,,\(from),\(to),1,,,10.00,20.00",
        ] }
        try expect(["tariff", "quote", "read", "--volume", "30", "--from", "2026-01-10", "--to", "2026-03-09", "--format", "csv"],
                   stdout: quoteCSV(rows("2026-01-10", "2026-03-09"), total: "90.00", tariff: "read"))
        // 2026-07-10..2026-09-09 is 22 + 31 + 9 = 62 days (62 - 60.83 = 1.17 ≤ 3): the same lines.
        try expect(["tariff", "quote", "read", "--volume", "30", "--from", "2026-07-10", "--to", "2026-09-09", "--format", "csv"],
                   stdout: quoteCSV(rows("2026-07-10", "2026-09-09"), total: "90.00", tariff: "read"))
        // 2026-01-10..2026-03-14 is 64 days (64 - 60.83 = 3.17 > 3): counted by days, 64 × 12/365
        // months = 768/365 months, and 64 × 12/(365 × 2) = 384/365 bimonthly cycles:
        //   threshold: 20 × 384/365 = 21.0410958… → 21.041 (to the litre, halves up)
        //   water:     21.041 × 2.00 = 42.082 → 42.08; (30 - 21.041) = 8.959 × 3.00 = 26.877 → 26.88
        //   base:      10.00 × 768/365 = 21.0410958… → 21.04
        //   total      42.08 + 26.88 + 21.04 = 90.00
        try expect(["tariff", "quote", "read", "--volume", "30", "--from", "2026-01-10", "--to", "2026-03-14", "--format", "csv"],
                   stdout: quoteCSV([
                    "read,volume,water,1,2026-01-10,2026-03-14,1,,21.041,2.00,42.08",
                    "read,volume,water,2,2026-01-10,2026-03-14,1,,8.959,3.00,26.88",
                    "read,fixed,base,,2026-01-10,2026-03-14,1,,,10.00,21.04",
                   ], total: "90.00", tariff: "read"))
    }

    func testTheToleranceAndTheCalendarDefault() throws {
        try add("strict", bimonthly("strict", proration: "read-cycle", tolerance: 1))
        try add("calendar", bimonthly("calendar", proration: nil))
        // Tolerance 1 day: the 59-day read is 1.83 days short of 60.83, so it is counted by days:
        //   threshold: 20 × 59 × 12/730 = 20 × 708/730 = 19.3972602… → 19.397
        //   water:     19.397 × 2.00 = 38.794 → 38.79; 10.603 × 3.00 = 31.809 → 31.81
        //   base:      10.00 × 708/365 = 19.3972602… → 19.40
        //   total      38.79 + 31.81 + 19.40 = 90.00
        try expect(["tariff", "quote", "strict", "--volume", "30", "--from", "2026-01-10", "--to", "2026-03-09", "--format", "csv"],
                   stdout: quoteCSV([
                    "strict,volume,water,1,2026-01-10,2026-03-09,1,,19.397,2.00,38.79",
                    "strict,volume,water,2,2026-01-10,2026-03-09,1,,10.603,3.00,31.81",
                    "strict,fixed,base,,2026-01-10,2026-03-09,1,,,10.00,19.40",
                   ], total: "90.00", tariff: "strict"))
        // The default, calendar: each calendar cycle counts the days covered over its own length.
        // Bimonthly cycles from 01-01: Jan-Feb 2026 (59 days) and Mar-Apr (61 days); the read
        // covers 50 days of the first and 9 of the second:
        //   threshold: 20 × (50/59 + 9/61) = 20 × 3581/3599 = 19.8999722… → 19.900
        //   water:     19.900 × 2.00 = 39.80; 10.100 × 3.00 = 30.30
        //   base:      months 22/31 + 28/28 + 9/31 = 2 exactly → 20.00
        //   total      39.80 + 30.30 + 20.00 = 90.10
        try expect(["tariff", "quote", "calendar", "--volume", "30", "--from", "2026-01-10", "--to", "2026-03-09", "--format", "csv"],
                   stdout: quoteCSV([
                    "calendar,volume,water,1,2026-01-10,2026-03-09,1,,19.900,2.00,39.80",
                    "calendar,volume,water,2,2026-01-10,2026-03-09,1,,10.100,3.00,30.30",
                    "calendar,fixed,base,,2026-01-10,2026-03-09,1,,,10.00,20.00",
                   ], total: "90.10", tariff: "calendar"))
    }

    func testAReadAcrossAPriceChangeIsSplitAtTheChangeDate() throws {
        try add("step", bimonthly("step", proration: "read-cycle"))
        try edit("step", bimonthly("step", proration: "read-cycle", rates: "[2.50, 3.50]", base: "12.00"), effective: "2026-02-01")
        // The 59-day read 2026-01-10..2026-03-09 is one whole bimonthly cycle and two whole months;
        // the change on 2026-02-01 cuts it into 22 days (version 1) and 37 days (version 2), and
        // each piece gets its days' share of the read's worth.
        //   water:      30 × 22/59 = 11.1864… → 11.186 to version 1, the rest 18.814 to version 2
        //   thresholds: 20 × 22/59 = 7.4576… → 7.458;  20 × 37/59 = 12.5423… → 12.542
        //   version 1:  7.458 × 2.00 = 14.916 → 14.92;  (11.186 - 7.458) = 3.728 × 3.00 = 11.184 → 11.18
        //   version 2:  12.542 × 2.50 = 31.355 → 31.36; (18.814 - 12.542) = 6.272 × 3.50 = 21.952 → 21.95
        //   base:       2 months × 22/59 × 10.00 = 7.4576… → 7.46;  2 × 37/59 × 12.00 = 15.0508… → 15.05
        //   total       14.92 + 11.18 + 31.36 + 21.95 + 7.46 + 15.05 = 101.92
        try expect(["tariff", "quote", "step", "--volume", "30", "--from", "2026-01-10", "--to", "2026-03-09", "--format", "csv"],
                   stdout: quoteCSV([
                    "step,volume,water,1,2026-01-10,2026-01-31,1,,7.458,2.00,14.92",
                    "step,volume,water,2,2026-01-10,2026-01-31,1,,3.728,3.00,11.18",
                    "step,volume,water,1,2026-02-01,2026-03-09,2,,12.542,2.50,31.36",
                    "step,volume,water,2,2026-02-01,2026-03-09,2,,6.272,3.50,21.95",
                    "step,fixed,base,,2026-01-10,2026-01-31,1,,,10.00,7.46",
                    "step,fixed,base,,2026-02-01,2026-03-09,2,,,12.00,15.05",
                   ], total: "101.92", tariff: "step"))
    }

    func testALeapYearUnderEachConvention() throws {
        for proration in ["calendar", "days-365", "days-in-year"] {
            try add(proration, "name = \"\(proration)\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\nproration = \"\(proration)\"\n"
                    + "tier-cycle = \"annual\"\n[[tiers]]\nup-to = 100\n[[tiers]]\n[components.water]\nrates = [1.00, 2.00]\n"
                    + "[fixed-charges.service]\nper = \"monthly\"\namount = 10.00\n")
        }
        func total(_ name: String, _ volume: String, _ from: String, _ to: String) throws -> String {
            try quotedTotal(["tariff", "quote", name, "--volume", volume, "--from", from, "--to", to])
        }
        // The whole leap year 2028 (366 days), 150 m³:
        //   calendar:     1 tier year, 12 months: 100 × 1.00 + 50 × 2.00 + 12 × 10.00 = 320.00
        //   days-365:     366/365 years: threshold 100 × 366/365 = 100.2739… → 100.274;
        //                 100.274 × 1.00 = 100.27; 49.726 × 2.00 = 99.452 → 99.45;
        //                 service 10.00 × 366 × 12/365 = 120.3287… → 120.33; total 320.05
        //   days-in-year: every day is 1/366 of the year: exactly 1 year, 12 months: 320.00
        XCTAssertEqual(try total("calendar", "150", "2028-01-01", "2028-12-31"), "320.00")
        XCTAssertEqual(try total("days-365", "150", "2028-01-01", "2028-12-31"), "320.05")
        XCTAssertEqual(try total("days-in-year", "150", "2028-01-01", "2028-12-31"), "320.00")
        // February 2028 (29 days), 10 m³:
        //   calendar:     threshold 100 × 29/366 = 7.9234… → 7.923; 7.923 × 1.00 = 7.92;
        //                 2.077 × 2.00 = 4.154 → 4.15; service: a whole month, 10.00; total 22.07
        //   days-365:     threshold 100 × 29/365 = 7.9452… → 7.945; 7.945 × 1.00 → 7.95 (half-up);
        //                 2.055 × 2.00 = 4.11; service 10.00 × 29 × 12/365 = 9.5342… → 9.53; total 21.59
        //   days-in-year: threshold 7.923 as calendar: 7.92 + 4.15;
        //                 service 10.00 × 29 × 12/366 = 9.5081… → 9.51; total 21.58
        XCTAssertEqual(try total("calendar", "10", "2028-02-01", "2028-02-29"), "22.07")
        XCTAssertEqual(try total("days-365", "10", "2028-02-01", "2028-02-29"), "21.59")
        XCTAssertEqual(try total("days-in-year", "10", "2028-02-01", "2028-02-29"), "21.58")
    }

    func testTierCyclesOfFourAndSixMonths() throws {
        func cycleTariff(_ name: String, _ cycle: String, _ start: String) -> String {
            "name = \"\(name)\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\ntier-cycle = \"\(cycle)\"\nyear-start = \"\(start)\"\n"
                + "[[tiers]]\nup-to = 40\n[[tiers]]\n[components.water]\nrates = [1.00, 2.00]\n"
        }
        try add("four", cycleTariff("four", "four-monthly", "02-01"))
        try add("six", cycleTariff("six", "half-yearly", "04-01"))
        // Without dates a quote is the whole cycle containing today (2026-11-23), thresholds as written:
        // four-monthly from 02-01 runs Feb-May, Jun-Sep, Oct-Jan; 50 m³ = 40 × 1.00 + 10 × 2.00 = 60.00.
        try expect(["tariff", "quote", "four", "--volume", "50", "--format", "csv"], stdout: quoteCSV([
            "four,volume,water,1,2026-10-01,2027-01-31,1,,40.000,1.00,40.00",
            "four,volume,water,2,2026-10-01,2027-01-31,1,,10.000,2.00,20.00",
        ], total: "60.00", tariff: "four"))
        // Half-yearly from 04-01 runs Apr-Sep and Oct-Mar.
        try expect(["tariff", "quote", "six", "--volume", "50", "--format", "csv"], stdout: quoteCSV([
            "six,volume,water,1,2026-10-01,2027-03-31,1,,40.000,1.00,40.00",
            "six,volume,water,2,2026-10-01,2027-03-31,1,,10.000,2.00,20.00",
        ], total: "60.00", tariff: "six"))
    }
}
