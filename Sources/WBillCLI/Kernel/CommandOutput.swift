import WaterBilling
import WBillSupport

/// What a handler produces; the runner prints it only after the command's transaction commits.
public enum CommandOutput: Sendable {
    /// Nothing to print.
    case nothing
    /// An informational line or lines for people (stdout; suppressed by `--quiet`).
    case message(String)
    /// A list, rendered in the `--format` chosen.
    case table(DataTable)
    /// One object, rendered in the `--format` chosen.
    case record(DataRecord)
    /// A record with nested lists, rendered as one document in the `--format` chosen.
    case document(DataDocument)
    /// A report: metadata, rows, notes and charts, rendered in the `--format` chosen (`ReportDocument`).
    case report(ReportDocument)
    /// A typed table read and written a row at a time (an export), in the format chosen.
    case stream(RowStream)
    /// Text printed exactly as is (completion scripts, man pages, help).
    case text(String)
    /// Several outputs in order.
    case sequence([CommandOutput])
    /// Data that was produced and committed, and an error about the rest: the output is printed,
    /// then the error is reported and its exit status returned (a bill run that billed some
    /// accounts and not others).
    indirect case failed(CommandOutput, ClassifiedError)
}
