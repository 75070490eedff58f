import XCTest

/// Standing charges stated per day, with more decimals than the currency, and annual charges
/// charged by days (issue 11, item 1), through `tariff add` and `tariff quote`.
final class TariffDailyChargesEndToEndTests: TariffSandboxTestCase {
    override class var currency: String { "GBP" }

    func daily(rounding: String = "half-up") -> String {
        """
        name = "daily"
        kind = "postpaid"
        currency = "GBP"
        rounding = "\(rounding)"
        [components.water]
        rate = 1.5432
        [fixed-charges.standing]
        label = "standing charge"
        per = "daily"
        amount = 0.0375
        [tax]
        label = "VAT"
        percent = 20
        """
    }

    func testAStandingChargePerDayIsChargedForEveryDayAndRoundedOnce() throws {
        try add("daily", daily())
        // 2026-10-01 to 2026-12-30 is 31 + 30 + 30 = 91 days.
        //   water:    12.345 × 1.5432 = 19.050804 → 19.05
        //   standing: 91 × 0.0375 = 3.4125 → 3.41 (rounded once, half-up: 0.0025 is below half a penny)
        //   VAT:      (19.05 + 3.41) × 20 % = 22.46 × 0.2 = 4.492 → 4.49
        //   total     19.05 + 3.41 + 4.49 = 26.95
        try expect(["tariff", "quote", "daily", "--volume", "12.345", "--from", "2026-10-01", "--to", "2026-12-30", "--format", "csv"],
                   stdout: quoteCSV([
                    "daily,volume,water,,2026-10-01,2026-12-30,1,,12.345,1.5432,19.05",
                    "daily,fixed,standing,,2026-10-01,2026-12-30,1,,,0.0375,3.41",
                    "daily,tax,VAT,,2026-10-01,2026-12-30,1,,,20,4.49",
                   ], total: "26.95", tariff: "daily"))
        // A leap year is 366 days: 366 × 0.0375 = 13.725 → 13.73; VAT 13.73 × 0.2 = 2.746 → 2.75; total 16.48.
        try expect(["tariff", "quote", "daily", "--volume", "0", "--from", "2028-01-01", "--to", "2028-12-31", "--format", "csv"],
                   stdout: quoteCSV([
                    "daily,fixed,standing,,2028-01-01,2028-12-31,1,,,0.0375,13.73",
                    "daily,tax,VAT,,2028-01-01,2028-12-31,1,,,20,2.75",
                   ], total: "16.48", tariff: "daily"))
        // Without dates: the month containing today, November 2026, 30 days: 30 × 0.0375 = 1.125 → 1.13;
        // VAT 1.13 × 0.2 = 0.226 → 0.23; total 1.36.
        XCTAssertEqual(try quotedTotal(["tariff", "quote", "daily", "--volume", "0"]), "1.36")
    }

    func testTheTariffsRoundingRuleRoundsTheDailyLine() throws {
        try add("daily", daily(rounding: "half-even"))
        // 366 × 0.0375 = 13.725, exactly half a penny: half-even keeps the even 13.72.
        // VAT 13.72 × 0.2 = 2.744 → 2.74; total 16.46.
        try expect(["tariff", "quote", "daily", "--volume", "0", "--from", "2028-01-01", "--to", "2028-12-31", "--format", "csv"],
                   stdout: quoteCSV([
                    "daily,fixed,standing,,2028-01-01,2028-12-31,1,,,0.0375,13.72",
                    "daily,tax,VAT,,2028-01-01,2028-12-31,1,,,20,2.74",
                   ], total: "16.46", tariff: "daily"))
    }

    func testAnAnnualChargeIsChargedByDaysOverThreeSixtyFiveOrOverTheYearsDays() throws {
        func annual(_ name: String, _ proration: String) -> String {
            "name = \"\(name)\"\nkind = \"postpaid\"\ncurrency = \"GBP\"\nproration = \"\(proration)\"\n"
                + "[components.water]\nrate = 1.5432\n[fixed-charges.standing]\nper = \"annual\"\namount = 45.00\n"
        }
        try add("by-365", annual("by-365", "days-365"))
        try add("by-year", annual("by-year", "days-in-year"))
        func standing(_ name: String, _ from: String, _ to: String) throws -> String {
            try quotedTotal(["tariff", "quote", name, "--volume", "0", "--from", from, "--to", to])
        }
        // days-365: every day is 45.00 / 365.
        //   91 days of 2026:         45 × 91/365 = 11.219178… → 11.22
        //   the leap year 2028:      45 × 366/365 = 45.123287… → 45.12 (a leap year costs a day more)
        XCTAssertEqual(try standing("by-365", "2026-10-01", "2026-12-30"), "11.22")
        XCTAssertEqual(try standing("by-365", "2028-01-01", "2028-12-31"), "45.12")
        // days-in-year: every day is 45.00 / the days of its year.
        //   91 days of 2026:         45 × 91/365 = 11.22
        //   the leap year 2028:      45 × 366/366 = 45.00
        //   2028-01-01..2028-03-31:  45 × 91/366 = 11.188524… → 11.19
        XCTAssertEqual(try standing("by-year", "2026-10-01", "2026-12-30"), "11.22")
        XCTAssertEqual(try standing("by-year", "2028-01-01", "2028-12-31"), "45.00")
        XCTAssertEqual(try standing("by-year", "2028-01-01", "2028-03-31"), "11.19")
    }
}
