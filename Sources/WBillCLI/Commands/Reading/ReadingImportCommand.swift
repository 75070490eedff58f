import WaterBilling
import WBillSupport

/// `wbill reading import FILE`: a file of readings from a handheld terminal or a remote system.
enum ReadingImportCommand {
    static let fileFormat = """
        The file given to reading import is CSV (RFC 4180): UTF-8 with or without a byte-order
        mark, LF or CRLF line ends, a first line naming the columns in any order and letter case:

          serial   required; the meter (installed on an account)
          at       required; when the register showed the value: a UTC time
                   (2026-11-30T08:15:00Z) or a date (its midnight UTC)
          value    required; what the register showed, in the volume unit, at most 3 decimals
          source   manual, handheld, remote, third-party or card; empty or absent: --source
                   (default handheld)

        A reason column (as in a rejects file) is ignored; other columns are refused unless
        --ignore-unknown-columns is given. Example (examples/readings.csv):

          serial,at,value
          WM-000001,2026-11-30T08:15:00Z,12.345
          WM-000002,2026-11-30T08:21:40Z,7.5

        Each row is judged as reading add judges a reading (see CONSUMPTION), in file order:
        the rows of one meter must be in time order. The import is all or nothing by default:
        any bad row and nothing is imported; every bad row is listed with its line, column,
        value and reason, and the exit status is 65. With --skip-invalid the good rows are
        imported and the bad ones written to --rejects FILE with a reason column; fix that file
        and import it again. A row that is a reading already recorded (the same meter, time and
        value) by an earlier import or command is counted as unchanged, so importing the same
        file twice changes nothing; a row repeating an earlier row of the same file is a bad row.
        A reading below the previous one that is not a plausible rollover is a bad row: enter it
        with reading add --force if the register really rolled over.

        The whole import is one transaction: a crash or kill leaves all of it or none of it. The
        readings keep the import's number and their line; the audit trail gets one entry for
        the import (its counts, the file's absolute path, size and SHA-256, and the sheet read
        from a workbook).

        \(RecordFileOptions.excelText(example: "readings.xlsx")) A date-time cell has no time
        zone: it is read as UTC, as the at column's text is.
        """

    static let command = CommandSpec(
        ["reading", "import"], summary: "import readings from a CSV or Excel file, all or nothing",
        discussion: """
            Reads FILE ('-' for standard input) as described under IMPORT FILE in wbill-reading(1):
            columns serial, at and value are required, source is optional. All or nothing by
            default; on a terminal a progress line shows on stderr. Prints the counts: readings
            imported, unchanged (recorded before), rejected, and flagged (their consumption has a
            flag: see CONSUMPTION). Each reading imported on a system-prepaid account is deducted
            from its balance (see DEDUCTIONS); a reading imported again deducts nothing. A reading
            whose tariff cannot price it is a bad row like any other.
            """,
        options: [
            .value("source", .choice(ReadingSource.entered.map(\.rawValue)), placeholder: "SOURCE",
                   help: "the source of rows that give none: handheld (default), manual, remote, third-party or card"),
        ] + RejectsFile.rows + [
            .flag("dry-run", help: "check only; write nothing"),
            .flag("ignore-unknown-columns", help: "ignore columns the import does not know instead of refusing the file"),
        ] + RecordFileOptions.rows,
        arguments: [ArgumentSpec("FILE", .inputFile, help: "the CSV or Excel file, or - for standard input")],
        requirements: Requirements(database: .writeManaged),
        examples: ["wbill reading import route-1-2026-11.csv",
                   "wbill reading import amr-2026-11.csv --source remote --skip-invalid --rejects rejects.csv",
                   "wbill reading import readings.csv --dry-run"],
        handler: run)

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        var options = ReadingImportOptions()
        options.skipInvalid = arguments.has("skip-invalid")
        options.dryRun = arguments.has("dry-run")
        options.ignoreUnknownColumns = arguments.has("ignore-unknown-columns")
        options.source = arguments.choice("source", as: ReadingSource.self) ?? .handheld
        let importer = ReadingImporter(database: context.database, audit: context.audit, options: options)
        let (summary, rejects) = try FileImport.run(context, dryRun: options.dryRun, columns: ReadingImportColumns.all) { reader, reject, progress in
            try importer.run(reader: reader, rejects: reject, progress: progress)
        }
        var record = DataRecord()
        if !options.dryRun { record.append("import", .integer(summary.importID)) }
        record.append("rows", .integer(Int64(summary.rowsRead)))
        record.append(options.dryRun ? "would_import" : "imported", .integer(Int64(summary.imported)))
        record.append("unchanged", .integer(Int64(summary.unchanged)))
        record.append("rejected", .integer(Int64(summary.rejected)))
        record.append("flagged", .integer(Int64(summary.flagged)))
        record.append("corrected_estimates", .integer(Int64(summary.correctedEstimates)))
        FileImport.noteRejected(summary.rejected, rejects: rejects, in: &record, context: context)
        return .record(record)
    }
}
