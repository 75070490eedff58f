import WBillSupport

/// Why registering, changing, transferring or closing was refused. Messages are lower-case and
/// state the facts; a front end adds how to fix them.
public enum CustomerError: ClassifiedError, Equatable {
    /// No customer has this number.
    case notFound(Int64)
    /// Basic information with bad or missing fields (every one of them).
    case invalidInformation([CustomerFieldProblem])
    /// Meters that cannot go on the new account (every one of them).
    case meterProblems([RegistrationProblem])
    /// A transfer of a closed account.
    case transferOfClosedAccount(String)
    /// A transfer dated after today.
    case transferDateInFuture(CivilDate)
    /// A transfer dated on or before the day the current holder took the account over.
    case transferDateNotAfterHolding(holder: String, account: String, since: String)
    /// A transfer to the customer who holds the account already.
    case alreadyHolder(customer: Int64, name: String, account: String)
    /// A close of an account closed already (at `closedAt`).
    case alreadyClosed(account: String, closedAt: String)
    /// A close of an account that owes money.
    case closeWhileOwing(account: String, owed: Money)
    /// A close of an account that holds money, which must be refunded first (through the IC card
    /// for a card-meter account).
    case closeWithBalance(account: String, balance: Money, cardMeter: Bool)
    /// A closing reading of a meter that is not on the account (`installed`: the meters that are).
    case meterNotOnAccount(serial: String, account: String, installed: [String])
    /// A close without a final reading of each installed meter: the serials missing one, and the
    /// unit readings are in.
    case missingReadings(account: String, serials: [String], unit: VolumeUnit)
    /// Readings at close that cannot be accepted.
    case invalidReadings([ReadingProblem])

    public var failureKind: FailureKind {
        switch self {
        case .invalidInformation, .invalidReadings: return .badInput
        case .missingReadings: return .usage
        case .meterProblems(let problems): return problems.contains { $0.failureKind == .badInput } ? .badInput : .refused
        default: return .refused
        }
    }

    public var description: String {
        switch self {
        case .notFound(let id):
            return "no customer \(id)"
        case .invalidInformation(let problems):
            return problems.count == 1 ? CustomerError.describe(problems[0])
                : "the basic information has \(problems.count) problems"
        case .meterProblems(let problems):
            return problems.count == 1 ? problems[0].message : "\(problems.count) problems with the meters"
        case .transferOfClosedAccount(let account):
            return "account \(account) is closed; a closed account cannot be transferred"
        case .transferDateInFuture(let date):
            return "the transfer date \(date) is in the future; transfer on or after the day it takes effect"
        case .transferDateNotAfterHolding(let holder, let account, let since):
            return "\(holder) has held account \(account) since \(since); the transfer date must be after that"
        case .alreadyHolder(let customer, let name, let account):
            return "customer \(customer) (\(name)) already holds account \(account)"
        case .alreadyClosed(let account, let closedAt):
            return "account \(account) is already closed (at \(closedAt))"
        case .closeWhileOwing(let account, let owed):
            return "account \(account) owes \(owed.formatted(withCode: true)); it can be closed once that is paid"
        case .closeWithBalance(let account, let balance, let cardMeter):
            return "account \(account) has a balance of \(balance.formatted(withCode: true)); it can be closed once that is refunded"
                + (cardMeter ? " through the IC card" : "")
        case .meterNotOnAccount(let serial, let account, let installed):
            return "meter \(serial) is not on account \(account); "
                + (installed.isEmpty ? "it has no meters" : "its meters are \(installed.joined(separator: ", "))")
        case .missingReadings(let account, let serials, _):
            return "closing account \(account) needs a final reading of each meter on it: " + serials.joined(separator: ", ")
        case .invalidReadings(let problems):
            return problems.count == 1 ? "reading \(problems[0].serial)=\(problems[0].value): \(problems[0].reason)"
                : "\(problems.count) readings cannot be accepted"
        }
    }

    public var details: [String] {
        switch self {
        case .invalidInformation(let problems) where problems.count > 1:
            return problems.map { "  " + CustomerError.describe($0) }
        case .meterProblems(let problems) where problems.count > 1:
            return problems.map { "  " + $0.message }
        case .invalidReadings(let problems) where problems.count > 1:
            return problems.map { "  reading \($0.serial)=\($0.value): \($0.reason)" }
        default:
            return []
        }
    }

    static func describe(_ problem: CustomerFieldProblem) -> String {
        problem.value.isEmpty ? "\(problem.field.column): \(problem.reason)"
            : "\(problem.field.column) '\(problem.value)': \(problem.reason)"
    }
}
