import WBillSupport

/// Why an account was not billed for a period: facts, worded for people by the front end.
public enum NotBilledReason: Error, Sendable, Equatable {
    /// These meters on the account have no reading dated in the period (and none was estimated).
    case noReading(serials: [String])
    /// A meter's reading could not be estimated (no history to go by, a later reading …): why.
    case notEstimated(serial: String, reason: String)
    /// The records not billed yet add up below zero (estimate corrections larger than the use since).
    case negativeVolume(Volume)
    /// The account's tariff does not price the period: why.
    case notPriced(tariff: String, reason: String)
    /// A standing bill of another period covers some of the same days.
    case overlaps(number: String, period: String)

    /// The reason in one lower-case phrase (`no reading dated in the period for WM-000003`).
    public var description: String {
        switch self {
        case .noReading(let serials):
            return "no reading dated in the period for \(serials.joined(separator: ", "))"
        case .notEstimated(let serial, let reason):
            return "\(serial) could not be estimated: \(reason)"
        case .negativeVolume(let volume):
            return "the consumption not billed yet adds up to \(volume), below zero (estimate corrections exceed the use since)"
        case .notPriced(let tariff, let reason):
            return "tariff '\(tariff)' does not price it: \(reason)"
        case .overlaps(let number, let period):
            return "bill \(number) for \(period) covers some of the same days"
        }
    }
}

/// One account a run did not bill, and why.
public struct NotBilledAccount: Sendable, Equatable {
    public let accountNumber: String
    public let reason: NotBilledReason

    public init(accountNumber: String, reason: NotBilledReason) {
        self.accountNumber = accountNumber
        self.reason = reason
    }
}

/// Why a bill operation was refused. Messages are lower-case and state the facts; the front end
/// adds how to fix them.
public enum BillError: ClassifiedError, Equatable {
    /// No bill has this number.
    case notFound(String)
    /// The bill was cancelled already (nothing changes a cancelled bill).
    case alreadyCancelled(number: String, at: String, by: String)
    /// The cancelled bill was rebilled already, by the bill `by`.
    case alreadyReplaced(number: String, by: String)
    /// A cancellation reason that is empty, too long or has control characters.
    case invalidReason(String)
    /// The period is not over yet: nothing is billed before its last day has passed.
    case periodNotOver(period: String, lastDay: CivilDate, today: CivilDate)
    /// Another bill run holds the run lock (its run, when it has recorded one).
    case runInProgress(lockFile: String, run: BillRunSummary?)
    /// Some accounts were not billed (the others were): the run, and each of them with why.
    case accountsNotBilled(period: String, notBilled: [NotBilledAccount], billed: Int)
    /// A rebill could not price the account again for the bill's period: why.
    case notRebilled(number: String, account: String, reason: NotBilledReason)
    /// A bill number prefix the series cannot take.
    case invalidPrefix(String)
    /// Payment terms outside `BillOptions.dueDaysRange`.
    case invalidDueDays(String)
    /// A late fee rate that is not 0 to 10 per mille with at most 3 decimals.
    case invalidLateFee(String)
    /// Grace days outside `BillOptions.graceDaysRange`.
    case invalidGraceDays(String)
    /// Late fees are charged for days that have passed, never ahead.
    case lateFeesAhead(asOf: CivilDate, today: CivilDate)
    /// Sewage bases are kept for postpaid accounts only (bills are what charge them).
    case notPostpaid(account: String, businessMode: BusinessMode)
    /// A sewage volume that is not a volume of 0 or more with at most 3 decimals.
    case invalidSewageVolume(String)
    /// A winter window that is not `MM-DD..MM-DD`.
    case invalidWindow(String)

    public var failureKind: FailureKind {
        switch self {
        case .notFound, .alreadyCancelled, .alreadyReplaced, .periodNotOver, .accountsNotBilled, .notRebilled, .notPostpaid, .lateFeesAhead: return .refused
        case .runInProgress: return .busy
        case .invalidReason, .invalidPrefix, .invalidDueDays, .invalidLateFee, .invalidGraceDays, .invalidSewageVolume, .invalidWindow: return .usage
        }
    }

    public var description: String {
        switch self {
        case .notFound(let number):
            return "no bill \(number)"
        case .alreadyCancelled(let number, let at, let by):
            return "bill \(number) was already cancelled by \(by) at \(at)"
        case .alreadyReplaced(let number, let by):
            return "bill \(number) was cancelled and replaced by bill \(by) already"
        case .invalidReason(let text):
            return "invalid reason '\(text)': expected 1 to 200 characters without control characters"
        case .periodNotOver(let period, let lastDay, let today):
            return "\(period) is not over: its last day is \(lastDay) and today is \(today)"
        case .runInProgress(let lockFile, let run):
            guard let run else { return "another bill run holds the lock \(lockFile)" }
            return "bill run \(run.id) (\(run.period)), started by \(run.startedBy) at \(run.startedAt), is still running (process \(run.processID) on \(run.host))"
        case .accountsNotBilled(let period, let notBilled, let billed):
            return "\(notBilled.count) account\(notBilled.count == 1 ? " was" : "s were") not billed for \(period) (\(billed) bill\(billed == 1 ? "" : "s") issued)"
        case .notRebilled(let number, let account, let reason):
            return "bill \(number) cannot be priced again for account \(account): \(reason.description)"
        case .invalidPrefix(let text):
            return "invalid bill number prefix '\(text)': expected 1 to \(BillOptions.prefixLength.upperBound) letters, digits, '-' or '_'"
        case .invalidDueDays(let text):
            return "invalid payment terms '\(text)': expected whole days from \(BillOptions.dueDaysRange.lowerBound) to \(BillOptions.dueDaysRange.upperBound)"
        case .invalidLateFee(let text):
            return "invalid late fee rate '\(text)': expected per mille a day from 0 to \(BillOptions.lateFeePerMilleMaximum) with at most \(BillOptions.lateFeeDecimals) decimals, such as 0.5"
        case .invalidGraceDays(let text):
            return "invalid grace days '\(text)': expected whole days from \(BillOptions.graceDaysRange.lowerBound) to \(BillOptions.graceDaysRange.upperBound)"
        case .lateFeesAhead(let asOf, let today):
            return "late fees are charged for days that have passed: \(asOf) is after today, \(today)"
        case .notPostpaid(let account, let mode):
            return "account \(account) is \(mode.rawValue): a sewage basis is kept for postpaid accounts, whose bills charge it"
        case .invalidSewageVolume(let text):
            return "invalid sewage volume '\(text)': expected a volume of 0 or more with at most 3 decimals"
        case .invalidWindow(let text):
            return "invalid window '\(text)': expected MM-DD..MM-DD, such as 12-01..02-28"
        }
    }

    public var details: [String] {
        guard case .accountsNotBilled(_, let notBilled, _) = self else { return [] }
        return notBilled.map { "  \($0.accountNumber): \($0.reason.description)" }
    }
}
