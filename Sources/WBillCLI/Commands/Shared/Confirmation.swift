import WaterBilling
import WBillSupport

extension CommandOutput {
    /// A confirmation of a change: one line for people (table format), the record for scripts
    /// (csv, tsv, json). The line carries data (account numbers, amounts), so --quiet does not hide it.
    static func confirmation(_ line: String, record: DataRecord, context: CommandContext) -> CommandOutput {
        context.settings.format == .table ? .text(line + "\n") : .record(record)
    }
}
