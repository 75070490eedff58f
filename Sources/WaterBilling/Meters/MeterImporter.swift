import WBillSupport

/// Imports meters from a file of records (CSV, or a sheet of a workbook: any `RecordSource`) into
/// stock: validates every row, detects duplicates in the
/// file and against the database through the serial's unique index (so memory stays flat), and
/// commits all or nothing (or whole batches in batched mode) through `BulkWrite`; the rows are
/// written by one `MeterWriter`.
public final class MeterImporter {
    private let database: Database
    private let audit: AuditTrail
    private let options: MeterImportOptions
    /// The look-up of the meter holding a serial, prepared once (re-runs hit it for every row).
    private var existingMeter: Statement?

    /// How many new meters an all-or-nothing run writes with the meters' secondary indexes (by type
    /// and state, by group) kept up to date row by row; past this, and past the number of meters
    /// the table held before, it drops them and builds them again before its COMMIT, sorted in one
    /// go (`BulkBatch.deferIndexes`): a million meters into an empty table take 0.5 s less.
    static let deferIndexesAfter = 100_000

    /// An importer writing to `database`, recording to `audit`.
    public init(database: Database, audit: AuditTrail, options: MeterImportOptions) {
        self.database = database
        self.audit = audit
        self.options = options
    }

    /// Runs the import.
    /// - Parameters:
    ///   - reader: the input, positioned at its header: a `CSVReader` (its rows checked as bytes
    ///     by code specialised for it), or a sheet's reader.
    ///   - rejects: with `skipInvalid`, called for each bad row with the file's header, the row's fields
    ///     and its problems.
    ///   - progress: called now and then with rows read and the byte offset reached.
    /// - Returns: the summary (for a dry run, of what would have happened).
    /// - Throws: `CSVError` for an unreadable file or header, `MeterImportError` listing bad rows
    ///   (nothing written, or in batched mode nothing after the last whole batch), `SQLiteError`.
    public func run(reader: any RecordSource, rejects: (([String], [String], [MeterImportProblem]) throws -> Void)? = nil,
                    progress: ((Int, Int) -> Void)? = nil) throws -> MeterImportSummary {
        // The CSV reader is called directly, not through the protocol: a million rows' fields
        // are read in the loop below.
        if let csv = reader as? CSVReader { return try run(source: csv, rejects: rejects, progress: progress) }
        return try run(source: reader, rejects: rejects, progress: progress)
    }

    private func run<Source: RecordSource>(source reader: Source, rejects: (([String], [String], [MeterImportProblem]) throws -> Void)?,
                                           progress: ((Int, Int) -> Void)?) throws -> MeterImportSummary {
        reader.digestInput()
        let header = try reader.readHeader(allowed: options.ignoreUnknownColumns ? nil : MeterImportColumns.all + MeterImportColumns.ignored,
                                           required: MeterImportColumns.required)
        let index = MeterImportColumns.all.map { header.index(of: $0) }
        // BulkWrite's defaults for the rest: a 32 MiB page cache keeps the serial index's hot pages
        // in memory on large files (memory stays flat), and a 2-minute busy time-out.
        var bulk = BulkWriteOptions(batchSize: options.batchSize, dryRun: options.dryRun)
        // Every row references only a meter type and a group the validator looked up inside its
        // batch's IMMEDIATE transaction (so they cannot disappear before COMMIT) and this run's own
        // import row: the references hold by construction, so SQLite's per-row look-ups are skipped.
        bulk.checksForeignKeys = false
        // The import opens no savepoint and writes one row per statement, so it has no journals to
        // keep in memory; its temporary files are the sort of the indexes it builds at the end
        // (`deferIndexesAfter`): in files, beyond the page cache's worth, memory stays flat (76 MiB
        // peak for a million rows, where in memory it would grow with the table).
        bulk.tempStoreInMemory = false
        return try BulkWrite(database, bulk).run { batch in
            try importRows(reader, header: header, index: index, batch: batch, rejects: rejects, progress: progress)
        }
    }

