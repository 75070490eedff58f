import WBillSupport

/// What to do with a row whose serial is already taken (in the database, or earlier in the file)
/// by a meter with different details. A row identical to the meter it names is always just
/// "unchanged", so re-running an import is safe.
public enum DuplicatePolicy: String, Sendable, CaseIterable {
    /// Report the row as bad.
    case error
    /// Leave the existing meter, count the row as skipped.
    case skip
    /// Overwrite the existing meter's details (in-stock meters only).
    case update
}

/// How to run an import.
public struct MeterImportOptions: Sendable {
    public var onDuplicate: DuplicatePolicy = .error
    /// Import the good rows and hand the bad ones to the rejects callback, instead of all-or-nothing.
    public var skipInvalid = false
    /// Validate everything, write nothing.
    public var dryRun = false
    /// Ignore columns the import does not know instead of refusing the file.
    public var ignoreUnknownColumns = false
    /// Commit every this many rows (batched mode); nil: one transaction for the whole file.
    public var batchSize: Int?
    /// How many problems to keep for the report (all are counted).
    public var problemsKept = 1000

    /// The defaults: all-or-nothing, duplicates are errors.
    public init() {}
}

/// One bad row, or one bad field of a row.
public struct MeterImportProblem: Sendable, Equatable {
    /// The line the row starts on.
    public let line: Int
    /// The column, if one field is to blame.
    public let column: String?
    /// The value found.
    public let value: String
    /// What was wrong and what was expected.
    public let reason: String
    /// What it is about, when a front end may add how to fix it.
    public var cause: ProblemCause? = nil
}

/// What an import did.
public struct MeterImportSummary: Sendable, Equatable {
    public var importID: Int64 = 0
    public var rowsRead = 0
    public var imported = 0
    public var updated = 0
    public var unchanged = 0
    public var skipped = 0
    public var rejected = 0
    /// Rows committed in batched mode before an error stopped it.
    public var committedRows = 0
    /// The problems kept (at most `problemsKept`), in file order.
    public var problems: [MeterImportProblem] = []
    /// All problems found.
    public var problemCount = 0

    /// Takes the row counts (read, imported, updated, unchanged, skipped, rejected) of `committed`,
    /// keeping the problems found: after a bad batch is rolled back, the summary says what stays.
    mutating func keepCounts(of committed: MeterImportSummary) {
        rowsRead = committed.rowsRead
        imported = committed.imported
        updated = committed.updated
        unchanged = committed.unchanged
        skipped = committed.skipped
        rejected = committed.rejected
    }
}

/// The columns of a meter import file; `serial` and `type` are required, order is free.
public enum MeterImportColumns {
    public static let all = ["serial", "type", "caliber", "manufacturer", "model", "initial_reading", "location", "group"]
    public static let required = ["serial", "type"]
    /// Columns accepted and ignored: `reason` is what a rejects file adds, so a fixed rejects file
    /// imports as it is.
    public static let ignored = ["reason"]
}

/// An import refused because of bad rows: every problem with its line, column and value.
public struct MeterImportError: ClassifiedError, Equatable {
    public let source: String
    public let summary: MeterImportSummary
    public let batched: Bool
    /// How the input names its rows and cells (`meters.csv:17`, `meters.xlsx: Sheet1!C17`).
    public let places: RecordPlaces

    /// The error for `summary`'s problems in `source`, placed as `places` says (by default as
    /// lines of a text file).
    public init(source: String, summary: MeterImportSummary, batched: Bool, places: RecordPlaces? = nil) {
        self.source = source
        self.summary = summary
        self.batched = batched
        self.places = places ?? RecordPlaces(source: source)
    }

    public var failureKind: FailureKind { .badInput }
    public var description: String {
        let rows = Set(summary.problems.map(\.line)).count
        let what = summary.problemCount == summary.problems.count ? "\(counted(rows, "bad row"))" : "\(counted(summary.problemCount, "problem")) in bad rows"
        if batched && summary.committedRows > 0 {
            return "\(source): \(what); the first \(summary.committedRows) rows were imported in whole batches, nothing after them (fix the file and run the same import again: rows already imported count as unchanged)"
        }
        return "\(source): \(what); nothing was imported"
    }
    public var details: [String] {
        var lines = summary.problems.map { problem in
            var text = places.place(line: problem.line, column: problem.column) + ":"
            if let column = problem.column { text += " \(column) '\(problem.value)':" }
            return text + " \(problem.reason)"
        }
        if summary.problemCount > summary.problems.count {
            lines.append("… and \(summary.problemCount - summary.problems.count) more")
        }
        return lines
    }
}
