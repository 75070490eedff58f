import WBillSupport

/// How a tariff counts a span of days in periods — for fixed charges, minimums, included volumes
/// and tier thresholds alike. Tariff sheets differ; `calendar` is the default.
public enum ProrationConvention: Sendable, Equatable {
    /// Each calendar period the span touches counts the days it covers over that period's own
    /// length: a whole month is exactly one month (28 to 31 days), 2026-10-01..2026-11-14 is
    /// 31/31 + 14/30 months.
    case calendar
    /// The bill's read cycle counts as a whole number of periods when its length is within
    /// `toleranceDays` of that many nominal periods (a period of N months is N × 365/12 days), so
    /// a 58- to 63-day read is two months; otherwise it counts its days as `days365` does.
    case readCycle(toleranceDays: Int)
    /// Every day is 1/365 of a year (a monthly amount is amount × 12/365 a day), leap years too.
    case days365
    /// Every day is 1 / the length of its charging year (365 or 366 days, the year from the
    /// tariff's year start).
    case daysInYear

    /// The spellings a tariff file uses, in the order the manual lists them.
    public static let names = ["calendar", "read-cycle", "days-365", "days-in-year"]
    /// The read-cycle tolerance when the file gives none, in days.
    public static let defaultTolerance = 3
    /// The tolerances a file may give, in days: below half the shortest period (a month of
    /// 30.4 days), so a read is never near two whole numbers of periods at once.
    public static let toleranceRange = 0...15

    /// The spelling in the file: `calendar`, `read-cycle` …
    public var name: String {
        switch self {
        case .calendar: return "calendar"
        case .readCycle: return "read-cycle"
        case .days365: return "days-365"
        case .daysInYear: return "days-in-year"
        }
    }
}

/// What the whole bill is: the days and the water asked to be priced, before they are cut at
/// version dates, season bounds and proportional parts. Read cycles and volume bands are judged
/// on it, not on the pieces.
struct BillScope: Sendable {
    /// Every day billed.
    let span: DateSpan
    /// The meter's water over those days.
    let water: Volume
}

/// Counts spans in periods under one tariff version's convention.
struct Proration: Sendable {
    let convention: ProrationConvention
    /// The day cycles and charging years start on.
    let yearStart: MonthDay
    /// The whole bill's days; a piece of it is a share of the bill's worth under `readCycle`.
    let bill: DateSpan

    /// How many periods of `period` the days of `span` are worth, exactly (`daily`: the days).
    func periods(of span: DateSpan, per period: ChargePeriod) throws -> ExactFraction {
        switch period {
        case .daily: return ExactFraction(Int128(span.days), 1)
        case .cycle(let cycle): return try periods(of: span, months: cycle.months)
        }
    }

    /// How many periods of `months` months the days of `span` (a part of the bill) are worth.
    ///
    /// - `calendar`: the sum over the cycles it touches of days covered / the cycle's days.
    /// - `readCycle`: the bill's worth (whole periods within the tolerance, else by days/365)
    ///   times `span`'s share of the bill's days.
    /// - `days365`: days × 12 / (365 × months).
    /// - `daysInYear`: the sum over the charging years it touches of days covered × 12 /
    ///   (the year's days × months).
    func periods(of span: DateSpan, months: Int) throws -> ExactFraction {
        switch convention {
        case .calendar:
            return try CycleCalendar(months: months, start: yearStart).fraction(of: span)
        case .days365:
            return Self.byDays365(span.days, months: months)
        case .daysInYear:
            let years = CycleCalendar(months: 12, start: yearStart)
            var total = ExactFraction.zero
            var year = years.cycle(containing: span.first)
            while year.first <= span.last {
                if let overlap = year.intersection(span) {
                    total = try total.adding(ExactFraction(Int128(overlap.days) * 12, Int128(year.days) * Int128(months)))
                }
                year = years.cycle(containing: year.last.adding(days: 1))
            }
            return total
        case .readCycle(let tolerance):
            let whole = Self.readCycle(bill.days, months: months, toleranceDays: tolerance)
            guard span.days != bill.days else { return whole }
            return try whole.multiplied(by: ExactFraction(Int128(span.days), Int128(bill.days)))
        }
    }

    /// `days` as periods of `months` months at 365/12 days a month.
    static func byDays365(_ days: Int, months: Int) -> ExactFraction {
        ExactFraction(Int128(days) * 12, 365 * Int128(months))
    }

    /// A read of `days` days in periods of `months` months: the nearest whole number k ≥ 1 of
    /// nominal periods (k × months × 365/12 days) when the read is within `toleranceDays` of it,
    /// else `byDays365`.
    static func readCycle(_ days: Int, months: Int, toleranceDays: Int) -> ExactFraction {
        // In twelfths of a day: the read is 12·days, k periods are 365·months·k.
        let read = Int128(days) * 12, period = 365 * Int128(months)
        let nearest = (2 * read + period) / (2 * period)  // round(read / period), halves up
        if nearest >= 1, (read - nearest * period).magnitude <= UInt128(12 * toleranceDays) {
            return ExactFraction(nearest, 1)
        }
        return byDays365(days, months: months)
    }
}
