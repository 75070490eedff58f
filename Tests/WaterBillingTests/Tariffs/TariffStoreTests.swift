import WaterBilling
import XCTest
import WBillSupport

/// Adding, versioning, reading back and deleting tariffs in a fresh database.
final class TariffStoreTests: XCTestCase {
    private var database: Database!
    private var store: TariffStore!
    private var audit: AuditTrail!
    private let now = try! Timestamp(parsing: "2026-11-23T10:00:00Z")

    override func setUpWithError() throws {
        database = try Database(path: ":memory:", mode: .create)
        try Migrator().migrate(database, context: AuditContext(operatorName: "tester", command: "test", time: now))
        store = TariffStore(database: database)
        audit = AuditTrail(database: database, context: AuditContext(operatorName: "alice", command: "test", time: now))
    }

    private func file(_ name: String, replacing old: String? = nil, with new: String = "") throws -> TariffFile {
        let path = "\(exampleTariffs)/\(name).toml"
        var source = try String(contentsOfFile: path, encoding: .utf8)
        if let old {
            XCTAssertTrue(source.contains(old))
            source = source.replacingOccurrences(of: old, with: new)
        }
        return try TariffFileLoader.file(source: source, path: path)
    }

    private func add(_ name: String, from date: CivilDate = TariffVersion.beginning) throws {
        try store.add(file(name), effectiveFrom: date, audit: audit)
    }

    func testAddEditAndReadBack() throws {
        try add("residential-monthly")
        let v2 = try file("residential-monthly", replacing: "[4.16, 5.60, 9.70]", with: "[4.50, 6.00, 10.00]")
        let bob = AuditTrail(database: database, context: AuditContext(operatorName: "bob", command: "test", time: now))
        let version = try store.addVersion(to: "RESIDENTIAL-monthly", v2, effectiveFrom: day("2026-10-16"), audit: bob)
        XCTAssertEqual(version.number, 2)
        let tariff = try store.tariff(named: "residential-monthly")
        XCTAssertEqual(tariff.versions.map(\.number), [1, 2])
        XCTAssertEqual(tariff.versions.map(\.effectiveFrom), [TariffVersion.beginning, day("2026-10-16")])
        XCTAssertEqual(tariff.version(on: day("2026-10-15"))?.number, 1)
        XCTAssertEqual(tariff.version(on: day("2026-10-16"))?.number, 2)
        XCTAssertEqual(try store.source(of: tariff, version: 2), v2.source)
        XCTAssertEqual(try store.provenance(of: tariff, version: 2).by, "bob")
        // The earlier version keeps pricing its days.
        let breakdown = try TariffEngine.price(consumption: m3("35"), span: span("2026-10-01", "2026-10-31"),
                                               context: PricingContext(), tariff: tariff)
        XCTAssertEqual(try breakdown.total.description, "191.10")
        let list = try store.list(on: day("2026-11-01"))
        XCTAssertEqual(list.map(\.name), ["residential-monthly"])
        XCTAssertEqual(list[0].versions, 2)
        XCTAssertEqual(list[0].current, 2)
    }

    func testRefusals() throws {
        try add("residential-monthly")
        XCTAssertThrowsError(try add("residential-monthly")) {
            XCTAssertEqual($0 as? TariffStoreError, .duplicateName("residential-monthly"))
        }
        XCTAssertThrowsError(try store.tariff(named: "residental-monthly")) {
            XCTAssertEqual("\($0)", "no tariff named 'residental-monthly'; did you mean 'residential-monthly'?")
            XCTAssertEqual(($0 as? ClassifiedError)?.failureKind, .refused)
        }
        XCTAssertThrowsError(try store.addVersion(to: "residential-monthly", file("residential-monthly"),
                                                  effectiveFrom: TariffVersion.beginning, audit: audit)) {
            XCTAssertEqual("\($0)", "a new version of 'residential-monthly' must start after its latest version (0001-01-01), not on 0001-01-01")
        }
        XCTAssertThrowsError(try store.addVersion(to: "residential-monthly", file("residential-monthly", replacing: "\"postpaid\"", with: "\"system-prepaid\""),
                                                  effectiveFrom: day("2027-01-01"), audit: audit)) {
            XCTAssertEqual("\($0)", "tariff 'residential-monthly' is postpaid; a new version cannot make it system-prepaid (add a new tariff instead)")
        }
        XCTAssertThrowsError(try store.addVersion(to: "residential-monthly", file("prepaid-card"),
                                                  effectiveFrom: day("2027-01-01"), audit: audit)) {
            XCTAssertEqual("\($0)", "the file is for tariff 'prepaid-card', not 'residential-monthly'")
        }
        XCTAssertThrowsError(try store.add(file("us-municipal"), effectiveFrom: TariffVersion.beginning, audit: audit)) {
            XCTAssertEqual("\($0)", "tariff 'us-municipal' is in USD but this utility keeps money in CNY")
        }
        XCTAssertEqual(try store.list(on: day("2026-11-01")).map(\.name), ["residential-monthly"])
    }

