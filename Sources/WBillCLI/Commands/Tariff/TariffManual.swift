/// The extra sections of `man wbill-tariff`: the file format with a complete example, and the
/// pricing, rounding and remainder rules.
enum TariffManual {
    static let sections: [(title: String, text: String)] = [
        ("Tariff file", fileFormat),
        ("Pricing rules", pricingRules),
    ]

    static let fileFormat = """
        A tariff file is TOML. Numbers are read from their decimal text, never through binary
        floating point, so 4.16 is exactly 4.16; exponents (1e3), inf and nan are refused. Volumes
        are in the utility's volume unit with at most 3 decimals, rates are prices of one unit with
        at most 6, amounts with at most the currency's decimals, percentages with at most 4. Keys
        are lower-case with dashes; an unknown key is an error that names the nearest known one.

        The volume unit is the utility's, chosen once with wbill init --volume-unit: m3 (cubic
        metres, the default), ccf (hundred cubic feet), kgal (thousands of gallons) or gal
        (gallons). A tariff is written as its sheet says, in that unit; nothing is converted, and
        quotes and messages name the unit. A US sheet in CCF ("first 8 CCF at 3.95, then 5.12")
        is up-to = 8 and rates = [3.95, 5.12] in a utility set up with --volume-unit ccf
        (examples/tariffs/us-ccf.toml).

        Top level: name (1 to 64 characters, no "=" or ","), kind (postpaid, meter-prepaid or
        system-prepaid; it must match the business mode of the customer types that use it),
        currency (3 capital letters; it must be the utility's currency), minor-unit (the
        currency's decimals, needed only for a code wbill does not know), description, rounding
        (half-up, the default, half-even or down), rounding-per (line, the default, or component),
        tier-cycle (monthly, bimonthly, quarterly or annual; required with tiers) and year-start
        ("MM-DD", day 01 to 28, default "01-01": the day the tier year and every cycle starts).

        [[tiers]], one table per tier in increasing order: up-to is the tier's upper threshold in
        volume units per cycle; the last tier has no up-to and takes everything above. An optional from must
        be where the tier before ends (0 for the first): a published "0-180, 181-260, above 260"
        is up-to = 180, then up-to = 260, then an open tier.

        [per-capita]: base-persons and extra-per-person. Households above base-persons get every
        threshold raised by extra-per-person units for each extra person (before scaling by days).

        [components.NAME], one table per bill component (water fee, sewage, resource fee, garbage
        fee ...), in the order lines are printed: rate (one price per unit for every tier) or rates
        (an array with one price per tier), label, share (the percentage of the volume charged,
        default 100: sewage on 95 % of the water is share = 95) and basis (water, the default, or
        sewage: when a measured sewage volume is given, such a component is charged on it, without
        the share).

        [seasons.NAME]: from and to ("MM-DD", both included; a season may wrap the new year) and
        rates, a table of component = rate or component = [rates per tier] that replace those
        components' rates during the season. Seasons must not overlap; days in no season use the
        components' own rates.

        [fixed-charges.NAME]: per (monthly, bimonthly, quarterly or annual), amount and/or
        by-caliber (a table of meter caliber in mm = amount; amount is then the charge for any
        other caliber), label.

        [minimum-charge]: amount and per. [tax]: percent (0 to 100) and label (default "tax").

        A proportional (mixed-use) tariff has, instead of tiers, components, seasons and charges,
        a [split] table of tariff name = percentage, at least two, adding up to exactly 100. The
        tariffs it names must exist when it is added and must be of the same kind.

        A mistake is reported with the file, line, column and key path of the value, what was
        expected and what was found, and exit status 65; nothing is stored:

          tariff.toml:15:16: components.water.rates[1]: expected a number ≥ 0, found "-5.60"

        A complete example (examples/tariffs/ has more, each ready for wbill tariff add):

          name = "residential-annual"
          kind = "postpaid"
          description = "residential, annual tiers 0-180 / 180-260 / above 260 m³"
          currency = "CNY"
          rounding = "half-up"
          rounding-per = "line"
          tier-cycle = "annual"
          year-start = "01-01"

          [[tiers]]
          up-to = 180
          [[tiers]]
          up-to = 260
          [[tiers]]            # above 260 m³

          [per-capita]
          base-persons = 5
          extra-per-person = 30

          [components.water]
          label = "water fee"
          rates = [2.07, 4.07, 6.07]

          [components.resource]
          label = "water-resource fee"
          rate = 1.57

          [components.sewage]
          label = "sewage treatment"
          rate = 1.36
          share = 100
          basis = "sewage"

          [seasons.summer]
          from = "07-01"
          to = "08-31"
          rates = { water = [2.57, 4.57, 6.57] }

          [fixed-charges.meter]
          label = "meter service"
          per = "monthly"
          by-caliber = { 15 = 2.00, 20 = 3.00, 25 = 5.00 }

          [minimum-charge]
          amount = 5.00
          per = "monthly"

          [tax]
          label = "VAT"
          percent = 0

        A proportional tariff:

          name = "mixed-use"
          kind = "postpaid"
          currency = "CNY"

          [split]
          residential-annual = 70
          commercial-flat = 30
        """

