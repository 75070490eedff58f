import WaterBilling
import WBillSupport

/// The span a report covers: `--period PERIOD` or `--from DATE --to DATE`, exactly one of the two;
/// last month (by the command's clock) when neither is given.
enum ReportSpanOptions {
    /// The rows: `--period`, `--from`, `--to`.
    static let rows: [OptionSpec] = [
        PeriodOption.row(help: "the period reported on (default: last month); or give --from and --to"),
    ] + DateRange.rows(from: "the first day reported on (with --to, instead of --period)",
                       to: "the last day reported on (with --from)")

    /// The words for help texts.
    static let discussion = """
        The span is --period PERIOD, or --from DATE --to DATE (both days included), not
        both; without either, last month. Days are UTC days. \(PeriodOption.forms).
        """

    /// The span asked for, with its label for titles and parameters (`2026-10`, `2026-10-05..2026-11-04`).
    /// - Throws: `UsageError` for a bad period, both forms at once, or one end of a range alone.
    static func span(_ context: CommandContext) throws -> (span: DateSpan, label: String) {
        let range = try DateRange(context)
        let period = try PeriodOption.period(context)
        if let period {
            guard range.from == nil && range.to == nil else {
                throw context.usageError("give either --period or --from and --to, not both")
            }
            return (period.span, period.label)
        }
        if let span = try range.span(context) { return (span, span.description) }
        let lastMonth = try CalendarPeriod(parsing: "last-month", today: context.settings.now.date)
        return (lastMonth.span, lastMonth.label)
    }
}
