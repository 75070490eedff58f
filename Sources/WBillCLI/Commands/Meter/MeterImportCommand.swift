import WaterBilling
import WBillSupport

/// `wbill meter import FILE`: bulk meters into stock from a supplier's CSV or Excel file.
enum MeterImportCommand {
    static let fileFormat = """
        The import file is CSV (RFC 4180): UTF-8 with or without a byte-order mark, LF or CRLF line
        ends, fields quoted with double quotes when they hold commas, quotes or line breaks. The
        first line names the columns, in any order and any letter case:

          serial           required; unique; spaces around it are ignored, letters stored upper case
          type             required; a meter type's name (wbill meter-type list)
          caliber          mm, e.g. 20 or DN20; may be empty when the type has one caliber
          manufacturer     text
          model            text
          initial_reading  the register's reading in the utility's volume unit, at most 3 decimals
                           (default 0)
          location         text
          group            a meter group's name (wbill meter group list)

        A reason column (as in a rejects file) is ignored; other columns are refused unless
        --ignore-unknown-columns is given. Example
        (examples/meters.csv):

          serial,type,caliber,manufacturer,model,initial_reading,location,group
          WM-000001,DN20 mechanical,20,Ningbo Water Meter,LXS-20E,0.000,"Building 3, unit 1",Route 1
          IC-000001,IC card DN15,15,Shenzhen Huaxu,CPU-15,0,,Route 1

        By default the import is all or nothing: any bad row and nothing is imported; every bad
        row is listed with its line, column, value and reason, and the exit status is 65. With
        --skip-invalid the good rows are imported and the bad ones written to --rejects FILE with
        a reason column; fix that file and import it again. A row identical to a meter already in
        the database is counted as unchanged, so running the same import twice is safe. A row
        whose serial is taken by a meter with other details (or that repeats an earlier line) is
        handled by --on-duplicate: error (default), skip, or update (meters in stock only).

        The whole import is one transaction: a crash or kill leaves all of it or none of it. In
        batched mode (--batch-size N) every N rows are committed on their own, each batch with its
        entry in the audit trail (its lines and counts); a crash or a bad row leaves whole
        batches, and running the same import again resumes, since rows already imported count as
        unchanged.

        While an import writes, other commands that write (a recharge at the counter) wait for
        it, up to the busy time-out (--busy-timeout, 60 s by default): until its end when it is
        all or nothing (a million rows take some seconds), until the end of the current batch in
        batched mode. For a very large file while the counter is open, use --batch-size 10000.

        \(RecordFileOptions.excelText(example: "meters.xlsx"))
        """

    static let command = CommandSpec(
        ["meter", "import"], summary: "import meters into stock from a CSV or Excel file",
        discussion: """
            Reads FILE ('-' for standard input) as described under IMPORT FILE in wbill-meter(1):
            columns serial and type are required; caliber, manufacturer, model, initial_reading,
            location and group are optional. All or nothing by default; on a terminal a progress
            line shows on stderr. FILE may be an Excel workbook (.xlsx or .xls): its first sheet,
            or the one --sheet names, is read as the CSV would be.
            """,
        options: [
            .value("on-duplicate", .choice(DuplicatePolicy.allCases.map(\.rawValue)), placeholder: "POLICY",
                   help: "a serial already taken by a meter with other details: error (default), skip or update"),
        ] + RejectsFile.rows + [
            .flag("dry-run", help: "validate only; write nothing"),
            .flag("ignore-unknown-columns", help: "ignore columns the import does not know instead of refusing the file"),
            .value("batch-size", .integer, placeholder: "N", help: "commit every N rows (batched mode; see IMPORT FILE)"),
        ] + RecordFileOptions.rows,
        arguments: [ArgumentSpec("FILE", .inputFile, help: "the CSV or Excel (.xlsx, .xls) file, or - for standard input")],
        requirements: Requirements(database: .writeManaged),
        examples: ["wbill meter import examples/meters.csv",
                   "wbill meter import delivery-2026-11.csv --skip-invalid --rejects rejects.csv",
                   "wbill meter import delivery.csv --on-duplicate update --dry-run",
                   "wbill meter import delivery.xlsx --sheet Meters"],
        handler: run)

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        var options = MeterImportOptions()
        options.onDuplicate = arguments.choice("on-duplicate", as: DuplicatePolicy.self) ?? .error
        options.skipInvalid = arguments.has("skip-invalid")
        options.dryRun = arguments.has("dry-run")
        options.ignoreUnknownColumns = arguments.has("ignore-unknown-columns")
        if let size = arguments.integer("batch-size") {
            guard size >= 1 else {
                throw context.usageError("invalid value '\(size)' for --batch-size: expected 1 or more")
            }
            options.batchSize = size
        }
        let importer = MeterImporter(database: context.database, audit: context.audit, options: options)
        let (summary, rejects) = try FileImport.run(context, dryRun: options.dryRun, columns: MeterImportColumns.all) { reader, reject, progress in
            try importer.run(reader: reader, rejects: reject, progress: progress)
        }
        var record = DataRecord()
        if !options.dryRun { record.append("import", .integer(summary.importID)) }
        record.append("rows", .integer(Int64(summary.rowsRead)))
        record.append(options.dryRun ? "would_import" : "imported", .integer(Int64(summary.imported)))
        record.append(options.dryRun ? "would_update" : "updated", .integer(Int64(summary.updated)))
        record.append("unchanged", .integer(Int64(summary.unchanged)))
        record.append("skipped", .integer(Int64(summary.skipped)))
        record.append("rejected", .integer(Int64(summary.rejected)))
        FileImport.noteRejected(summary.rejected, rejects: rejects, in: &record, context: context)
        return .record(record)
    }
}
