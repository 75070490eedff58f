import WaterBilling
import WBillSupport

/// What the command line shows for an error: the message after `wbill: error: ` and the lines
/// printed after it.
struct ErrorText: Equatable {
    let message: String
    let details: [String]
}

/// An error the command line words itself.
///
/// The library's errors carry the facts and say them plainly in `description` (what a library
/// user sees). The command line adds what only it knows: the commands and options that fix the
/// problem (`use --force to replace it`). Each file in this folder conforms one domain area's
/// errors; an error without a conformance is shown as its `description` and `details`.
protocol CommandLineWording: ClassifiedError {
    /// The message after `wbill: error: `.
    var commandLineMessage: String { get }
    /// The lines after the message: the error's own `details` unless the conformance says more.
    var commandLineDetails: [String] { get }
}

extension CommandLineWording {
    var commandLineDetails: [String] { details }
}

/// Turns any classified error into what the user sees; the Runner reports errors through it.
enum ErrorWording {
    /// The message and detail lines for `error`.
    static func text(for error: ClassifiedError) -> ErrorText {
        if let worded = error as? any CommandLineWording {
            return ErrorText(message: worded.commandLineMessage, details: worded.commandLineDetails)
        }
        return ErrorText(message: error.description, details: error.details)
    }
}

/// Field and row problems as the command line words them: the reason, then how to fix it.
enum ProblemWording {
    /// `reason` followed by the hint its cause calls for.
    static func reason(_ reason: String, cause: ProblemCause?) -> String {
        switch cause {
        case .unknownMeter?:
            return reason + "; add it with `wbill meter add` or `wbill meter import`"
        case .unknownMeterGroup(suggestion: nil)?:
            return reason + "; add it with `wbill meter group add`"
        case .duplicateSerial?:
            return reason + " (see --on-duplicate)"
        case .unknownMeterGroup?, nil:
            return reason
        }
    }

    /// `column 'value': reason`, or the reason alone for a problem of the whole row.
    static func text(_ problem: some ImportRowProblem) -> String {
        let reason = reason(problem.reason, cause: problem.cause)
        guard let column = problem.column else { return reason }
        return "\(column) '\(problem.value)': \(reason)"
    }

    /// The `reason` field of a rejected row in a rejects file: each of its problems, `; `-separated.
    static func rejectReason<Problem: ImportRowProblem>(_ problems: [Problem]) -> String {
        problems.map { text($0) }.joined(separator: "; ")
    }
}
