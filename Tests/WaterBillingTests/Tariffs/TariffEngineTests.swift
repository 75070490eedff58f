import WaterBilling
import XCTest
import WBillSupport

/// The published cases and the pricing rules, each with its exact lines.
final class TariffEngineTests: XCTestCase {
    let year2026 = span("2026-01-01", "2026-12-31")
    let october = span("2026-10-01", "2026-10-31")

    func testPublishedAnnualTiersForFivePersons() throws {
        let breakdown = try quote(exampleTariff("residential-annual"), "300", year2026, PricingContext(persons: 5))
        XCTAssertEqual(describe(breakdown), [
            "volume water 1 2026-01-01..2026-12-31 v1 180.000 2.07 372.60",
            "volume water 2 2026-01-01..2026-12-31 v1 80.000 4.07 325.60",
            "volume water 3 2026-01-01..2026-12-31 v1 40.000 6.07 242.80",
            "volume resource 2026-01-01..2026-12-31 v1 300.000 1.57 471.00",
            "volume sewage 2026-01-01..2026-12-31 v1 300.000 1.36 408.00",
        ])
        XCTAssertEqual(try breakdown.amount(of: "water").description, "941.00")
        XCTAssertEqual(try breakdown.amount(of: "resource").description, "471.00")
        XCTAssertEqual(try breakdown.amount(of: "sewage").description, "408.00")
        XCTAssertEqual(try totalText(breakdown), "1820.00")
    }

    func testPublishedAnnualTiersWidenedForSevenPersons() throws {
        let breakdown = try quote(exampleTariff("residential-annual"), "300", year2026, PricingContext(persons: 7))
        XCTAssertEqual(describe(breakdown).prefix(2), [
            "volume water 1 2026-01-01..2026-12-31 v1 240.000 2.07 496.80",
            "volume water 2 2026-01-01..2026-12-31 v1 60.000 4.07 244.20",
        ])
        XCTAssertEqual(try totalText(breakdown), "1620.00")
        // No persons given means the base household: the thresholds are not widened.
        XCTAssertEqual(try totalText(quote(exampleTariff("residential-annual"), "300", year2026)), "1820.00")
    }

    func testPublishedMonthlyTiers() throws {
        let breakdown = try quote(exampleTariff("residential-monthly"), "35", october)
        XCTAssertEqual(describe(breakdown), [
            "volume water 1 2026-10-01..2026-10-31 v1 22.000 4.16 91.52",
            "volume water 2 2026-10-01..2026-10-31 v1 8.000 5.60 44.80",
            "volume water 3 2026-10-01..2026-10-31 v1 5.000 9.70 48.50",
        ])
        XCTAssertEqual(try totalText(breakdown), "184.82")
        // A whole February is one month too: thresholds are not scaled.
        XCTAssertEqual(try totalText(quote(exampleTariff("residential-monthly"), "35", span("2026-02-01", "2026-02-28"))), "184.82")
    }

    func testVersionChangeMidPeriodSplitsDaysVolumeAndThresholds() throws {
        let v1 = try String(contentsOfFile: "\(exampleTariffs)/residential-monthly.toml", encoding: .utf8)
        let v2 = v1.replacingOccurrences(of: "[4.16, 5.60, 9.70]", with: "[4.50, 6.00, 10.00]")
        let breakdown = try quote(tariff([v1, v2], effective: ["2026-10-16"]), "35", october)
        // 35 m³ over 31 days: 15/31 → 16.935 (16 935.48 L rounded), the rest 18.065 to version 2.
        // Thresholds scale by days: 22 × 15/31 = 10.645, 30 × 15/31 = 14.516; 22 × 16/31 = 11.355, 30 × 16/31 = 15.484.
        XCTAssertEqual(describe(breakdown), [
            "volume water 1 2026-10-01..2026-10-15 v1 10.645 4.16 44.28",
            "volume water 2 2026-10-01..2026-10-15 v1 3.871 5.60 21.68",
            "volume water 3 2026-10-01..2026-10-15 v1 2.419 9.70 23.46",
            "volume water 1 2026-10-16..2026-10-31 v2 11.355 4.50 51.10",
            "volume water 2 2026-10-16..2026-10-31 v2 4.129 6.00 24.77",
            "volume water 3 2026-10-16..2026-10-31 v2 2.581 10.00 25.81",
        ])
        XCTAssertEqual(try breakdown.volume(of: "water"), m3("35"))
        XCTAssertEqual(try totalText(breakdown), "191.10")
    }

