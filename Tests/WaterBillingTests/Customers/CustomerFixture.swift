import WaterBilling
import XCTest
import WBillSupport

/// A migrated in-memory database with a small catalogue: meter types, meters in stock, tariffs
/// and one customer type per business mode, for the customer and account tests.
final class CustomerFixture {
    let database: Database
    var time = Timestamp(millisecondsSinceEpoch: 1_795_000_000_000)  // 2026-11-18
    var operatorName = "clerk"

    /// Customer type names.
    static let postpaid = "Residential"
    static let prepaid = "Prepaid homes"
    static let card = "Card homes"
    static let shops = "Shops"
    static let free = "District meters"

    init(meters: Int = 6) throws {
        database = try Database(path: ":memory:", mode: .create)
        try Migrator().migrate(database, context: AuditContext(operatorName: "tester", command: "test", time: time))
        try database.writeTransaction {
            try UtilitySettings(database: database).setCurrency(.cny)
            let types = MeterTypeStore(database: database)
            try types.add(MeterTypeDraft(name: "DN20 mechanical", kind: .mechanical, paymentModel: .postpaid, calibers: [20],
                                         registerDigits: 5), audit: audit)
            try types.add(MeterTypeDraft(name: "IC card DN15", kind: .icCard, paymentModel: .prepaid, calibers: [15]), audit: audit)
            let meterStore = MeterStore(database: database)
            for index in 1...meters {
                try meterStore.add(MeterDraft(serial: "WM-\(index)", typeName: "DN20 mechanical", initialReading: "1.5"), audit: audit)
                try meterStore.add(MeterDraft(serial: "IC-\(index)", typeName: "IC card DN15"), audit: audit)
            }
            // Real tariffs with a version: a system-prepaid account's readings are priced by its tariff.
            let tariffs = TariffStore(database: database)
            for (name, kind) in [("Tiers", "postpaid"), ("Prepaid flat", "system-prepaid"), ("Card flat", "meter-prepaid")] {
                let source = """
                    name = "\(name)"
                    kind = "\(kind)"
                    currency = "CNY"
                    rounding = "half-up"

                    [components.water]
                    label = "water fee"
                    rate = 3.00
                    """
                try tariffs.add(try TariffFileLoader.file(source: source, path: "\(name).toml"), effectiveFrom: TariffVersion.beginning,
                                audit: audit)
            }
            let customerTypes = CustomerTypeStore(database: database)
            try customerTypes.add(CustomerTypeDraft(name: CustomerFixture.postpaid, waterNature: .residential, businessMode: .postpaid,
                                                    meterTypes: ["DN20 mechanical"], tariff: "Tiers", channels: [.cash, .wechat]), audit: audit)
            try customerTypes.add(CustomerTypeDraft(name: CustomerFixture.prepaid, waterNature: .residential, businessMode: .systemPrepaid,
                                                    meterTypes: ["DN20 mechanical"], tariff: "Prepaid flat", channels: [.cash, .alipay]), audit: audit)
            try customerTypes.add(CustomerTypeDraft(name: CustomerFixture.card, waterNature: .residential, businessMode: .meterPrepaid,
                                                    meterTypes: ["IC card DN15"], tariff: "Card flat", channels: [.cash]), audit: audit)
            try customerTypes.add(CustomerTypeDraft(name: CustomerFixture.shops, waterNature: .commercial, businessMode: .postpaid,
                                                    meterTypes: ["DN20 mechanical"], tariff: "Tiers", channels: [.bankTransfer]), audit: audit)
            try customerTypes.add(CustomerTypeDraft(name: CustomerFixture.free, waterNature: .statistical, businessMode: .postpaid,
                                                    meterTypes: ["DN20 mechanical"], charges: false), audit: audit)
        }
    }

    /// The audit trail at the fixture's current time and operator.
    var audit: AuditTrail {
        AuditTrail(database: database, context: AuditContext(operatorName: operatorName, command: "test", time: time))
    }

    /// Basic information that satisfies a residential customer type.
    static func resident(_ name: String = "Wang Fang", persons: String = "3") -> CustomerDraft {
        CustomerDraft([.name: name, .idNumber: "110101199003071234", .phone: "13800138000", .address: "Building 3, unit 1",
                       .persons: persons])
    }

    /// Registers a residential customer of `type` on `meters` in its own transaction.
    @discardableResult
    func open(_ type: String = CustomerFixture.prepaid, meters: [String], customer: CustomerDraft = CustomerFixture.resident()) throws -> OpenedAccount {
        try database.writeTransaction {
            try CustomerRegistrar(database: database).open(
                RegistrationRequest(typeName: type, customer: customer, meterSerials: meters), audit: audit)
        }
    }

    /// Performs a money request in its own IMMEDIATE transaction, as the command runner does.
    @discardableResult
    func perform(_ request: MoneyRequest) throws -> MoneyOutcome {
        try database.writeTransaction { try Cashier(database: database).perform(request, audit: audit) }
    }

    /// The sum of the account's ledger entries straight from SQL.
    func ledgerSum(_ number: String) throws -> Int64 {
        try database.scalarInt("""
            SELECT coalesce(sum(e.amount), 0) FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE a.number = ?
            """, [number]) ?? 0
    }

    func count(_ table: String) throws -> Int64 {
        try database.scalarInt("SELECT count(*) FROM \(table)") ?? 0
    }

    /// Moves the clock on.
    func advance(days: Int) {
        time = Timestamp(millisecondsSinceEpoch: time.millisecondsSinceEpoch + Int64(days) * 86_400_000)
    }
}

/// Asserts that `body` throws an error equal to `expected`, and returns nothing.
func XCTAssertThrowsEqual<E: Error & Equatable, T>(_ body: @autoclosure () throws -> T, _ expected: E,
                                                   file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected \(expected) to be thrown", file: file, line: line)
    } catch let error as E {
        XCTAssertEqual(error, expected, file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}
