import WaterBilling
import WBillSupport

/// `--rejects FILE` of an import run with `--skip-invalid`: the bad rows, as they were in the
/// input, with a `reason` column added (or refreshed, when the input is itself a rejects file), so
/// the file can be fixed and imported again. Written beside the target under a unique name through
/// `AtomicFile` and renamed into place only when the import is done; nothing is left when it fails.
final class RejectsFile {
    /// The path as given.
    let path: String
    private let file: AtomicFile
    private var writer: CSVWriter?
    private var columns: [String]?

    /// The two option rows: `--skip-invalid` and `--rejects FILE`.
    static let rows: [OptionSpec] = [
        .flag("skip-invalid", help: "import the good rows; write the bad ones to --rejects"),
        .value("rejects", .outputFile, placeholder: "FILE", help: "with --skip-invalid: the bad rows, with a reason column"),
    ]

    /// Refuses `--rejects` without `--skip-invalid`.
    /// - Throws: `UsageError`.
    static func checkOptions(_ context: CommandContext) throws {
        if context.arguments.has("rejects") && !context.arguments.has("skip-invalid") {
            throw context.usageError("--rejects goes with --skip-invalid")
        }
    }

    /// The rejects file the command's `--rejects` asks for; nil when it asks for none, and for a dry
    /// run (which writes nothing).
    /// - Throws: what `AtomicFile` throws.
    static func requested(_ context: CommandContext, dryRun: Bool) throws -> RejectsFile? {
        guard let path = context.arguments.value("rejects"), !dryRun else { return nil }
        return try RejectsFile(path: path, context: context)
    }

    private init(path: String, context: CommandContext) throws {
        self.path = path
        file = try AtomicFile(path: path, mode: 0o644)
        context.warnRemoved(file.removedLeftovers)
        writer = CSVWriter(fileDescriptor: file.descriptor, name: path)
    }

    /// Writes one bad row: its fields under the input's `header`, and `reason`.
    func write(header: [String], fields: [String], reason: String) throws {
        guard let writer else { return }
        let reasonIndex = header.firstIndex { $0.lowercased() == "reason" }
        if columns == nil {
            columns = reasonIndex == nil ? header + ["reason"] : header
            try writer.write(columns!)
        }
        var row = fields
        // A short row (the reason may say so) is padded, so its reason lands in its column.
        while row.count < header.count { row.append("") }
        if let reasonIndex { row[reasonIndex] = reason } else { row.append(reason) }
        try writer.write(row)
    }

    /// Puts the file in place; with no bad row, it holds `emptyHeader` and nothing else.
    func commit(emptyHeader: [String]) throws {
        guard let writer else { return }
        if columns == nil { try writer.write(emptyHeader + ["reason"]) }
        try writer.flush()
        self.writer = nil
        try file.commit()
    }

    /// Removes the temporary file: the import failed.
    func discard() {
        writer = nil  // its buffered rows go to the temporary file, which goes next
        file.discard()
    }
}
