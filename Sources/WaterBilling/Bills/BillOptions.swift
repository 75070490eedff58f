import WBillSupport

/// The bill options: the prefix of bill numbers (the series new bills are numbered in), the
/// payment terms (days from issue to due date), and late fees (a daily rate in per mille of what a
/// bill still owes, charged for each day past its due date and the grace days after it). They are
/// the utility's settings (`settings`), stored only once set:
///
/// | option | settings key | default |
/// | --- | --- | --- |
/// | number prefix | `bill_number_prefix` | `B` |
/// | payment terms | `bill_due_days` | 15 days |
/// | late fee rate | `bill_late_fee_per_mille` | 0 ‰ a day (no late fees) |
/// | grace days | `bill_late_fee_grace_days` | 0 days |
///
/// Each prefix is a series of its own, numbered from 1 without gaps (`B00000001`, `B00000002` …);
/// a new prefix starts a new series, and going back to an old prefix goes on where it stopped.
public struct BillOptions: Sendable, Equatable {
    /// The prefix of new bill numbers.
    public let numberPrefix: String
    /// Days from a bill's issue date to its due date.
    public let dueDays: Int
    /// The late fee per day, in per mille of what a bill still owes (`0.5` is 0.5 ‰, 0.05 % a day);
    /// zero charges none.
    public let lateFeePerMille: FixedDecimal
    /// Days after the due date before late fees start.
    public let graceDays: Int

    /// The settings keys.
    public static let prefixKey = "bill_number_prefix"
    public static let dueDaysKey = "bill_due_days"
    public static let lateFeeKey = "bill_late_fee_per_mille"
    public static let graceDaysKey = "bill_late_fee_grace_days"
    /// The defaults.
    public static let defaultPrefix = "B"
    public static let defaultDueDays = 15
    public static let defaultLateFeePerMille = FixedDecimal(0)
    public static let defaultGraceDays = 0
    /// Lengths of a prefix, and terms accepted.
    public static let prefixLength = 1...10
    public static let dueDaysRange = 0...365
    /// Late fee rates accepted: 0 to 10 ‰ a day (1 % a day), with at most 3 decimals.
    public static let lateFeePerMilleMaximum = FixedDecimal(10)
    public static let lateFeeDecimals = 3
    public static let graceDaysRange = 0...365
    /// Digits of a bill's number after its prefix.
    public static let numberDigits = 8

    /// The options stored in `database`, or the defaults (a stored value that is not usable reads
    /// as the default).
    public static func current(in database: Database) throws -> BillOptions {
        let settings = UtilitySettings(database: database)
        let prefix = try settings.value(prefixKey).flatMap { try? validPrefix($0) } ?? defaultPrefix
        let days = try settings.value(dueDaysKey).flatMap { Int($0) }.flatMap { dueDaysRange.contains($0) ? $0 : nil } ?? defaultDueDays
        let rate = try settings.value(lateFeeKey).flatMap { try? validLateFee($0) } ?? defaultLateFeePerMille
        let grace = try settings.value(graceDaysKey).flatMap { Int($0) }.flatMap { graceDaysRange.contains($0) ? $0 : nil }
            ?? defaultGraceDays
        return BillOptions(numberPrefix: prefix, dueDays: days, lateFeePerMille: rate, graceDays: grace)
    }

    /// Sets the prefix, the terms, the late fee rate and/or the grace days (as typed), in the
    /// caller's transaction, with one audit entry of what changed (none when nothing did).
    /// - Throws: `BillError.invalidPrefix`, `.invalidDueDays`, `.invalidLateFee`, `.invalidGraceDays`;
    ///   nothing is written then.
    @discardableResult
    public static func set(prefix: String?, dueDays: String?, lateFeePerMille: String? = nil, graceDays: String? = nil,
                           in database: Database, audit: AuditTrail) throws -> BillOptions {
        let before = try current(in: database)
        let newPrefix = try prefix.map(validPrefix) ?? before.numberPrefix
        var newDays = before.dueDays
        if let dueDays {
            guard let days = Int(dueDays.trimmed), dueDaysRange.contains(days) else { throw BillError.invalidDueDays(dueDays) }
            newDays = days
        }
        let newRate = try lateFeePerMille.map(validLateFee) ?? before.lateFeePerMille
        var newGrace = before.graceDays
        if let graceDays {
            guard let days = Int(graceDays.trimmed), graceDaysRange.contains(days) else { throw BillError.invalidGraceDays(graceDays) }
            newGrace = days
        }
        let settings = UtilitySettings(database: database)
        var changes: [AuditChange] = []
        if newPrefix != before.numberPrefix {
            try settings.set(prefixKey, to: newPrefix)
            changes.append(AuditChange("number_prefix", old: before.numberPrefix, new: newPrefix))
        }
        if newDays != before.dueDays {
            try settings.set(dueDaysKey, to: String(newDays))
            changes.append(AuditChange("due_days", old: String(before.dueDays), new: String(newDays)))
        }
        if newRate != before.lateFeePerMille {
            try settings.set(lateFeeKey, to: newRate.description)
            changes.append(AuditChange("late_fee_per_mille", old: before.lateFeePerMille.description, new: newRate.description))
        }
        if newGrace != before.graceDays {
            try settings.set(graceDaysKey, to: String(newGrace))
            changes.append(AuditChange("grace_days", old: String(before.graceDays), new: String(newGrace)))
        }
        if !changes.isEmpty { try audit.record(entity: "bill-option", id: nil, action: "update", changes: changes) }
        return BillOptions(numberPrefix: newPrefix, dueDays: newDays, lateFeePerMille: newRate, graceDays: newGrace)
    }

    /// `text` as a late fee rate: a decimal from 0 to 10 (per mille a day) with at most 3 decimals,
    /// kept as written (`0.50` stays `0.50`).
    static func validLateFee(_ text: String) throws -> FixedDecimal {
        guard let rate = try? FixedDecimal(parsing: text.trimmed, maxScale: lateFeeDecimals), !rate.isNegative,
              rate <= lateFeePerMilleMaximum
        else { throw BillError.invalidLateFee(text) }
        return rate
    }

    /// `text` as a prefix: trimmed, upper case, 1–10 ASCII letters, digits, `-` or `_`.
    static func validPrefix(_ text: String) throws -> String {
        let prefix = text.trimmed.uppercased()
        guard prefixLength.contains(prefix.count),
              prefix.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        else { throw BillError.invalidPrefix(text) }
        return prefix
    }

    /// The number `sequence` has in the series `prefix`: `B00000042`.
    static func number(prefix: String, sequence: Int64) -> String {
        let digits = String(sequence)
        return prefix + String(repeating: "0", count: max(0, numberDigits - digits.count)) + digits
    }
}
