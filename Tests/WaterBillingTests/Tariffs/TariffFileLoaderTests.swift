import WaterBilling
import XCTest
import WBillSupport

/// Every kind of mistake in a tariff file gets its own message, at the offending value.
final class TariffFileLoaderTests: XCTestCase {
    /// A valid monthly tariff; the tests change one line at a time (line numbers in comments).
    let base = """
        name = "t"
        kind = "postpaid"
        currency = "CNY"
        tier-cycle = "monthly"

        [[tiers]]
        up-to = 22

        [[tiers]]
        up-to = 30

        [[tiers]]

        [components.water]
        rates = [4.16, 5.60, 9.70]

        [components.resource]
        rate = 1.57
        """

    private func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try definition(text), file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, file: file, line: line)
            XCTAssertEqual((error as? ClassifiedError)?.failureKind, .badInput, file: file, line: line)
        }
    }

    private func replacing(_ old: String, _ new: String) -> String {
        precondition(base.contains(old), old)
        return base.replacingOccurrences(of: old, with: new)
    }

    func testValidFileReadsExactly() throws {
        let tariff = try definition(base)
        guard case .priced(let scheme) = tariff.body else { return XCTFail("expected a priced tariff") }
        XCTAssertEqual(tariff.name, "t")
        XCTAssertEqual(tariff.currency, .cny)
        XCTAssertEqual(scheme.tierCycle, .monthly)
        XCTAssertEqual(scheme.tiers.map { $0.upTo?.description }, ["22.000", "30.000", nil])
        XCTAssertEqual(scheme.components.map(\.name), ["water", "resource"])
        XCTAssertEqual(scheme.components[0].rates, .tiered(try ["4.16", "5.60", "9.70"].map(Rate.init(parsing:))))
        XCTAssertEqual(scheme.components[1].rates, .flat(try Rate(parsing: "1.57")))
        XCTAssertEqual(scheme.rounding, .halfUp)
        XCTAssertEqual(scheme.roundingScope, .line)
    }

    func testUnknownKey() {
        assertError(replacing("rate = 1.57", "rat = 1.57"),
                    "tariff.toml:18:1: unknown key `rat` in [components.resource] (did you mean `rate`?); "
                        + "expected one of: label, rate, rates, share, basis, tiers, minimum")
        assertError(replacing("kind = \"postpaid\"", "kind = \"postpaid\"\ntier-cylce = \"annual\""),
                    "tariff.toml:3:1: unknown key `tier-cylce` at the top level (did you mean `tier-cycle`?); expected one of: "
                        + "name, kind, description, currency, minor-unit, rounding, rounding-per, tier-cycle, year-start, proration, "
                        + "read-cycle-tolerance, tiers, per-capita, components, seasons, fixed-charges, minimum-charge, tax")
    }

    func testNegativeRate() {
        assertError(replacing("rates = [4.16, 5.60, 9.70]", "rates = [4.16, -5.60, 9.70]"),
                    "tariff.toml:15:16: components.water.rates[1]: expected a number ≥ 0, found \"-5.60\"")
        assertError(replacing("rate = 1.57", "rate = -1"),
                    "tariff.toml:18:8: components.resource.rate: expected a number ≥ 0, found \"-1\"")
        assertError(replacing("rate = 1.57", "rate = \"1.57\""),
                    "tariff.toml:18:8: components.resource.rate: expected a number ≥ 0, found a string \"1.57\"")
        assertError(replacing("rate = 1.57", "rate = 1.5700001"),
                    "tariff.toml:18:8: components.resource.rate: expected a rate with at most 6 decimals, found \"1.5700001\"")
    }

    func testOverlappingGappedAndUnorderedTiers() {
        assertError(replacing("up-to = 30", "from = 20\nup-to = 30"),
                    "tariff.toml:10:8: tiers[1].from: overlaps the tier before: expected 22 (where tiers[0] ends), found \"20\"")
        assertError(replacing("up-to = 30", "from = 23\nup-to = 30"),
                    "tariff.toml:10:8: tiers[1].from: leaves a gap after the tier before: expected 22 (where tiers[0] ends), "
                        + "found \"23\" (a tier starts where the previous one ends: 181–260 as published is from = 180, up-to = 260)")
        assertError(replacing("up-to = 30", "up-to = 20"),
                    "tariff.toml:10:9: tiers[1].up-to: tiers are out of order: expected a volume above 22 (where tiers[0] ends), found \"20\"")
        assertError(replacing("up-to = 30", "up-to = 22"),
                    "tariff.toml:10:9: tiers[1].up-to: the tier would be empty: expected a volume above 22 (where tiers[0] ends), found \"22\"")
        assertError(replacing("[[tiers]]\n\n[components", "[[tiers]]\nup-to = 40\n\n[components"),
                    "tariff.toml:13:9: tiers[2].up-to: the last tier is open-ended: remove `up-to` (volumes above the tier before fall in it)")
        assertError(replacing("up-to = 22\n", "\n"),
                    "tariff.toml:6:1: [tiers[0]]: missing `up-to`: only the last tier is open-ended")
        assertError(replacing("up-to = 22", "up-to = 0"),
                    "tariff.toml:7:9: tiers[0].up-to: expected a volume above 0 with at most 3 decimals, found \"0\"")
        assertError(replacing("tier-cycle = \"monthly\"\n", ""),
                    "tariff.toml:1:1: missing required key `tier-cycle` at the top level: tiers need a cycle "
                        + "(one of: monthly, bimonthly, quarterly, four-monthly, half-yearly, annual)")
        assertError(replacing("rates = [4.16, 5.60, 9.70]", "rates = [4.16, 5.60]"),
                    "tariff.toml:15:9: components.water.rates: expected 3 rates (one per tier), found 2")
    }

    func testSharesNotSummingToHundred() {
        let split = "name = \"mix\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n\n[split]\nresidential = 70\ncommercial = 20\n"
        assertError(split, "tariff.toml:5:1: [split]: the percentages add up to 90, expected 100")
        assertError(split.replacingOccurrences(of: "commercial = 20", with: "commercial = 30\n[components.water]\nrate = 1"),
                    "tariff.toml:8:2: `components` cannot be used with `split`: a proportional tariff prices through the tariffs it names")
        assertError(replacing("rate = 1.57", "rate = 1.57\nshare = 101"),
                    "tariff.toml:19:9: components.resource.share: expected a percentage above 0 to 100 with at most 4 decimals, found \"101\"")
        XCTAssertEqual(try definition(split.replacingOccurrences(of: "20", with: "30")).body,
                       .proportional([ProportionalShare(tariff: "residential", percent: FixedDecimal(70)),
                                      ProportionalShare(tariff: "commercial", percent: FixedDecimal(30))]))
    }

    func testUnknownRoundingRule() {
        assertError(replacing("currency = \"CNY\"", "currency = \"CNY\"\nrounding = \"half-down\""),
                    "tariff.toml:4:12: rounding: unknown rounding rule \"half-down\" (did you mean \"half-even\"?); "
                        + "expected one of: half-up, half-even, down")
        assertError(replacing("currency = \"CNY\"", "currency = \"CNY\"\nrounding = \"ceiling\""),
                    "tariff.toml:4:12: rounding: unknown rounding rule \"ceiling\"; expected one of: half-up, half-even, down")
    }

    func testMissingOrWrongCurrency() {
        assertError(replacing("currency = \"CNY\"\n", ""), "tariff.toml:1:1: missing required key `currency` at the top level")
        assertError(replacing("currency = \"CNY\"", "currency = \"cny\""),
                    "tariff.toml:3:12: currency: expected a currency code of 3 capital letters such as \"CNY\", found a string \"cny\"")
        assertError(replacing("currency = \"CNY\"", "currency = \"XTS\""),
                    "tariff.toml:3:12: currency: wbill does not know how many decimals XTS has; add minor-unit = N (0 to 4)")
        assertError(replacing("currency = \"CNY\"", "currency = \"CNY\"\nminor-unit = 3"),
                    "tariff.toml:4:14: minor-unit: CNY has 2 decimals, found \"3\"")
        XCTAssertEqual(try definition(replacing("currency = \"CNY\"", "currency = \"XTS\"\nminor-unit = 3")).currency,
                       try Currency(code: "XTS", minorUnit: 3))
    }

    func testSeasonsFixedChargesAndTax() {
        let seasons = "\n[seasons.summer]\nfrom = \"06-01\"\nto = \"09-30\"\nrates = { water = [5, 6, 7] }\n"
        XCTAssertNoThrow(try definition(base + seasons))
        assertError(base + seasons + "\n[seasons.late]\nfrom = \"09-15\"\nto = \"10-31\"\nrates = { resource = 2 }\n",
                    "tariff.toml:25:8: seasons.late.from: season `late` overlaps season `summer` (06-01 to 09-30) on 09-15; "
                        + "seasons must not overlap")
        assertError(base + seasons.replacingOccurrences(of: "{ water", with: "{ watr"),
                    "tariff.toml:22:11: unknown key `watr` in [seasons.summer.rates] (did you mean `water`?); expected one of: water, resource")
        assertError(base + seasons.replacingOccurrences(of: "06-01", with: "06-31"),
                    "tariff.toml:20:8: seasons.summer.from: expected a month and day \"MM-DD\", found a string \"06-31\"")
        let fixed = "\n[fixed-charges.meter]\nper = \"monthly\"\nby-caliber = { 15 = 8.50, DN20 = 12.75 }\n"
        assertError(base + fixed,
                    "tariff.toml:21:27: fixed-charges.meter.by-caliber.DN20: expected a meter caliber in whole mm from 1 to 3000 "
                        + "as the key, found \"DN20\"")
        assertError(base + fixed.replacingOccurrences(of: "DN20 = 12.75", with: "20 = 12.7555555"),
                    "tariff.toml:21:32: fixed-charges.meter.by-caliber.20: expected an amount ≥ 0 with at most 6 decimals, found \"12.7555555\"")
        assertError(base + "\n[tax]\npercent = -9\n",
                    "tariff.toml:20:11: tax.percent: expected a percentage from 0 to 100 with at most 4 decimals, found \"-9\"")
        assertError(base + "\n[per-capita]\nbase-persons = 0\nextra-per-person = 30\n",
                    "tariff.toml:20:16: per-capita.base-persons: expected a number of persons from 1 to 999, found \"0\"")
        assertError(replacing("tier-cycle = \"monthly\"", "tier-cycle = \"monthly\"\nyear-start = \"01-31\""),
                    "tariff.toml:5:14: year-start: expected a month and day \"MM-DD\" with a day from 01 to 28, found a string \"01-31\"")
    }

    func testVolumeMessagesNameTheUtilitysUnitWhenKnown() {
        let zero = replacing("up-to = 22", "up-to = 0")
        let gap = replacing("up-to = 30", "from = 23\nup-to = 30")
        for (unit, named) in [(VolumeUnit?.none, ""), (.cubicMetres, " m³"), (.hundredCubicFeet, " CCF"),
                              (.thousandGallons, " kgal"), (.gallons, " gal")] {
            XCTAssertThrowsError(try TariffFileLoader.parse(zero, file: "tariff.toml", volumeUnit: unit)) { error in
                XCTAssertEqual("\(error)", "tariff.toml:7:9: tiers[0].up-to: expected a volume\(named.isEmpty ? "" : " in" + named) "
                               + "above 0 with at most 3 decimals, found \"0\"")
            }
            XCTAssertThrowsError(try TariffFileLoader.parse(gap, file: "tariff.toml", volumeUnit: unit)) { error in
                XCTAssertTrue("\(error)".hasSuffix("(a tier starts where the previous one ends: 181–260\(named) as published is from = 180, up-to = 260)"),
                              "\(error)")
            }
        }
    }

    func testSyntaxAndFileErrors() throws {
        assertError(replacing("rate = 1.57", "rate = 1.57e0"),
                    "tariff.toml:18:8: exponent notation is not allowed, found \"1.57e0\"; exact decimal numbers are required, "
                        + "so write the digits out (e.g. 1000 or 0.0025)")
        XCTAssertThrowsError(try TariffFileLoader.load(path: "/nonexistent/tariff.toml")) { error in
            XCTAssertEqual("\(error)", "cannot open /nonexistent/tariff.toml: no such file or directory")
            XCTAssertEqual((error as? ClassifiedError)?.failureKind, .missingInput)
        }
    }

    func testEveryExampleIsValid() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: exampleTariffs).filter { $0.hasSuffix(".toml") }.sorted()
        XCTAssertEqual(names, ["commercial-flat.toml", "de-halle-daily.toml", "mixed-use.toml", "prepaid-balance.toml", "prepaid-card.toml",
                               "residential-annual.toml", "residential-monthly.toml", "us-ccf.toml", "us-charlotte-ccf.toml",
                               "us-coastside-bimonthly.toml", "us-miamisburg.toml", "us-municipal.toml"])
        for name in names {
            let file = try TariffFileLoader.load(path: "\(exampleTariffs)/\(name)")
            XCTAssertEqual(file.definition.name + ".toml", name)
        }
    }
}
