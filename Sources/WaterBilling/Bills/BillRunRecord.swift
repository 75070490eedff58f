#if canImport(Glibc)
import Glibc
#endif
import WBillSupport

/// What a bill run did, or has done so far: counts of accounts and the volume and money billed.
public struct BillRunCounts: Sendable, Equatable {
    /// Accounts looked at.
    public var accounts = 0
    /// Bills issued.
    public var billed = 0
    /// Accounts that had a bill for the period already (a re-run).
    public var alreadyBilled = 0
    /// Accounts not billed (see the run's list of why).
    public var notBilled = 0
    /// Readings estimated (with estimation asked for).
    public var estimated = 0
    /// The water billed, in thousandths of the volume unit, and the money, in minor units.
    public var volume: Int64 = 0
    public var amount: Int64 = 0

    public init() {}

    /// These counts less `start`'s: what happened since.
    func minus(_ start: BillRunCounts) -> BillRunCounts {
        var counts = BillRunCounts()
        counts.accounts = accounts - start.accounts
        counts.billed = billed - start.billed
        counts.alreadyBilled = alreadyBilled - start.alreadyBilled
        counts.notBilled = notBilled - start.notBilled
        counts.estimated = estimated - start.estimated
        counts.volume = volume - start.volume
        counts.amount = amount - start.amount
        return counts
    }
}

/// Where a bill run is.
public enum BillRunState: String, Sendable, CaseIterable {
    case running, finished, interrupted
}

/// A bill run as recorded in `bill_runs`.
public struct BillRunSummary: Sendable, Equatable {
    public let id: Int64
    public let period: String
    public let cycle: BillingCycle
    public let span: DateSpan
    public let group: String?
    public let state: BillRunState
    public let processID: Int64
    public let host: String
    public let startedAt: String
    public let startedBy: String
    public let endedAt: String?
    public let counts: BillRunCounts
}

/// The record of one bill run: its `bill_runs` row and its audit entries, written in the
/// transaction of the bills they count, so they always equal what is committed. The one writer of
/// `bill_runs`.
///
/// Each committed batch brings the row's counts up to date and writes a `run batch` entry (its
/// number, its first and last accounts, its own counts) before its COMMIT; the end writes the `run`
/// entry with the totals and marks the row `finished`. A run killed between batches leaves its
/// committed batches with their entries and its row `running`; the next run (holding the lock,
/// which the killed one no longer can) marks it `interrupted`.
struct BillRunRecord {
    let database: Database
    let audit: AuditTrail
    /// The `bill_runs` row.
    let id: Int64

