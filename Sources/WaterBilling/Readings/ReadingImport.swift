import WBillSupport

/// How to run a reading import.
public struct ReadingImportOptions: Sendable {
    /// Import the good rows and hand the bad ones to the rejects callback, instead of all-or-nothing.
    public var skipInvalid = false
    /// Check everything, write nothing.
    public var dryRun = false
    /// Ignore columns the import does not know instead of refusing the file.
    public var ignoreUnknownColumns = false
    /// The source of rows without a `source` column or with an empty one.
    public var source: ReadingSource = .handheld
    /// How many problems to keep for the report (all are counted).
    public var problemsKept = 1000

    /// The defaults: all-or-nothing, handheld readings.
    public init() {}
}

/// One bad row, or one bad field of a row, of a reading file.
public struct ReadingImportProblem: ImportRowProblem, Equatable {
    public let line: Int
    public let column: String?
    public let value: String
    public let reason: String
    public var cause: ProblemCause? = nil
}

/// What a reading import did (for a dry run, what it would have done).
public struct ReadingImportSummary: Sendable, Equatable {
    public var importID: Int64 = 0
    public var rowsRead = 0
    /// Readings recorded.
    public var imported = 0
    /// Rows that were readings recorded before (the same meter, time and value): nothing written.
    public var unchanged = 0
    /// Bad rows left out (with skip-invalid).
    public var rejected = 0
    /// Readings recorded whose consumption is flagged (rollover, zero, high, low).
    public var flagged = 0
    /// Estimates the imported readings corrected.
    public var correctedEstimates = 0
    /// The problems kept (at most `problemsKept`), in file order.
    public var problems: [ReadingImportProblem] = []
    /// All problems found.
    public var problemCount = 0
}

/// The columns of a reading file; `serial`, `at` and `value` are required, order is free.
public enum ReadingImportColumns {
    public static let all = ["serial", "at", "value", "source"]
    public static let required = ["serial", "at", "value"]
    /// Columns accepted and ignored: `reason` is what a rejects file adds, so a fixed rejects file
    /// imports as it is.
    public static let ignored = ["reason"]
}

/// An import refused because of bad rows: every problem with its line, column and value.
public struct ReadingImportError: ClassifiedError, Equatable {
    public let source: String
    public let summary: ReadingImportSummary

    public var failureKind: FailureKind { .badInput }
    public var description: String {
        let rows = Set(summary.problems.map(\.line)).count
        let what = summary.problemCount == summary.problems.count ? counted(rows, "bad row")
            : "\(counted(summary.problemCount, "problem")) in bad rows"
        return "\(source): \(what) of \(summary.rowsRead); nothing was imported"
    }
    public var details: [String] {
        var lines = summary.problems.map { problem in
            var text = "\(source):\(problem.line):"
            if let column = problem.column { text += " \(column) '\(problem.value)':" }
            return text + " \(problem.reason)"
        }
        if summary.problemCount > summary.problems.count {
            lines.append("… and \(summary.problemCount - summary.problems.count) more")
        }
        return lines
    }
}
