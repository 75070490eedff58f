import WaterBilling
import XCTest
import WBillSupport

/// The keys for sheets' charges (issue 11): each reads into the model, and each mistake is
/// reported at its value with what was expected.
final class TariffFileSheetKeysTests: XCTestCase {
    /// A valid tariff with monthly tiers 0-10 / above; tests append tables (line 10 on).
    let base = """
        name = "t"
        kind = "postpaid"
        currency = "CNY"
        tier-cycle = "monthly"
        [[tiers]]
        up-to = 10
        [[tiers]]
        [components.water]
        rates = [1, 2]

        """

    private func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try definition(text), file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, file: file, line: line)
            XCTAssertEqual((error as? ClassifiedError)?.failureKind, .badInput, file: file, line: line)
        }
    }

    private func scheme(_ text: String) throws -> PricedScheme {
        guard case .priced(let scheme) = try definition(text).body else { throw XCTSkip("not priced") }
        return scheme
    }

    func testEverySheetKeyReadsIntoTheModel() throws {
        let scheme = try scheme("""
            name = "t"
            kind = "postpaid"
            currency = "CNY"
            proration = "read-cycle"
            read-cycle-tolerance = 2
            tier-cycle = "four-monthly"
            [[tiers]]
            up-to = 10
            [[tiers]]
            [components.water]
            rates = [1, 2]
            [components.sewer]
            tiers = [{ up-to = 5 }, {}]
            rates = [3, 0]
            minimum = { amount = 28.87, per = "monthly", includes = 3 }
            [fixed-charges.standing]
            per = "daily"
            amount = 0.0375
            [fixed-charges.band]
            per = "annual"
            band-volume = "annual"
            by-volume = [{ up-to = 100, amount = 40 }, { amount = 75.123456 }]
            [minimum-charge]
            amount = 24.10
            per = "monthly"
            includes = 3.5
            """)
        XCTAssertEqual(scheme.proration, .readCycle(toleranceDays: 2))
        XCTAssertEqual(scheme.tierCycle, .fourMonthly)
        XCTAssertNil(scheme.components[0].tiers)
        XCTAssertEqual(scheme.components[1].tiers?.map { $0.upTo?.description }, ["5.000", nil])
        XCTAssertEqual(scheme.components[1].minimum, MinimumCharge(amount: try FixedDecimal(parsing: "28.87"), per: .cycle(.monthly),
                                                                  includes: m3("3")))
        XCTAssertEqual(scheme.fixedCharges[0].per, .daily)
        XCTAssertEqual(scheme.fixedCharges[0].amount?.description, "0.0375")
        XCTAssertEqual(scheme.fixedCharges[1].byVolume, VolumeBands(basis: .annual, bands: [
            VolumeBand(upTo: m3("100"), amount: FixedDecimal(40)), VolumeBand(upTo: nil, amount: try FixedDecimal(parsing: "75.123456")),
        ]))
        XCTAssertEqual(scheme.fixedCharges[1].byVolume?.bands[0].amount.description, "40.00")  // at least the currency's decimals
        XCTAssertEqual(scheme.minimumCharge?.includes, m3("3.5"))
        // Defaults: calendar proration, the read-cycle tolerance 3 days, bands on the billed volume.
        XCTAssertEqual(try self.scheme(base).proration, .calendar)
        XCTAssertEqual(try self.scheme(base.replacingOccurrences(of: "tier-cycle", with: "proration = \"read-cycle\"\ntier-cycle")).proration,
                       .readCycle(toleranceDays: 3))
        XCTAssertEqual(try self.scheme(base + "[fixed-charges.s]\nper = \"monthly\"\nby-volume = [{ up-to = 5, amount = 1 }, { amount = 2 }]\n")
            .fixedCharges[0].byVolume?.basis, .period)
    }

    func testProrationMistakes() {
        func top(_ lines: String) -> String { base.replacingOccurrences(of: "tier-cycle", with: lines + "\ntier-cycle") }
        assertError(top("proration = \"read-cylce\""),
                    "tariff.toml:4:13: proration: unknown proration convention \"read-cylce\" (did you mean \"read-cycle\"?); "
                        + "expected one of: calendar, read-cycle, days-365, days-in-year")
        assertError(top("proration = \"read-cycle\"\nread-cycle-tolerance = 16"),
                    "tariff.toml:5:24: read-cycle-tolerance: expected a number of days from 0 to 15, found \"16\"")
        assertError(top("proration = \"days-365\"\nread-cycle-tolerance = 2"),
                    "tariff.toml:5:24: read-cycle-tolerance: a tolerance applies only to proration = \"read-cycle\" "
                        + "(this tariff's proration is \"days-365\")")
        assertError(base.replacingOccurrences(of: "\"monthly\"", with: "\"weekly\""),
                    "tariff.toml:4:14: tier-cycle: unknown tier cycle \"weekly\"; "
                        + "expected one of: monthly, bimonthly, quarterly, four-monthly, half-yearly, annual")
    }

    func testComponentTierMistakes() {
        assertError(base + "[components.sewer]\nrate = 1\ntiers = [{ up-to = 5 }, {}]\n",
                    "tariff.toml:12:9: components.sewer.tiers: a component's own tiers need `rates`, one per tier "
                        + "(a single `rate` would not use them)")
        assertError(base + "[components.sewer]\nrates = [1, 2, 3]\ntiers = [{ up-to = 5 }, {}]\n",
                    "tariff.toml:11:9: components.sewer.rates: expected 2 rates (one per tier), found 3")
        assertError(base + "[components.sewer]\nrates = [1, 2, 3]\ntiers = [{ up-to = 5 }, { up-to = 4 }, {}]\n",
                    "tariff.toml:12:35: components.sewer.tiers[1].up-to: tiers are out of order: expected a volume above 5 "
                        + "(where components.sewer.tiers[0] ends), found \"4\"")
        assertError(base + "[components.sewer]\nrates = [1, 2]\ntiers = []\n",
                    "tariff.toml:12:9: components.sewer.tiers: expected at least one tier, such as [{ up-to = 10 }, {}]")
        assertError(base + "[seasons.summer]\nfrom = \"06-01\"\nto = \"08-31\"\nrates = { water = [1, 2], sewer = [1, 2, 3] }\n"
                    + "[components.sewer]\nrates = [1, 2]\ntiers = [{ up-to = 5 }, {}]\n",
                    "tariff.toml:13:35: seasons.summer.rates.sewer: expected 2 rates (one per tier), found 3")
        // Tiers of a component need a cycle as the shared ones do.
        assertError("name = \"t\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n[components.sewer]\nrates = [1, 0]\ntiers = [{ up-to = 5 }, {}]\n",
                    "tariff.toml:1:1: missing required key `tier-cycle` at the top level: tiers need a cycle "
                        + "(one of: monthly, bimonthly, quarterly, four-monthly, half-yearly, annual)")
    }

    func testChargeAndMinimumMistakes() {
        assertError(base + "[fixed-charges.s]\nper = \"weekly\"\namount = 1\n",
                    "tariff.toml:11:7: fixed-charges.s.per: unknown period \"weekly\"; "
                        + "expected one of: daily, monthly, bimonthly, quarterly, four-monthly, half-yearly, annual")
        assertError(base + "[fixed-charges.s]\nper = \"daily\"\namount = 0.1234567\n",
                    "tariff.toml:12:10: fixed-charges.s.amount: expected an amount ≥ 0 with at most 6 decimals, found \"0.1234567\"")
        assertError(base + "[components.sewer]\nrate = 1\nminimum = { amount = 5, per = \"monthly\", includes = 0 }\n",
                    "tariff.toml:12:53: components.sewer.minimum.includes: expected a volume above 0 with at most 3 decimals, found \"0\"")
        assertError(base + "[components.sewer]\nrate = 1\nminimum = { amount = 5, per = \"monthly\", include = 2 }\n",
                    "tariff.toml:12:42: unknown key `include` in [components.sewer.minimum] (did you mean `includes`?); "
                        + "expected one of: amount, per, includes")
    }

    func testVolumeBandMistakes() {
        func charge(_ lines: String) -> String { base + "[fixed-charges.s]\nper = \"annual\"\n" + lines + "\n" }
        assertError(charge("amount = 5\nby-volume = [{ up-to = 5, amount = 1 }, { amount = 2 }]"),
                    "tariff.toml:12:10: fixed-charges.s.amount: a charge banded by volume takes its amounts from `by-volume`; remove `amount`")
        assertError(charge("by-volume = [{ up-to = 5, amount = 1 }, { up-to = 6, amount = 2 }]"),
                    "tariff.toml:12:51: fixed-charges.s.by-volume[1].up-to: the last band is open-ended: remove `up-to` "
                        + "(volumes above the band before fall in it)")
        assertError(charge("by-volume = [{ up-to = 5, amount = 1 }, { up-to = 5, amount = 2 }, { amount = 3 }]"),
                    "tariff.toml:12:51: fixed-charges.s.by-volume[1].up-to: bands are out of order: expected a volume above 5 "
                        + "(where fixed-charges.s.by-volume[0] ends), found \"5\"")
        assertError(charge("amount = 5\nband-volume = \"annual\""),
                    "tariff.toml:13:15: fixed-charges.s.band-volume: `band-volume` says which volume picks a `by-volume` band; add `by-volume`")
        assertError(charge("band-volume = \"yearly\"\nby-volume = [{ up-to = 5, amount = 1 }, { amount = 2 }]"),
                    "tariff.toml:12:15: fixed-charges.s.band-volume: unknown band volume \"yearly\"; expected one of: period, annual")
        assertError(charge("by-volume = [{ amount = 2 }]"),
                    "tariff.toml:12:13: fixed-charges.s.by-volume: expected at least two bands, "
                        + "such as [{ up-to = 100, amount = 40.00 }, { amount = 75.00 }]")
        assertError(charge("by-volume = [{ up-to = 5, amount = 1 }, { amount = -2 }]"),
                    "tariff.toml:12:52: fixed-charges.s.by-volume[1].amount: expected an amount ≥ 0 with at most 6 decimals, found \"-2\"")
    }
}
