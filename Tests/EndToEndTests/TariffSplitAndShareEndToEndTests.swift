import XCTest

/// Two pricing bugs, end to end: a split quoted without dates (issue 11, item 7) and a component on
/// a share of the volume (item 8).
final class TariffSplitAndShareEndToEndTests: TariffSandboxTestCase {
    /// Annual tiers 0-180 / 180-260 / above, 5.00 / 7.00 / 9.00.
    let home = """
        name = "home"
        kind = "postpaid"
        currency = "CNY"
        tier-cycle = "annual"
        [[tiers]]
        up-to = 180
        [[tiers]]
        up-to = 260
        [[tiers]]
        [components.water]
        rates = [5.00, 7.00, 9.00]
        """
    /// Annual tiers 0-100 / above, 6.00 / 8.00.
    let shop = """
        name = "shop"
        kind = "postpaid"
        currency = "CNY"
        tier-cycle = "annual"
        [[tiers]]
        up-to = 100
        [[tiers]]
        [components.water]
        rates = [6.00, 8.00]
        """
    /// Monthly tiers 0-22 / above, 4.16 / 5.60.
    let flat = """
        name = "flat"
        kind = "postpaid"
        currency = "CNY"
        tier-cycle = "monthly"
        [[tiers]]
        up-to = 22
        [[tiers]]
        [components.water]
        rates = [4.16, 5.60]
        """

    func testASplitWithoutDatesPricesEachShareOnItsOwnWholeTierCycle() throws {
        try add("home", home)
        try add("shop", shop)
        try add("mix", "name = \"mix\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n[split]\nhome = 70\nshop = 30\n")
        // 300 m³ split 70/30: home 210, shop 90, each priced on its own tier year (2026, the year of
        // the day the quote is made), so the annual thresholds apply as written:
        //   home: 180 × 5.00 = 900.00; 30 × 7.00 = 210.00
        //   shop:  90 × 6.00 = 540.00
        //   total 900.00 + 210.00 + 540.00 = 1650.00
        let expected = quoteCSV([
            "home,volume,water,1,2026-01-01,2026-12-31,1,,180.000,5.00,900.00",
            "home,volume,water,2,2026-01-01,2026-12-31,1,,30.000,7.00,210.00",
            "shop,volume,water,1,2026-01-01,2026-12-31,1,,90.000,6.00,540.00",
        ], total: "1650.00", tariff: "mix")
        try expect(["tariff", "quote", "mix", "--volume", "300", "--format", "csv"], stdout: expected)
        // The same split asked for with --split on either member, in either order, is the same quote.
        try expect(["tariff", "quote", "home", "--volume", "300", "--split", "home=70,shop=30", "--format", "csv"],
                   stdout: expected.replacingOccurrences(of: "mix,total", with: "home,total"))
        try expect(["tariff", "quote", "shop", "--volume", "300", "--split", "home=70,shop=30", "--format", "csv"],
                   stdout: expected.replacingOccurrences(of: "mix,total", with: "shop,total"))
        XCTAssertEqual(try quotedTotal(["tariff", "quote", "shop", "--volume", "300", "--split", "shop=30,home=70"]), "1650.00")
    }

    func testAMonthlyAndAnAnnualShareEachKeepTheirOwnCycle() throws {
        try add("home", home)
        try add("flat", flat)
        // 300 m³ split 90/10: home 270 on the tier year 2026, flat 30 on November 2026:
        //   home: 180 × 5.00 = 900.00; 80 × 7.00 = 560.00; 10 × 9.00 = 90.00
        //   flat:  22 × 4.16 = 91.52; 8 × 5.60 = 44.80
        //   total 900.00 + 560.00 + 90.00 + 91.52 + 44.80 = 1686.32
        let rows = [
            "home,volume,water,1,2026-01-01,2026-12-31,1,,180.000,5.00,900.00",
            "home,volume,water,2,2026-01-01,2026-12-31,1,,80.000,7.00,560.00",
            "home,volume,water,3,2026-01-01,2026-12-31,1,,10.000,9.00,90.00",
            "flat,volume,water,1,2026-11-01,2026-11-30,1,,22.000,4.16,91.52",
            "flat,volume,water,2,2026-11-01,2026-11-30,1,,8.000,5.60,44.80",
        ]
        for name in ["home", "flat"] {
            try expect(["tariff", "quote", name, "--volume", "300", "--split", "home=90,flat=10", "--format", "csv"],
                       stdout: quoteCSV(rows, total: "1686.32", tariff: name))
        }
        // With dates the whole split prices the days asked for, whichever member is named.
        let dated = ["--volume", "300", "--split", "home=90,flat=10", "--from", "2026-01-01", "--to", "2026-12-31"]
        XCTAssertEqual(try quotedTotal(["tariff", "quote", "home"] + dated), try quotedTotal(["tariff", "quote", "flat"] + dated))
    }

    func testAShareOfTheVolumeIsPricedExactlyAndRoundedOnce() throws {
        try add("sewer95", """
            name = "sewer95"
            kind = "postpaid"
            currency = "CNY"
            [components.water]
            rate = 2.00
            [components.sewer]
            rate = 1.50
            share = 95
            """)
        // water: 10.025 × 2.00 = 20.05
        // sewer: 95 % of 10.025 = 9.52375 exactly; 9.52375 × 1.50 = 14.285625 → 14.29 (half-up, once).
        //   (Cutting the share to 9.523 first gave 9.523 × 1.50 = 14.2845 → 14.28.)
        // total 20.05 + 14.29 = 34.34
        try expect(["tariff", "quote", "sewer95", "--volume", "10.025", "--period", "2026-10", "--format", "csv"],
                   stdout: quoteCSV([
                    "sewer95,volume,water,,2026-10-01,2026-10-31,1,,10.025,2.00,20.05",
                    "sewer95,volume,sewer,,2026-10-01,2026-10-31,1,,9.52375,1.50,14.29",
                   ], total: "34.34", tariff: "sewer95"))
    }
}
