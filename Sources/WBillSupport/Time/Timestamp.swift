#if canImport(Glibc)
import Glibc
#endif

/// An instant in UTC with millisecond precision, written as `2026-11-23T10:45:12.345Z`.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSinceEpoch: Int64

    /// Creates a timestamp from milliseconds since the epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.mmm]Z` or a bare date (`YYYY-MM-DD`, meaning its midnight UTC).
    /// - Throws: `DateParseError`.
    public init(parsing text: String) throws {
        if let fast = Timestamp.parsedFast(text) {
            self = fast
            return
        }
        let expected = "a UTC time as YYYY-MM-DDTHH:MM:SS[.mmm]Z or a date as YYYY-MM-DD"
        if text.count == 10 {
            let date = try CivilDate(parsing: text)
            self.init(millisecondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400_000)
            return
        }
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else {
            throw DateParseError(text: text, expected: expected)
        }
        let date: CivilDate
        do {
            date = try CivilDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self))
        } catch let error as DateParseError {
            throw DateParseError(text: text, expected: expected, missingDay: error.missingDay)
        }
        func number(_ range: Range<Int>) -> Int? {
            guard range.allSatisfy({ (48...57).contains(bytes[$0]) }) else { return nil }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard let hour = number(11..<13), hour < 24, let minute = number(14..<16), minute < 60,
              let second = number(17..<19), second < 60 else {
            throw DateParseError(text: text, expected: expected)
        }
        var millis = 0
        if bytes.count > 20 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count == 24, let fraction = number(20..<23) else {
                throw DateParseError(text: text, expected: expected)
            }
            millis = fraction
        } else if bytes.count != 20 {
            throw DateParseError(text: text, expected: expected)
        }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(millisecondsSinceEpoch: seconds * 1000 + Int64(millis))
    }

    /// The well-formed text a million-row import has on every row, parsed from its bytes without
    /// making strings: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ`, `YYYY-MM-DDTHH:MM:SS.mmmZ` (or a space for
    /// the `T`). Nil for anything else, which `init(parsing:)` then reads (and refuses) the slow way.
    private static func parsedFast(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { bytes -> Timestamp? in
            let count = bytes.count
            guard count == 10 || count == 20 || count == 24 else { return nil }
            func digits(_ start: Int, _ length: Int) -> Int? {
                var value = 0
                for index in start..<(start + length) {
                    let digit = Int(bytes[index]) - 48
                    guard digit >= 0 && digit <= 9 else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
                  let date = CivilDate(year: year, month: month, day: day) else { return nil }
            let dayStart = Int64(date.daysSinceEpoch) * 86_400_000
            if count == 10 { return Timestamp(millisecondsSinceEpoch: dayStart) }
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
                  bytes[16] == UInt8(ascii: ":"), bytes[count - 1] == UInt8(ascii: "Z"),
                  let hour = digits(11, 2), hour < 24, let minute = digits(14, 2), minute < 60,
                  let second = digits(17, 2), second < 60 else { return nil }
            var millis = 0
            if count == 24 {
                guard bytes[19] == UInt8(ascii: "."), let fraction = digits(20, 3) else { return nil }
                millis = fraction
            }
            return Timestamp(millisecondsSinceEpoch: dayStart + Int64(hour * 3_600_000 + minute * 60_000 + second * 1000 + millis))
        }
    }

    /// The current time from the system clock.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    /// The UTC calendar date of this instant.
    public var date: CivilDate {
        let days = millisecondsSinceEpoch >= 0
            ? millisecondsSinceEpoch / 86_400_000
            : (millisecondsSinceEpoch - 86_399_999) / 86_400_000
        return CivilDate(daysSinceEpoch: Int(days))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-23T10:45:12.345Z`; sorts as text.
    public var description: String {
        let date = self.date
        let (year, month, day) = date.components
        let rest = Int(millisecondsSinceEpoch - Int64(date.daysSinceEpoch) * 86_400_000)
        guard (0...9999).contains(year) else {
            let hour = rest / 3_600_000, minute = rest / 60_000 % 60, second = rest / 1000 % 60, millis = rest % 1000
            return "\(date)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millis, 3))Z"
        }
        // Written byte by byte: lists and imports format one for every row.
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, at start: Int, width: Int) {
                var value = value
                for index in stride(from: start + width - 1, through: start, by: -1) {
                    buffer[index] = UInt8(48 + value % 10)
                    value /= 10
                }
            }
            put(year, at: 0, width: 4)
            put(month, at: 5, width: 2)
            put(day, at: 8, width: 2)
            put(rest / 3_600_000, at: 11, width: 2)
            put(rest / 60_000 % 60, at: 14, width: 2)
            put(rest / 1000 % 60, at: 17, width: 2)
            put(rest % 1000, at: 20, width: 3)
            buffer[4] = UInt8(ascii: "-")
            buffer[7] = UInt8(ascii: "-")
            buffer[10] = UInt8(ascii: "T")
            buffer[13] = UInt8(ascii: ":")
            buffer[16] = UInt8(ascii: ":")
            buffer[19] = UInt8(ascii: ".")
            buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }
}
