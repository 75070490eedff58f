import WaterBilling

extension CustomerError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .notFound:
            return description + "; `wbill customer list` shows customer numbers"
        case .invalidInformation(let problems) where problems.count == 1:
            return Self.line(problems[0])
        case .meterProblems(let problems) where problems.count == 1:
            return Self.line(problems[0])
        case .transferDateNotAfterHolding:
            return description + " (to correct the holder's details use `wbill customer edit`)"
        case .closeWithBalance(let account, let balance, let cardMeter):
            let prefix = "account \(account) has a balance of \(balance.formatted(withCode: true)); refund it first"
            // A card-meter account's money moves through its IC card, not `account refund`.
            return cardMeter ? prefix + " through the IC card"
                : prefix + " (`wbill account refund \(account) --amount \(balance) --channel CHANNEL`)"
        case .missingReadings(let account, let serials, let unit):
            return "closing account \(account) needs a final reading of each meter on it: "
                + serials.map { "--reading \($0)=\(unit.headerText)" }.joined(separator: " ")
        default:
            return description
        }
    }

    var commandLineDetails: [String] {
        switch self {
        case .invalidInformation(let problems) where problems.count > 1:
            return problems.map { "  " + Self.line($0) }
        case .meterProblems(let problems) where problems.count > 1:
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

    /// `meter 'WM-1': reason`, with the hint its cause calls for.
    private static func line(_ problem: RegistrationProblem) -> String {
        let reason = ProblemWording.reason(problem.reason, cause: problem.cause)
        return problem.value.isEmpty ? "\(problem.field): \(reason)" : "\(problem.field) '\(problem.value)': \(reason)"
    }
}

extension CustomerImportError: CommandLineWording {
    var commandLineMessage: String { description }

    var commandLineDetails: [String] {
        var lines = problems.map { problem in
            var text = places.place(line: problem.line, column: problem.column) + ":"
            if let column = problem.column { text += problem.value.isEmpty ? " \(column):" : " \(column) '\(problem.value)':" }
            return text + " " + ProblemWording.reason(problem.reason, cause: problem.cause)
        }
        if problemCount > problems.count { lines.append("… and \(problemCount - problems.count) more") }
        return lines
    }
}
