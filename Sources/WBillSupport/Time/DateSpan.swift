/// A run of whole calendar days, both ends included: a billing period, a quote, a sub-period.
///
/// ```swift
/// let october = DateSpan.month(year: 2026, month: 10)   // 2026-10-01...2026-10-31, 31 days
/// ```
public struct DateSpan: Sendable, Hashable, CustomStringConvertible {
    /// The first day.
    public let first: CivilDate
    /// The last day (included).
    public let last: CivilDate

    /// Creates the span `first...last`.
    ///
    /// - Throws: `DateSpanError.reversed` when `last` is before `first`.
    public init(from first: CivilDate, through last: CivilDate) throws {
        guard first <= last else { throw DateSpanError.reversed(first: first, last: last) }
        self.first = first
        self.last = last
    }

    /// A span the caller knows is ordered.
    package init(uncheckedFrom first: CivilDate, through last: CivilDate) {
        assert(first <= last)
        self.first = first
        self.last = last
    }

    /// One calendar month.
    ///
    /// - Parameters:
    ///   - year: The year, 1–9999.
    ///   - month: The month, 1–12.
    public static func month(year: Int, month: Int) -> DateSpan {
        let start = CivilDate(year: year, month: month, day: 1)!
        let end = CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!
        return DateSpan(uncheckedFrom: start, through: end)
    }

    /// The number of days, at least 1.
    public var days: Int { first.days(to: last) + 1 }

    /// Whether `date` is one of the span's days.
    public func contains(_ date: CivilDate) -> Bool {
        first <= date && date <= last
    }

    /// The days both spans share, or `nil` when they do not meet.
    public func intersection(_ other: DateSpan) -> DateSpan? {
        let start = max(first, other.first)
        let end = min(last, other.last)
        return start <= end ? DateSpan(uncheckedFrom: start, through: end) : nil
    }

    /// `2026-10-01..2026-10-31`.
    public var description: String { "\(first)..\(last)" }
}

/// A span that cannot be made.
public enum DateSpanError: ClassifiedError, Equatable {
    /// The end is before the start.
    case reversed(first: CivilDate, last: CivilDate)

    public var failureKind: FailureKind { .badInput }
    public var description: String {
        switch self {
        case .reversed(let first, let last): return "the period ends (\(last)) before it starts (\(first))"
        }
    }
}