    /// Starts a run: inserts its row, in the open transaction.
    init(database: Database, audit: AuditTrail, period: CalendarPeriod, cycle: BillingCycle, group: String?,
         estimateMissing: Bool) throws {
        self.database = database
        self.audit = audit
        try database.run("""
            INSERT INTO bill_runs (period, cycle, period_from, period_to, group_name, estimate_missing, process_id, host,
                                   started_at, started_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [period.label, cycle.rawValue, period.span.first.description, period.span.last.description, group,
                  estimateMissing, Int64(getpid()), Self.hostName(), audit.context.timeText, audit.context.operatorName])
        id = database.lastInsertRowID
    }

    /// Marks every run still recorded as running `interrupted`: called while holding the run lock,
    /// so no such run is alive (the lock would be held).
    /// - Returns: the runs marked.
    static func markInterrupted(in database: Database, audit: AuditTrail) throws -> [Int64] {
        let stale = try database.query("SELECT id FROM bill_runs WHERE state = 'running' ORDER BY id") { $0.int64(0) }
        for id in stale {
            try database.run("UPDATE bill_runs SET state = 'interrupted', ended_at = ? WHERE id = ?", [audit.context.timeText, id])
            try audit.record(entity: "bill-run", id: String(id), action: "interrupted", changes: [
                AuditChange("state", old: BillRunState.running.rawValue, new: BillRunState.interrupted.rawValue),
            ])
        }
        return stale
    }

    /// Records a batch about to be committed: `counts` are the run's so far, `start` those when it began.
    func recordBatch(_ counts: BillRunCounts, since start: BillRunCounts, number: Int, accounts: ClosedRange<String>) throws {
        try storeCounts(counts)
        try audit.record(entity: "bill-run", id: String(id), action: "run batch", changes: [
            AuditChange("batch", old: nil, new: String(number)),
            AuditChange("accounts", old: nil, new: "\(accounts.lowerBound)-\(accounts.upperBound)"),
        ] + Self.changes(counts.minus(start)))
    }

    /// Records the end of the run with its totals.
    func recordEnd(_ counts: BillRunCounts, period: CalendarPeriod) throws {
        try storeCounts(counts)
        try database.run("UPDATE bill_runs SET state = 'finished', ended_at = ? WHERE id = ?", [audit.context.timeText, id])
        try audit.record(entity: "bill-run", id: String(id), action: "run",
                         changes: [AuditChange("period", old: nil, new: period.label)] + Self.changes(counts))
    }

    private func storeCounts(_ counts: BillRunCounts) throws {
        try database.run("""
            UPDATE bill_runs SET accounts = ?, billed = ?, already_billed = ?, not_billed = ?, estimated = ?, volume = ?, amount = ?
            WHERE id = ?
            """, [counts.accounts, counts.billed, counts.alreadyBilled, counts.notBilled, counts.estimated, counts.volume,
                  counts.amount, id])
    }

    private static func changes(_ counts: BillRunCounts) -> [AuditChange] {
        [("accounts", counts.accounts), ("billed", counts.billed), ("already_billed", counts.alreadyBilled),
         ("not_billed", counts.notBilled), ("estimated", counts.estimated)].map { AuditChange($0.0, old: nil, new: String($0.1)) }
            + [AuditChange("volume", old: nil, new: Volume(litres: counts.volume).description),
               AuditChange("amount_minor_units", old: nil, new: String(counts.amount))]
    }

    /// The latest run recorded as running, if any.
    static func running(in database: Database) throws -> BillRunSummary? {
        try database.first(selectSQL + " WHERE state = 'running' ORDER BY id DESC LIMIT 1", [], summary)
    }

    static let selectSQL = """
        SELECT id, period, cycle, period_from, period_to, group_name, state, process_id, host, started_at, started_by, ended_at,
               accounts, billed, already_billed, not_billed, estimated, volume, amount
        FROM bill_runs
        """

    static func summary(_ row: Row) throws -> BillRunSummary {
        var counts = BillRunCounts()
        counts.accounts = row.int(12)
        counts.billed = row.int(13)
        counts.alreadyBilled = row.int(14)
        counts.notBilled = row.int(15)
        counts.estimated = row.int(16)
        counts.volume = row.int64(17)
        counts.amount = row.int64(18)
        return BillRunSummary(id: row.int64(0), period: row.text(1), cycle: try row.stored(2, as: BillingCycle.self),
                              span: try DateSpan(from: CivilDate(parsing: row.text(3)), through: CivilDate(parsing: row.text(4))),
                              group: row.optionalText(5), state: try row.stored(6, as: BillRunState.self), processID: row.int64(7),
                              host: row.text(8), startedAt: row.text(9), startedBy: row.text(10), endedAt: row.optionalText(11),
                              counts: counts)
    }

    /// This machine's name (for the record of who runs), or `localhost`.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}

/// The bill runs' lock: an exclusive `FileLock` on `DATABASE.bill-run.lock` beside the database
/// (named from the database's real path, so every way of naming the file shares it). One bill
/// run at a time holds it, for its whole length, batches and gaps between them included, so two
/// runs never interleave. The kernel drops it with the process however that ends (a kill -9
/// too): a killed run never leaves a lock that blocks the next one, which finds the killed run
/// still recorded as running and marks it interrupted. An in-memory database has no lock.
enum BillRunLock {
    /// The lock file of the database at `path`.
    static func path(ofDatabase path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path + ".bill-run.lock" }
        defer { free(resolved) }
        return String(cString: resolved) + ".bill-run.lock"
    }

    /// Takes the lock of `database`'s bill runs.
    /// - Returns: the lock, held until released or until the process ends; nil for an in-memory database.
    /// - Throws: `BillError.runInProgress` naming the run that holds it; `FileWriteError` when the
    ///   lock file cannot be created.
    static func acquire(_ database: Database) throws -> FileLock? {
        guard database.path != ":memory:", !database.path.isEmpty else { return nil }
        let lockPath = path(ofDatabase: database.path)
        guard let lock = try FileLock.tryLock(lockPath) else {
            throw BillError.runInProgress(lockFile: lockPath, run: try BillRunRecord.running(in: database))
        }
        return lock
    }
}
