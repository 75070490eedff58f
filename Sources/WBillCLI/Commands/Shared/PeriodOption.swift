import WaterBilling
import WBillSupport

/// `--period PERIOD`: one calendar period, absolute (`2026-10`, `2026-Q4`, `2026-10-05`, `2026`) or
/// relative to today (`last-month`, `last-quarter`, `yesterday` …), read the same way by every
/// command that takes one (bill runs; reports), as a `CalendarPeriod`.
enum PeriodOption {
    /// The row, with the command's own words for what the period is.
    static func row(help: String, required: Bool = false) -> OptionSpec {
        .value("period", .text, placeholder: "PERIOD", required: required, help: help)
    }

    /// The forms, for help texts.
    static let forms = """
        PERIOD is a month (2026-10), a quarter (2026-Q4), a day (2026-10-05) or a year (2026),
        or one counted from today: last-month, this-month, last-quarter, this-quarter,
        yesterday, today, last-year, this-year
        """

    /// The period `--period` names, counted from the command's clock; nil when it is not given.
    /// - Parameter lengths: the lengths the command takes (all by default).
    /// - Throws: `UsageError` for text that is no period, or a period of another length.
    static func period(_ context: CommandContext,
                       lengths: [CalendarPeriod.Length] = CalendarPeriod.Length.allCases) throws -> CalendarPeriod? {
        guard let text = context.arguments.value("period") else { return nil }
        let period: CalendarPeriod
        do {
            period = try CalendarPeriod(parsing: text.trimmed, today: context.settings.now.date)
        } catch {
            throw context.invalidValue(text, for: "period", expected: CalendarPeriod.expected)
        }
        guard lengths.contains(period.length) else {
            let allowed = lengths.map { "a \($0.rawValue) (\($0.pattern), \($0.relativeWords.last))" }.joined(separator: " or ")
            throw context.invalidValue(text, for: "period", expected: allowed)
        }
        return period
    }
}
