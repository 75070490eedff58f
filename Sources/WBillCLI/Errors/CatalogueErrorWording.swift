import WaterBilling

extension CatalogueError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .notFound(entity: "tariff", _, suggestion: nil):
            return description + "; add it first with `wbill tariff add`"
        case .noCustomerTypes:
            return description + "; add one with `wbill customer-type add`"
        case .meterTypeRequired(let mode):
            return "a customer type needs at least one meter type (--meter-type); business mode \(mode.rawValue) takes \(mode.requiredPaymentModel.rawValue) meter types"
        case .tariffRequired(let mode):
            return "a customer type that charges needs a tariff (--tariff) of kind \(mode.requiredTariffKind); use --charge no for one that bills nothing"
        case .channelRequired:
            let channels = PaymentChannel.allCases.map(\.rawValue).joined(separator: ", ")
            return "a customer type that charges needs at least one payment channel (--channel: \(channels))"
        case .freeTypeTakesNoTariffOrChannels:
            return "a customer type with --charge no bills nothing, so it takes no tariff and no payment channels"
        case .noEligibleMeters:
            return description + "; add one with `wbill meter add` or `wbill meter import`"
        case .meterStateNotEditable(let serial, let state):
            return "meter \(serial) is \(state.rawValue); edit moves a meter only between in-stock and faulty (installing and removing go through the customer's account, retiring through `wbill meter retire`)"
        case .meterInstalled:
            return description + "; take it off the account first (customer close or a meter exchange)"
        case .meterGroupNotEmpty:
            return description + "; use --force to delete it and leave them ungrouped"
        default:
            return description
        }
    }
}

extension MeterDraftError: CommandLineWording {
    var commandLineMessage: String {
        problems.count == 1 ? Self.line(problems[0]) : description
    }

    var commandLineDetails: [String] {
        problems.count == 1 ? [] : problems.map { "  " + Self.line($0) }
    }

    private static func line(_ problem: MeterFieldProblem) -> String {
        "\(problem.field) '\(problem.value)': \(ProblemWording.reason(problem.reason, cause: problem.cause))"
    }
}

extension MeterImportError: CommandLineWording {
    var commandLineMessage: String { description }

    var commandLineDetails: [String] {
        var lines = summary.problems.map { places.place(line: $0.line, column: $0.column) + ": " + ProblemWording.text($0) }
        if summary.problemCount > summary.problems.count {
            lines.append("… and \(summary.problemCount - summary.problems.count) more; use --skip-invalid --rejects FILE to list them all")
        }
        return lines
    }
}
