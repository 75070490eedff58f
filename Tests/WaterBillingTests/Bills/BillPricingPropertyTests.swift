@testable import WaterBilling
import WBillSupport
import WBillTestSupport
import XCTest

/// A bill's lines are exactly what the tariff engine — the call `tariff quote` makes — gives for
/// the bill's tariff, volume, days, persons and caliber, over generated towns: generated tariffs
/// (tiers, per-capita widening, a sewage component, fixed charges by caliber, seasons, tax, price
/// changes mid-period) and generated accounts (household sizes, one to three meters of mixed
/// calibers, readings at random times, sewage bases). The bill's own facts are checked against
/// what the generated readings say, independently of the bill run.
final class BillPricingPropertyTests: XCTestCase {
    static let calibers = [15, 20, 25]

    /// A random monthly-tiered tariff with a water and a sewage component.
    private func tariffText(_ random: inout SplitMix64, rateScale: Int) -> String {
        func rate() -> String { "\(Int.random(in: 1...9, using: &random)).\(Int.random(in: 10...99, using: &random))" }
        let tiers = Int.random(in: 1...3, using: &random)
        var text = """
            name = "gen"
            kind = "postpaid"
            currency = "CNY"
            rounding = "\(["half-up", "half-even", "down"].randomElement(using: &random)!)"
            tier-cycle = "monthly"

            """
        var bound = 0
        for index in 0..<tiers {
            text += "\n[[tiers]]\n"
            if index < tiers - 1 {
                bound += Int.random(in: 3...25, using: &random)
                text += "up-to = \(bound)\n"
            }
        }
        if Bool.random(using: &random) { text += "\n[per-capita]\nbase-persons = 4\nextra-per-person = 1.5\n" }
        text += "\n[components.water]\nrates = [" + (0..<tiers).map { _ in rate() }.joined(separator: ", ") + "]\n"
        text += "\n[components.sewage]\nrate = \(rate())\nshare = \(Int.random(in: 50...100, using: &random))\nbasis = \"sewage\"\n"
        if Bool.random(using: &random) {
            text += "\n[fixed-charges.service]\nper = \"monthly\"\nby-caliber = { 15 = \(rate()), 20 = \(rate()), 25 = \(rate()) }\n"
        }
        if Bool.random(using: &random) { text += "\n[seasons.peak]\nfrom = \"10-\(10 + rateScale % 10)\"\nto = \"12-31\"\nrates = { water = 7.25 }\n" }
        if Bool.random(using: &random) { text += "\n[tax]\npercent = \(Int.random(in: 1...13, using: &random))\n" }
        return text
    }

    func testEveryBillsLinesAreTheEnginesForTheBillsFacts() throws {
        var random = SplitMix64(seed: 1013)
        var billsChecked = 0
        for round in 0..<6 {
            let town = try Town(random: &random, tariffs: (0..<2).map { _ in [tariffText(&random, rateScale: round), tariffText(&random, rateScale: round)] },
                                round: round)
            let result = try BillRun(database: town.database).run(
                BillRunRequest(period: CalendarPeriod(.month, containing: day("2026-10-01")), cycle: .monthly, batchSize: 7),
                audit: town.audit, today: day("2026-11-05"))
            XCTAssertEqual(result.counts.billed, town.accounts.count, "round \(round): \(result.notBilled)")
            let store = BillStore(database: town.database)
            for account in town.accounts {
                let bills = try store.list(BillFilter(accountNumber: account.number))
                XCTAssertEqual(bills.count, 1, "round \(round) \(account.number)")
                guard let bill = bills.first else { continue }
                // The bill's facts, from the generated readings and registration.
                XCTAssertEqual(bill.volume, account.expectedVolume, "round \(round) \(account.number) volume")
                XCTAssertEqual(bill.persons, account.persons)
                XCTAssertEqual(bill.caliber, account.calibers.max())
                XCTAssertEqual(bill.span, try DateSpan(from: day("2026-10-01"), through: day("2026-10-31")))
                XCTAssertEqual(bill.sewageVolume, account.sewageBasis, "a whole month is the monthly basis")
                // Its lines: the engine's for those facts, exactly, and nothing else.
                let tariff = try TariffStore(database: town.database).pricingTariff(named: account.tariff)
                let quoted = try TariffEngine.price(
                    consumption: bill.volume, span: bill.span,
                    context: PricingContext(persons: bill.persons, caliber: bill.caliber, sewageVolume: bill.sewageVolume), tariff: tariff)
                XCTAssertEqual(try store.lines(of: bill), quoted.allLines, "round \(round) \(account.number)")
                XCTAssertEqual(bill.total, try quoted.total)
                let charge = try XCTUnwrap(try town.database.scalarInt("SELECT amount FROM ledger_entries WHERE id = ?", [bill.ledgerEntryID ?? -1]))
                XCTAssertEqual(charge, -bill.total.minorUnits)
                billsChecked += 1
            }
        }
        XCTAssertGreaterThan(billsChecked, 60)
    }
}

/// A generated town in an in-memory database: tariffs (two versions each, the second from
/// mid-October), a customer type per tariff, accounts opened on 2026-09-01 with readings taken
/// in September and October.
private final class Town {
    struct GeneratedAccount {
        let number: String
        let tariff: String
        let persons: Int
        let calibers: [Int]
        /// The consumption its readings add up to by the end of October.
        let expectedVolume: Volume
        let sewageBasis: Volume?
    }

