/// One value of a typed table row, as exact as what it came from: never a binary floating-point number.
public enum TabularValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int64)
    /// `unscaled` × 10^-`scale`: money in minor units, volume in thousandths.
    case decimal(unscaled: Int64, scale: Int)
    case date(CivilDate)
    /// A moment, shown in UTC to the second (`2026-10-31 23:59:59`).
    case timestamp(Timestamp)
    case boolean(Bool)
}

extension Timestamp {
    /// The moment's date and second of the day in UTC (milliseconds dropped), as typed tables show it.
    public var utcDateAndSecond: (date: CivilDate, secondOfDay: Int) {
        let seconds = millisecondsSinceEpoch >= 0 ? millisecondsSinceEpoch / 1000 : (millisecondsSinceEpoch - 999) / 1000
        let secondOfDay = Int(((seconds % 86_400) + 86_400) % 86_400)
        return (date, secondOfDay)
    }

    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    public var utcSecondsText: String {
        let (date, second) = utcDateAndSecond
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(date) \(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))"
    }
}
