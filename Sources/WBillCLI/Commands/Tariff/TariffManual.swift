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
        at most 6, amounts of fixed charges and minimums with at most 6 (more than the currency has,
        when a sheet states 0.0375 a day: each line is rounded once), percentages with at most 4.
        Keys are lower-case with dashes; an unknown key is an error that names the nearest known one.

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
        tier-cycle (monthly, bimonthly, quarterly, four-monthly, half-yearly or annual; required
        with tiers), year-start ("MM-DD", day 01 to 28, default "01-01": the day the tier year and
        every cycle starts), proration (how a span of days counts in periods: calendar, the
        default, read-cycle, days-365 or days-in-year; see PRICING RULES) and read-cycle-tolerance
        (with proration = "read-cycle" only: whole days from 0 to 15, default 3).

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
        the share). A component may also have tiers, its own break points instead of the shared
        [[tiers]] (the same tables, written as an array: tiers = [{ up-to = 16 }, {}]); its rates,
        and its rates in a season, then have one rate per tier of its own. And it may have a
        minimum, a table like [minimum-charge] that applies to this component alone.

        [seasons.NAME]: from and to ("MM-DD", both included; a season may wrap the new year) and
        rates, a table of component = rate or component = [rates per tier] that replace those
        components' rates during the season. Seasons must not overlap; days in no season use the
        components' own rates.

        [fixed-charges.NAME]: per (daily, or a cycle: monthly, bimonthly, quarterly, four-monthly,
        half-yearly or annual), amount and/or by-caliber (a table of meter caliber in mm = amount;
        amount is then the charge for any other caliber), label. Or, instead of amount and
        by-caliber, by-volume: bands in increasing order, each { up-to = VOLUME, amount = AMOUNT },
        the last without up-to; the first band the volume does not exceed sets the amount (a band
        includes its bound). band-volume says which volume: period (the default: the volume
        billed, against bounds per the charge's period scaled to the days billed) or annual (the
        account's annual volume, against bounds per year; wbill tariff quote takes it as
        --annual-volume).

        [minimum-charge]: amount, per (daily or a cycle) and includes. Without includes, a net
        below the minimum is topped up by a line for the difference. With includes (a volume per
        period), it is a minimum that includes a volume, as sheets write "minimum 24.10, includes
        the first 3": amount = 24.10, per = "monthly", includes = 3. The amount is always charged,
        it covers the first 3 of each component's volume, and only the volume above is priced by
        the rates, cut at the tiers as usual (so a tier up to 10 prices the 7 from 3 to 10). A
        component's own minimum covers that component instead of the tariff's.

        [tax]: percent (0 to 100) and label (default "tax").

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

        Charges as sheets state them:

          name = "sheet"
          kind = "postpaid"
          currency = "USD"
          proration = "read-cycle"   # a monthly read of 28 to 33 days is one month
          tier-cycle = "monthly"

          [[tiers]]
          up-to = 33
          [[tiers]]

          [components.water]
          rates = [7.27, 6.55]
          minimum = { amount = 21.18, per = "monthly", includes = 3 }

          [components.sewer]
          tiers = [{ up-to = 16 }, {}]
          rates = [5.93, 0]
          minimum = { amount = 28.87, per = "monthly", includes = 3 }

          [fixed-charges.standing]
          per = "daily"
          amount = 0.097

          [fixed-charges.connection]
          per = "annual"
          band-volume = "annual"
          by-volume = [{ up-to = 200, amount = 60.00 }, { amount = 150.00 }]

        Here water and sewer each have a minimum that includes the first 3 (as a US water and
        sewer sheet states them), sewer has its own break point at 16 (a cap: above it sewer is
        free), the standing charge is per day and the connection charge is banded by the
        account's annual volume.

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

        Proration. How many periods a span of days is worth is the tariff's proration
        convention, and the same count scales fixed charges, minimums, the volumes minimums
        include, tier thresholds and volume bands. A period of N months (a cycle) is:
          calendar (the default): the sum, over every calendar period the span touches (laid from
            year-start), of the days it covers in that period divided by the period's length in
            days. A whole month (28 to 31 days), quarter or tier year is exactly 1; 2026-10-01 to
            2026-11-14 is 31/31 + 14/30 months.
          read-cycle: the bill's whole read counts as k periods when its length is within
            read-cycle-tolerance days of k nominal periods of N x 365/12 days (k at least 1): two
            months are 60.83 days, so with the default tolerance of 3 days a read of 58 to 63 days
            is exactly two months, and one bimonthly tier cycle. A read outside the tolerance
            counts its days as days-365 does.
          days-365: every day is 12/365 of a month whatever the year, so a monthly amount is
            amount x 12/365 a day and an annual one amount/365 a day; a leap year is 366/365 years.
          days-in-year: every day is 1/the days of its charging year (365 or 366, the year from
            year-start), so a monthly amount is amount x 12/(days of the year) a day.
        A per = "daily" charge is worth the number of days under every convention. When a span is
        cut at a version date or a season bound, a piece is worth what the convention gives its
        own days (calendar, days-365, days-in-year), or, for read-cycle, the whole read's worth
        times the piece's days over the read's days. A quote without dates prices the calendar
        cycle containing today, which calendar and read-cycle count as exactly one cycle.

        Thresholds. Each tier threshold (the shared ones and a component's own) is widened per
        person first, then scaled by the span's worth in tier cycles, and rounded to the nearest
        litre, halves up. A span worth exactly one cycle leaves the thresholds as written.

        Components. A component's volume in a sub-period is the sub-period's water times its
        share, exactly, not rounded (a measured sewage volume for a sewage-based component): 95 %
        of 0.011 is 0.01045, and VOLUME shows it so. It is cut at the thresholds and each tier's
        piece is priced at that tier's rate; the only rounding is the line's.

        Rounding. Each line is rounded once to the currency's minor unit by the tariff's rule:
        half-up (an exact half away from zero), half-even (an exact half to the even neighbour)
        or down (towards zero). With rounding-per = "line" a line is one component, tier and
        sub-period; with "component", a component's tiers in one sub-period are added exactly
        and rounded once, as one line. Totals are sums of rounded lines, so the lines always add
        up to the total.

        Fixed and minimum charges. A fixed charge is its amount per period times the version's
        days counted in periods (above), rounded once by the tariff's rule: a whole month is
        exactly the monthly amount, 45 days from October 1st is 1 + 14/30 months, and 91 days at
        0.0375 a day is 3.4125, so 3.41 half-up. A charge banded by volume takes the amount of the
        band the volume falls in: the volume billed (the whole bill's, before it is cut at
        versions and seasons) against each bound per period times the bill's worth in periods,
        compared exactly, never rounded; or the account's annual volume against the bounds as
        written. A minimum is prorated like a fixed charge. Without includes, when a version's net
        (its volume and fixed lines; for a component's minimum, that component's lines) is below
        it, the difference is charged as a minimum line. With includes, the prorated amount is
        always charged as a minimum line whose VOLUME is the volume it includes: includes per
        period times each sub-period's worth, rounded to the nearest litre, halves up, like a
        threshold; that volume of each component it covers is not priced by the rates.

        Tax. Tax is the net (the rounded volume, fixed and minimum lines) times the tax
        percentage, rounded once, as its own line; consecutive versions with the same tax share
        one tax line.

        Proportional pricing. The volume (and a measured sewage volume) is split by the
        percentages with the same sequential rounding, taking the parts in the order of their
        tariff names (so the order they are written in changes nothing); each part is priced on
        its own by its tariff, with its own rounding and tax, and carries that percentage of its
        tariff's fixed and minimum charges and of the volumes its minimums include. A charge
        banded by the volume billed is banded by the meter's whole volume. A quote without dates
        prices each part over its own tariff's whole tier cycle containing today.
        """
}
