import WBillSupport

/// One kind's alarm option: its threshold now, its default, and whether alarms of it are raised.
public struct AlarmOption: Sendable, Equatable {
    public let kind: AlarmKind
    /// The threshold in the kind's measure; nil for events.
    public let threshold: AlarmQuantity?
    /// The documented default; nil for events.
    public let defaultThreshold: AlarmQuantity?
    /// Whether alarms of the kind are raised (yes unless set otherwise).
    public let enabled: Bool
    /// The unit of the threshold: the currency code, `days` or `%`; nil for events.
    public let unit: String?
}

/// The alarm options: per kind a threshold with a documented default, and whether alarms of the
/// kind are raised. They are the utility's settings (`settings`), stored only once set:
///
/// | kind | settings key | default |
/// | --- | --- | --- |
/// | low-balance | `low_balance_threshold` (minor units) | 10 in the currency's main unit (10.00 CNY) |
/// | zero-consumption | `zero_consumption_days` | 30 days |
/// | high-consumption | `high_consumption_percent` | 300 % of the expected use |
/// | low-consumption | `low_consumption_percent` | 30 % of the expected use |
/// | meter-offline | `meter_offline_days` | 7 days |
///
/// and `KIND_alarm` (`low_balance_alarm`, `tamper_alarm` …) `yes` or `no`, yes by default. A stored
/// value that is not usable reads as the default, as the readings' consumption flags read the two
/// consumption keys they share.
///
/// A value reads each kind's option once and keeps it: the settings of one command do not change
/// while it runs but through `set`, which updates what the value keeps. An operation that runs
/// many times in one command (an import's deductions, each applying `BalanceCrossing`) keeps one
/// value for the run; a new value reads the settings again.
public struct AlarmOptions {
    let database: Database
    private let kept = Kept()

    /// What a value has read.
    private final class Kept {
        var currency: Currency?
        /// Each kind's option, with the currency it was read in.
        var options: [AlarmKind: (currency: Currency, option: AlarmOption)] = [:]
    }

    /// The options in `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Every kind's option, in `AlarmKind.allCases` order.
    public func all() throws -> [AlarmOption] {
        try AlarmKind.allCases.map { try option($0) }
    }

    /// The option of `kind`; `currency` is the utility's (read from the settings when not given).
    public func option(_ kind: AlarmKind, currency given: Currency? = nil) throws -> AlarmOption {
        let currency = try given ?? utilityCurrency()
        if let known = kept.options[kind], known.currency == currency { return known.option }
        let option = try read(kind, currency: currency)
        kept.options[kind] = (currency, option)
        return option
    }

    /// The utility's currency, read once.
    private func utilityCurrency() throws -> Currency {
        if let currency = kept.currency { return currency }
        let currency = try UtilitySettings(database: database).currency()
        kept.currency = currency
        return currency
    }

    /// Reads the option of `kind` from the settings.
    private func read(_ kind: AlarmKind, currency: Currency) throws -> AlarmOption {
        let settings = UtilitySettings(database: database)
        let defaultThreshold = AlarmOptions.defaultThreshold(of: kind, currency: currency)
        var threshold = defaultThreshold
        if let key = kind.thresholdKey, let text = try settings.value(key), let stored = Int64(text.trimmed),
           AlarmOptions.accepts(kind, stored) {
            threshold = AlarmQuantity(amount: stored, measure: kind.measure, currency: currency)
        }
        return AlarmOption(kind: kind, threshold: threshold, defaultThreshold: defaultThreshold,
                           enabled: try settings.value(kind.enabledKey) != "no",
                           unit: AlarmQuantity.unit(of: kind.measure, currency: currency))
    }

    /// Sets `kind`'s threshold (as typed, in its unit: `20.00`, `45`) and/or whether alarms of it are
    /// raised, in the caller's transaction, with an audit entry of what changed (none when nothing did).
    /// - Throws: `AlarmError.noThreshold` for a threshold of an event kind, `AlarmError.invalidThreshold`
    ///   for one the kind does not take; nothing is written then.
    @discardableResult
    public func set(_ kind: AlarmKind, threshold text: String?, enabled: Bool?, audit: AuditTrail) throws -> AlarmOption {
        let before = try option(kind)
        let settings = UtilitySettings(database: database)
        var changes: [AuditChange] = []
        if let text {
            guard let key = kind.thresholdKey, let current = before.threshold else { throw AlarmError.noThreshold(kind) }
            let amount = try AlarmOptions.parseThreshold(text, of: kind, currency: current.currency)
            if amount != current.amount {
                try settings.set(key, to: String(amount))
                let new = AlarmQuantity(amount: amount, measure: kind.measure, currency: current.currency)
                changes.append(AuditChange("threshold", old: current.text, new: new.text))
            }
        }
        if let enabled, enabled != before.enabled {
            try settings.set(kind.enabledKey, to: enabled ? "yes" : "no")
            changes.append(AuditChange("enabled", old: before.enabled ? "yes" : "no", new: enabled ? "yes" : "no"))
        }
        guard !changes.isEmpty else { return before }
        try audit.record(entity: "alarm-option", id: kind.rawValue, action: "update", changes: changes)
        kept.options[kind] = nil
        return try option(kind)
    }

    /// The documented default of `kind` in `currency`; nil for events.
    static func defaultThreshold(of kind: AlarmKind, currency: Currency) -> AlarmQuantity? {
        guard let value = kind.defaultThreshold else { return nil }
        let amount = kind.measure == .money ? value * Int64(PowersOfTen.int128(currency.minorUnit)) : value
        return AlarmQuantity(amount: amount, measure: kind.measure, currency: currency)
    }

    /// Whether `amount` is a threshold `kind` takes.
    static func accepts(_ kind: AlarmKind, _ amount: Int64) -> Bool {
        if let range = kind.thresholdRange { return range.contains(amount) }
        return kind.measure == .money && amount >= 0
    }

    /// The threshold `text` states for `kind`, in the kind's measure (minor units for money).
    static func parseThreshold(_ text: String, of kind: AlarmKind, currency: Currency) throws -> Int64 {
        let trimmed = text.trimmed
        func invalid(_ reason: String) -> AlarmError { .invalidThreshold(kind: kind, text: text, reason: reason) }
        switch kind.measure {
        case .money:
            let expected = "expected an amount of 0 or more, such as 10.00"
            let money: Money
            do {
                money = try Money(parsing: trimmed, currency: currency)
            } catch NumberError.tooManyDecimals(_, let allowed) {
                throw invalid("\(currency.code) amounts have at most \(allowed) decimal\(allowed == 1 ? "" : "s")")
            } catch NumberError.overflow {
                throw invalid("too large")
            } catch {
                throw invalid(expected)
            }
            guard money.minorUnits >= 0 else { throw invalid(expected) }
            return money.minorUnits
        case .days, .percent:
            guard let range = kind.thresholdRange else { preconditionFailure("\(kind) has a threshold but no range") }
            let what = kind.measure == .days ? "a whole number of days" : "a whole percentage"
            guard let amount = Int64(trimmed), range.contains(amount) else {
                throw invalid("expected \(what) from \(range.lowerBound) to \(range.upperBound)")
            }
            return amount
        case .event:
            throw AlarmError.noThreshold(kind)
        }
    }
}