    func testSeasonBoundarySplitsAndHalfEvenRounding() throws {
        let breakdown = try quote(exampleTariff("us-municipal"), "40", span("2026-09-16", "2026-10-15"), PricingContext(caliber: 20))
        XCTAssertEqual(describe(breakdown), [
            "volume water 1 2026-09-16..2026-09-30 v1 summer 5.000 1.85 9.25",
            "volume water 2 2026-09-16..2026-09-30 v1 summer 7.500 2.90 21.75",
            // 7.5 × 3.95 = 29.625: half-even keeps 29.62 (half-up would give 29.63).
            "volume water 3 2026-09-16..2026-09-30 v1 summer 7.500 3.95 29.62",
            "volume sewer 2026-09-16..2026-09-30 v1 summer 18.000 2.95 53.10",
            "volume water 1 2026-10-01..2026-10-15 v1 4.839 1.85 8.95",
            "volume water 2 2026-10-01..2026-10-15 v1 7.258 2.40 17.42",
            "volume water 3 2026-10-01..2026-10-15 v1 7.903 3.10 24.50",
            "volume sewer 2026-10-01..2026-10-15 v1 18.000 2.95 53.10",
            // 18.75 × (15/30 + 15/31) = 18.4476 → 18.45
            "fixed base 2026-09-16..2026-10-15 v1 18.75 18.45",
        ])
        XCTAssertEqual(try totalText(breakdown), "236.14")
    }

    func testSewageShareAndMeasuredSewageVolume() throws {
        let tariff = try exampleTariff("commercial-flat")
        let shared = try quote(tariff, "100", october)
        XCTAssertEqual(describe(shared), [
            "volume water 2026-10-01..2026-10-31 v1 100.000 4.30 430.00",
            "volume sewage 2026-10-01..2026-10-31 v1 95.000 1.50 142.50",
            "fixed service 2026-10-01..2026-10-31 v1 10.00 10.00",
            "tax VAT 2026-10-01..2026-10-31 v1 9 52.43",  // 582.50 × 9 % = 52.425, half-up
        ])
        XCTAssertEqual(try totalText(shared), "634.93")
        XCTAssertEqual(try shared.net.description, "582.50")
        XCTAssertEqual(try shared.tax.description, "52.43")
        let measured = try quote(tariff, "100", october, PricingContext(sewageVolume: m3("80")))
        XCTAssertEqual(describe(measured)[1], "volume sewage 2026-10-01..2026-10-31 v1 80.000 1.50 120.00")
        // The share is priced exactly and rounded once: 95 % of 0.011 m³ is 0.01045 m³, × 1.50 = 0.015675 → 0.02.
        XCTAssertEqual(describe(try quote(tariff, "0.011", october))[1], "volume sewage 2026-10-01..2026-10-31 v1 0.01045 1.50 0.02")
        // 95 % of 0.025 m³ is 0.02375 m³, × 1.50 = 0.035625 → 0.04 (cutting the share to 0.023 first gave 0.0345 → 0.03).
        XCTAssertEqual(describe(try quote(tariff, "0.025", october))[1], "volume sewage 2026-10-01..2026-10-31 v1 0.02375 1.50 0.04")
    }

    let caliberTariff = """
        name = "caliber"
        kind = "postpaid"
        currency = "CNY"
        [components.water]
        rate = 3
        [fixed-charges.meter]
        per = "monthly"
        by-caliber = { 15 = 8.50, 20 = 12.75 }
        """

    func testCaliberFixedChargeProratedOverFortyFiveDays() throws {
        let breakdown = try quote(tariff([caliberTariff]), "0", span("2026-10-01", "2026-11-14"), PricingContext(caliber: 20))
        // 31/31 of October + 14/30 of November: 12.75 × (1 + 14/30) = 18.70 exactly.
        XCTAssertEqual(describe(breakdown), ["fixed meter 2026-10-01..2026-11-14 v1 12.75 18.70"])
        XCTAssertThrowsError(try quote(tariff([caliberTariff]), "1", october)) {
            XCTAssertEqual("\($0)", "tariff 'caliber' charges 'meter' by meter caliber; give the caliber (one of 15, 20 mm)")
        }
        XCTAssertThrowsError(try quote(tariff([caliberTariff]), "1", october, PricingContext(caliber: 25))) {
            XCTAssertEqual("\($0)", "tariff 'caliber' has no 'meter' charge for a 25 mm meter (it has 15, 20 mm)")
        }
    }

    func testMinimumChargeTopsUpTheNetBeforeTax() throws {
        let breakdown = try quote(exampleTariff("commercial-flat"), "5", october)
        XCTAssertEqual(describe(breakdown), [
            "volume water 2026-10-01..2026-10-31 v1 5.000 4.30 21.50",
            "volume sewage 2026-10-01..2026-10-31 v1 4.750 1.50 7.13",
            "fixed service 2026-10-01..2026-10-31 v1 10.00 10.00",
            "minimum minimum 2026-10-01..2026-10-31 v1 50.00 11.37",
            "tax VAT 2026-10-01..2026-10-31 v1 9 4.50",
        ])
        XCTAssertEqual(try totalText(breakdown), "54.50")
    }

