/// Which day a spreadsheet's date serial 0 is.
public enum SpreadsheetDateSystem: Sendable, Equatable {
    /// Excel's default: serial 1 is 1900-01-01, and serial 60 is a 29 February 1900 that never
    /// was (a bug kept from Lotus 1-2-3), so from serial 61 (1900-03-01) the days are one off.
    case from1900
    /// Old Mac Excel's: serial 0 is 1904-01-01.
    case from1904
}

/// A number cell whose number format is a date or a time, as text: `2026-11-23`, or
/// `2026-11-23T09:30:00` when it has a time of day (`.250` when it has milliseconds), or
/// `09:30:00` for a time format on a serial below one day. The time is what the sheet says, in
/// no time zone.
enum CellDateText {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// The text of date serial `serial`, or why it is refused.
    /// - Parameters:
    ///   - timeOnly: the cell's format shows a time without a date.
    static func text(serial: Double, system: SpreadsheetDateSystem, timeOnly: Bool) -> Result<String, CellRefusal> {
        let written = CellNumberText.text(of: serial)
        let value = (try? written.get()) ?? "\(serial)"
        let outOfRange = CellRefusal(value: value, reason: "a date cell whose serial number is not a date from \(system == .from1900 ? 1900 : 1904) to 9999")
        guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return .failure(outOfRange) }
        let total = Int64((serial * Double(millisecondsPerDay)).rounded())
        let days = Int(total / millisecondsPerDay)
        let milliseconds = total % millisecondsPerDay
        if timeOnly && days == 0 { return .success(time(milliseconds)) }
        let date: CivilDate
        switch system {
        case .from1904:
            date = CivilDate(year: 1904, month: 1, day: 1)!.adding(days: days)
        case .from1900:
            if days == 0 {
                return .failure(CellRefusal(value: value, reason: "day 0 of the 1900 date system (shown as 1900-01-00) is not a date"))
            }
            if days == 60 {
                return .failure(CellRefusal(value: value, reason: "1900-02-29 does not exist (spreadsheets count a 29 February 1900 that the calendar never had)"))
            }
            date = CivilDate(year: 1899, month: 12, day: days < 60 ? 31 : 30)!.adding(days: days)
        }
        guard date.year <= 9999 else { return .failure(outOfRange) }
        return .success(milliseconds == 0 ? date.description : "\(date)T\(time(milliseconds))")
    }

    /// `HH:MM:SS`, with `.mmm` when there are milliseconds.
    static func time(_ milliseconds: Int64) -> String {
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let seconds = milliseconds / 1000, rest = milliseconds % 1000
        var text = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if rest > 0 { text += "." + String(String(rest + 1000).dropFirst()) }
        return text
    }
}
