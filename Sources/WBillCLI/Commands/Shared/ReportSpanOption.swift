import WaterBilling
import WBillSupport

/// The days a report covers: `--period PERIOD` (through `PeriodOption`) or `--from DATE --to DATE`
/// (through `DateRange`, both ends), exactly one of the two; without either, last month counted
/// from the command's clock. Read the same way by every report over a span.
enum ReportSpanOption {
    /// The rows: `--period`, `--from`, `--to`.
    static let rows: [OptionSpec] = [PeriodOption.row(help: "the period reported (default: last-month)")]
        + DateRange.rows(from: "the first day reported (with --to, instead of --period)",
                         to: "the last day reported, included (with --from)")

    /// For help texts.
    static let forms = PeriodOption.forms + ". Instead of a period, --from DATE --to DATE names any days."

    /// A paragraph for help texts of reports that say it whole.
    static let discussion = """
        The span is --period PERIOD, or --from DATE --to DATE (both days included), not
        both; without either, last month. Days are UTC days. \(PeriodOption.forms).
        """

    /// The days reported, and how the report names them: the period's label (`2026-10`) or `FIRST..LAST`.
    /// - Throws: `UsageError` for a bad period, `--period` with `--from`/`--to`, one end without the
    ///   other, or `--to` before `--from`.
    static func span(_ context: CommandContext) throws -> (span: DateSpan, label: String) {
        let range = try DateRange(context)
        let period = try PeriodOption.period(context)
        if period != nil && (range.from != nil || range.to != nil) {
            throw context.usageError("give either --period or --from and --to, not both")
        }
        if let period { return (period.span, period.label) }
        if let span = try range.span(context) { return (span, span.description) }
        let lastMonth = CalendarPeriod(.month, containing: context.settings.now.date.firstOfMonth.adding(days: -1))
        return (lastMonth.span, lastMonth.label)
    }
}
