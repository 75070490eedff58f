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
///
/// A consumption is priced when it is admitted, before its reading is written: one its tariff
/// cannot price is refused there (`ReadingError.notPriced`), so the reading is refused with
/// nothing of it written — in an import, one bad row. The price found is the one deducted once the
/// record is written.
///
/// One follower serves one operation (an import's every row): what does not change while it runs
/// is read once — whether any account is system-prepaid, each customer type's tariff and each
/// tariff, the alarm options its ledger applies — and each record's account, holder's persons and
/// meter's caliber are read by one prepared statement.
final class PrepaidDeduction: ConsumptionFollower {
    let database: Database
    let audit: AuditTrail
    /// The ledger every movement of the run goes through (its balance rule reads its options once).
    private let ledger: Ledger
    private var customerTypeTariffs: [Int64: String?] = [:]
    private var chargedLookup: Statement?
    private var anyPrepaid: Bool?
    private var tariffs: [String: Tariff] = [:]

    /// What an account is priced with.
    private struct ChargedAccount {
        let account: Account
        let tariffName: String
        let persons: Int?
        /// The caliber of the record's meter.
        let caliber: Int?
    }

    /// The follower over `database`, recording with `audit`.
    init(database: Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
        self.ledger = Ledger(database: database)
    }

    /// A consumption as pricing knows it: the same account, meter, span and volume price the same.
    private struct PricingKey: Hashable {
        let accountID: Int64
        let meterID: Int64
        let from: String
        let to: String
        let volume: Int64
    }

    /// What admitting a consumption found: nothing to deduct (the account is not charged), or its price.
    private enum Pricing {
        case notCharged
        case priced(ChargedAccount, span: DateSpan, breakdown: PriceBreakdown, total: Money)
    }

    /// The pricing of the consumption admitted last for each meter and not yet recorded, so that
    /// each is priced once (a meter's consumption is recorded before the next one is admitted).
    private var admitted: [Int64: (key: PricingKey, pricing: Pricing)] = [:]

    /// Prices a measured or estimated consumption of a system-prepaid account before it is written.
    /// - Throws: `ReadingError.notPriced` when its tariff cannot price it.
    func admit(_ pending: PendingConsumption) throws {
        guard pending.kind != .reversal, try anyPrepaidAccount() else { return }
        let key = PricingKey(accountID: pending.accountID, meterID: pending.meterID, from: pending.from, to: pending.to,
                             volume: pending.volume.litres)
        admitted[pending.meterID] = (key, try pricing(key, serial: { pending.serial }))
    }

    func recorded(_ record: ConsumptionRecord) throws {
        guard try anyPrepaidAccount() else { return }
        if record.kind == .reversal {
            guard let charged = try chargedAccount(record.accountID, meterID: record.meterID) else { return }
            try reverseDeduction(of: record, on: charged.account)
            return
        }
        let key = PricingKey(accountID: record.accountID, meterID: record.meterID, from: record.from, to: record.to,
                             volume: record.volume.litres)
        // Admitted before it was written (every recorder admits); else priced now.
        let known = admitted.removeValue(forKey: record.meterID).flatMap { $0.key == key ? $0.pricing : nil }
        let pricing = try known ?? pricing(key, serial: {
            try self.database.scalarText("SELECT serial FROM meters WHERE id = ?", [record.meterID]) ?? ""
        })
        guard case .priced(let charged, let span, let breakdown, let total) = pricing, total.minorUnits > 0 else { return }
        let entry = try ledger.append(
            LedgerPosting(kind: .deduction, amount: try total.negated(), reference: Self.reference(consumptionID: record.id),
                          reason: Self.reason(record, span: span, tariff: charged.tariffName, breakdown: breakdown)),
            to: charged.account, audit: audit)
        try recordAudit(entry, on: charged.account, reading: record.readingID)
    }

    /// The reference of the deduction for the consumption record `id`.
    static func reference(consumptionID id: Int64) -> String { "consumption \(id)" }

