import WBillSupport

/// Imports a file of readings (a month of a handheld's or a remote system's readings): every row
/// is judged as `reading add` judges one (`ReadingRecorder`) and yields its consumption, in one
/// all-or-nothing transaction through `BulkWrite`; memory stays flat whatever the file's size.
///
/// A row that repeats a reading already recorded (the same meter, time and value, from an earlier
/// run) is counted as unchanged, so importing the same file again changes nothing; a row that
/// repeats an earlier row of the same file is a bad row. Rows of one meter are judged in file
/// order, so they must be in time order, as handhelds export them.
///
/// Rows are judged in batches of up to `MeterReadingStates.batchSize` meters, each meter once per
/// batch: the batch's meters are read in one statement, and what its rows record is written a few
/// hundred rows to an INSERT (`ReadingRecorder` staging). The rules are the same as for one reading.
///
/// The readings carry the import run and their line; the run's audit entry sums it up (rows,
/// counts, the file), as for meter imports: no entry per reading.
public final class ReadingImporter {
    private let database: Database
    private let audit: AuditTrail
    private let options: ReadingImportOptions

    /// An importer writing to `database`, recording to `audit`.
    public init(database: Database, audit: AuditTrail, options: ReadingImportOptions) {
        self.database = database
        self.audit = audit
        self.options = options
    }

    /// Runs the import.
    /// - Parameters:
    ///   - reader: the input, positioned at its header.
    ///   - rejects: with `skipInvalid`, called for each bad row with the file's header, the row's
    ///     fields and its problems.
    ///   - progress: called now and then with rows read and the byte offset reached, and once at the
    ///     end with -1.
    /// - Returns: the summary (for a dry run, of what would have happened).
    /// - Throws: `CSVError` for an unreadable file or header, `ReadingImportError` listing the bad
    ///   rows (nothing is written), `SQLiteError`.
    public func run(reader: any RecordSource, rejects: (([String], [String], [ReadingImportProblem]) throws -> Void)? = nil,
                    progress: ((Int, Int) -> Void)? = nil) throws -> ReadingImportSummary {
        // The file is hashed while its rows are read, for the run's audit entry.
        reader.digestInput()
        let allowed = options.ignoreUnknownColumns ? nil : ReadingImportColumns.all + ReadingImportColumns.ignored
        let header = try reader.readHeader(allowed: allowed, required: ReadingImportColumns.required)
        var bulk = BulkWriteOptions(dryRun: options.dryRun)
        // Every row references a meter and an account looked up inside this one IMMEDIATE transaction,
        // this run's import row and readings it wrote itself: the references hold by construction.
        bulk.checksForeignKeys = false
        return try BulkWrite(database, bulk).run { _ in
            try importRows(reader, header: header, rejects: rejects, progress: progress)
        }
    }

    /// The columns' indexes in the file: serial, at, value, source (nil when absent).
    private struct Columns {
        let serial: Int
        let at: Int
        let value: Int
        let source: Int?

        init(_ header: CSVHeader) {
            serial = header.index(of: "serial")!
            at = header.index(of: "at")!
            value = header.index(of: "value")!
            source = header.index(of: "source")
        }
    }

    /// A row as read and parsed, waiting in a batch to be judged.
    private struct ParsedRow {
        let line: Int
        let fields: [String]
        /// Its problems so far (a bad field, a short row, text that is not UTF-8).
        var problems: [ReadingImportProblem]
        /// The parts, when every one of them parsed.
        var reading: (serial: String, time: Timestamp, value: Volume, source: ReadingSource)?
    }

