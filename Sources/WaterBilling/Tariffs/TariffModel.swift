import WBillSupport

/// Who pays how under a tariff; it must match the business mode of the customer types that use it.
public enum TariffKind: String, CaseIterable, Sendable {
    /// Readings are billed per period and paid afterwards.
    case postpaid
    /// The customer buys volume that is written to an IC card; the meter counts it down.
    case meterPrepaid = "meter-prepaid"
    /// The system holds a money balance and deducts each reading's charge from it.
    case systemPrepaid = "system-prepaid"
}

/// The length of a tier cycle or of the period a fixed charge is stated for: a whole number of
/// months that divides the year, so the cycles laid from the year start tile every year.
public enum TariffCycle: String, CaseIterable, Sendable {
    case monthly, bimonthly, quarterly
    /// Three cycles a year (some utilities read and bill every four months).
    case fourMonthly = "four-monthly"
    case halfYearly = "half-yearly"
    case annual

    /// The cycle's length in months: 1, 2, 3, 4, 6 or 12.
    public var months: Int {
        switch self {
        case .monthly: return 1
        case .bimonthly: return 2
        case .quarterly: return 3
        case .fourMonthly: return 4
        case .halfYearly: return 6
        case .annual: return 12
        }
    }
}

/// A day of the year without a year (`06-01`), for season bounds and the tier year's start.
public struct MonthDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1–12.
    public let month: Int
    /// 1 to the month's length in a leap year.
    public let day: Int

    /// Creates a month-day that exists in a leap year (so `02-29` is allowed), else `nil`.
    public init?(month: Int, day: Int) {
        guard (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: 2000)).contains(day) else { return nil }
        self.month = month
        self.day = day
    }

    /// Parses `MM-DD`, or returns `nil`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let month = Int(parts[0]), let day = Int(parts[1]) else { return nil }
        self.init(month: month, day: day)
    }

    /// The month-day of a date.
    public init(of date: CivilDate) {
        let (_, month, day) = date.components
        self.month = month
        self.day = day
    }

    /// January 1st.
    public static let newYear = MonthDay(month: 1, day: 1)!

    public static func < (lhs: MonthDay, rhs: MonthDay) -> Bool {
        (lhs.month, lhs.day) < (rhs.month, rhs.day)
    }

    /// `MM-DD`.
    public var description: String { "\(pad(month, 2))-\(pad(day, 2))" }
}

/// What a component's volume is measured on.
public enum VolumeBasis: String, CaseIterable, Sendable {
    /// The water consumed (times the component's share).
    case water
    /// The measured sewage volume when one is given, else the water consumed times the share.
    case sewage
}

/// A component's price per m³: one rate for every tier, or one rate per tier.
public enum ComponentRates: Sendable, Equatable {
    /// The same rate whatever the volume.
    case flat(Rate)
    /// One rate per tier, in tier order.
    case tiered([Rate])
}

/// One priced part of the bill: water fee, sewage treatment, water-resource fee, garbage fee …
public struct TariffComponent: Sendable, Equatable {
    /// The key in the file (`water`), shown on every line.
    public let name: String
    /// A longer name for printed bills (`water fee`); the name when the file gives none.
    public let label: String
    /// Its price per m³.
    public let rates: ComponentRates
    /// The percentage of the basis volume charged, `0 < share <= 100` (sewage on 95 % of the water).
    public let share: FixedDecimal
    /// Which volume it is charged on.
    public let basis: VolumeBasis
    /// Its own tiers, when it does not use the tariff's shared `[[tiers]]` (a sewer charge with
    /// its own break points); `nil` for the shared tiers.
    public let tiers: [Tier]?
    /// Its own minimum, if any: a top-up of its lines, or (with `includes`) a charge that covers
    /// its first volume.
    public let minimum: MinimumCharge?
}

/// A tier: volumes up to `upTo` per cycle (the last tier has no bound).
public struct Tier: Sendable, Equatable {
    /// The tier's upper threshold per cycle, or `nil` for the open last tier.
    public let upTo: Volume?
}

/// Households above `basePersons` get every threshold raised by `extraPerPerson` per extra person.
public struct PerCapitaRule: Sendable, Equatable {
    /// The household size the thresholds are written for.
    public let basePersons: Int
    /// The volume added to each threshold per person above `basePersons`, per cycle.
    public let extraPerPerson: Volume
}

/// A part of the year with its own rates for some components (peak, off-peak).
public struct Season: Sendable, Equatable {
    /// The key in the file (`peak`).
    public let name: String
    /// The first day of the season, every year.
    public let from: MonthDay
    /// The last day (included); before `from` when the season wraps the new year.
    public let to: MonthDay
    /// The rates that replace the components' own rates during the season, by component name.
    public let rates: [String: ComponentRates]