    /// How the consumption `key` is priced: by the tariff of its account's customer type, when the
    /// account is system-prepaid.
    /// - Parameter serial: the meter's serial, asked for only to say what cannot be priced.
    /// - Throws: `ReadingError.notPriced`.
    private func pricing(_ key: PricingKey, serial: () throws -> String) throws -> Pricing {
        guard let charged = try chargedAccount(key.accountID, meterID: key.meterID) else { return .notCharged }
        func notPriced(_ reason: String) throws -> ReadingError {
            .notPriced(serial: try serial(), at: key.to, account: charged.account.number, tariff: charged.tariffName, reason: reason)
        }
        do {
            let span = try Self.span(from: key.from, to: key.to)
            let tariff = try pricingTariff(charged.tariffName)
            let breakdown = try TariffEngine.price(consumption: Volume(litres: key.volume), span: span,
                                                   context: PricingContext(persons: charged.persons, caliber: charged.caliber),
                                                   tariff: tariff, resolve: TariffStore(database: database).tariff(named:))
            return .priced(charged, span: span, breakdown: breakdown, total: try breakdown.total)
        } catch let error as PricingError {
            throw try notPriced(error.description)
        } catch let error as TariffStoreError {
            throw try notPriced(error.description)
        } catch let error as NumberError {
            throw try notPriced(error.description)
        }
    }

    private func reverseDeduction(of record: ConsumptionRecord, on account: Account) throws {
        guard let reversedID = record.reversesID else { return }
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

    /// The account `id` when it is system-prepaid and its customer type charges with a tariff, with
    /// its holder's persons and the caliber of the meter `meterID`: one statement, prepared once.
    /// Accounts are not kept (an import touches as many as it has rows); customer types are.
    private func chargedAccount(_ id: Int64, meterID: Int64) throws -> ChargedAccount? {
        guard try anyPrepaidAccount() else { return nil }
        let statement = try chargedLookup ?? database.prepare("""
            SELECT \(AccountStore.columns), c.persons, (SELECT caliber FROM meters WHERE id = ?2)
            \(AccountStore.joins) WHERE a.id = ?1 AND a.business_mode = 'system-prepaid'
            """)
        chargedLookup = statement
        try statement.bind(id, at: 1)
        try statement.bind(meterID, at: 2)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        let row = statement.row
        let account = try AccountStore.account(row)
        let persons = row.optionalInt64(14).map(Int.init)
        let caliber = row.optionalInt64(15).map(Int.init)
        guard let tariff = try chargedTariff(ofCustomerType: account.customerTypeID) else { return nil }
        return ChargedAccount(account: account, tariffName: tariff, persons: persons, caliber: caliber)
    }

    /// Whether any account is system-prepaid. Most databases, and most rows of an import, have
    /// none: asked once (an operation opens no account while it records readings).
    private func anyPrepaidAccount() throws -> Bool {
        if let anyPrepaid { return anyPrepaid }
        let any = try database.scalarInt("SELECT EXISTS (SELECT 1 FROM accounts WHERE business_mode = 'system-prepaid')") == 1
        anyPrepaid = any
        return any
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
        // Appended to one string: a deduction's reason is written for every prepaid row of an import.
        var text = "reading "
        text.reserveCapacity(256)
        text += String(record.readingID)
        text += ", "
        text += span.description
        text += ", "
        text += record.volume.description
        text += " priced by "
        text += tariff
        text += ": "
        for (index, line) in breakdown.allLines.enumerated() {
            if index > 0 { text += "; " }
            text += line.component.isEmpty ? line.kind.rawValue : line.component
            if line.tiers != nil {
                text += " tier "
                text += line.tierText
            }
            if let volume = line.exactVolume, let rate = line.rate {
                text += " "
                text += volume.description
                text += " × "
                text += rate.description
            }
            text += " = "
            text += line.amount.description
        }
        return text
    }
}
