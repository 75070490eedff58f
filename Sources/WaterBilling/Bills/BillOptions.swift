import WBillSupport

/// The bill options: the prefix of bill numbers (the series new bills are numbered in) and the
/// payment terms (days from issue to due date). They are the utility's settings (`settings`),
/// stored only once set:
///
/// | option | settings key | default |
/// | --- | --- | --- |
/// | number prefix | `bill_number_prefix` | `B` |
/// | payment terms | `bill_due_days` | 15 days |
///
/// Each prefix is a series of its own, numbered from 1 without gaps (`B00000001`, `B00000002` …);
/// a new prefix starts a new series, and going back to an old prefix goes on where it stopped.
public struct BillOptions: Sendable, Equatable {
    /// The prefix of new bill numbers.
    public let numberPrefix: String
    /// Days from a bill's issue date to its due date.
    public let dueDays: Int

    /// The settings keys.
    public static let prefixKey = "bill_number_prefix"
    public static let dueDaysKey = "bill_due_days"
    /// The defaults.
    public static let defaultPrefix = "B"
    public static let defaultDueDays = 15
    /// Lengths of a prefix, and terms accepted.
    public static let prefixLength = 1...10
    public static let dueDaysRange = 0...365
    /// Digits of a bill's number after its prefix.
    public static let numberDigits = 8

    /// The options stored in `database`, or the defaults (a stored value that is not usable reads
    /// as the default).
    public static func current(in database: Database) throws -> BillOptions {
        let settings = UtilitySettings(database: database)
        let prefix = try settings.value(prefixKey).flatMap { try? validPrefix($0) } ?? defaultPrefix
        let days = try settings.value(dueDaysKey).flatMap { Int($0) }.flatMap { dueDaysRange.contains($0) ? $0 : nil } ?? defaultDueDays
        return BillOptions(numberPrefix: prefix, dueDays: days)
    }

    /// Sets the prefix and/or the terms (as typed), in the caller's transaction, with one audit
    /// entry of what changed (none when nothing did).
    /// - Throws: `BillError.invalidPrefix`, `.invalidDueDays`; nothing is written then.
    @discardableResult
    public static func set(prefix: String?, dueDays: String?, in database: Database, audit: AuditTrail) throws -> BillOptions {
        let before = try current(in: database)
        let newPrefix = try prefix.map(validPrefix) ?? before.numberPrefix
        var newDays = before.dueDays
        if let dueDays {
            guard let days = Int(dueDays.trimmed), dueDaysRange.contains(days) else { throw BillError.invalidDueDays(dueDays) }
            newDays = days
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
        if !changes.isEmpty { try audit.record(entity: "bill-option", id: nil, action: "update", changes: changes) }
        return BillOptions(numberPrefix: newPrefix, dueDays: newDays)
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
