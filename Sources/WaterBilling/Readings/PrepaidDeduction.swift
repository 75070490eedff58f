import WBillSupport

/// System-side prepaid: each consumption record of a `system-prepaid` account is priced by the
/// account's tariff with the tariff engine (`TariffEngine.price`, the call `tariff quote` makes) and
/// deducted from its balance as a `deduction` ledger entry, in the transaction that wrote the
/// record; a reversal record (a voided reading, a corrected estimate) takes the deduction back with
/// a `reversal` entry of the opposite amount. Money moves only through `Ledger.append`, so the
/// balance-crossing rule (low-balance alarm, valve commands) applies to deductions as to recharges.
///
/// The span priced is the days the consumption covers: from the day of the reading it starts at
/// to the day before the reading that ends it (the end reading's day is the next span's), one day
/// when both are on the same day. Persons come from the account's holder, the caliber from the
/// meter. Each deduction carries the reference `consumption N` (one per record, so a reading that
/// was already recorded, or imported again, never deducts twice) and names the reading and the
/// priced lines in its reason.
final class PrepaidDeduction: ConsumptionFollower {
    let database: Database
    let audit: AuditTrail
    private var customerTypeTariffs: [Int64: String?] = [:]
    private var prepaidCheck: Statement?
    private var anyPrepaid: Bool?
    private var tariffs: [String: Tariff] = [:]

    /// What an account is priced with.
    private struct ChargedAccount {
        let account: Account
        let tariffName: String
        let persons: Int?
    }

    /// The follower over `database`, recording with `audit`.
    init(database: Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
    }

    func recorded(_ record: ConsumptionRecord) throws {
        guard let charged = try chargedAccount(record.accountID) else { return }
        if record.kind == .reversal {
            try reverseDeduction(of: record, on: charged.account)
        } else {
            try deduct(record, from: charged)
        }
    }

    /// The reference of the deduction for the consumption record `id`.
    static func reference(consumptionID id: Int64) -> String { "consumption \(id)" }

    private func deduct(_ record: ConsumptionRecord, from charged: ChargedAccount) throws {
        let span = try Self.span(of: record)
        let breakdown: PriceBreakdown
        let total: Money
        do {
            let tariff = try pricingTariff(charged.tariffName)
            let caliber = try database.scalarInt("SELECT caliber FROM meters WHERE id = ?", [record.meterID]).map(Int.init)
            breakdown = try TariffEngine.price(consumption: record.volume, span: span,
                                               context: PricingContext(persons: charged.persons, caliber: caliber),
                                               tariff: tariff, resolve: TariffStore(database: database).tariff(named:))
            total = try breakdown.total
        } catch let error as PricingError {
            throw ReadingError.notPriced(readingID: record.readingID, account: charged.account.number, tariff: charged.tariffName,
                                         reason: error.description)
        } catch let error as TariffStoreError {
            throw ReadingError.notPriced(readingID: record.readingID, account: charged.account.number, tariff: charged.tariffName,
                                         reason: error.description)
        } catch let error as NumberError {
            throw ReadingError.notPriced(readingID: record.readingID, account: charged.account.number, tariff: charged.tariffName,
                                         reason: error.description)
        }
        guard total.minorUnits > 0 else { return }
        let entry = try Ledger(database: database).append(
            LedgerPosting(kind: .deduction, amount: try total.negated(), reference: Self.reference(consumptionID: record.id),
                          reason: Self.reason(record, span: span, tariff: charged.tariffName, breakdown: breakdown)),
            to: charged.account, audit: audit)
        try recordAudit(entry, on: charged.account, reading: record.readingID)
    }

    private func reverseDeduction(of record: ConsumptionRecord, on account: Account) throws {
        guard let reversedID = record.reversesID else { return }
        let ledger = Ledger(database: database)
        guard let deduction = try ledger.entry(kind: .deduction, reference: Self.reference(consumptionID: reversedID)) else { return }
        let entry = try ledger.append(
            LedgerPosting(kind: .reversal, amount: try deduction.amount.negated(), reference: Self.reference(consumptionID: record.id),
                          reason: "deduction receipt \(deduction.id) taken back: \(record.reason ?? "consumption reversed")",
                          reversesID: deduction.id),
            to: account, audit: audit)
        try recordAudit(entry, on: account, reading: record.readingID)
    }