    /// Validates and writes every row, inside `batch`'s transactions; see `run`.
    private func importRows<Source: RecordSource>(_ reader: Source, header: CSVHeader, index: [Int?], batch: BulkBatch,
                            rejects: (([String], [String], [MeterImportProblem]) throws -> Void)?,
                            progress: ((Int, Int) -> Void)?) throws -> MeterImportSummary {
        var summary = MeterImportSummary()
        var validator = try MeterValidator(database: database)
        let run = try MeterImportRun(database: database, audit: audit, source: reader.name, onDuplicate: options.onDuplicate)
        summary.importID = run.id
        let writer = MeterWriter(database: database, context: audit.context)
        var problemsInBatch = 0
        // Batched mode: the counts when the open batch began (those committed), its number and lines.
        var batchStart = summary
        var batchNumber = 1
        var batchLines = 0...0
        // The meters' secondary indexes are built once at the end (see `deferIndexesAfter`) when this
        // run writes more rows than the table held before it.
        let metersBefore = Int(try database.scalarInt("SELECT coalesce(max(id), 0) FROM meters") ?? 0)
        var indexesDeferred = false

        let noBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        rows: while true {
            // A row the reader refuses (bytes that are not UTF-8, a cell that lost digits) is one
            // bad row; the reader is past it.
            var refused: CSVError?
            switch try Self.step(reader) {
            case .end: break rows
            case .record: break
            case .refused(let error): refused = error
            }
            summary.rowsRead += 1
            if summary.rowsRead % 10_000 == 0 { progress?(summary.rowsRead, reader.recordByteOffset) }
            let line = reader.recordLine
            batchLines = (batch.rowsInBatch == 0 ? line : batchLines.lowerBound)...line
            var rowProblems: [MeterImportProblem] = []
            func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8> { index[column].map { reader.fieldBytes(at: $0) } ?? noBytes }
            if let refused {
                let column = refused.field.flatMap { header.names.indices.contains($0 - 1) ? header.names[$0 - 1] : nil }
                rowProblems.append(MeterImportProblem(line: line, column: column, value: refused.value, reason: refused.message))
            } else if reader.fieldCount != header.names.count {
                rowProblems.append(MeterImportProblem(line: line, column: nil, value: "",
                    reason: "expected \(header.names.count) fields as in the header, found \(reader.fieldCount)"))
            } else if let meter = validator.validatedRow(MeterDraftBytes(
                serial: bytes(0), typeName: bytes(1), caliber: bytes(2), manufacturer: bytes(3), model: bytes(4),
                initialReading: bytes(5), location: bytes(6), group: bytes(7))) {
                // Most rows pass the check of their bytes and are written without strings.
                if try writer.insert(meter, importID: summary.importID, line: line) {
                    summary.imported += 1
                    if !indexesDeferred && summary.imported >= max(Self.deferIndexesAfter, metersBefore) {
                        indexesDeferred = true
                        _ = try batch.deferIndexes(of: "meters")
                    }
                } else if let problem = try handleDuplicate(meter.validMeter, line: line, writer: writer, summary: &summary) {
                    rowProblems.append(problem)
                }
            } else {
                // The others are read as strings and checked in full: the same meter, or what is wrong.
                let record = reader.currentRecord()
                func field(_ column: Int) -> String { index[column].map { record.fields[$0] } ?? "" }
                let draft = MeterDraft(serial: field(0), typeName: field(1), caliber: field(2), manufacturer: field(3),
                                       model: field(4), initialReading: field(5), location: field(6), group: field(7))
                switch validator.validate(draft) {
                case .invalid(let problems):
                    rowProblems = problems.map {
                        MeterImportProblem(line: line, column: $0.field, value: $0.value, reason: $0.reason, cause: $0.cause)
                    }
                case .valid(let meter):
                    if try writer.insert(meter, importID: summary.importID, line: line) {
                        summary.imported += 1
                    } else if let problem = try handleDuplicate(meter, line: line, writer: writer, summary: &summary) {
                        // The serial is taken: no exception path, just a look at the meter that has it.
                        rowProblems.append(problem)
                    }
                }
            }
            if !rowProblems.isEmpty {
                summary.problemCount += rowProblems.count
                if options.skipInvalid {
                    summary.rejected += 1
                    try rejects?(header.names, reader.currentRecord().fields, rowProblems)
                } else {
                    problemsInBatch += rowProblems.count
                    for problem in rowProblems where summary.problems.count < options.problemsKept {
                        summary.problems.append(problem)
                    }
                }
            }
            if batch.rowDone() {
                // A full batch: committed with its record when clean; a bad one stops the run.
                if problemsInBatch > 0 { break }
                try run.recordBatch(summary, since: batchStart, number: batchNumber, lines: batchLines)
                summary.committedRows = summary.rowsRead
                try batch.commit()
                batchStart = summary
                batchNumber += 1
                // The catalogue is read again inside each batch's transaction (see `run`).
                validator = try MeterValidator(database: database)
            }
        }
        progress?(summary.rowsRead, -1)
        if summary.problemCount > 0 && !options.skipInvalid {
            try batch.rollBack()
            // What stays is what the batches before committed: the counts go back to theirs.
            summary.keepCounts(of: batchStart)
            if summary.committedRows > 0 {
                // The import run and the batches before stay; record how far it got.
                try run.recordEnd(summary, reader: reader)
                try batch.commit()
            }
            throw MeterImportError(source: reader.name, summary: summary, batched: options.batchSize != nil, places: header.places)
        }
        // A dry run ends here: BulkWrite rolls it all back. Otherwise the last batch (or the only
        // transaction) commits when this returns, with its record.
        if !options.dryRun {
            if options.batchSize != nil && summary.rowsRead > batchStart.rowsRead {
                try run.recordBatch(summary, since: batchStart, number: batchNumber, lines: batchLines)
            }
            try run.recordEnd(summary, reader: reader)
        }
        return summary
    }

