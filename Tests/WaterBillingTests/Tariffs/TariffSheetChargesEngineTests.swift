import WaterBilling
import XCTest
import WBillSupport

/// The sheets' charges where they meet the other rules: splits, per-capita widening, seasons,
/// rounding per component. Each expectation is worked out in the comments.
final class TariffSheetChargesEngineTests: XCTestCase {
    let october = span("2026-10-01", "2026-10-31")

    func testABandIsPickedByTheMetersWholeVolumeAndAnIncludedVolumeBySharesInASplit() throws {
        let banded = try tariff(["""
            name = "banded"
            kind = "postpaid"
            currency = "CNY"
            [components.water]
            rate = 1.00
            [fixed-charges.service]
            per = "monthly"
            by-volume = [{ up-to = 10, amount = 5.00 }, { amount = 8.00 }]
            """])
        let minimum = try tariff(["""
            name = "minimum"
            kind = "postpaid"
            currency = "CNY"
            [components.water]
            rate = 2.00
            [minimum-charge]
            amount = 24.10
            per = "monthly"
            includes = 3
            """])
        let breakdown = try TariffEngine.priceSplit(consumption: m3("12"), span: october, context: PricingContext(),
                                                    shares: [(tariff: banded, percent: FixedDecimal(50)), (tariff: minimum, percent: FixedDecimal(50))])
        // 12 m³ split 50/50: 6 each.
        //   banded:  6 × 1.00 = 6.00; the meter's 12 m³ is above 10, so the service is 8.00, × 50 % = 4.00
        //   minimum: the part carries 50 % of the minimum, 12.05, and of the 3 it includes, 1.500;
        //            4.500 × 2.00 = 9.00
        XCTAssertEqual(describe(breakdown), [
            "volume water 2026-10-01..2026-10-31 v1 6.000 1.00 6.00",
            "volume water 2026-10-01..2026-10-31 v1 4.500 2.00 9.00",
            "fixed service 2026-10-01..2026-10-31 v1 8.00 4.00",
            "minimum minimum 2026-10-01..2026-10-31 v1 1.500 24.10 12.05",
        ])
        XCTAssertEqual(try totalText(breakdown), "31.05")
    }

    func testAComponentsOwnTiersAreWidenedPerPersonAndTakeSeasonRates() throws {
        let text = """
            name = "own"
            kind = "postpaid"
            currency = "CNY"
            tier-cycle = "monthly"
            [per-capita]
            base-persons = 4
            extra-per-person = 2
            [components.water]
            rate = 1.00
            [components.sewer]
            tiers = [{ up-to = 10 }, {}]
            rates = [3.00, 0.50]
            [seasons.summer]
            from = "07-01"
            to = "08-31"
            rates = { sewer = [4.00, 1.00] }
            """
        // 6 persons: the sewer's threshold 10 is widened by 2 × 2 = 4 to 14.
        //   October: 20 m³ of sewer: 14 × 3.00 = 42.00; 6 × 0.50 = 3.00
        XCTAssertEqual(describe(try quote(tariff([text]), "20", october, PricingContext(persons: 6))), [
            "volume water 2026-10-01..2026-10-31 v1 20.000 1.00 20.00",
            "volume sewer 1 2026-10-01..2026-10-31 v1 14.000 3.00 42.00",
            "volume sewer 2 2026-10-01..2026-10-31 v1 6.000 0.50 3.00",
        ])
        //   July, in the summer season: 14 × 4.00 = 56.00; 6 × 1.00 = 6.00
        XCTAssertEqual(describe(try quote(tariff([text]), "20", span("2026-07-01", "2026-07-31"), PricingContext(persons: 6))).suffix(2), [
            "volume sewer 1 2026-07-01..2026-07-31 v1 summer 14.000 4.00 56.00",
            "volume sewer 2 2026-07-01..2026-07-31 v1 summer 6.000 1.00 6.00",
        ])
        // Rounding per component merges a component's own tiers into one line: 42.00 + 3.00 = 45.00.
        let merged = text.replacingOccurrences(of: "tier-cycle", with: "rounding-per = \"component\"\ntier-cycle")
        XCTAssertEqual(describe(try quote(tariff([merged]), "20", october, PricingContext(persons: 6))).last,
                       "volume sewer 1-2 2026-10-01..2026-10-31 v1 20.000 45.00")
    }

    func testAComponentsMinimumWithoutIncludesTopsUpThatComponentOnly() throws {
        let text = """
            name = "floor"
            kind = "postpaid"
            currency = "CNY"
            [components.water]
            rate = 1.00
            [components.sewer]
            rate = 2.00
            minimum = { amount = 10.00, per = "monthly" }
            """
        // 3 m³: sewer 3 × 2.00 = 6.00 is below its 10.00 minimum: a 4.00 top-up; water is not counted.
        XCTAssertEqual(describe(try quote(tariff([text]), "3", october)), [
            "volume water 2026-10-01..2026-10-31 v1 3.000 1.00 3.00",
            "volume sewer 2026-10-01..2026-10-31 v1 3.000 2.00 6.00",
            "minimum sewer 2026-10-01..2026-10-31 v1 10.00 4.00",
        ])
        // 6 m³: sewer 12.00 is above it: no minimum line.
        XCTAssertEqual(describe(try quote(tariff([text]), "6", october)).count, 2)
    }
}
