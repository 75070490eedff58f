import WaterBilling

extension ReadingError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .notInstalled(_, let state) where state == .inStock:
            return description + "; put it on an account with `wbill customer open` or `wbill meter exchange`"
        case .outOfOrder(_, _, let later) where later.source == .estimated:
            return description + "; void the estimate first (`wbill reading void \(later.id) --reason TEXT`)"
        case .duplicate(_, _, _, let existing):
            return description + " (if that one is wrong, void it with `wbill reading void \(existing.id) --reason TEXT`)"
        case .voided:
            return description + "; `wbill reading add --force` records it again"
        case .consumptionInUse:
            return description + "; cancel the bill first (`wbill bill cancel NUMBER --reason TEXT`), then void the reading and rebill"
        case .belowPrevious(_, _, let previous, _, _, _):
            var text = description + ". If the register did roll over, `wbill reading add --force` takes it as a rollover; "
                + "if the meter was replaced, record it with `wbill meter exchange`"
            if let previous { text += "; if the previous reading is wrong, void it (`wbill reading void \(previous.id) --reason TEXT`)" }
            return text
        case .noHistory:
            return description + "; record a real reading with `wbill reading add`"
        case .notFound:
            return description + "; `wbill reading list` shows reading numbers"
        case .estimatedFrom(_, let estimate):
            return description + "; void the estimate first (`wbill reading void \(estimate.id) --reason TEXT`)"
        default:
            return description
        }
    }
}

extension ReadingImportError: CommandLineWording {
    var commandLineMessage: String { description }

    var commandLineDetails: [String] {
        var lines = summary.problems.map { "\(source):\($0.line): " + ProblemWording.text($0) }
        if summary.problemCount > summary.problems.count {
            lines.append("… and \(summary.problemCount - summary.problems.count) more; use --skip-invalid --rejects FILE to list them all")
        }
        return lines
    }
}
