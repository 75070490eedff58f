import WBillSupport

/// Reading the parts of a reading as a person or a file gives them: the value, the time, the source.
/// Shared by `reading add`, `reading estimate`, `reading import` and meter exchange, so each says the same.
public enum ReadingInput {
    /// A register value: a non-negative number of volume units with at most 3 decimals.
    /// - Throws: `ReadingError.invalidValue`.
    public static func value(_ text: String) throws -> Volume {
        if let plain = plainValue(text) { return plain }
        let value: Volume
        do {
            value = try Volume(parsing: text.trimmed)
        } catch NumberError.tooManyDecimals {
            throw ReadingError.invalidValue(text, reason: "a reading has at most 3 decimals (a thousandth of the volume unit)")
        } catch {
            throw ReadingError.invalidValue(text, reason: "expected a register reading such as 1234.5")
        }
        if value.isNegative { throw ReadingError.invalidValue(text, reason: "a reading cannot be negative") }
        return value
    }

    /// The value of text a file has on every row, `123` or `123.4` to `123.456` (at most 15 digits
    /// before the point), read from its bytes; nil for anything else, which `value` reads (or refuses)
    /// the general way with the same result.
    static func plainValue(_ text: String) -> Volume? {
        var text = text
        return text.withUTF8 { bytes -> Volume? in
            var whole: Int64 = 0
            var index = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                whole = whole * 10 + Int64(bytes[index] - 48)
                index += 1
            }
            guard index >= 1, index <= 15 else { return nil }
            var thousandths: Int64 = 0
            if index < bytes.count {
                guard bytes[index] == UInt8(ascii: "."), bytes.count - index - 1 >= 1, bytes.count - index - 1 <= 3 else { return nil }
                var scale: Int64 = 100
                for byte in bytes[(index + 1)...] {
                    guard byte >= 48, byte <= 57 else { return nil }
                    thousandths += Int64(byte - 48) * scale
                    scale /= 10
                }
            }
            return Volume(litres: whole * 1000 + thousandths)
        }
    }

    /// When a reading was taken: a UTC time or a date (its midnight UTC).
    /// - Throws: `ReadingError.invalidTime`.
    public static func time(_ text: String) throws -> Timestamp {
        do {
            return try Timestamp(parsing: text.trimmed)
        } catch let error as DateParseError {
            throw ReadingError.invalidTime(text, reason: error.reason)
        }
    }

    /// A source a reading may be entered with (`ReadingSource.entered`).
    /// - Throws: `ReadingError.invalidSource`.
    public static func source(_ text: String) throws -> ReadingSource {
        guard let source = ReadingSource(rawValue: text.trimmed.lowercased()), ReadingSource.entered.contains(source) else {
            throw ReadingError.invalidSource(text)
        }
        return source
    }
}
