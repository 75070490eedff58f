/// A spreadsheet's number cell as the text it was written as.
///
/// A number cell holds a binary double. Its text is the shortest decimal that reads back as the
/// same double (12.3, never 12.300000000000001). A spreadsheet keeps 15 significant digits, so:
/// - a double of 16 or 17 significant digits within a few units in the last place of a
///   15-digit decimal is binary arithmetic's noise (=0.1+0.2 is 0.30000000000000004): its text is
///   that decimal, as the spreadsheet shows it (0.3);
/// - any other value of more than 15 significant digits, and any number of 16 digits or more
///   before the point (an ID number typed as a number: a spreadsheet turns its 16th digit into
///   a 0), may have lost digits, and is refused with a message saying to store it as text.
enum CellNumberText {
    /// The significant digits a spreadsheet keeps.
    static let keptDigits = 15
    /// How far, in units in the last place, a double may be from the 15-digit decimal it is taken for.
    static let noiseUnits: UInt64 = 4

    /// The text of `value`, or why it is refused.
    static func text(of value: Double) -> Result<String, CellRefusal> {
        guard value.isFinite else {
            return .failure(CellRefusal(value: "\(value)", reason: "not a finite number"))
        }
        if value == 0 { return .success("0") }
        let sign = value < 0 ? "-" : ""
        var (digits, exponent) = shortestDigits(of: value.magnitude)
        if exponent > keptDigits {
            return .failure(refusal(sign + plain(digits, exponent)))
        }
        if digits.count > keptDigits {
            let written = sign + plain(digits, exponent)
            (digits, exponent) = rounded(digits, exponent, to: keptDigits)
            let candidate = sign + plain(digits, exponent)
            guard let near = Double(candidate), unitsApart(near, value) <= noiseUnits else {
                return .failure(refusal(written))
            }
            return .success(candidate)
        }
        return .success(sign + plain(digits, exponent))
    }

    /// The text of a number as a file writes it (`12.3`, `-0.50`, `20`) without making a double,
    /// when it is a plain decimal of at most 15 significant digits (and at most 15 before the
    /// point): such a decimal is the shortest that reads back as its double, so `text(of:)` of
    /// that double gives the same text. Writes it to `out` without a `+`, leading zeros, trailing
    /// zeros after the point, or a point with nothing after it (`-0` is `0`).
    /// - Returns: false when the text is not such a decimal (an exponent, more digits): use `text(of:)`.
    static func normalizePlain(_ written: [UInt8], into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9"), point = UInt8(ascii: ".")
        var index = 0
        var negative = false
        if index < written.count && (written[index] == UInt8(ascii: "-") || written[index] == UInt8(ascii: "+")) {
            negative = written[index] == UInt8(ascii: "-")
            index += 1
        }
        let digitsStart = index
        while index < written.count && written[index] == zero { index += 1 }
        let integerStart = index
        while index < written.count && written[index] >= zero && written[index] <= nine { index += 1 }
        let integerEnd = index
        var fractionEnd = index
        var fractionStart = index
        if index < written.count && written[index] == point {
            index += 1
            fractionStart = index
            while index < written.count && written[index] >= zero && written[index] <= nine { index += 1 }
            fractionEnd = index
            while fractionEnd > fractionStart && written[fractionEnd - 1] == zero { fractionEnd -= 1 }
        }
        guard index == written.count, index > digitsStart, !(index == digitsStart + 1 && written[digitsStart] == point) else {
            return false
        }
        let integerDigits = integerEnd - integerStart
        var significant = integerDigits + (fractionEnd - fractionStart)
        if integerDigits == 0 {
            var firstNonZero = fractionStart
            while firstNonZero < fractionEnd && written[firstNonZero] == zero { firstNonZero += 1 }
            significant = fractionEnd - firstNonZero
        }
        guard integerDigits <= keptDigits, significant <= keptDigits else { return false }
        if integerDigits == 0 && fractionEnd == fractionStart {
            out.append(zero)
            return true
        }
        if negative { out.append(UInt8(ascii: "-")) }
        if integerDigits == 0 { out.append(zero) } else { out.append(contentsOf: written[integerStart..<integerEnd]) }
        if fractionEnd > fractionStart {
            out.append(point)
            out.append(contentsOf: written[fractionStart..<fractionEnd])
        }
        return true
    }

    /// The refusal of a number that may have lost digits.
    static func refusal(_ written: String) -> CellRefusal {
        CellRefusal(value: written, reason: "a number of more than \(keptDigits) significant digits, which is all a spreadsheet keeps, so its last digits may have been lost; store it as text in the sheet (format the column as Text, or type it with a leading apostrophe)")
    }

    /// The shortest round-trip decimal digits of a positive double, without leading or trailing
    /// zeros, and the exponent `e` such that the value is 0.DIGITS × 10^e.
    static func shortestDigits(of value: Double) -> (digits: [UInt8], exponent: Int) {
        // Swift's description is the shortest decimal that reads back as the same double:
        // "12.3", "1e-05", "1.2345e+16", "0.30000000000000004".
        let text = Array(value.description.utf8)
        var mantissa = text[...]
        var power = 0
        if let e = text.firstIndex(of: UInt8(ascii: "e")) {
            mantissa = text[..<e]
            power = Int(String(decoding: text[(e + 1)...], as: UTF8.self))!
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        for byte in mantissa {
            if byte == UInt8(ascii: ".") { pointAt = digits.count } else { digits.append(byte) }
        }
        var exponent = (pointAt ?? digits.count) + power
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            exponent -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, exponent)
    }

    /// `digits` (0.DIGITS × 10^exponent) rounded half up to `count` significant digits, without
    /// trailing zeros.
    static func rounded(_ digits: [UInt8], _ exponent: Int, to count: Int) -> ([UInt8], Int) {
        guard digits.count > count else { return (digits, exponent) }
        var kept = Array(digits[..<count])
        var exponent = exponent
        if digits[count] >= UInt8(ascii: "5") {
            var index = count - 1
            while index >= 0 {
                if kept[index] == UInt8(ascii: "9") {
                    kept[index] = UInt8(ascii: "0")
                    index -= 1
                } else {
                    kept[index] += 1
                    break
                }
            }
            if index < 0 {
                kept.insert(UInt8(ascii: "1"), at: 0)
                exponent += 1
            }
        }
        while let last = kept.last, last == UInt8(ascii: "0") { kept.removeLast() }
        return (kept, exponent)
    }

    /// 0.DIGITS × 10^exponent written without an exponent: `12.3`, `0.00001`, `1200`.
    static func plain(_ digits: [UInt8], _ exponent: Int) -> String {
        let zero = UInt8(ascii: "0")
        var out: [UInt8] = []
        if exponent <= 0 {
            out = [zero, UInt8(ascii: ".")] + [UInt8](repeating: zero, count: -exponent) + digits
        } else if exponent >= digits.count {
            out = digits + [UInt8](repeating: zero, count: exponent - digits.count)
        } else {
            out = Array(digits[..<exponent]) + [UInt8(ascii: ".")] + Array(digits[exponent...])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// How many doubles apart two doubles of the same sign are.
    static func unitsApart(_ a: Double, _ b: Double) -> UInt64 {
        let x = a.magnitude.bitPattern, y = b.magnitude.bitPattern
        return x > y ? x - y : y - x
    }
}
