import WBillSupport

/// The period a fixed charge or a minimum is stated for: a day, or a cycle of months.
public enum ChargePeriod: Sendable, Equatable, CustomStringConvertible {
    /// An amount per day: a span of N days is charged N times it, whatever the convention.
    case daily
    /// An amount per cycle of months, prorated by the tariff's convention.
    case cycle(TariffCycle)

    /// The spellings a tariff file may use: `daily` and the cycles.
    public static let spellings = ["daily"] + TariffCycle.allCases.map(\.rawValue)

    /// The period spelled `text` (one of `spellings`), else `nil`.
    public init?(spelling text: String) {
        if text == "daily" {
            self = .daily
        } else if let cycle = TariffCycle(rawValue: text) {
            self = .cycle(cycle)
        } else {
            return nil
        }
    }

    /// `daily`, `monthly`, `annual` …
    public var description: String {
        switch self {
        case .daily: return "daily"
        case .cycle(let cycle): return cycle.rawValue
        }
    }
}

/// A charge per period that does not depend on the volume charged: the same for all, by meter
/// caliber, or by the band a volume falls in.
public struct FixedCharge: Sendable, Equatable {
    /// The key in the file (`service`).
    public let name: String
    /// A longer name for printed bills.
    public let label: String
    /// The period the amounts are for; other spans are prorated by the tariff's convention.
    public let per: ChargePeriod
    /// The amount for any caliber not listed in `byCaliber`, if any (at most 6 decimals: rounded
    /// once, on the line).
    public let amount: FixedDecimal?
    /// Amounts by meter caliber in mm, ascending.
    public let byCaliber: [(caliber: Int, amount: FixedDecimal)]
    /// Amounts by the band a volume falls in, if the charge is banded by volume.
    public let byVolume: VolumeBands?

    public static func == (lhs: FixedCharge, rhs: FixedCharge) -> Bool {
        lhs.name == rhs.name && lhs.label == rhs.label && lhs.per == rhs.per && lhs.amount == rhs.amount
            && lhs.byCaliber.map(\.caliber) == rhs.byCaliber.map(\.caliber)
            && lhs.byCaliber.map(\.amount) == rhs.byCaliber.map(\.amount) && lhs.byVolume == rhs.byVolume
    }
}

/// A fixed charge's amounts by volume band: the first band whose `upTo` the volume does not
/// exceed sets the amount (the last band is open-ended).
public struct VolumeBands: Sendable, Equatable {
    /// Which volume picks the band.
    public enum Basis: String, CaseIterable, Sendable {
        /// The volume of the span billed; `upTo` is per the charge's period, scaled to the span.
        case period
        /// The account's annual volume, given with the consumption; `upTo` is per year.
        case annual
    }

    /// Which volume picks the band.
    public let basis: Basis
    /// The bands in increasing order; the last has no `upTo`.
    public let bands: [VolumeBand]

    /// Creates bands (the reader checks their order).
    public init(basis: Basis, bands: [VolumeBand]) {
        self.basis = basis
        self.bands = bands
    }
}

/// One band of a charge banded by volume.
public struct VolumeBand: Sendable, Equatable {
    /// The band's upper bound (included), or `nil` for the open last band.
    public let upTo: Volume?
    /// The charge per period in this band.
    public let amount: FixedDecimal

    /// Creates a band.
    public init(upTo: Volume?, amount: FixedDecimal) {
        self.upTo = upTo
        self.amount = amount
    }
}

/// The least a period costs before tax, for the whole tariff or for one component.
///
/// Without `includes` a shortfall below it is charged as its own line (a top-up). With `includes`
/// it is what the sheets call "a minimum of 24.10 that includes the first 3": the amount is
/// always charged and covers the first `includes` of volume, and only the volume above is priced
/// by the rates (cut at the tiers as usual).
public struct MinimumCharge: Sendable, Equatable {
    /// The minimum per period (at most 6 decimals: rounded once, on the line).
    public let amount: FixedDecimal
    /// The period; other spans are prorated by the tariff's convention.
    public let per: ChargePeriod
    /// The volume per period the minimum includes, if it includes one.
    public let includes: Volume?

    /// Creates a minimum.
    public init(amount: FixedDecimal, per: ChargePeriod, includes: Volume? = nil) {
        self.amount = amount
        self.per = per
        self.includes = includes
    }
}
