/// A currency: an ISO 4217-style code of 3 upper-case letters and its minor unit (number of decimals, 0...4).
///
/// Two currencies are the same only if both code and minor unit match. Use the built-in constants
/// (`.cny`, `.usd`, …), `Currency(code:)` / `Currency.lookup(_:)` for the built-in table, or
/// `Currency(code:minorUnit:)` to declare any other code.
///
/// Encodes as `{"code": "CNY", "minorUnit": 2}`; decoding validates like `init(code:minorUnit:)`.
public struct Currency: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The supported minor units: 0 to 4 decimals.
    public static let minorUnitRange: ClosedRange<Int> = 0...4

    /// The code, 3 upper-case ASCII letters, e.g. `"CNY"`.
    public let code: String

    /// The number of decimals of the smallest unit (fen, cent…), `0...4`.
    public let minorUnit: Int

    /// Declares a currency with an explicit minor unit.
    ///
    /// - Parameters:
    ///   - code: Exactly 3 upper-case ASCII letters `A`–`Z`.
    ///   - minorUnit: The number of decimals, `0...4`.
    /// - Throws: `NumberError.invalidCurrency` saying which rule is broken.
    ///
    /// ```swift
    /// let clf = try Currency(code: "CLF", minorUnit: 4)
    /// ```
    public init(code: String, minorUnit: Int) throws {
        let letters = Array(code.utf8)
        guard letters.count == 3, letters.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            throw NumberError.invalidCurrency(code: code, reason: "expected 3 upper-case letters A-Z")
        }
        guard Currency.minorUnitRange.contains(minorUnit) else {
            throw NumberError.invalidCurrency(
                code: code, reason: "minor unit \(minorUnit) is outside 0...\(Currency.minorUnitRange.upperBound)")
        }
        self.init(unchecked: code, minorUnit)
    }

    /// Looks a code up in the built-in table.
    ///
    /// - Parameter code: The code, upper-case as in the table (`"CNY"`, not `"cny"`).
    /// - Throws: `NumberError.unknownCurrency` if the code is not built in; `.invalidCurrency` if it is malformed.
    public init(code: String) throws {
        if let known = Currency.lookup(code) {
            self = known
            return
        }
        _ = try Currency(code: code, minorUnit: 0)  // report a malformed code as such
        throw NumberError.unknownCurrency(code)
    }

    private init(unchecked code: String, _ minorUnit: Int) {
        self.code = code
        self.minorUnit = minorUnit
    }

    /// The code, e.g. `"CNY"`.
    public var description: String { code }

    /// Chinese yuan renminbi, 2 decimals.
    public static let cny = Currency(unchecked: "CNY", 2)
    /// US dollar, 2 decimals.
    public static let usd = Currency(unchecked: "USD", 2)
    /// Euro, 2 decimals.
    public static let eur = Currency(unchecked: "EUR", 2)
    /// Japanese yen, 0 decimals.
    public static let jpy = Currency(unchecked: "JPY", 0)
    /// Pound sterling, 2 decimals.
    public static let gbp = Currency(unchecked: "GBP", 2)
    /// Hong Kong dollar, 2 decimals.
    public static let hkd = Currency(unchecked: "HKD", 2)
    /// Macanese pataca, 2 decimals.
    public static let mop = Currency(unchecked: "MOP", 2)
    /// New Taiwan dollar, 2 decimals.
    public static let twd = Currency(unchecked: "TWD", 2)
    /// South Korean won, 0 decimals.
    public static let krw = Currency(unchecked: "KRW", 0)
    /// Swiss franc, 2 decimals.
    public static let chf = Currency(unchecked: "CHF", 2)
    /// Canadian dollar, 2 decimals.
    public static let cad = Currency(unchecked: "CAD", 2)
    /// Australian dollar, 2 decimals.
    public static let aud = Currency(unchecked: "AUD", 2)
    /// Singapore dollar, 2 decimals.
    public static let sgd = Currency(unchecked: "SGD", 2)
    /// Kuwaiti dinar, 3 decimals.
    public static let kwd = Currency(unchecked: "KWD", 3)
    /// Bahraini dinar, 3 decimals.
    public static let bhd = Currency(unchecked: "BHD", 3)
    /// Chilean unidad de fomento, 4 decimals.
    public static let clf = Currency(unchecked: "CLF", 4)

    /// The built-in table used by `lookup(_:)` and `init(code:)`.
    public static let builtIn: [Currency] = [
        .cny, .usd, .eur, .jpy, .gbp, .hkd, .mop, .twd, .krw, .chf, .cad, .aud, .sgd, .kwd, .bhd, .clf,
    ]

    /// The built-in currency with this code, or `nil`.
    ///
    /// - Parameter code: The code, upper-case (lookup is exact, `"cny"` is not found).
    /// - Returns: The currency from `builtIn`, or `nil` if there is none.
    ///
    /// ```swift
    /// Currency.lookup("JPY")?.minorUnit   // 0
    /// ```
    public static func lookup(_ code: String) -> Currency? {
        builtIn.first { $0.code == code }
    }

    private enum CodingKeys: String, CodingKey {
        case code, minorUnit
    }

    /// Decodes `{"code": …, "minorUnit": …}`, validating like `init(code:minorUnit:)`.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` for an invalid code or minor unit, or any decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(String.self, forKey: .code)
        let minorUnit = try container.decode(Int.self, forKey: .minorUnit)
        do {
            try self.init(code: code, minorUnit: minorUnit)
        } catch let error as NumberError {
            throw DecodingError.dataCorruptedError(
                forKey: .code, in: container, debugDescription: error.description)
        }
    }

    /// Encodes as `{"code": …, "minorUnit": …}`.
    ///
    /// - Parameter encoder: The encoder to write to.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(minorUnit, forKey: .minorUnit)
    }
}
