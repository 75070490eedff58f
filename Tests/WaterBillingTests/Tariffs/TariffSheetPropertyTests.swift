import WaterBilling
import WBillTestSupport
import XCTest
import WBillSupport

/// Properties of the engine over generated tariffs that use every charge sheets state (issue 11):
/// proration conventions, four- and six-month cycles, a component's own tiers and minimum,
/// minimums that include a volume, daily and sub-cent charges, charges banded by volume; and the
/// same split asked for in every way. Deterministic: SplitMix64.
final class TariffSheetPropertyTests: XCTestCase {
    private struct Case {
        let tariff: Tariff
        let span: DateSpan
        let context: PricingContext
        let volume: Volume
    }

    func testLinesAlwaysSumToTheTotal() throws {
        var random = SplitMix64(seed: 0x5EE7)
        var seen = Set<String>()  // the generated charges that were priced, so the property covers them all
        for _ in 0..<400 {
            let example = try randomCase(&random)
            let breakdown = try TariffEngine.price(consumption: example.volume, span: example.span, context: example.context,
                                                   tariff: example.tariff)
            for line in breakdown.allLines {
                if line.kind == .minimum { seen.insert(line.exactVolume == nil ? "top-up" : "includes") }
                if line.kind == .fixed { seen.insert(line.component) }
                if line.kind == .volume, line.component == "sewage", line.tiers != nil { seen.insert("tiers") }
                if let volume = line.exactVolume, volume.normalized().scale > 3 { seen.insert("exact share") }
            }
            for version in example.tariff.versions {
                if case .priced(let scheme) = version.definition.body { seen.insert(scheme.proration.name) }
            }
            let sum = breakdown.allLines.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
            XCTAssertEqual(try breakdown.total.minorUnits, sum)
            XCTAssertEqual(try breakdown.net.adding(breakdown.tax), try breakdown.total)
            XCTAssertTrue(breakdown.allLines.allSatisfy { !$0.amount.isNegative }, "\(describe(breakdown))")
        }
        XCTAssertEqual(seen, Set(["top-up", "includes", "service", "band", "tiers", "exact share"] + ProrationConvention.names))
    }

