@testable import WaterBilling

/// The meter types most tests use: a postpaid mechanical one in two calibers and a prepaid IC-card one.
extension TestDatabase {
    func addStandardMeterTypes() throws {
        let store = MeterTypeStore(database: database)
        try store.add(MeterTypeDraft(name: "DN20 mechanical", kind: .mechanical, paymentModel: .postpaid, calibers: [15, 20]),
                      audit: audit)
        try store.add(MeterTypeDraft(name: "IC card DN15", kind: .icCard, paymentModel: .prepaid, calibers: [15], hasValve: true),
                      audit: audit)
    }

    /// A tariff row of `kind` (the tariff engine's own tests cover tariffs; here only the kind matters).
    func addTariffRow(_ name: String, kind: String) throws {
        try database.run("INSERT INTO tariffs (name, kind, currency, minor_unit, created_at, created_by) VALUES (?, ?, 'CNY', 2, 'x', 'tester')",
                         [name, kind])
    }
}
