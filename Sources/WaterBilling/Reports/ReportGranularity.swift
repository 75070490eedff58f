import WBillSupport

/// How a report over a span cuts it in time: by UTC day, month or year. A bucket is named by the
/// first characters of the UTC times it holds (`2026-10-05`, `2026-10`, `2026`), so a time falls
/// in the bucket its text begins with.
public enum ReportGranularity: String, Sendable, CaseIterable {
    case daily
    case monthly
    case annual

    /// How many characters of a date or a UTC time name its bucket.
    var prefixLength: Int {
        switch self {
        case .daily: return 10
        case .monthly: return 7
        case .annual: return 4
        }
    }

    /// The bucket `date` falls in (`2026-10-05`, `2026-10`, `2026`).
    public func bucket(of date: CivilDate) -> String {
        String(date.description.prefix(prefixLength))
    }

    /// Every bucket the span touches, in order, each with its days within the span (the first and
    /// last may be partial: `--from 2026-10-15` starts October on the 15th).
    public func buckets(in span: DateSpan) -> [(name: String, days: DateSpan)] {
        var result: [(name: String, days: DateSpan)] = []
        var first = span.first
        while first <= span.last {
            let next: CivilDate
            switch self {
            case .daily: next = first.adding(days: 1)
            case .monthly: next = first.firstOfMonth.adding(months: 1)
            case .annual: next = CivilDate(year: first.year + 1, month: 1, day: 1) ?? span.last.adding(days: 1)
            }
            let last = min(next.adding(days: -1), span.last)
            // first <= last here, so the span is valid.
            if let days = try? DateSpan(from: first, through: last) { result.append((bucket(of: first), days)) }
            first = next
        }
        return result
    }
}
