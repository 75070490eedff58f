import WBillSupport

/// Account numbers: a prefix and a zero-padded sequence, e.g. `AC00000001`.
///
/// The prefix and the width are settings (`wbill init --account-prefix --account-digits`), read
/// when an account is opened; changing them affects new accounts only. The sequence is the
/// account's row id, so numbers are never reused. A sequence wider than the width is written in
/// full (`AC123456789` with width 8). Prefixes are letters and `-` only, so a number always
/// splits back into one prefix and one sequence and two settings can never make the same number.
public struct AccountNumbering: Sendable, Equatable {
    /// The default prefix.
    public static let defaultPrefix = "AC"
    /// The default width of the sequence.
    public static let defaultDigits = 8
    /// The widths allowed.
    public static let digitsRange = 4...12
    /// The longest prefix, in characters.
    public static let prefixMaximumLength = 8
    /// The longest account number: the longest prefix and the most digits.
    public static let maximumLength = prefixMaximumLength + digitsRange.upperBound

    static let prefixKey = "account_number_prefix"
    static let digitsKey = "account_number_digits"

    public let prefix: String
    public let digits: Int

    /// A numbering; checks the prefix and width.
    /// - Throws: `AccountError.invalidAccountPrefix` or `.invalidAccountDigits`.
    public init(prefix: String, digits: Int) throws {
        let prefix = prefix.uppercased()
        guard prefix.count <= AccountNumbering.prefixMaximumLength, prefix.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D }) else {
            throw AccountError.invalidAccountPrefix(prefix)
        }
        guard AccountNumbering.digitsRange.contains(digits) else {
            throw AccountError.invalidAccountDigits(digits)
        }
        self.prefix = prefix
        self.digits = digits
    }

    /// The number of the account with sequence `sequence`.
    public func number(_ sequence: Int64) -> String {
        let text = String(sequence)
        return prefix + String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The numbering stored in `database`'s settings, or the default.
    public static func current(in database: Database) throws -> AccountNumbering {
        let settings = UtilitySettings(database: database)
        let prefix = try settings.value(prefixKey) ?? defaultPrefix
        let digits = try settings.value(digitsKey).flatMap { Int($0) } ?? defaultDigits
        return try AccountNumbering(prefix: prefix, digits: digits)
    }

    /// Stores this numbering (in the caller's transaction).
    public func store(in database: Database) throws {
        let settings = UtilitySettings(database: database)
        try settings.set(AccountNumbering.prefixKey, to: prefix)
        try settings.set(AccountNumbering.digitsKey, to: String(digits))
    }

    /// The next sequence: one more than the largest account id (call inside the write transaction).
    static func nextSequence(in database: Database) throws -> Int64 {
        (try database.scalarInt("SELECT max(id) FROM accounts") ?? 0) + 1
    }

    /// How an account number is looked up: surrounding spaces removed, letters in upper case.
    public static func normalise(_ text: String) -> String {
        text.trimmed.uppercased()
    }
}