    /// Whether the season covers `day`.
    public func contains(_ day: MonthDay) -> Bool {
        from <= to ? (from <= day && day <= to) : (day >= from || day <= to)
    }
}

/// A tax computed on the net amount and shown as its own line.
public struct TaxRule: Sendable, Equatable {
    /// The line's name (`VAT`).
    public let label: String
    /// The rate in percent, `0...100`.
    public let percent: FixedDecimal
}

/// Which amounts are rounded to the currency's minor unit.
public enum RoundingScope: String, CaseIterable, Sendable {
    /// Every line (component × tier × sub-period) is rounded once.
    case line
    /// The tiers of one component in one sub-period are added exactly and rounded once, as one line.
    case component
}

/// A tariff that prices volumes itself: components, tiers, seasons, fixed charges, tax.
public struct PricedScheme: Sendable, Equatable {
    /// The tier cycle; `nil` when there are no tiers.
    public let tierCycle: TariffCycle?
    /// The day every cycle (tier year, quarters, months) starts from; day 1–28.
    public let yearStart: MonthDay
    /// The tiers in increasing order; empty for a flat tariff.
    public let tiers: [Tier]
    /// Widening of the thresholds for large households.
    public let perCapita: PerCapitaRule?
    /// The components, in the file's order.
    public let components: [TariffComponent]
    /// The seasons, in the file's order (they never overlap).
    public let seasons: [Season]
    /// Fixed charges, in the file's order.
    public let fixedCharges: [FixedCharge]
    /// The minimum charge, if any.
    public let minimumCharge: MinimumCharge?
    /// The tax, if any.
    public let tax: TaxRule?
    /// How lines are rounded.
    public let rounding: RoundingRule
    /// Which amounts are rounded.
    public let roundingScope: RoundingScope
    /// How a span is counted in periods, for fixed charges, minimums and tier thresholds.
    public let proration: ProrationConvention

    /// The tiers `component` is cut at: its own, or the shared ones.
    public func tiers(of component: TariffComponent) -> [Tier] {
        component.tiers ?? tiers
    }

    /// The season covering `date`, if any.
    public func season(on date: CivilDate) -> Season? {
        let day = MonthDay(of: date)
        return seasons.first { $0.contains(day) }
    }
}

/// One tariff part of a proportional (mixed-use) tariff.
public struct ProportionalShare: Sendable, Equatable {
    /// The name of the tariff that prices this part.
    public let tariff: String
    /// Its percentage of the volume; the shares of a tariff add up to 100.
    public let percent: FixedDecimal

    /// Creates a share.
    public init(tariff: String, percent: FixedDecimal) {
        self.tariff = tariff
        self.percent = percent
    }
}

/// What one version of a tariff says: read from its file.
public struct TariffDefinition: Sendable, Equatable {
    /// How the tariff prices.
    public enum Body: Sendable, Equatable {
        /// It prices volumes itself.
        case priced(PricedScheme)
        /// It splits the volume across other tariffs by percentage (mixed use).
        case proportional([ProportionalShare])
    }

    /// The tariff's name.
    public let name: String
    /// Its kind.
    public let kind: TariffKind
    /// A free description.
    public let description: String
    /// Its currency (must be the utility's).
    public let currency: Currency
    /// How it prices.
    public let body: Body
}

/// One effective-dated version of a tariff.
public struct TariffVersion: Sendable, Equatable {
    /// 1, 2, 3 … in the order they were added.
    public let number: Int
    /// The first day it prices; it prices every day until the next version's date.
    public let effectiveFrom: CivilDate
    /// What it says.
    public let definition: TariffDefinition

    /// Creates a version.
    public init(number: Int, effectiveFrom: CivilDate, definition: TariffDefinition) {
        self.number = number
        self.effectiveFrom = effectiveFrom
        self.definition = definition
    }

    /// The date a first version added without `--effective` starts: it prices any day.
    public static let beginning = CivilDate(year: 1, month: 1, day: 1)!
}

/// A stored tariff with all its versions, oldest first.
public struct Tariff: Sendable, Equatable {
    /// The row id.
    public let id: Int64
    /// The name.
    public let name: String
    /// The kind.
    public let kind: TariffKind
    /// The currency.
    public let currency: Currency
    /// The versions by effective date (and number), oldest first.
    public let versions: [TariffVersion]

    /// Creates a tariff from its versions (sorted here by effective date).
    public init(id: Int64, name: String, kind: TariffKind, currency: Currency, versions: [TariffVersion]) {
        precondition(!versions.isEmpty, "a tariff has at least one version")
        self.id = id
        self.name = name
        self.kind = kind
        self.currency = currency
        self.versions = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
    }

    /// The version pricing `date`, or `nil` before the first version.
    public func version(on date: CivilDate) -> TariffVersion? {
        versions.last { $0.effectiveFrom <= date }
    }
}
