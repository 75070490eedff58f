import WaterBilling

extension CustomerError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .notFound:
            return description + "; `wbill customer list` shows customer numbers"
        case .invalidInformation(let problems) where problems.count == 1:
            return Self.line(problems[0])
        default:
            return description
        }
    }

    var commandLineDetails: [String] {
        switch self {
        case .invalidInformation(let problems) where problems.count > 1:
            return problems.map { "  " + Self.line($0) }
        default:
            return details
        }
    }

    /// `--id-number 'x': reason`: the option that sets the field.
    private static func line(_ problem: CustomerFieldProblem) -> String {
        problem.value.isEmpty ? "\(problem.field.option): \(problem.reason)"
            : "\(problem.field.option) '\(problem.value)': \(problem.reason)"
    }
}