    private func importRows(_ reader: any RecordSource, header: CSVHeader,
                            rejects: (([String], [String], [ReadingImportProblem]) throws -> Void)?,
                            progress: ((Int, Int) -> Void)?) throws -> ReadingImportSummary {
        var summary = ReadingImportSummary()
        try database.run("INSERT INTO reading_imports (at, operator, source) VALUES (?, ?, ?)",
                         [audit.context.timeText, audit.context.operatorName, reader.name])
        summary.importID = database.lastInsertRowID
        let recorder = ReadingRecorder(database: database, context: audit.context,
                                       thresholds: try ConsumptionThresholds.current(in: database), importID: summary.importID,
                                       followers: ConsumptionFollowers.standard(in: database, audit: audit), staging: true)
        let columns = Columns(header)

        // Rows are judged in batches: their meters read in one statement, what they record written
        // in a few. A batch holds each meter once, so every row is judged against its meter's rows
        // before it, all written.
        var batch: [ParsedRow] = []
        var serials: Set<String> = []
        func judgeBatch() throws {
            try judge(batch, recorder: recorder, header: header, summary: &summary, rejects: rejects)
            batch.removeAll(keepingCapacity: true)
            serials.removeAll(keepingCapacity: true)
        }
        while true {
            let row: ParsedRow
            do {
                guard let record = try reader.next() else { break }
                summary.rowsRead += 1
                if summary.rowsRead % 10_000 == 0 { progress?(summary.rowsRead, record.byteOffset) }
                row = parse(record, header: header, columns: columns)
            } catch {
                // A row that is not valid text is one bad row among the others.
                guard error.isRecordProblem else { throw error }
                let bad = error
                summary.rowsRead += 1
                let column = bad.field.flatMap { header.names.indices.contains($0 - 1) ? header.names[$0 - 1] : nil }
                row = ParsedRow(line: bad.line, fields: [], problems: [
                    ReadingImportProblem(line: bad.line, column: column, value: "", reason: bad.message)])
            }
            if let serial = row.reading?.serial {
                if serials.contains(serial) { try judgeBatch() }
                serials.insert(serial)
            }
            batch.append(row)
            if serials.count == MeterReadingStates.batchSize || batch.count >= 4 * MeterReadingStates.batchSize { try judgeBatch() }
        }
        try judgeBatch()
        progress?(summary.rowsRead, -1)
        if summary.problemCount > 0 && !options.skipInvalid {
            // BulkWrite rolls everything back, the run's own row included.
            throw ReadingImportError(source: reader.name, summary: summary)
        }
        try finish(summary, reader: reader)
        return summary
    }

    /// Judges a batch's rows in file order and writes what they record; reports the bad ones.
    private func judge(_ batch: [ParsedRow], recorder: ReadingRecorder, header: CSVHeader, summary: inout ReadingImportSummary,
                       rejects: (([String], [String], [ReadingImportProblem]) throws -> Void)?) throws {
        guard !batch.isEmpty else { return }
        let states = try recorder.states.states(serials: batch.compactMap { $0.reading?.serial })
        for row in batch {
            var problems = row.problems
            if let reading = row.reading {
                problems += try judge(row, reading, state: states[reading.serial], recorder: recorder, header: header,
                                      summary: &summary)
            }
            guard !problems.isEmpty else { continue }
            summary.problemCount += problems.count
            if options.skipInvalid {
                summary.rejected += 1
                try rejects?(header.names, row.fields, problems)
            } else {
                for problem in problems where summary.problems.count < options.problemsKept {
                    summary.problems.append(problem)
                }
            }
        }
        try recorder.flush()
    }

    /// Reads a row's fields.
    private func parse(_ record: CSVRecord, header: CSVHeader, columns: Columns) -> ParsedRow {
        var row = ParsedRow(line: record.line, fields: record.fields, problems: [], reading: nil)
        guard record.count == header.names.count else {
            row.problems.append(ReadingImportProblem(line: record.line, column: nil, value: "",
                                                     reason: "expected \(header.names.count) fields as in the header, found \(record.count)"))
            return row
        }
        func problem(_ column: String, _ value: String, _ reason: String) {
            row.problems.append(ReadingImportProblem(line: record.line, column: column, value: value, reason: reason))
        }
        func parse<T>(_ column: String, _ text: String, _ body: (String) throws -> T) -> T? {
            do { return try body(text) } catch let error as ReadingError {
                problem(column, text, Self.reason(error, column: column))
                return nil
            } catch {
                problem(column, text, "\(error)")
                return nil
            }
        }
        let serialText = record.fields[columns.serial]
        let serial: String?
        switch MeterSerial.normalise(serialText) {
        case .success(let value): serial = value
        case .failure(let failure):
            serial = nil
            problem("serial", serialText, failure.reason)
        }
        let time = parse("at", record.fields[columns.at], ReadingInput.time)
        let value = parse("value", record.fields[columns.value], ReadingInput.value)
        let sourceText = columns.source.map { record.fields[$0] } ?? ""
        let source = sourceText.trimmed.isEmpty ? options.source : parse("source", sourceText, ReadingInput.source)
        if let serial, let time, let value, let source { row.reading = (serial, time, value, source) }
        return row
    }

