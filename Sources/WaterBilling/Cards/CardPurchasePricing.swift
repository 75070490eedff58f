import WBillSupport

/// Money and volume of a purchase onto a card, by the account's `meter-prepaid` tariff, with the
/// one tariff engine (`TariffEngine.priceWholeCycle`, the call `tariff quote` makes without dates).
///
/// Tiers run over the account's purchases in the tariff's cycle (the tariff year for annual tiers)
/// containing the day of the purchase: a purchase of V after B already bought in that cycle costs
/// price(B + V) − price(B), each price the sum of its lines, every line rounded once to the minor
/// unit by the tariff's rule. So a purchase that crosses a tier threshold pays each tier's rate for
/// its own part, and the purchases of a cycle add up to exactly the price of their total: rounding
/// never accumulates from one purchase to the next.
///
/// An amount of money buys the largest volume, in whole thousandths of the volume unit, whose price
/// is at most that amount (the volume is rounded down, never up); the amount charged is that
/// volume's price, and what is left of the amount (less than the price of one thousandth more) is
/// not charged.
public struct CardPurchasePricing {
    /// The tariff's name.
    public let tariffName: String
    /// The day priced, and the cycle it falls in.
    public let day: CivilDate
    public let cycle: DateSpan
    /// What the account bought in the cycle before this purchase.
    public let boughtBefore: Volume
    let tariff: Tariff
    let context: PricingContext
    let resolve: (String) throws -> Tariff
    private let priceBefore: Money

    /// The pricing of a purchase by `tariff` on `day`, after `boughtBefore` in its cycle.
    init(tariff: Tariff, context: PricingContext, day: CivilDate, cycle: DateSpan, boughtBefore: Volume,
         resolve: @escaping (String) throws -> Tariff) throws {
        self.tariffName = tariff.name
        self.tariff = tariff
        self.context = context
        self.day = day
        self.cycle = cycle
        self.boughtBefore = boughtBefore
        self.resolve = resolve
        priceBefore = try TariffEngine.priceWholeCycle(consumption: boughtBefore, on: day, context: context, tariff: tariff, resolve: resolve).total
    }

    /// What `volume` costs after what was bought before.
    public func price(of volume: Volume) throws -> Money {
        let after = try TariffEngine.priceWholeCycle(consumption: try boughtBefore.adding(volume), on: day, context: context,
                                                     tariff: tariff, resolve: resolve).total
        return try after.subtracting(priceBefore)
    }

    /// What the last `volume` of what was bought before is worth: the money a refund of it pays back,
    /// price(bought before) − price(bought before − volume).
    public func refundValue(of volume: Volume) throws -> Money {
        let after = try TariffEngine.priceWholeCycle(consumption: try boughtBefore.subtracting(volume), on: day, context: context,
                                                     tariff: tariff, resolve: resolve).total
        return try priceBefore.subtracting(after)
    }

    /// The largest volume, at most `largest`, whose price is at most `amount` (zero when not even
    /// one thousandth is).
    public func volume(for amount: Money, largest: Volume) throws -> Volume {
        try CardPurchasePricing.largestVolume(costing: amount, largest: largest, cost: price(of:))
    }

    /// The largest volume, at most `largest`, whose cost is at most `amount`; `cost` never falls as
    /// the volume grows.
    static func largestVolume(costing amount: Money, largest: Volume, cost price: (Volume) throws -> Money) throws -> Volume {
        var low: Int64 = 0
        var high: Int64 = min(1_000, largest.litres)
        // Widen until the price passes the amount (or the largest volume is reached).
        while high < largest.litres, try price(Volume(litres: high)) <= amount {
            low = high
            high = high > largest.litres / 2 ? largest.litres : high * 2
        }
        if high >= largest.litres, try price(largest) <= amount { return largest }
        // price(low) <= amount < price(high)
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if try price(Volume(litres: middle)) <= amount { low = middle } else { high = middle }
        }
        return Volume(litres: low)
    }
}