    private func recordAudit(_ entry: LedgerEntry, on account: Account, reading: Int64) throws {
        try audit.record(entity: "account", id: account.number, action: entry.kind.rawValue, changes: [
            AuditChange("receipt", old: nil, new: String(entry.id)),
            AuditChange("reading", old: nil, new: String(reading)),
            AuditChange("amount", old: nil, new: entry.amount.description),
            AuditChange("balance", old: try entry.balanceAfter.subtracting(entry.amount).description, new: entry.balanceAfter.description),
        ])
    }

    /// The account `id` when it is system-prepaid and its customer type charges with a tariff.
    /// Accounts are not kept (an import touches as many as it has rows); customer types are.
    private func chargedAccount(_ id: Int64) throws -> ChargedAccount? {
        // Most databases, and most rows of an import, have no system-prepaid account: asked once.
        if anyPrepaid == nil {
            anyPrepaid = try database.scalarInt("SELECT EXISTS (SELECT 1 FROM accounts WHERE business_mode = 'system-prepaid')") == 1
        }
        guard anyPrepaid == true else { return nil }
        let statement = try prepaidCheck ?? database.prepare("SELECT 1 FROM accounts WHERE id = ? AND business_mode = 'system-prepaid'")
        prepaidCheck = statement
        try statement.bind(id, at: 1)
        let isPrepaid = try statement.step()
        statement.reset()
        guard isPrepaid else { return nil }
        let account = try AccountStore(database: database).find(id: id)
        guard let tariff = try chargedTariff(ofCustomerType: account.customerTypeID) else { return nil }
        let persons = try database.scalarInt("SELECT persons FROM customers WHERE id = ?", [account.holderID]).map(Int.init)
        return ChargedAccount(account: account, tariffName: tariff, persons: persons)
    }

    /// The tariff a customer type charges with; nil when it charges nothing.
    private func chargedTariff(ofCustomerType id: Int64) throws -> String? {
        if let known = customerTypeTariffs[id] { return known }
        let type = try CustomerTypeStore(database: database).withID(id)
        let tariff = type.charges ? type.tariff : nil
        customerTypeTariffs[id] = tariff
        return tariff
    }

    private func pricingTariff(_ name: String) throws -> Tariff {
        if let known = tariffs[name] { return known }
        let tariff = try TariffStore(database: database).pricingTariff(named: name)
        tariffs[name] = tariff
        return tariff
    }

    /// The days `record` covers (see the type's description).
    static func span(of record: ConsumptionRecord) throws -> DateSpan {
        try span(from: record.from, to: record.to)
    }

    /// The days a consumption from the reading at `from` to the one at `to` covers (see the type's description).
    static func span(from: String, to: String) throws -> DateSpan {
        let first = try CivilDate(parsing: String(from.prefix(10)))
        let end = try CivilDate(parsing: String(to.prefix(10)))
        let last = first < end ? end.adding(days: -1) : first
        return try DateSpan(from: first, through: last)
    }

    /// `reading 12 (WM-000003), 2027-01-01..2027-01-31, 25.000 priced by prepaid-balance: water 1-1 22.000 × 2.59 = 56.98; …`
    static func reason(_ record: ConsumptionRecord, span: DateSpan, tariff: String, breakdown: PriceBreakdown) -> String {
        let lines = breakdown.allLines.map { line -> String in
            var text = line.component.isEmpty ? line.kind.rawValue : line.component
            if line.tiers != nil { text += " tier \(line.tierText)" }
            if let volume = line.exactVolume, let rate = line.rate { text += " \(volume) × \(rate)" }
            return text + " = \(line.amount)"
        }
        return "reading \(record.readingID), \(span), \(record.volume) priced by \(tariff): " + lines.joined(separator: "; ")
    }
}