    /// Judges and records one parsed row against its meter (nil: no meter has the serial).
    /// - Returns: its problems (none when it was recorded or unchanged).
    private func judge(_ row: ParsedRow, _ reading: (serial: String, time: Timestamp, value: Volume, source: ReadingSource),
                       state: MeterReadingState?, recorder: ReadingRecorder, header: CSVHeader,
                       summary: inout ReadingImportSummary) throws -> [ReadingImportProblem] {
        func field(_ column: String) -> String {
            header.index(of: column).map { row.fields[$0] } ?? ""
        }
        guard let state else {
            return [ReadingImportProblem(line: row.line, column: "serial", value: field("serial"), reason: "no such meter",
                                         cause: .unknownMeter)]
        }
        do {
            switch try recorder.record(reading.value, at: reading.time, source: reading.source, state: state, line: row.line) {
            case .recorded(_, let consumption, let corrections):
                summary.imported += 1
                if let consumption, !consumption.flags.isEmpty { summary.flagged += 1 }
                summary.correctedEstimates += corrections.count
            case .alreadyRecorded(let id, let importID, let line):
                guard importID != summary.importID else {
                    return [ReadingImportProblem(line: row.line, column: "at", value: field("at"),
                                                 reason: "repeats line \(line ?? 0) of this file (reading \(id))")]
                }
                summary.unchanged += 1
            }
        } catch let error as ReadingError {
            return [ReadingImportProblem(line: row.line, column: error.column, value: field(error.column),
                                         reason: Self.reason(error, column: error.column))]
        }
        return []
    }

    /// A refusal as a row's reason: its description, without repeating the value the line already shows.
    static func reason(_ error: ReadingError, column: String) -> String {
        switch error {
        case .invalidValue(_, let reason), .invalidTime(_, let reason): return reason
        case .invalidSource: return "expected one of \(ReadingSource.entered.map(\.rawValue).joined(separator: ", "))"
        default: return error.description
        }
    }

    /// Stores the run's counters and its audit entry: the counts, the file's absolute path (as given
    /// for standard input), its size and SHA-256 (computed while the rows were read), and the sheet
    /// read for a workbook, so that the entry names the very file a month's readings came from.
    private func finish(_ summary: ReadingImportSummary, reader: any RecordSource) throws {
        try database.run("""
            UPDATE reading_imports SET rows_read = ?, imported = ?, unchanged = ?, rejected = ?, flagged = ? WHERE id = ?
            """, [summary.rowsRead, summary.imported, summary.unchanged, summary.rejected, summary.flagged, summary.importID])
        var changes = [
            AuditChange("rows", old: nil, new: String(summary.rowsRead)),
            AuditChange("imported", old: nil, new: String(summary.imported)),
            AuditChange("unchanged", old: nil, new: String(summary.unchanged)),
            AuditChange("rejected", old: nil, new: String(summary.rejected)),
            AuditChange("flagged", old: nil, new: String(summary.flagged)),
            AuditChange("corrected_estimates", old: nil, new: String(summary.correctedEstimates)),
            AuditChange("file", old: nil, new: reader.filePath ?? reader.name),
            AuditChange("file_bytes", old: nil, new: reader.reachedEndOfInput ? String(reader.bytesRead) : nil),
            AuditChange("file_sha256", old: nil, new: reader.inputDigest?.sha256.description),
        ]
        if let sheet = reader.sheetName { changes.append(AuditChange("sheet", old: nil, new: sheet)) }
        try audit.record(entity: "reading-import", id: String(summary.importID), action: "import", changes: changes)
    }
}
