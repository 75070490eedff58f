import WBillSupport

/// The record of one meter import run: its `meter_imports` row and its audit entries, written in
/// the transaction of the rows they count, so that they always equal what is committed.
///
/// - All or nothing: one `import` entry with the totals, in the run's one transaction.
/// - Batched: each committed batch writes an `import batch` entry (its number, its lines, its own
///   counts) and brings the row's counters up to date before its COMMIT; the end (or a bad batch
///   that stops the run, once rolled back) writes the `import` entry with the totals committed.
///   A kill between batches leaves every committed batch with its entry, and the counters equal to
///   the sum of those entries.
struct MeterImportRun {
    let database: Database
    let audit: AuditTrail
    /// The `meter_imports` row.
    let id: Int64

    /// Starts a run: inserts its `meter_imports` row, in the open transaction.
    init(database: Database, audit: AuditTrail, source: String, onDuplicate: DuplicatePolicy) throws {
        self.database = database
        self.audit = audit
        try database.run("INSERT INTO meter_imports (at, operator, source, on_duplicate) VALUES (?, ?, ?, ?)",
                         [audit.context.time.description, audit.context.operatorName, source, onDuplicate.rawValue])
        id = database.lastInsertRowID
    }

    /// Records a batch about to be committed: `summary` holds the run's counts so far, `start` those
    /// when the batch began.
    /// - Parameters:
    ///   - number: the batch's number in the run, from 1.
    ///   - lines: the lines its first and last rows start on.
    func recordBatch(_ summary: MeterImportSummary, since start: MeterImportSummary, number: Int, lines: ClosedRange<Int>) throws {
        try storeCounts(summary)
        try audit.record(entity: "meter-import", id: String(id), action: "import batch", changes: [
            AuditChange("batch", old: nil, new: String(number)),
            AuditChange("lines", old: nil, new: "\(lines.lowerBound)-\(lines.upperBound)"),
        ] + Self.counts(summary, minus: start))
    }

    /// Records the end of the run: its totals, the file's absolute path (as given for standard
    /// input), the sheet read for a workbook, and its size and SHA-256 when it was read to its end
    /// (a batched run stopped by a bad batch was not), so that the entry names the very file a
    /// delivery was imported from. The digest is computed while the rows are read (about 0.4 s of a
    /// million-row import's 5–7 s).
    func recordEnd(_ summary: MeterImportSummary, reader: some RecordSource) throws {
        try storeCounts(summary)
        let digest = reader.inputDigest
        var changes = Self.counts(summary) + [
            AuditChange("file", old: nil, new: reader.filePath ?? reader.name),
            AuditChange("file_bytes", old: nil, new: reader.reachedEndOfInput ? String(reader.bytesRead) : nil),
            AuditChange("file_sha256", old: nil, new: digest?.sha256.description),
        ]
        // A workbook's rows are those of one of its sheets.
        if let sheet = reader.sheetName { changes.append(AuditChange("sheet", old: nil, new: sheet)) }
        try audit.record(entity: "meter-import", id: String(id), action: "import", changes: changes)
    }

    /// Brings the row's counters to `summary`'s.
    private func storeCounts(_ summary: MeterImportSummary) throws {
        try database.run("""
            UPDATE meter_imports SET rows_read = ?, imported = ?, updated = ?, unchanged = ?, skipped = ?, rejected = ? WHERE id = ?
            """, [summary.rowsRead, summary.imported, summary.updated, summary.unchanged, summary.skipped, summary.rejected, id])
    }

    /// The counts of `summary` (less those of `start`) as audit changes.
    private static func counts(_ summary: MeterImportSummary, minus start: MeterImportSummary = MeterImportSummary()) -> [AuditChange] {
        [("rows", summary.rowsRead - start.rowsRead), ("imported", summary.imported - start.imported),
         ("updated", summary.updated - start.updated), ("unchanged", summary.unchanged - start.unchanged),
         ("skipped", summary.skipped - start.skipped), ("rejected", summary.rejected - start.rejected)].map {
            AuditChange($0.0, old: nil, new: String($0.1))
        }
    }
}