    func testDeleteIsRefusedWhileUsed() throws {
        try add("residential-annual")
        try add("commercial-flat")
        try add("mixed-use")
        XCTAssertThrowsError(try store.delete(named: "commercial-flat", audit: audit)) {
            XCTAssertEqual("\($0)", "tariff 'commercial-flat' is a part of proportional tariff 'mixed-use'; remove it from their split first")
        }
        let mixed = try store.tariff(named: "mixed-use")
        let breakdown = try TariffEngine.price(consumption: m3("100"), span: span("2026-10-01", "2026-10-31"), context: PricingContext(),
                                               tariff: mixed, resolve: store.tariff(named:))
        XCTAssertEqual(Set(breakdown.lines.map(\.tariff)), ["residential-annual", "commercial-flat"])
        XCTAssertEqual(try breakdown.volume(of: "water"), m3("100"))
        try database.run("""
            INSERT INTO customer_types (name, water_nature, business_mode, count_consumption, charge, tariff_id, created_at)
            VALUES ('household', 'residential', 'postpaid', 1, 1, (SELECT id FROM tariffs WHERE name = 'residential-annual'), 'now')
            """)
        try store.delete(named: "mixed-use", audit: audit)
        XCTAssertThrowsError(try store.delete(named: "residential-annual", audit: audit)) {
            XCTAssertEqual("\($0)", "tariff 'residential-annual' is used by customer type 'household'; give them another tariff first")
        }
        try store.delete(named: "commercial-flat", audit: audit)
        XCTAssertEqual(try store.list(on: day("2026-11-01")).map(\.name), ["residential-annual"])
        XCTAssertEqual(try database.scalarInt("SELECT count(*) FROM tariff_versions"), 1)
        XCTAssertEqual(try database.scalarInt("SELECT count(*) FROM tariff_version_parts"), 0)
    }

    func testProportionalPartsMustExistAndMatchKind() throws {
        try add("residential-annual")
        XCTAssertThrowsError(try add("mixed-use")) {
            XCTAssertEqual("\($0)", "no tariff named 'commercial-flat'")
        }
        try add("prepaid-card")
        let wrongKind = try file("mixed-use", replacing: "commercial-flat = 30", with: "prepaid-card = 30")
        XCTAssertThrowsError(try store.add(wrongKind, effectiveFrom: TariffVersion.beginning, audit: audit)) {
            XCTAssertEqual("\($0)", "tariff 'mixed-use' is postpaid but its part 'prepaid-card' is meter-prepaid")
        }
    }

    func testTheStoreAuditsEveryChangeItMakes() throws {
        try add("residential-monthly")
        try store.addVersion(to: "residential-monthly", file("residential-monthly"), effectiveFrom: day("2027-01-01"), audit: audit)
        try store.delete(named: "residential-monthly", audit: audit)
        let entries = try database.query("""
            SELECT operator, entity_id, action, changes FROM audit_log WHERE entity = 'tariff' ORDER BY id
            """) { "\($0.text(0)) \($0.text(1)) \($0.text(2)) \($0.text(3))" }
        let path = "\(exampleTariffs)/residential-monthly.toml"
        XCTAssertEqual(entries, [
            #"alice residential-monthly create {"kind":{"old":null,"new":"postpaid"},"currency":{"old":null,"new":"CNY"},"version":{"old":null,"new":"1"},"effective_from":{"old":null,"new":"0001-01-01"},"file":{"old":null,"new":"\#(path)"}}"#,
            #"alice residential-monthly update {"version":{"old":"1","new":"2"},"effective_from":{"old":null,"new":"2027-01-01"},"file":{"old":null,"new":"\#(path)"}}"#,
            #"alice residential-monthly delete {"kind":{"old":"postpaid","new":null},"versions":{"old":"2","new":null}}"#,
        ])
    }
}