    func testSeventyThirtySplitPricesEachPartByItsOwnTariff() throws {
        let shares = [(try exampleTariff("residential-monthly"), FixedDecimal(70)),
                      (try exampleTariff("commercial-flat"), FixedDecimal(30))]
        let breakdown = try TariffEngine.priceSplit(consumption: m3("40"), span: october, context: PricingContext(),
                                                    shares: shares.map { (tariff: $0.0, percent: $0.1) })
        XCTAssertEqual(breakdown.allLines.map { "\($0.tariff) \($0.component) \($0.volume?.description ?? "-") \($0.amount)" }, [
            "residential-monthly water 22.000 91.52",
            "residential-monthly water 6.000 33.60",
            "commercial-flat water 12.000 51.60",
            "commercial-flat sewage 11.400 17.10",
            "commercial-flat service - 3.00",  // 30 % of the service charge
            "commercial-flat VAT - 6.45",
        ])
        XCTAssertEqual(try totalText(breakdown), "203.27")
        // Litre remainders go by the sequential rule: 70 % of 35.001 m³ = 24.5007 → 24.501, the rest 10.500.
        let odd = try TariffEngine.priceSplit(consumption: m3("35.001"), span: october, context: PricingContext(),
                                              shares: shares.map { (tariff: $0.0, percent: $0.1) })
        XCTAssertEqual(try odd.volume(of: "water"), m3("35.001"))
        XCTAssertEqual(try Volume.sum(odd.lines.filter { $0.tariff == "commercial-flat" && $0.component == "water" }.compactMap(\.volume)), m3("10.5"))
        XCTAssertThrowsError(try TariffEngine.priceSplit(consumption: m3("1"), span: october, context: PricingContext(),
                                                         shares: [(tariff: shares[0].0, percent: FixedDecimal(60))])) {
            XCTAssertEqual("\($0)", "the split's percentages add up to 60, expected 100")
        }
    }

    func testHalfEvenAgainstHalfUpOnAnExactHalf() throws {
        func text(_ rule: String) -> String {
            "name = \"r\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\nrounding = \"\(rule)\"\n[components.water]\nrate = 2.45\n"
        }
        // 0.5 m³ × 2.45 = 1.225, exactly half a fen.
        XCTAssertEqual(try totalText(quote(tariff([text("half-up")]), "0.5", october)), "1.23")
        XCTAssertEqual(try totalText(quote(tariff([text("half-even")]), "0.5", october)), "1.22")
        XCTAssertEqual(try totalText(quote(tariff([text("down")]), "0.5", october)), "1.22")
        // 1.5 m³ × 2.45 = 3.675: half-even goes up to the even 3.68.
        XCTAssertEqual(try totalText(quote(tariff([text("half-even")]), "1.5", october)), "3.68")
    }

    func testRoundingPerComponentMergesTiersIntoOneLine() throws {
        let text = try String(contentsOfFile: "\(exampleTariffs)/residential-monthly.toml", encoding: .utf8)
            + "\n" // the key must be at the top level, before any table
        let scoped = text.replacingOccurrences(of: "tier-cycle = \"monthly\"", with: "tier-cycle = \"monthly\"\nrounding-per = \"component\"")
        let breakdown = try quote(tariff([scoped]), "35", october)
        XCTAssertEqual(describe(breakdown), ["volume water 1-3 2026-10-01..2026-10-31 v1 35.000 184.82"])
        XCTAssertEqual(describe(try quote(tariff([scoped]), "20", october)), ["volume water 1 2026-10-01..2026-10-31 v1 20.000 4.16 83.20"])
    }

    func testRefusals() throws {
        let monthly = try exampleTariff("residential-monthly")
        let late = try tariff([try String(contentsOfFile: "\(exampleTariffs)/residential-monthly.toml", encoding: .utf8)])
        XCTAssertThrowsError(try quote(monthly, "-1", october)) {
            XCTAssertEqual($0 as? PricingError, .negativeVolume(m3("-1")))
        }
        let dated = Tariff(id: 1, name: late.name, kind: late.kind, currency: late.currency,
                           versions: [TariffVersion(number: 1, effectiveFrom: day("2026-10-10"), definition: late.versions[0].definition)])
        XCTAssertThrowsError(try quote(dated, "1", october)) {
            XCTAssertEqual("\($0)", "tariff 'residential-monthly' has no version in effect on 2026-10-01; its first version starts 2026-10-10")
            XCTAssertEqual(($0 as? ClassifiedError)?.failureKind, .refused)
        }
    }

    func testDefaultSpanIsTheWholeCycleContainingTheDay() throws {
        XCTAssertEqual(TariffEngine.defaultSpan(for: try exampleTariff("residential-annual"), on: day("2026-11-23")), year2026)
        XCTAssertEqual(TariffEngine.defaultSpan(for: try exampleTariff("residential-monthly"), on: day("2026-10-09")), october)
        XCTAssertEqual(TariffEngine.defaultSpan(for: try exampleTariff("prepaid-card"), on: day("2026-10-31")), october)
    }
}
