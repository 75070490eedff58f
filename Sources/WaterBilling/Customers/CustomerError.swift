import WBillSupport

/// Why a customer command was refused. Messages are lower-case and say what to do.
public enum CustomerError: ClassifiedError, Equatable {
    /// No customer has this number.
    case notFound(Int64)
    /// Basic information with bad or missing fields (every one of them).
    case invalidInformation([CustomerFieldProblem])
    /// Meters that cannot go on the new account (every one of them).
    case meterProblems([RegistrationProblem])
    /// A transfer that cannot be made.
    case transfer(String)
    /// A close that cannot be made.
    case close(String)
    /// Readings missing for installed meters at close: `--reading SERIAL=M3` for each.
    case missingReadings(account: String, serials: [String])
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
        case .transfer(let message), .close(let message):
            return message
        case .missingReadings(let account, let serials):
            return "closing account \(account) needs a final reading of each meter on it: "
                + serials.map { "--reading \($0)=M3" }.joined(separator: " ")
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