    /// What the reader's next step met: a record, a record it refused (bad, but read past), the end.
    private enum Step {
        case record
        case refused(CSVError)
        case end
    }

    /// Moves `reader` to its next record.
    /// - Throws: `CSVError` that is not one record's problem.
    private static func step<Source: RecordSource>(_ reader: Source) throws(CSVError) -> Step {
        do throws(CSVError) {
            return try reader.advance() ? .record : .end
        } catch {
            guard error.isRecordProblem else { throw error }
            return .refused(error)
        }
    }

    /// Compares a row with the meter that already has its serial and applies the duplicate policy.
    /// - Returns: a problem when the row must be reported, else nil (counted as unchanged/skipped/updated).
    private func handleDuplicate(_ meter: ValidMeter, line: Int, writer: MeterWriter,
                                 summary: inout MeterImportSummary) throws -> MeterImportProblem? {
        if existingMeter == nil {
            existingMeter = try database.prepare("""
                SELECT id, meter_type_id, caliber, manufacturer, model, initial_reading, location, group_id, state, import_id, import_line
                FROM meters WHERE serial = ?
                """)
        }
        guard let existing = try existingMeter!.query([meter.serial], { row in
                (id: row.int64(0), typeID: row.int64(1), caliber: row.int(2), manufacturer: row.text(3), model: row.text(4),
                 reading: row.int64(5), location: row.text(6), groupID: row.optionalInt64(7), state: row.text(8),
                 importID: row.optionalInt64(9), importLine: row.optionalInt64(10))
            }).first else { return nil }
        let sameFile = existing.importID == summary.importID
        let identical = existing.typeID == meter.typeID && existing.caliber == meter.caliber
            && existing.manufacturer == meter.manufacturer && existing.model == meter.model
            && existing.reading == meter.initialReading.litres && existing.location == meter.location
            && existing.groupID == meter.groupID
        let place = sameFile ? "line \(existing.importLine ?? 0) of this file" : "the database"
        if identical && !sameFile {
            summary.unchanged += 1
            return nil
        }
        switch options.onDuplicate {
        case .error:
            return MeterImportProblem(line: line, column: "serial", value: meter.serial,
                                      reason: "duplicate serial: already in \(place)\(identical ? "" : " with different details")",
                                      cause: .duplicateSerial)
        case .skip:
            summary.skipped += 1
            return nil
        case .update:
            guard existing.state == MeterState.inStock.rawValue else {
                return MeterImportProblem(line: line, column: "serial", value: meter.serial,
                                          reason: "meter is \(existing.state); only meters in stock can be updated by an import")
            }
            try writer.updateDetails(of: existing.id, to: meter, includingGroup: true)
            try writer.recordEvent("updated by import", meterID: existing.id, from: nil, to: nil,
                                   detail: "run \(summary.importID), line \(line)")
            summary.updated += 1
            return nil
        }
    }
}
