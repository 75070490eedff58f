import WBillSupport

/// Why an account look-up or a movement of money was refused. Messages are lower-case and state
/// the facts; a front end adds how to fix them.
public enum AccountError: ClassifiedError, Equatable {
    /// No account has this number.
    case notFound(String)
    /// The account is closed.
    case closed(number: String, since: String)
    /// A card-meter account's money moves through the IC card.
    case cardMeter(String)
    /// The customer type does not accept the channel.
    case channelNotAccepted(channel: PaymentChannel, customerType: String, accepted: [PaymentChannel])
    /// An amount that cannot be used (zero, wrong sign, too many decimals, too large).
    case invalidAmount(String, reason: String)
    /// A reference that is empty, too long or unprintable.
    case invalidReference(String)
    /// A reason that is empty, too long or unprintable.
    case invalidReason(String)
    /// A refund of more than the balance.
    case insufficientBalance(number: String, balance: Money, requested: Money)
    /// A reference already used for a movement that differs from this one.
    case referenceReused(reference: String, kind: LedgerEntryKind, original: LedgerEntry, differences: [String])
    /// A movement of more money than one transaction may move (`TransactionLimit`); the amount as
    /// asked for (a refund's positive).
    case aboveTransactionLimit(action: CashierAction, amount: Money, limit: Money)
    /// The account's entries add up beyond what a balance holds (64-bit minor units).
    case balanceOutOfRange(number: String, currency: Currency)
    /// Payments settle postpaid bills; a prepaid account is recharged.
    case notPostpaid(number: String, businessMode: BusinessMode)
    /// An account-number prefix (upper-cased) longer than 8 or with characters other than A-Z and `-`.
    case invalidAccountPrefix(String)
    /// An account-number width outside `AccountNumbering.digitsRange`.
    case invalidAccountDigits(Int)

    public var failureKind: FailureKind {
        switch self {
        case .invalidAmount, .invalidReference, .invalidReason, .balanceOutOfRange: return .badInput
        case .invalidAccountPrefix, .invalidAccountDigits: return .usage
        default: return .refused
        }
    }

    public var description: String {
        switch self {
        case .notFound(let number):
            return "no account '\(number)'"
        case .closed(let number, let since):
            return "account \(number) was closed at \(since); nothing can be paid in or out"
        case .cardMeter(let number):
            return "account \(number) is a card-meter (meter-prepaid) account: its recharges and refunds go through the IC card"
        case .channelNotAccepted(let channel, let type, let accepted):
            if accepted.isEmpty {
                return "customer type '\(type)' accepts no payment channel (it does not charge), so it cannot take \(channel.rawValue)"
            }
            return "customer type '\(type)' does not accept \(channel.rawValue); it accepts \(accepted.map(\.rawValue).joined(separator: ", "))"
        case .invalidAmount(let text, let reason):
            return "invalid amount '\(text)': \(reason)"
        case .invalidReference(let text):
            return "invalid reference '\(text)': expected 1 to \(DomainLimits.referenceLength) printable characters"
        case .invalidReason(let text):
            return "invalid reason '\(text)': expected 1 to \(DomainLimits.reasonLength) printable characters"
        case .insufficientBalance(let number, let balance, let requested):
            return "cannot refund \(requested.formatted(withCode: true)): account \(number) has a balance of \(balance.formatted(withCode: true)), and a refund is never more than the balance"
        case .referenceReused(let reference, let kind, let original, let differences):
            return "reference '\(reference)' was already used for the \(kind.rawValue) of \(original.amount.formatted(withCode: true)) on account \(original.accountNumber) (receipt \(original.id) at \(original.at)); this one differs in \(differences.joined(separator: ", ")); nothing was written"
        case .aboveTransactionLimit(let action, let amount, let limit):
            let what = action == .adjust ? "an adjustment" : action == .pay ? "a payment" : "a \(action.rawValue)"
            return "\(what) of \(amount.formatted(withCode: true)) is more than one transaction may move (\(limit.formatted(withCode: true)))"
        case .balanceOutOfRange(let number, let currency):
            let most = Money(minorUnits: Int64.max, currency: currency)
            return "the entries of account \(number) add up beyond \(most.formatted(withCode: true)), more than a balance can hold"
        case .notPostpaid(let number, let mode):
            return "account \(number) is \(mode.rawValue): payments settle postpaid bills, and a prepaid balance is recharged"
        case .invalidAccountPrefix(let prefix):
            return "an account prefix is at most 8 letters A-Z or '-' (got '\(prefix)')"
        case .invalidAccountDigits(let digits):
            let range = AccountNumbering.digitsRange
            return "account numbers have \(range.lowerBound) to \(range.upperBound) digits (got \(digits))"
        }
    }
}