    let database: Database
    var time = Timestamp(millisecondsSinceEpoch: 1_788_249_600_000)  // 2026-09-01
    var accounts: [GeneratedAccount] = []

    var audit: AuditTrail {
        AuditTrail(database: database, context: AuditContext(operatorName: "tester", command: "test", time: time))
    }

    init(random: inout SplitMix64, tariffs: [[String]], round: Int) throws {
        database = try Database(path: ":memory:", mode: .create)
        try Migrator().migrate(database, context: AuditContext(operatorName: "tester", command: "test", time: time))
        var meterNumber = 0
        try database.writeTransaction {
            try UtilitySettings(database: database).setCurrency(.cny)
            try MeterTypeStore(database: database).add(MeterTypeDraft(name: "Mechanical", kind: .mechanical, paymentModel: .postpaid,
                                                                      calibers: BillPricingPropertyTests.calibers, registerDigits: 6),
                                                       audit: audit)
            for (index, versions) in tariffs.enumerated() {
                let name = "gen-\(index)"
                let store = TariffStore(database: database)
                try store.add(try TariffFileLoader.file(source: versions[0].replacingOccurrences(of: "\"gen\"", with: "\"\(name)\""),
                                                        path: "\(name).toml"),
                              effectiveFrom: TariffVersion.beginning, audit: audit)
                try store.addVersion(to: name, try TariffFileLoader.file(source: versions[1].replacingOccurrences(of: "\"gen\"", with: "\"\(name)\""),
                                                                         path: "\(name)-2.toml"),
                                     effectiveFrom: day("2026-10-\(10 + Int.random(in: 0...15, using: &random))"), audit: audit)
                try CustomerTypeStore(database: database).add(
                    CustomerTypeDraft(name: "Type \(index)", waterNature: .residential, businessMode: .postpaid,
                                      meterTypes: ["Mechanical"], tariff: name, channels: [.cash]), audit: audit)
            }
        }
        var plans: [(type: Int, persons: Int, meters: [(serial: String, caliber: Int, initial: Int64)])] = []
        for _ in 0..<Int.random(in: 10...16, using: &random) {
            let meters = (0..<Int.random(in: 1...3, using: &random)).map { _ -> (String, Int, Int64) in
                meterNumber += 1
                return ("G-\(meterNumber)", BillPricingPropertyTests.calibers.randomElement(using: &random)!,
                        Int64.random(in: 0...50_000, using: &random))
            }
            plans.append((Int.random(in: 0..<tariffs.count, using: &random), Int.random(in: 1...8, using: &random), meters))
        }
        try database.writeTransaction {
            for plan in plans {
                for meter in plan.meters {
                    try MeterStore(database: database).add(MeterDraft(serial: meter.serial, typeName: "Mechanical", caliber: String(meter.caliber),
                                                                      initialReading: Volume(litres: meter.initial).description), audit: audit)
                }
            }
        }
        // Readings are taken on 2026-11-05, dated in September and October.
        var opened: [(number: String, plan: Int)] = []
        for (index, plan) in plans.enumerated() {
            let account = try database.writeTransaction {
                try CustomerRegistrar(database: database).open(
                    RegistrationRequest(typeName: "Type \(plan.type)",
                                        customer: CustomerDraft([.name: "Customer \(index)", .idNumber: "110101199003071234", .phone: "13800138000",
                                                                 .address: "House \(index)", .persons: String(plan.persons)]),
                                        meterSerials: plan.meters.map(\.serial)), audit: audit).account
            }
            opened.append((account.number, index))
        }
        time = Timestamp(millisecondsSinceEpoch: 1_793_865_600_000)  // 2026-11-05
        for (number, index) in opened {
            let plan = plans[index]
            var expected: Int64 = 0
            for meter in plan.meters {
                var value = meter.initial
                var day = 2
                while true {
                    day += Int.random(in: 3...25, using: &random)
                    guard day <= 60 else { break }
                    let step = Int64.random(in: 0...9_000, using: &random)
                    value += step
                    let at = try Timestamp(parsing: "2026-09-01T10:00:00Z").millisecondsSinceEpoch + Int64(day - 1) * 86_400_000
                    _ = try database.writeTransaction {
                        try ReadingEntry(database: database).add(
                            ReadingRequest(serial: meter.serial, value: Volume(litres: value).description,
                                           at: Timestamp(millisecondsSinceEpoch: at).description), audit: audit)
                    }
                    expected += step
                }
                // Every meter is read in October, so the account is billable.
                let last = try Timestamp(parsing: "2026-10-31T12:00:00Z").description
                value += 1_000
                expected += 1_000
                _ = try database.writeTransaction {
                    try ReadingEntry(database: database).add(ReadingRequest(serial: meter.serial, value: Volume(litres: value).description,
                                                                            at: last), audit: audit)
                }
            }
            var basis: Volume?
            if Bool.random(using: &random) {
                basis = Volume(litres: Int64.random(in: 0...20_000, using: &random))
                _ = try database.writeTransaction {
                    try SewageBasis(database: database).set(account: number, volume: basis!.description, audit: audit)
                }
            }
            accounts.append(GeneratedAccount(number: number, tariff: "gen-\(plan.type)", persons: plan.persons,
                                             calibers: plan.meters.map(\.caliber), expectedVolume: Volume(litres: expected),
                                             sewageBasis: basis))
        }
    }
}
