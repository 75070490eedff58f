import WBillSupport

/// A bill about to be issued: what was priced, with what, and the lines the tariff engine gave.
struct BillDraft {
    let account: Account
    let address: String?
    let period: CalendarPeriod
    let cycle: BillingCycle
    /// The days priced.
    let span: DateSpan
    let tariff: String
    let persons: Int?
    let caliber: Int?
    /// The sum of the records priced.
    let volume: Volume
    let sewageVolume: Volume?
    let breakdown: PriceBreakdown
    let total: Money
    /// The consumption records priced.
    let consumptionIDs: [Int64]
}

/// Prices an account's consumption not billed yet for a period, with the tariff engine exactly as
/// `tariff quote` calls it (`TariffEngine.price` over the days priced, with the tariff's versions,
/// the household size and the caliber), so a bill's lines are the quote's lines.
///
/// - **What is priced**: the sum of the account's consumption records still on the billing queue
///   whose span ends before the day after the period (every meter of the account together, so the
///   tiers apply to the account; a correction of an earlier bill's estimate comes in with the next
///   bill). A sum below zero is not billed.
/// - **Over which days**: the period's, from the day the account was opened when that is later.
/// - **Persons**: the holder's household size. **Caliber**: the largest of the meters the account
///   had during those days.
/// - **Sewage**: where a component of the tariff is charged on the sewage basis and the account has
///   a stored basis (a volume per month, see `SewageBasis`), the basis for those days — the basis
///   times the months the days are worth (a whole calendar month is exactly one), rounded half-up
///   to the litre — is the measured sewage volume; without a basis the component charges its share
///   of the water.
///
/// Tariffs and customer types are read once per pricing value (a run prices many accounts).
final class BillPricing {
    let database: Database
    private let tariffs: TariffStore
    private var tariffCache: [String: Tariff] = [:]
    private var customerTypeTariffs: [Int64: String?] = [:]
    private var sewageUse: [String: Bool] = [:]

    init(database: Database) {
        self.database = database
        self.tariffs = TariffStore(database: database)
    }

    /// The tariff an account's customer type charges with; nil when it charges nothing.
    func chargedTariff(ofCustomerType id: Int64) throws -> String? {
        if let known = customerTypeTariffs[id] { return known }
        let type = try CustomerTypeStore(database: database).withID(id)
        let tariff = type.charges ? type.tariff : nil
        customerTypeTariffs[id] = tariff
        return tariff
    }

    /// The days of `period` an account opened at `openedAt` is billed for; nil when it was opened after the period.
    static func span(of period: CalendarPeriod, openedAt: String) -> DateSpan? {
        let opened = (try? CivilDate(parsing: String(openedAt.prefix(10)))) ?? period.span.first
        let first = max(period.span.first, opened)
        guard first <= period.span.last else { return nil }
        return DateSpan(uncheckedFrom: first, through: period.span.last)
    }

    /// The meters on the account at the end of `period` with no reading of theirs on it dated in
    /// the period (real or estimated; the initial reading of a meter put on by an exchange does not
    /// count: it yields no consumption), by serial.
    func metersWithoutReading(of accountID: Int64, in period: CalendarPeriod) throws -> [String] {
        let end = period.span.last.adding(days: 1).description
        return try database.query("""
            SELECT m.serial FROM account_meters am JOIN meters m ON m.id = am.meter_id
            WHERE am.account_id = ?1 AND am.installed_at < ?3 AND (am.removed_at IS NULL OR am.removed_at >= ?3)
              AND NOT EXISTS (SELECT 1 FROM meter_readings r WHERE r.meter_id = am.meter_id AND r.at >= ?2 AND r.at < ?3
                              AND r.account_id = ?1 AND r.voided_at IS NULL AND r.source <> 'initial')
            ORDER BY m.serial
            """, [accountID, period.span.first.description, end]) { $0.text(0) }
    }

    /// Prices `account`'s queued consumption for `period`.
    /// - Returns: the draft, or why the account is not billed.
    func draft(for account: Account, tariffName: String, period: CalendarPeriod, cycle: BillingCycle,
               span: DateSpan) throws -> Result<BillDraft, NotBilledReason> {
        let queue = BillingQueue(database: database)
        let records = try queue.records(of: account.id, endingBefore: period.span.last.adding(days: 1))
        let volume = try Volume.sum(records.map(\.volume))
        if volume.isNegative { return .failure(.negativeVolume(volume)) }
        let holder = try database.first("SELECT persons, address FROM customers WHERE id = ?", [account.holderID]) {
            (persons: $0.optionalInt64(0).map(Int.init), address: $0.optionalText(1))
        }
        let caliber = try database.scalarInt("""
            SELECT max(m.caliber) FROM account_meters am JOIN meters m ON m.id = am.meter_id
            WHERE am.account_id = ? AND am.installed_at < ? AND (am.removed_at IS NULL OR am.removed_at >= ?)
            """, [account.id, span.last.adding(days: 1).description, span.first.description]).map(Int.init)
        do {
            let tariff = try pricingTariff(tariffName)
            var sewageVolume: Volume?
            if try usesSewageBasis(tariff, over: span), let basis = try SewageBasis(database: database).current(of: account.id) {
                sewageVolume = try SewageBasis.volume(basis.volume, over: span)
            }
            let context = PricingContext(persons: holder?.persons, caliber: caliber, sewageVolume: sewageVolume)
            let breakdown = try TariffEngine.price(consumption: volume, span: span, context: context, tariff: tariff,
                                                   resolve: { try self.pricingTariff($0) })
            return .success(BillDraft(account: account, address: holder?.address, period: period, cycle: cycle, span: span,
                                      tariff: tariff.name, persons: holder?.persons, caliber: caliber, volume: volume,
                                      sewageVolume: sewageVolume, breakdown: breakdown, total: try breakdown.total,
                                      consumptionIDs: records.map(\.id)))
        } catch let error as PricingError {
            return .failure(.notPriced(tariff: tariffName, reason: error.description))
        } catch let error as TariffStoreError {
            return .failure(.notPriced(tariff: tariffName, reason: error.description))
        } catch let error as NumberError {
            return .failure(.notPriced(tariff: tariffName, reason: error.description))
        }
    }

    /// The tariff named `name`, read once.
    func pricingTariff(_ name: String) throws -> Tariff {
        if let known = tariffCache[name.lowercased()] { return known }
        let tariff = try tariffs.pricingTariff(named: name)
        tariffCache[name.lowercased()] = tariff
        return tariff
    }

    /// Whether a component of a version of `tariff` pricing a day of `span` (or of a part it
    /// splits into) is charged on the sewage basis.
    func usesSewageBasis(_ tariff: Tariff, over span: DateSpan) throws -> Bool {
        let key = "\(tariff.name.lowercased()) \(span)"
        if let known = sewageUse[key] { return known }
        var uses = false
        for piece in try TariffEngine.segments(of: span, versions: tariff.versions, tariff: tariff.name) {
            switch piece.version.definition.body {
            case .priced(let scheme):
                uses = uses || scheme.components.contains { $0.basis == .sewage }
            case .proportional(let shares):
                for share in shares where try usesSewageBasis(try pricingTariff(share.tariff), over: piece.span) { uses = true }
            }
        }
        sewageUse[key] = uses
        return uses
    }
}
