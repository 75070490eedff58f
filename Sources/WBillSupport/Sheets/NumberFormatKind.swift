/// What a cell's number format makes of its number: a plain number, a date (with or without a
/// time of day), or a time of day alone. Only dates and times change the text a cell is read as.
enum NumberFormatKind: Sendable, Equatable {
    case number
    case date
    case time

    /// The kind of one of the formats every spreadsheet knows by number (ECMA-376 18.8.30, and
    /// the East Asian ones Excel adds).
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17, 22, 27...31, 36, 50...58: return .date   // m/d/yyyy, d-mmm-yy, m/d/yyyy h:mm, yyyy"年"m"月"…
        case 18...21, 32...35, 45...47: return .time           // h:mm AM/PM, h:mm:ss, [h]:mm:ss, h"时"mm"分"…
        default: return .number
        }
    }

    /// The kind of a format code (`yyyy-mm-dd`, `h:mm`, `#,##0.00 "m³"`, `[Red]0.0`): its first
    /// section, without quoted text, escaped characters, fill and padding characters and bracketed
    /// parts (colours, locales, conditions; an elapsed `[h]`, `[m]`, `[s]` counts as a time), is a
    /// date when it has a year (y) or a day (d), or a month (m) that is not the minutes of a time;
    /// a time when it has hours (h) or seconds (s) and no date.
    static func code(_ code: String) -> NumberFormatKind {
        var letters: [Character] = []
        var inQuotes = false
        var iterator = code.lowercased().makeIterator()
        while let character = iterator.next() {
            if inQuotes {
                if character == "\"" { inQuotes = false }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "\\", "_", "*": _ = iterator.next()
            case ";": iterator = "".makeIterator()
            case "[":
                var inside = ""
                while let next = iterator.next(), next != "]" { inside.append(next) }
                if let first = inside.first, "hms".contains(first), inside.allSatisfy({ $0 == first }) { letters.append(first) }
            default:
                if "ydmhs".contains(character) { letters.append(character) }
            }
        }
        let hasDate = letters.contains { $0 == "y" || $0 == "d" }
        let hasTime = letters.contains { $0 == "h" || $0 == "s" }
        if hasDate { return .date }
        if hasTime { return .time }
        // Only months (or minutes alone): `mmm` is a month; a lone `m` can only be a month too.
        return letters.contains("m") ? .date : .number
    }
}
