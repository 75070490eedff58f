import WBillSupport

/// The cycles of a tariff — months, two-month periods, quarters or tier years — laid on the calendar.
///
/// Every cycle starts on the tariff's `year-start` day (1–28, so no month ever clamps it):
/// with `year-start = "04-01"` the tier year runs April to March, quarters start in April, July,
/// October and January, and months start on the 1st. With `"01-15"` months run from the 15th to
/// the 14th.
struct CycleCalendar: Sendable {
    /// The cycle length in months (a divisor of 12).
    let months: Int
    /// The day cycles start on.
    let start: MonthDay

    /// The calendar of `cycle`s starting on `start`.
    init(cycle: TariffCycle, start: MonthDay) {
        self.init(months: cycle.months, start: start)
    }

    /// The calendar of cycles of `months` months starting on `start`.
    init(months: Int, start: MonthDay) {
        self.months = months
        self.start = start
    }

    /// The whole cycle that `date` falls in.
    func cycle(containing date: CivilDate) -> DateSpan {
        let (year, month, day) = date.components
        let monthIndex = year * 12 + (month - 1) - (day < start.day ? 1 : 0)
        let offset = monthIndex - (start.month - 1)
        let remainder = ((offset % months) + months) % months
        let startIndex = monthIndex - remainder
        // days(year:month:day:) takes any proleptic year, so a cycle starting before year 1 is fine.
        let startYear = startIndex >= 0 ? startIndex / 12 : (startIndex - 11) / 12
        let first = CivilDate(daysSinceEpoch: CivilDate.days(year: startYear, month: startIndex - startYear * 12 + 1, day: start.day))
        return DateSpan(uncheckedFrom: first, through: first.adding(months: months).adding(days: -1))
    }

    /// How many cycles `span` is worth, exactly: the sum, over every cycle it touches, of the days
    /// it covers in that cycle divided by that cycle's length in days.
    ///
    /// A whole calendar cycle is exactly 1 whatever its length (a 28-day February is one month);
    /// 2026-10-01 to 2026-11-14 is 31/31 + 14/30 monthly cycles.
    func fraction(of span: DateSpan) throws -> ExactFraction {
        var total = ExactFraction.zero
        var current = cycle(containing: span.first)
        while current.first <= span.last {
            if let overlap = current.intersection(span) {
                total = try total.adding(ExactFraction(Int128(overlap.days), Int128(current.days)))
            }
            let next = current.last.adding(days: 1)
            current = cycle(containing: next)
        }
        return total
    }
}

/// Splits a whole number of small units (litres of a volume, by days or percentages) into parts
/// that always add up exactly to the whole.
///
/// Rule (sequential rounding): the parts are taken in order; each part but the last gets its
/// weight's share of what is still unassigned — remaining × weight ÷ remaining weight — rounded to
/// the nearest unit, an exact half going to that (earlier) part; the last part takes the rest.
/// So the parts add up to the whole, the split is deterministic, and no part ever shrinks when the
/// whole grows (which is what keeps "more volume never costs less" true across sub-periods).
enum SequentialSplit {
    /// Splits `total` (`>= 0`) by non-negative `weights` with a positive sum.
    ///
    /// ```swift
    /// SequentialSplit.split(10_000, byWeights: [31, 14])   // [6889, 3111]
    /// ```
    static func split(_ total: Int64, byWeights weights: [Int64]) -> [Int64] {
        precondition(total >= 0 && !weights.isEmpty && weights.allSatisfy { $0 >= 0 })
        var remaining = Int128(total)
        var remainingWeight = weights.reduce(Int128(0)) { $0 + Int128($1) }
        precondition(remainingWeight > 0, "all weights are zero")
        var parts: [Int64] = []
        parts.reserveCapacity(weights.count)
        for (index, weight) in weights.enumerated() {
            let part: Int128
            if index == weights.count - 1 || remainingWeight == Int128(weight) {
                part = remaining
            } else {
                part = RoundingRule.halfUp.divide(remaining * Int128(weight), by: remainingWeight)
            }
            parts.append(Int64(part))
            remaining -= part
            remainingWeight -= Int128(weight)
        }
        return parts
    }

    /// Splits a volume in litres.
    static func split(_ volume: Volume, byWeights weights: [Int64]) -> [Volume] {
        split(volume.litres, byWeights: weights).map(Volume.init(litres:))
    }
}
