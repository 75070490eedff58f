import WaterBilling
import WBillTestSupport
import XCTest
import WBillSupport

/// Properties of the engine over generated tariffs, volumes and spans (deterministic: SplitMix64).
final class TariffPropertyTests: XCTestCase {
    /// A random decimal text with up to `decimals` decimals in `0..<limit`.
    private func decimal(_ random: inout SplitMix64, below limit: Int, decimals: Int) -> String {
        let scale = Int.random(in: 0...decimals, using: &random)
        let units = Int.random(in: 0..<(limit * Int(pow10(scale))), using: &random)
        return decimalText(units: Int64(units), scale: scale)
    }

    private func pow10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }

    /// A random priced tariff; its first component is always `water` on 100 % of the water volume.
    private func randomTariffText(_ random: inout SplitMix64, name: String = "gen") -> String {
        var text = "name = \"\(name)\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n"
        text += "rounding = \"\(["half-up", "half-even", "down"].randomElement(using: &random)!)\"\n"
        text += "rounding-per = \"\(["line", "component"].randomElement(using: &random)!)\"\n"
        let tierCount = Int.random(in: 0...4, using: &random)
        if tierCount > 0 {
            text += "tier-cycle = \"\(["monthly", "bimonthly", "quarterly", "annual"].randomElement(using: &random)!)\"\n"
            text += "year-start = \"\(String(format2: Int.random(in: 1...12, using: &random)))-\(String(format2: Int.random(in: 1...28, using: &random)))\"\n"
        }
        func rates() -> String {
            guard tierCount > 0, Bool.random(using: &random) else { return "rate = \(decimal(&random, below: 12, decimals: 4))" }
            return "rates = [" + (0..<tierCount).map { _ in decimal(&random, below: 12, decimals: 4) }.joined(separator: ", ") + "]"
        }
        var body = ""
        if tierCount > 0, Bool.random(using: &random) { body += "\n[per-capita]\nbase-persons = 4\nextra-per-person = 2.5\n" }
        body += "\n[components.water]\n\(rates())\n"
        body += "\n[components.sewage]\n\(rates())\nshare = \(Int.random(in: 1...100, using: &random))\nbasis = \"sewage\"\n"
        if Bool.random(using: &random) {
            body += "\n[seasons.peak]\nfrom = \"0\(Int.random(in: 5...7, using: &random))-0\(Int.random(in: 1...9, using: &random))\"\n"
            body += "to = \"\(Int.random(in: 10...12, using: &random))-1\(Int.random(in: 0...9, using: &random))\"\nrates = { water = 7.25 }\n"
        }
        if Bool.random(using: &random) {
            body += "\n[fixed-charges.service]\nper = \"\(["monthly", "quarterly"].randomElement(using: &random)!)\"\namount = \(decimal(&random, below: 30, decimals: 2))\n"
        }
        if Bool.random(using: &random) { body += "\n[minimum-charge]\namount = \(decimal(&random, below: 60, decimals: 2))\nper = \"monthly\"\n" }
        if Bool.random(using: &random) { body += "\n[tax]\npercent = \(decimal(&random, below: 20, decimals: 2))\n" }
        var bound = 0
        let tiers = (0..<tierCount).map { index -> String in
            guard index < tierCount - 1 else { return "\n[[tiers]]\n" }
            bound += Int.random(in: 1...40_000, using: &random)
            return "\n[[tiers]]\nup-to = \(decimalText(units: Int64(bound), scale: 3))\n"
        }.joined()
        return text + tiers + body
    }

    private struct Case {
        let tariff: Tariff
        let span: DateSpan
        let context: PricingContext
        let volume: Volume
    }

    private func randomCase(_ random: inout SplitMix64) throws -> Case {
        let versions = Int.random(in: 1...3, using: &random)
        let start = day("2026-01-01").adding(days: Int.random(in: 0...400, using: &random))
        let span = try DateSpan(from: start, through: start.adding(days: Int.random(in: 0...120, using: &random)))
        let effective = (1..<versions).map { index in span.first.adding(days: index * Int.random(in: 1...60, using: &random)).description }
        let tariff = try tariff((0..<versions).map { _ in randomTariffText(&random) }, effective: effective)
        let context = PricingContext(persons: Int.random(in: 1...9, using: &random),
                                     sewageVolume: Bool.random(using: &random) ? Volume(litres: Int64.random(in: 0...90_000, using: &random)) : nil)
        return Case(tariff: tariff, span: span, context: context, volume: Volume(litres: Int64.random(in: 0...400_000, using: &random)))
    }

    func testLinesAlwaysSumToTheTotal() throws {
        var random = SplitMix64(seed: 0x7A51FF)
        for _ in 0..<400 {
            let example = try randomCase(&random)
            let breakdown = try TariffEngine.price(consumption: example.volume, span: example.span, context: example.context, tariff: example.tariff)
            let sum = breakdown.allLines.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
            XCTAssertEqual(try breakdown.total.minorUnits, sum)
            XCTAssertEqual(try breakdown.net.adding(breakdown.tax), try breakdown.total)
            XCTAssertTrue(breakdown.allLines.allSatisfy { !$0.amount.isNegative }, "\(describe(breakdown))")
        }
    }

    func testSplittingASpanInTwoNeverLosesOrCreatesVolume() throws {
        var random = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<300 {
            let example = try randomCase(&random)
            guard example.span.days >= 2 else { continue }
            let whole = try TariffEngine.price(consumption: example.volume, span: example.span, context: example.context, tariff: example.tariff)
            XCTAssertEqual(try whole.volume(of: "water"), example.volume, "the whole span")
            let firstDays = Int.random(in: 1..<example.span.days, using: &random)
            let first = try DateSpan(from: example.span.first, through: example.span.first.adding(days: firstDays - 1))
            let second = try DateSpan(from: first.last.adding(days: 1), through: example.span.last)
            let firstVolume = Volume(litres: example.volume.litres * Int64(firstDays) / Int64(example.span.days))
            let secondVolume = try example.volume.subtracting(firstVolume)
            var context = example.context
            context.sewageVolume = nil
            let halves = try [(first, firstVolume), (second, secondVolume)].map {
                try TariffEngine.price(consumption: $0.1, span: $0.0, context: context, tariff: example.tariff)
            }
            XCTAssertEqual(try Volume.sum(halves.map { try $0.volume(of: "water") }), example.volume)
        }
    }

    func testMoreVolumeNeverCostsLess() throws {
        var random = SplitMix64(seed: 0xBADC0DE)
        for _ in 0..<300 {
            let example = try randomCase(&random)
            var previous: Money?
            var volume = example.volume
            for _ in 0..<12 {
                let total = try TariffEngine.price(consumption: volume, span: example.span, context: example.context,
                                                   tariff: example.tariff).total
                if let previous {
                    XCTAssertGreaterThanOrEqual(total, previous, "\(volume) over \(example.span)")
                }
                previous = total
                volume = Volume(litres: volume.litres + Int64.random(in: 0...[1, 7, 1000, 25_000][Int(random.next() % 4)], using: &random))
            }
        }
    }

    func testVolumeIsApportionedToSubPeriodsByDaysExactly() throws {
        // 100 m³ over 2026-05-20..2026-07-09 with a season from 06-01 and a version from 2026-07-01:
        // 12, 30 and 9 days of 51. Sequential rounding: 100 × 12/51 = 23.529 (23 529.4 L), then
        // 76.471 × 30/39 = 58.824 (58 823.8 L), and the last part takes the rest, 17.647.
        let base = "name = \"s\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n[components.water]\nrate = 1\n"
            + "[seasons.summer]\nfrom = \"06-01\"\nto = \"08-31\"\nrates = { water = 2 }\n"
        let breakdown = try quote(tariff([base, base], effective: ["2026-07-01"]), "100", span("2026-05-20", "2026-07-09"))
        XCTAssertEqual(describe(breakdown), [
            "volume water 2026-05-20..2026-05-31 v1 23.529 1 23.53",
            "volume water 2026-06-01..2026-06-30 v1 summer 58.824 2 117.65",
            "volume water 2026-07-01..2026-07-09 v2 summer 17.647 2 35.29",
        ])
    }

    func testNoSubPeriodShrinksWhenTheVolumeGrows() throws {
        // Sub-periods of 1, 30 and 3 days at 90, 0 and 0 per m³. A largest-remainder split would
        // give 17 L as 1/15/1 and 18 L as 0/16/2, so one more litre would cost 0.09 less; the
        // sequential rule never takes a litre away from a part.
        let text = "name = \"s\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n[components.water]\nrate = 90\n"
            + "[seasons.summer]\nfrom = \"06-01\"\nto = \"06-30\"\nrates = { water = 0 }\n"
            + "[seasons.autumn]\nfrom = \"07-01\"\nto = \"09-30\"\nrates = { water = 0 }\n"
        let seasonal = try tariff([text])
        var previous: PriceBreakdown?
        for litres in Int64(0)...300 {
            let breakdown = try TariffEngine.price(consumption: Volume(litres: litres), span: span("2026-05-31", "2026-07-03"),
                                                   context: PricingContext(), tariff: seasonal)
            if let previous {
                for season in [nil, "summer", "autumn"] as [String?] {
                    let before = try Volume.sum(previous.lines.filter { $0.season == season }.compactMap(\.volume))
                    let after = try Volume.sum(breakdown.lines.filter { $0.season == season }.compactMap(\.volume))
                    XCTAssertGreaterThanOrEqual(after, before, "\(litres) L, season \(season ?? "none")")
                }
                XCTAssertGreaterThanOrEqual(try breakdown.total, try previous.total, "\(litres) L")
            }
            previous = breakdown
        }
    }

    func testCyclesFollowTheYearStart() throws {
        func cycleTariff(_ cycle: String, _ start: String) throws -> Tariff {
            try tariff(["name = \"c\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\ntier-cycle = \"\(cycle)\"\nyear-start = \"\(start)\"\n"
                        + "[[tiers]]\nup-to = 10\n[[tiers]]\n[components.water]\nrates = [1, 2]\n"])
        }
        XCTAssertEqual(TariffEngine.defaultSpan(for: try cycleTariff("quarterly", "04-01"), on: day("2026-02-10")), span("2026-01-01", "2026-03-31"))
        XCTAssertEqual(TariffEngine.defaultSpan(for: try cycleTariff("bimonthly", "01-15"), on: day("2026-03-20")), span("2026-03-15", "2026-05-14"))
        XCTAssertEqual(TariffEngine.defaultSpan(for: try cycleTariff("bimonthly", "01-15"), on: day("2026-03-14")), span("2026-01-15", "2026-03-14"))
        XCTAssertEqual(TariffEngine.defaultSpan(for: try cycleTariff("annual", "07-01"), on: day("2026-03-01")), span("2025-07-01", "2026-06-30"))
        XCTAssertEqual(TariffEngine.defaultSpan(for: try cycleTariff("monthly", "01-10"), on: day("2026-01-05")), span("2025-12-10", "2026-01-09"))
        // The first days of the calendar are priced too: this tier year started in year 0, and
        // January 0001 is 31/365 of it: 10 × 31/365 = 0.849 at 1, the other 0.151 at 2.
        XCTAssertEqual(TariffEngine.defaultSpan(for: try cycleTariff("annual", "07-01"), on: day("0001-03-01")).last, day("0001-06-30"))
        XCTAssertEqual(try totalText(quote(try cycleTariff("annual", "07-01"), "1", span("0001-01-01", "0001-01-31"))), "1.15")
        // A half-year of an annual tier year straddling two tier years still counts as 181/365 + 184/365 = 1.
        let annual = try cycleTariff("annual", "07-01")
        XCTAssertEqual(describe(try quote(annual, "20", span("2026-01-01", "2026-12-31"))).first,
                       "volume water 1 2026-01-01..2026-12-31 v1 10.000 1 10.00")
        // Months from the 10th: 01-10..02-09 whole (31/31) and 11 of the 28 days from 02-10, so the
        // threshold 10 becomes 10 × (1 + 11/28) = 13.929 (13 928.6 L, rounded half-up to the litre).
        XCTAssertEqual(describe(try quote(try cycleTariff("monthly", "01-10"), "20", span("2026-01-10", "2026-02-20"))).first,
                       "volume water 1 2026-01-10..2026-02-20 v1 13.929 1 13.93")
    }
}

private extension String {
    /// Two digits with a leading zero.
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : String(value)
    }
}

/// `units / 10^scale` as text.
private func decimalText(units: Int64, scale: Int) -> String {
    try! FixedDecimal(units: units, scale: scale).description
}
