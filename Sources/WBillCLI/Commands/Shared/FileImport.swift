import WaterBilling
import WBillSupport

/// What every import of a FILE of rows does around its importer (`meter import`, `reading import`):
/// FILE opened in its format (`RecordFileOptions`), the `--rejects` file (`RejectsFile`), a progress
/// bar on a terminal, and at the end the rejects file put in place, or discarded when the import
/// failed. The importer itself is the domain's.
enum FileImport {
    /// Runs `importer` over the command's FILE.
    /// - Parameters:
    ///   - dryRun: a dry run writes no rejects file.
    ///   - columns: the header of a rejects file that got no bad row.
    ///   - importer: the domain's run, given the reader, where bad rows go and where progress goes.
    /// - Returns: the importer's summary and the rejects file written, if any.
    static func run<Summary, Problem: ImportRowProblem>(
        _ context: CommandContext, dryRun: Bool, columns: [String],
        importer: (_ reader: any RecordSource, _ reject: @escaping ([String], [String], [Problem]) throws -> Void,
                   _ progress: @escaping (Int, Int) -> Void) throws -> Summary
    ) throws -> (summary: Summary, rejects: RejectsFile?) {
        try RejectsFile.checkOptions(context)
        let path = context.arguments.requiredArgument("FILE")
        let reader = try RecordFileOptions(context, path: path).open(path)
        let rejects = try RejectsFile.requested(context, dryRun: dryRun)
        let progress = ProgressBar(streams: context.streams, label: "importing \(path == "-" ? "stdin" : path)",
                                   totalBytes: path == "-" ? nil : FileSystem.size(path), quiet: context.settings.quiet,
                                   environment: context.environment)
        let summary: Summary
        do {
            summary = try importer(reader, { header, fields, problems in
                try rejects?.write(header: header, fields: fields, reason: ProblemWording.rejectReason(problems))
            }, { rows, offset in
                offset < 0 ? progress.finish() : progress.update(rows: rows, byteOffset: offset)
            })
        } catch {
            progress.finish()
            rejects?.discard()
            throw error
        }
        try rejects?.commit(emptyHeader: columns)
        return (summary, rejects)
    }

    /// Adds where the `rejected` bad rows went to `record`, or warns that they were left out.
    static func noteRejected(_ rejected: Int, rejects: RejectsFile?, in record: inout DataRecord, context: CommandContext) {
        guard rejected > 0 else { return }
        if let rejects {
            record.append("rejects_file", .text(rejects.path))
        } else {
            context.warn("\(rejected) bad row(s) were left out; add --rejects FILE to keep them")
        }
    }
}