    func testMoreVolumeNeverCostsLess() throws {
        var random = SplitMix64(seed: 0xD0_5EE7)
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

    func testTheSameSplitGivesTheSameTotalHoweverItIsAskedFor() throws {
        var random = SplitMix64(seed: 0x5917)
        for _ in 0..<150 {
            let count = Int.random(in: 2...3, using: &random)
            let members = try (0..<count).map { index in try tariff([randomTariffText(&random, name: "part\(index)")]) }
            // Percentages with up to 2 decimals adding up to exactly 100.
            var left = 10_000
            let hundredths = (0..<count).map { index -> Int in
                guard index < count - 1 else { return left }
                let part = Int.random(in: 1...(left - (count - 1 - index)), using: &random)
                left -= part
                return part
            }
            let percents = hundredths.map { try! FixedDecimal(units: Int64($0), scale: 2) }
            let splitText = "name = \"mix\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n[split]\n"
                + zip(members, percents).map { "\($0.name) = \($1)" }.joined(separator: "\n") + "\n"
            let proportional = try tariff([splitText])
            let resolve: (String) throws -> Tariff = { name in members.first { $0.name == name }! }
            let shuffled = zip(members, percents).map { (tariff: $0, percent: $1) }.shuffled(using: &random)
            let start = day("2026-01-01").adding(days: Int.random(in: 0...800, using: &random))
            let span = try DateSpan(from: start, through: start.adding(days: Int.random(in: 0...120, using: &random)))
            let volume = Volume(litres: Int64.random(in: 0...400_000, using: &random))
            let context = randomContext(&random)
            // With dates: the proportional tariff, and --split in any order.
            let asTariff = try TariffEngine.price(consumption: volume, span: span, context: context, tariff: proportional, resolve: resolve)
            let asSplit = try TariffEngine.priceSplit(consumption: volume, span: span, context: context, shares: shuffled)
            XCTAssertEqual(try asSplit.total, try asTariff.total, "\(splitText) \(volume) over \(span)")
            XCTAssertEqual(Set(describe(asSplit)), Set(describe(asTariff)))
            // Without dates: whole cycles, whichever way.
            let wholeTariff = try TariffEngine.priceWholeCycle(consumption: volume, on: start, context: context, tariff: proportional,
                                                               resolve: resolve)
            let wholeSplit = try TariffEngine.priceSplitWholeCycles(consumption: volume, on: start, context: context, shares: shuffled)
            XCTAssertEqual(try wholeSplit.total, try wholeTariff.total, "\(splitText) \(volume) on \(start)")
            XCTAssertEqual(Set(describe(wholeSplit)), Set(describe(wholeTariff)))
            // Each part is priced over its own tariff's whole cycle containing the day.
            for member in members {
                let cycle = TariffEngine.defaultSpan(for: member, on: start)
                XCTAssertTrue(wholeSplit.allLines.filter { $0.tariff == member.name }
                                .allSatisfy { cycle.contains($0.span.first) && cycle.contains($0.span.last) },
                              "\(member.name) priced outside its own cycle \(cycle)")
            }
        }
    }

    // MARK: - Generated tariffs

    private func randomCase(_ random: inout SplitMix64) throws -> Case {
        let versions = Int.random(in: 1...3, using: &random)
        let start = day("2026-01-01").adding(days: Int.random(in: 0...800, using: &random))
        let span = try DateSpan(from: start, through: start.adding(days: Int.random(in: 0...130, using: &random)))
        let effective = (1..<versions).map { index in span.first.adding(days: index * Int.random(in: 1...60, using: &random)).description }
        let tariff = try tariff((0..<versions).map { _ in randomTariffText(&random) }, effective: effective)
        return Case(tariff: tariff, span: span, context: randomContext(&random),
                    volume: Volume(litres: Int64.random(in: 0...400_000, using: &random)))
    }

    private func randomContext(_ random: inout SplitMix64) -> PricingContext {
        PricingContext(persons: Int.random(in: 1...9, using: &random),
                       sewageVolume: Bool.random(using: &random) ? Volume(litres: Int64.random(in: 0...90_000, using: &random)) : nil,
                       annualVolume: Volume(litres: Int64.random(in: 0...2_000_000, using: &random)))
    }

    /// A random priced tariff using the sheets' keys; `water` is always on 100 % of the water.
    private func randomTariffText(_ random: inout SplitMix64, name: String = "sheet") -> String {
        func pick(_ choices: [String]) -> String { choices.randomElement(using: &random)! }
        func amount(below limit: Int, decimals: Int) -> String { decimal(&random, below: limit, decimals: decimals) }
        var text = "name = \"\(name)\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n"
        text += "rounding = \"\(pick(["half-up", "half-even", "down"]))\"\nrounding-per = \"\(pick(["line", "component"]))\"\n"
        let proration = pick(ProrationConvention.names)
        text += "proration = \"\(proration)\"\n"
        if proration == "read-cycle", Bool.random(using: &random) { text += "read-cycle-tolerance = \(Int.random(in: 0...15, using: &random))\n" }
        text += "tier-cycle = \"\(pick(TariffCycle.allCases.map(\.rawValue)))\"\n"
        text += "year-start = \"\(twoDigits(Int.random(in: 1...12, using: &random)))-\(twoDigits(Int.random(in: 1...28, using: &random)))\"\n"
        /// The bounds of `count` tiers (the last is open), in litres.
        func bounds(_ count: Int) -> [String] {
            var bound = 0
            return (0..<(count - 1)).map { _ in
                bound += Int.random(in: 1...40_000, using: &random)
                return decimalText(units: Int64(bound), scale: 3)
            }
        }
        func rates(_ count: Int, flatAllowed: Bool = true) -> String {
            guard count > 0, !flatAllowed || Bool.random(using: &random) else { return "rate = \(amount(below: 12, decimals: 4))" }
            return "rates = [" + (0..<count).map { _ in amount(below: 12, decimals: 4) }.joined(separator: ", ") + "]"
        }
        func minimum() -> String {
            "minimum = { amount = \(amount(below: 60, decimals: 4)), per = \"\(pick(ChargePeriod.spellings))\""
                + (Bool.random(using: &random) ? ", includes = \(Int.random(in: 0...40, using: &random)).5" : "") + " }"
        }
        let shared = Int.random(in: 0...4, using: &random)
        let own = Int.random(in: 0...3, using: &random)
        var body = shared == 0 ? "" : bounds(shared).map { "[[tiers]]\nup-to = \($0)\n" }.joined() + "[[tiers]]\n"
        if shared + own > 0, Bool.random(using: &random) { body += "\n[per-capita]\nbase-persons = 4\nextra-per-person = 2.5\n" }
        body += "\n[components.water]\n\(rates(shared))\n"
        if Bool.random(using: &random) { body += minimum() + "\n" }
        body += "\n[components.sewage]\nshare = \(decimalText(units: Int64.random(in: 1...1_000_000, using: &random), scale: 4))\n"
        body += "basis = \"sewage\"\n"
        if own > 0 {
            body += "tiers = [" + (bounds(own).map { "{ up-to = \($0) }" } + ["{}"]).joined(separator: ", ") + "]\n"
            body += rates(own, flatAllowed: false) + "\n"
        } else {
            body += rates(shared) + "\n"
        }
        if Bool.random(using: &random) { body += minimum() + "\n" }
        if Bool.random(using: &random) {
            body += "\n[seasons.peak]\nfrom = \"0\(Int.random(in: 5...7, using: &random))-0\(Int.random(in: 1...9, using: &random))\"\n"
            body += "to = \"\(Int.random(in: 10...12, using: &random))-1\(Int.random(in: 0...9, using: &random))\"\nrates = { water = 7.25 }\n"
        }
        if Bool.random(using: &random) {
            body += "\n[fixed-charges.service]\nper = \"\(pick(ChargePeriod.spellings))\"\namount = \(amount(below: 30, decimals: 6))\n"
        }
        if Bool.random(using: &random) {
            // Bands with non-decreasing amounts, so that more volume never costs less.
            var bound = 0, price = 0
            let count = Int.random(in: 2...4, using: &random)
            let bands = (0..<count).map { index -> String in
                price += Int.random(in: 0...5_000_000, using: &random)
                let money = decimalText(units: Int64(price), scale: 6)
                guard index < count - 1 else { return "{ amount = \(money) }" }
                bound += Int.random(in: 1...300_000, using: &random)
                return "{ up-to = \(decimalText(units: Int64(bound), scale: 3)), amount = \(money) }"
            }
            body += "\n[fixed-charges.band]\nper = \"\(pick(ChargePeriod.spellings))\"\nband-volume = \"\(pick(["period", "annual"]))\"\n"
            body += "by-volume = [" + bands.joined(separator: ", ") + "]\n"
        }
        if Bool.random(using: &random) {
            body += "\n[minimum-charge]\namount = \(amount(below: 60, decimals: 2))\nper = \"\(pick(ChargePeriod.spellings))\"\n"
            if Bool.random(using: &random) { body += "includes = \(Int.random(in: 0...30, using: &random)).25\n" }
        }
        if Bool.random(using: &random) { body += "\n[tax]\npercent = \(amount(below: 20, decimals: 2))\n" }
        return text + "\n" + body
    }

    /// A random decimal text with up to `decimals` decimals in `0..<limit`.
    private func decimal(_ random: inout SplitMix64, below limit: Int, decimals: Int) -> String {
        let scale = Int.random(in: 0...decimals, using: &random)
        let units = Int.random(in: 0..<(limit * Int((0..<scale).reduce(1) { value, _ in value * 10 })), using: &random)
        return decimalText(units: Int64(units), scale: scale)
    }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    private func decimalText(units: Int64, scale: Int) -> String {
        try! FixedDecimal(units: units, scale: scale).description
    }
}
