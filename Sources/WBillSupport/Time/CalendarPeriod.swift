/// One calendar period — a day, a month, a quarter or a year — named as people and cron jobs name
/// it: absolutely (`2026-10-05`, `2026-10`, `2026-Q4`, `2026`) or relative to today (`yesterday`,
/// `last-month`, `this-quarter`, …). Bill runs and reports take their `--period` as one.
///
/// ```swift
/// let period = try CalendarPeriod(parsing: "last-month", today: CivilDate(year: 2026, month: 11, day: 5)!)
/// period.label          // "2026-10"
/// period.span           // 2026-10-01..2026-10-31
/// ```
public struct CalendarPeriod: Sendable, Hashable, CustomStringConvertible {
    /// How long a period is.
    public enum Length: String, Sendable, CaseIterable {
        case day, month, quarter, year

        /// The relative words for this length: the period containing today, and the one before it.
        public var relativeWords: (this: String, last: String) {
            switch self {
            case .day: return ("today", "yesterday")
            case .month: return ("this-month", "last-month")
            case .quarter: return ("this-quarter", "last-quarter")
            case .year: return ("this-year", "last-year")
            }
        }

        /// How a period of this length is written, for messages (`YYYY-MM`).
        public var pattern: String {
            switch self {
            case .day: return "YYYY-MM-DD"
            case .month: return "YYYY-MM"
            case .quarter: return "YYYY-Qn"
            case .year: return "YYYY"
            }
        }
    }

    /// Its length.
    public let length: Length
    /// Its days.
    public let span: DateSpan

    /// The period of `length` containing `date`.
    public init(_ length: Length, containing date: CivilDate) {
        let (year, month, _) = date.components
        let first: CivilDate
        let last: CivilDate
        switch length {
        case .day:
            first = date
            last = date
        case .month:
            first = date.firstOfMonth
            last = first.adding(months: 1).adding(days: -1)
        case .quarter:
            first = CivilDate(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)!
            last = first.adding(months: 3).adding(days: -1)
        case .year:
            first = CivilDate(year: year, month: 1, day: 1)!
            last = CivilDate(year: year, month: 12, day: 31)!
        }
        self.length = length
        self.span = DateSpan(uncheckedFrom: first, through: last)
    }

    /// Parses a period: `2026-10-05`, `2026-10`, `2026-Q4`, `2026`, or one of the relative words
    /// (`today`, `yesterday`, `this-month`, `last-month`, `this-quarter`, `last-quarter`,
    /// `this-year`, `last-year`) counted from `today`.
    /// - Throws: `DateParseError` naming the forms accepted.
    public init(parsing text: String, today: CivilDate) throws {
        let word = text.lowercased()
        for length in Length.allCases {
            let words = length.relativeWords
            if word == words.this {
                self.init(length, containing: today)
                return
            }
            if word == words.last {
                self.init(length, containing: CalendarPeriod(length, containing: today).span.first.adding(days: -1))
                return
            }
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let digits = { (part: Substring, count: Int) in part.count == count && part.allSatisfy { $0.isASCII && $0.isNumber } }
        switch parts.count {
        case 1 where digits(parts[0], 4):
            guard let date = CivilDate(year: Int(parts[0])!, month: 1, day: 1) else { break }
            self.init(.year, containing: date)
            return
        case 2 where digits(parts[0], 4) && parts[1].count == 2 && parts[1].first.map({ $0 == "Q" || $0 == "q" }) == true:
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter),
                  let date = CivilDate(year: Int(parts[0])!, month: quarter * 3 - 2, day: 1) else { break }
            self.init(.quarter, containing: date)
            return
        case 2 where digits(parts[0], 4) && digits(parts[1], 2):
            guard let date = CivilDate(year: Int(parts[0])!, month: Int(parts[1])!, day: 1) else { break }
            self.init(.month, containing: date)
            return
        case 3:
            guard let date = try? CivilDate(parsing: text) else { break }
            self.init(.day, containing: date)
            return
        default:
            break
        }
        throw DateParseError(text: text, expected: CalendarPeriod.expected)
    }

    /// The forms `init(parsing:today:)` accepts, for messages and help.
    public static let expected = "a period such as 2026-10, 2026-Q4, 2026-10-05, 2026, last-month, last-quarter or yesterday"

    /// The period's name: `2026-10-05`, `2026-10`, `2026-Q4` or `2026`.
    public var label: String {
        let (year, month, _) = span.first.components
        let yearText = String(year).count >= 4 ? String(year) : String(repeating: "0", count: 4 - String(year).count) + String(year)
        switch length {
        case .day: return span.first.description
        case .month: return String(span.first.description.prefix(7))
        case .quarter: return "\(yearText)-Q\((month - 1) / 3 + 1)"
        case .year: return yearText
        }
    }

    /// Whether the period's last day is before `date`: it is over then.
    public func isOver(on date: CivilDate) -> Bool {
        span.last < date
    }

    public var description: String { label }
}
