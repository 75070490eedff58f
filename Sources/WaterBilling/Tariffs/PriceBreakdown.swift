import WBillSupport

/// One line of a priced consumption: a volume charge, a fixed charge, a minimum-charge top-up or tax.
///
/// `amount` is rounded to the currency's minor unit exactly once, by the tariff's rule; every
/// total is a sum of these rounded amounts, so lines always add up to the total.
public struct PriceLine: Sendable, Equatable {
    /// What the line charges.
    public enum Kind: String, Sendable, CaseIterable {
        /// Volume × rate for one component, tier and sub-period.
        case volume
        /// A fixed charge prorated over a version's days.
        case fixed
        /// The shortfall below the minimum charge.
        case minimum
        /// Tax on the net amount.
        case tax
    }

    /// What the line charges.
    public let kind: Kind
    /// The tariff that priced it (a part's tariff in a proportional split).
    public let tariff: String
    /// The component, fixed charge or tax name (`water`, `service`, `minimum`, `VAT`).
    public let component: String
    /// Its longer label for printed bills.
    public let label: String
    /// The tiers the line covers (`1...1`), `nil` for an untiered line.
    public let tiers: ClosedRange<Int>?
    /// The days priced.
    public let span: DateSpan
    /// The tariff version, `nil` for a tax line over several versions.
    public let version: Int?
    /// The season, if the sub-period is in one.
    public let season: String?
    /// The volume charged, exactly (volume lines; on a minimum line, the volume it includes): at
    /// least 3 decimals, more for a share of the water (95 % of 0.011 is 0.01045); a volume
    /// line's amount is this volume × the rate, rounded once.
    public let exactVolume: FixedDecimal?

    /// The volume charged to the litre, rounded down: `exactVolume` itself unless a share of the
    /// water made it finer than a litre.
    public var volume: Volume? {
        guard let exactVolume else { return nil }
        guard let litres = try? exactVolume.rescaled(to: Volume.scale, rounding: .down) else { return nil }
        return Volume(litres: litres.units)
    }
    /// Price per unit of volume for volume lines, amount per period for fixed and minimum lines, percent for tax;
    /// `nil` for a line that merges tiers at different rates.
    public let rate: FixedDecimal?
    /// The rounded amount.
    public let amount: Money

    /// The tier text: `2`, `1-3`, or empty.
    public var tierText: String {
        guard let tiers else { return "" }
        return tiers.count == 1 ? String(tiers.lowerBound) : "\(tiers.lowerBound)-\(tiers.upperBound)"
    }
}

/// The itemised price of a consumption: volume lines, then fixed charges, then tax.
///
/// ```swift
/// let breakdown = try TariffEngine.price(consumption: Volume(parsing: "35"), span: october,
///                                        context: PricingContext(), tariff: tariff)
/// breakdown.total   // 184.82
/// ```
public struct PriceBreakdown: Sendable, Equatable {
    /// The currency of every amount.
    public let currency: Currency
    /// The volume lines, by tariff part, sub-period, component and tier.
    public let lines: [PriceLine]
    /// Fixed-charge and minimum-charge lines.
    public let fixedCharges: [PriceLine]
    /// Tax lines (one per run of versions with the same tax, per tariff part).
    public let taxLines: [PriceLine]

    /// Every line in print order: volume lines, fixed charges, tax.
    public var allLines: [PriceLine] { lines + fixedCharges + taxLines }

    /// The net amount: volume lines and fixed charges.
    public var net: Money {
        get throws { try Money.sum((lines + fixedCharges).map(\.amount), in: currency) }
    }

    /// The tax amount: the sum of the tax lines.
    public var tax: Money {
        get throws { try Money.sum(taxLines.map(\.amount), in: currency) }
    }

    /// The total: the sum of every rounded line.
    public var total: Money {
        get throws { try Money.sum(allLines.map(\.amount), in: currency) }
    }

    /// The volume charged for `component` over all its lines.
    public func volume(of component: String) throws -> Volume {
        try Volume.sum(lines.filter { $0.component == component }.compactMap(\.volume))
    }

    /// The amount of `component` over all its lines.
    public func amount(of component: String) throws -> Money {
        try Money.sum(lines.filter { $0.component == component }.map(\.amount), in: currency)
    }

    /// Several breakdowns one after the other, each category kept together.
    static func joined(_ parts: [PriceBreakdown], currency: Currency) -> PriceBreakdown {
        PriceBreakdown(currency: currency, lines: parts.flatMap(\.lines),
                       fixedCharges: parts.flatMap(\.fixedCharges), taxLines: parts.flatMap(\.taxLines))
    }
}

/// What, besides the volume and the days, a price depends on.
public struct PricingContext: Sendable, Equatable {
    /// The household size for per-capita tiers; `nil` means the tariff's base size.
    public var persons: Int?
    /// The meter caliber in mm, for fixed charges by caliber.
    public var caliber: Int?
    /// A measured sewage volume, charged instead of the share of water by sewage-based components.
    public var sewageVolume: Volume?
    /// The account's annual volume, for fixed charges banded by annual volume.
    public var annualVolume: Volume?

    /// Creates a context.
    public init(persons: Int? = nil, caliber: Int? = nil, sewageVolume: Volume? = nil, annualVolume: Volume? = nil) {
        self.persons = persons
        self.caliber = caliber
        self.sewageVolume = sewageVolume
        self.annualVolume = annualVolume
    }
}
