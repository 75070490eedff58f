/// A TOML local date (`2026-01-01`): a calendar day without a time or an offset, validated.
public struct TOMLDate: Equatable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 0–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31 (checked against the month and leap years).
    public let day: Int

    /// Makes a date when the parts name a real day of the Gregorian calendar.
    ///
    /// - Parameters:
    ///   - year: 0–9999.
    ///   - month: 1–12.
    ///   - day: 1 to the length of the month.
    /// - Returns: `nil` for a day that does not exist, such as February 30.
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= TOMLDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    ///
    /// - Parameters:
    ///   - month: 1–12.
    ///   - year: The year, for February.
    /// - Returns: 28–31.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Orders dates by calendar day.
    public static func < (a: TOMLDate, b: TOMLDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
