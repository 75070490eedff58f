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

/// An account as a bill addresses and prices it: the account, its holder's household size and
/// address.
struct BillableAccount {
    let account: Account
    let persons: Int?
    let address: String?
}

/// A period's bounds as stored text, computed once for every account of a run.
struct PeriodBounds {
    let period: CalendarPeriod
    /// Its first day, `2026-10-01`, and its last.
    let first: String
    let last: String
    /// The day after its last, `2026-11-01`: stored times before it are in the period.
    let end: String

    init(_ period: CalendarPeriod) {
        self.period = period
        self.first = period.span.first.description
        self.last = period.span.last.description
        self.end = period.span.last.adding(days: 1).description
    }
}

/// The meters an account had during a period: the largest caliber while billed, and those without
/// a reading in the period.
struct AccountMeters {
    /// The largest caliber of the meters on the account during the days billed.
    let caliber: Int?
    /// The meters on the account at the period's end with no reading of theirs on it dated in the
    /// period (real or estimated; an exchange's initial reading yields no consumption and does not
    /// count), by serial.
    let withoutReading: [String]
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
    private struct SewageUseKey: Hashable {
        let tariff: String
        let first: Int
        let last: Int
    }
    private var sewageUse: [SewageUseKey: Bool] = [:]

    init(database: Database) {
        self.database = database
        self.tariffs = TariffStore(database: database)
    }

    /// The account with its holder's household size and address.
    func billable(_ account: Account) throws -> BillableAccount {
        let holder = try database.first("SELECT persons, address FROM customers WHERE id = ?", [account.holderID]) {
            (persons: $0.optionalInt64(0).map(Int.init), address: $0.optionalText(1))
        }
        return BillableAccount(account: account, persons: holder?.persons, address: holder?.address)
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
        span(of: PeriodBounds(period), openedAt: openedAt)
    }

    /// The days of the period `bounds` describes that an account opened at `openedAt` is billed for.
    static func span(of bounds: PeriodBounds, openedAt: String) -> DateSpan? {
        let period = bounds.period
        // Opened before the period (most accounts): the whole period, without reading the date.
        if openedAt < bounds.first { return period.span }
        let opened = (try? CivilDate(parsing: String(openedAt.prefix(10)))) ?? period.span.first
        let first = max(period.span.first, opened)
        guard first <= period.span.last else { return nil }
        return DateSpan(uncheckedFrom: first, through: period.span.last)
    }

    /// The meters of the account `accountID` during `span` of the period `bounds` describes: one
    /// look-up of its installations, each with whether the meter has a reading in the period.
    func meters(of accountID: Int64, span: DateSpan, bounds: PeriodBounds) throws -> AccountMeters {
        let spanFirst = span.first == bounds.period.span.first ? bounds.first : span.first.description
        var caliber: Int?
        var withoutReading: [String] = []
        let rows = try database.query("""
            SELECT m.serial, m.caliber, am.removed_at IS NULL OR am.removed_at >= ?3,
                   EXISTS (SELECT 1 FROM meter_readings r WHERE r.meter_id = am.meter_id AND r.at >= ?2 AND r.at < ?3
                           AND r.account_id = ?1 AND r.voided_at IS NULL AND r.source <> 'initial')
            FROM account_meters am JOIN meters m ON m.id = am.meter_id
            WHERE am.account_id = ?1 AND am.installed_at < ?3 AND (am.removed_at IS NULL OR am.removed_at >= ?4)
            ORDER BY m.serial
            """, [accountID, bounds.first, bounds.end, spanFirst]) {
            (serial: $0.text(0), caliber: $0.int(1), atEnd: $0.bool(2), read: $0.bool(3))
        }
        for row in rows {
            caliber = max(caliber ?? row.caliber, row.caliber)
            if row.atEnd && !row.read && !withoutReading.contains(row.serial) { withoutReading.append(row.serial) }
        }
        return AccountMeters(caliber: caliber, withoutReading: withoutReading)
    }

    /// Prices the account's queued consumption for the period `bounds` describes, over `span`.
    /// - Returns: the draft, or why the account is not billed.
    func draft(for billable: BillableAccount, tariffName: String, bounds: PeriodBounds, cycle: BillingCycle, span: DateSpan,
               caliber: Int?) throws -> Result<BillDraft, NotBilledReason> {
        let account = billable.account
        let records = try database.query("""
            SELECT c.id, c.volume FROM unbilled_consumptions u JOIN consumptions c ON c.id = u.consumption_id
            WHERE u.account_id = ? AND c.to_at < ? ORDER BY c.id
            """, [account.id, bounds.end]) { (id: $0.int64(0), volume: $0.int64(1)) }
        let volume = try Volume.sum(records.map { Volume(litres: $0.volume) })
        if volume.isNegative { return .failure(.negativeVolume(volume)) }
        do {
            let tariff = try pricingTariff(tariffName)
            var sewageVolume: Volume?
            if try usesSewageBasis(tariff, over: span), let basis = try SewageBasis(database: database).current(of: account.id) {
                sewageVolume = try SewageBasis.volume(basis.volume, over: span)
            }
            let context = PricingContext(persons: billable.persons, caliber: caliber, sewageVolume: sewageVolume)
            let breakdown = try TariffEngine.price(consumption: volume, span: span, context: context, tariff: tariff,
                                                   resolve: { try self.pricingTariff($0) })
            return .success(BillDraft(account: account, address: billable.address, period: bounds.period, cycle: cycle, span: span,
                                      tariff: tariff.name, persons: billable.persons, caliber: caliber, volume: volume,
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
        if let known = tariffCache[name] { return known }
        let tariff = try tariffs.pricingTariff(named: name)
        tariffCache[name] = tariff
        return tariff
    }

    /// Whether a component of a version of `tariff` pricing a day of `span` (or of a part it
    /// splits into) is charged on the sewage basis.
    func usesSewageBasis(_ tariff: Tariff, over span: DateSpan) throws -> Bool {
        let key = SewageUseKey(tariff: tariff.name, first: span.first.daysSinceEpoch, last: span.last.daysSinceEpoch)
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