    static let pricingRules = """
        Every amount is exact fixed-point arithmetic with 128-bit intermediates; no binary
        floating point is used anywhere. These rules are the ones bills and prepaid purchases
        follow too. A litre below is a thousandth of the volume unit (a litre when it is m³).

        Versions and seasons. A span is cut at every version's effective date, and each version's
        part again at season bounds, into sub-periods. The consumption is apportioned to the parts
        by days, in litres, by sequential rounding: in date order, each part but the last gets its
        days' share of the volume not yet assigned (remaining volume x its days / remaining days),
        rounded to the nearest litre with an exact half going to that earlier part, and the last
        part gets the rest. So the parts always add up to the whole, and a part never shrinks when
        the whole grows. A measured sewage volume is apportioned the same way.

        Thresholds. Each tier threshold is widened per person first, then scaled by the span's
        worth in tier cycles: the sum, over every cycle the span touches, of the days it covers in
        that cycle divided by the cycle's length in days. A whole month (28 to 31 days), quarter
        or tier year is exactly 1, so the thresholds apply unchanged; 2026-10-01 to 2026-11-14 is
        31/31 + 14/30 months. A scaled threshold is rounded to the nearest litre, halves up.

        Components. A component's volume in a sub-period is the sub-period's water times its
        share, rounded down to the litre (a measured sewage volume for a sewage-based component).
        It is cut at the thresholds and each tier's piece is priced at that tier's rate.

        Rounding. Each line is rounded once to the currency's minor unit by the tariff's rule:
        half-up (an exact half away from zero), half-even (an exact half to the even neighbour)
        or down (towards zero). With rounding-per = "line" a line is one component, tier and
        sub-period; with "component", a component's tiers in one sub-period are added exactly
        and rounded once, as one line. Totals are sums of rounded lines, so the lines always add
        up to the total.

        Fixed and minimum charges. A fixed charge is its amount per period times the version's
        days counted in periods as for thresholds, rounded once: a whole month is exactly the
        monthly amount, 45 days from October 1st is 1 + 14/30 months. A minimum charge is
        prorated the same way; when a version's net (its volume and fixed lines) is below it,
        the difference is charged as a minimum line.

        Tax. Tax is the net (the rounded volume, fixed and minimum lines) times the tax
        percentage, rounded once, as its own line; consecutive versions with the same tax share
        one tax line.

        Proportional pricing. The volume (and a measured sewage volume) is split by the
        percentages with the same sequential rounding, in the order the parts are listed; each
        part is priced on its own by its tariff, with its own rounding and tax, and carries that
        percentage of its tariff's fixed and minimum charges.
        """
}
