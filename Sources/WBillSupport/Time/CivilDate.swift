/// A calendar date without a time or time zone (proleptic Gregorian), e.g. a tariff's effective date.
///
/// Stored as days since 1970-01-01, so comparisons and day counts are exact integer arithmetic.
///
/// ```swift
/// let start = try CivilDate(parsing: "2026-10-01")
/// start.adding(days: 45).description   // "2026-11-15"
/// ```
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let daysSinceEpoch: Int

    /// Creates a date from its day number.
    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// Creates a date from year, month (1–12) and day (1–31), or `nil` when there is no such day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.daysSinceEpoch = CivilDate.days(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`.
    /// - Throws: `DateParseError` naming what was expected.
    public init(parsing text: String) throws {
        if let date = CivilDate.plainDate(text) {
            self = date
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw DateParseError(text: text, expected: "a date as YYYY-MM-DD")
        }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            throw DateParseError(text: text, expected: "a day that exists in the calendar",
                                 missingDay: CivilDate.whyNoDay(year: year, month: month, day: day))
        }
        self = date
    }

    /// The date of text that is exactly `YYYY-MM-DD` of a day that exists, read from its bytes; nil
    /// for anything else, which `init(parsing:)` reads (or refuses) the general way with the same
    /// result. Stored times and dates are all this plain: a bulk import reads millions of them.
    static func plainDate(_ text: String) -> CivilDate? {
        var text = text
        return text.withUTF8 { bytes -> CivilDate? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit <= 9 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return CivilDate(year: year, month: month, day: day)
        }
    }

    /// Why `year-month-day` is no day of the calendar: "February 2026 has 28 days".
    static func whyNoDay(year: Int, month: Int, day: Int) -> String {
        guard (1...9999).contains(year) else { return "years run from 0001 to 9999" }
        guard (1...12).contains(month) else { return "months run from 01 to 12" }
        guard day >= 1 else { return "days run from 01" }
        return "\(monthNames[month - 1]) \(year) has \(daysIn(month: month, year: year)) days"
    }

    /// The months' English names, January first.
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// The year, month and day.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The year.
    public var year: Int { components.year }
    /// The month, 1–12.
    public var month: Int { components.month }
    /// The day of the month, 1–31.
    public var day: Int { components.day }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).
    public func adding(months: Int) -> CivilDate {
        let (year, month, day) = components
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = index % 12 + 1
        let newDay = min(day, CivilDate.daysIn(month: newMonth, year: newYear))
        return CivilDate(daysSinceEpoch: CivilDate.days(year: newYear, month: newMonth, day: newDay))
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// The first day of this date's month.
    public var firstOfMonth: CivilDate {
        let (year, month, _) = components
        return CivilDate(daysSinceEpoch: CivilDate.days(year: year, month: month, day: 1))
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    package static func days(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// A date or time that could not be parsed.
public struct DateParseError: ClassifiedError, Equatable {
    /// The text as given.
    public let text: String
    /// What was expected instead.
    public let expected: String
    /// For text of the right shape naming a day the calendar does not have: why it has none
    /// ("February 2026 has 28 days"); nil when the shape is wrong.
    public let missingDay: String?

    /// An error for `text`, which is not `expected` (or, of the right shape, names no day: `missingDay`).
    public init(text: String, expected: String, missingDay: String? = nil) {
        self.text = text
        self.expected = expected
        self.missingDay = missingDay
    }

    /// Why the text was refused, after its value: "there is no such day: February 2026 has 28
    /// days", or "expected a date as YYYY-MM-DD".
    public var reason: String {
        missingDay.map { "there is no such day: \($0)" } ?? "expected \(expected)"
    }

    public var failureKind: FailureKind { .badInput }
    public var description: String {
        missingDay.map { "\"\(text)\" is not a day of the calendar: \($0)" } ?? "\"\(text)\" is not \(expected)"
    }
}

package func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
