#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a `BulkWrite` runs: batching, dry run, and what it changes on the connection meanwhile.
public struct BulkWriteOptions: Sendable, Equatable {
    /// Commit every this many rows (see `BulkBatch.rowDone()`); nil: one transaction for the whole
    /// run, all or nothing.
    public var batchSize: Int?
    /// Do all the work, then roll it back: nothing is committed, not even whole batches.
    public var dryRun: Bool
    /// How long, at least, a statement waits for another writer before failing busy, during the
    /// run (the connection's own time-out when that is longer); nil keeps the connection's. Bulk
    /// work waits long by default (at least 2 minutes): it queues behind the short commands of the
    /// counter instead of failing, and they queue behind its batches.
    public var busyTimeoutMilliseconds: Int32?
    /// SQLite's page cache during the run, in KiB; nil keeps the connection's (2 MiB). The default,
    /// 32 MiB, keeps a large unique index's hot pages in memory, so inserting a million rows does
    /// not re-read them from disk; memory stays flat whatever the input's size.
    public var cacheSizeKiB: Int?
    /// Whether SQLite checks foreign keys on every row written (the default).
    ///
    /// `false` skips the parent-table look-up SQLite makes for each reference of each row. Only for
    /// a writer whose references hold by construction: it looked every referenced row up inside the
    /// same IMMEDIATE transaction (so the row cannot be deleted before COMMIT; with batches, it looks
    /// them up again in each batch) or inserted it itself. SQLite ignores the pragma inside a
    /// transaction, so the run switches it off before its first BEGIN and back on after its last
    /// COMMIT or ROLLBACK, on this connection only; other connections keep checking.
    public var checksForeignKeys: Bool
    /// Whether SQLite keeps its temporary files in memory during the run (`PRAGMA temp_store =
    /// MEMORY`; the default for bulk work), instead of in files under `/var/tmp` (the connection's
    /// setting, which every other command keeps).
    ///
    /// Bulk work fills them with statement and savepoint journals: a copy of each page a statement
    /// or savepoint changes, kept until it ends. In files that is a `pwrite` per page and per page
    /// number, and a savepoint per row of a batch made them 97 % of a registration's system calls.
    /// In memory they are bounded by what one statement or savepoint changes, freed when it ends.
    /// Temporary sort files (an ORDER BY without an index, CREATE INDEX) also stay in memory then,
    /// without a bound: a run that sorts a large table (building an index over a big import)
    /// should set this to `false`. Like foreign keys, it is set outside the run's transactions.
    public var tempStoreInMemory: Bool

    /// Options for bulk work: the defaults are one all-or-nothing transaction, a busy time-out of
    /// at least 2 minutes, a 32 MiB page cache, foreign keys checked and temporary files in memory.
    public init(batchSize: Int? = nil, dryRun: Bool = false, busyTimeoutMilliseconds: Int32? = 120_000,
                cacheSizeKiB: Int? = 32_768, checksForeignKeys: Bool = true, tempStoreInMemory: Bool = true) {
        self.batchSize = batchSize
        self.dryRun = dryRun
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.cacheSizeKiB = cacheSizeKiB
        self.checksForeignKeys = checksForeignKeys
        self.tempStoreInMemory = tempStoreInMemory
    }

    /// One transaction, with the connection's own busy time-out, cache and temporary files: for a
    /// small write that runs its own transaction because it asks a person first (no lock is held
    /// while they answer).
    public static let connectionDefaults = BulkWriteOptions(busyTimeoutMilliseconds: nil, cacheSizeKiB: nil,
                                                            tempStoreInMemory: false)
}

/// The one way to write many rows, or to write outside the runner's transaction: owns the
/// transactions (BEGIN IMMEDIATE, COMMIT per batch or once, ROLLBACK on error or for a dry run)
/// and the connection settings bulk work wants, restoring them afterwards.
///
/// Commands whose requirement is `.writeManaged` write through it; `.write` commands get one
/// transaction from the runner instead. Imports, readings, bill runs and report exports share it:
///
/// ```swift
/// let summary = try BulkWrite(database, BulkWriteOptions(batchSize: 10_000)).run { batch in
///     var written = 0
///     for row in rows {
///         try insert.execute(row)
///         written += 1
///         if batch.rowDone() { try batch.commit() }   // every 10,000 rows
///     }
///     return written
/// }
/// ```
///
/// A throw from the body rolls the open batch back and is rethrown; batches committed before stay
/// (without `batchSize` that means nothing stays). A dry run rolls everything back at the end and
/// returns what the body returned.
public struct BulkWrite {
    /// The connection written to.
    public let database: Database
    /// How the run goes.
    public let options: BulkWriteOptions

    /// A bulk write to `database`.
    public init(_ database: Database, _ options: BulkWriteOptions = BulkWriteOptions()) {
        self.database = database
        self.options = options
    }

    /// Applies the options, begins the first batch, runs `body`, and commits its last batch (rolls
    /// back for a dry run or when `body` throws); then restores the connection's settings.
    /// - Precondition: no transaction is open on the connection (the run owns its transactions),
    ///   and a batch size, if any, is 1 or more.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, or `SQLiteError` from BEGIN, COMMIT or a pragma (busy after the
    ///   time-out, a full disk).
    public func run<T>(_ body: (BulkBatch) throws -> T) throws -> T {
        precondition(!database.isInTransaction, "a bulk write runs its own transactions; use it outside one")
        precondition(options.batchSize.map { $0 >= 1 } ?? true, "a batch holds at least one row")
        let restore = try applySettings()
        defer { restore() }
        let batch = BulkBatch(database: database, options: options)
        try database.execute("BEGIN IMMEDIATE")
        do {
            let result = try body(batch)
            if !options.dryRun { try batch.buildDeferredIndexes() }
            try database.execute(options.dryRun ? "ROLLBACK" : "COMMIT")
            return result
        } catch {
            if database.isInTransaction { try? database.execute("ROLLBACK") }
            throw error
        }
    }

    /// Sets the busy time-out, the cache, the foreign-key checks and where temporary files go, as
    /// the options ask (outside any transaction: SQLite refuses or ignores the last two inside one),
    /// and returns what puts the connection's own values back.
    private func applySettings() throws -> () -> Void {
        var restores: [() -> Void] = []
        let database = self.database
        if let milliseconds = options.busyTimeoutMilliseconds {
            let saved = database.busyTimeoutMilliseconds
            database.busyTimeout(milliseconds: max(milliseconds, saved))
            restores.append { database.busyTimeout(milliseconds: saved) }
        }
        if let kibibytes = options.cacheSizeKiB {
            let saved = try database.scalarInt("PRAGMA cache_size") ?? -2000
            try database.execute("PRAGMA cache_size = -\(kibibytes)")
            restores.append { try? database.execute("PRAGMA cache_size = \(saved)") }
        }
        if !options.checksForeignKeys, try database.scalarInt("PRAGMA foreign_keys") == 1 {
            try database.execute("PRAGMA foreign_keys = OFF")
            restores.append { try? database.execute("PRAGMA foreign_keys = ON") }
        }
        // 2 is MEMORY; the connection's value (0, DEFAULT, unless someone changed it) comes back after.
        if options.tempStoreInMemory, let saved = try database.scalarInt("PRAGMA temp_store"), saved != 2 {
            try database.execute("PRAGMA temp_store = MEMORY")
            restores.append { try? database.execute("PRAGMA temp_store = \(saved)") }
        }
        return { restores.reversed().forEach { $0() } }
    }
}

/// The open batch of a `BulkWrite` run: counts rows and moves from one transaction to the next.
public final class BulkBatch {
    /// The connection, inside the batch's transaction.
    public let database: Database
    /// The run's options.
    public let options: BulkWriteOptions
    /// Rows counted by `rowDone()` in the whole run.
    public private(set) var rows = 0
    /// Rows of the batches committed so far (0 in a dry run, and without a batch size until the end).
    public private(set) var committedRows = 0
    /// Batches committed so far by `commit()`.
    public private(set) var batchesCommitted = 0
    /// `rows` when the open batch began.
    private var batchStart = 0
    /// The SQL of the indexes `deferIndexes(of:)` dropped, to build before the run's COMMIT.
    private var deferredIndexes: [String] = []

    init(database: Database, options: BulkWriteOptions) {
        self.database = database
        self.options = options
    }

    /// Rows counted since the open batch began.
    public var rowsInBatch: Int { rows - batchStart }

    /// Counts one row done (written, skipped or refused: every input row counts).
    /// - Returns: whether the open batch is full — a batch size is set, this is not a dry run, and
    ///   the batch holds that many rows. Then call `commit()` (after recording progress in the same
    ///   transaction), or `rollBack()` to keep a bad batch out, or stop.
    public func rowDone() -> Bool {
        rows += 1
        guard let size = options.batchSize, !options.dryRun else { return false }
        return rowsInBatch >= size
    }

    /// Commits the open batch and begins the next. A dry run commits nothing: the batch stays open
    /// and everything is rolled back at the end. Whatever the caller read and cached inside the
    /// batch's transaction (to rely on it until COMMIT) it reads again after this.
    /// - Throws: `SQLiteError` from COMMIT or BEGIN.
    public func commit() throws {
        guard !options.dryRun else { return }
        try database.execute("COMMIT")
        committedRows = rows
        batchStart = rows
        batchesCommitted += 1
        // Gives way: a short write waiting for the lock (it tries every millisecond, see
        // `Database.waitForLock`) takes it now, and the next batch begins once it has committed.
        usleep(BulkBatch.gapMicroseconds)
        try database.execute("BEGIN IMMEDIATE")
    }

    /// How long the lock is left free between batches, in microseconds: long enough for a writer
    /// that tries every millisecond to take it; 3 ms a batch is some 3 % of a meter import's batch
    /// of 10,000 rows.
    static let gapMicroseconds: useconds_t = 3_000

    /// Rolls the open batch back, keeping the batches committed before, and begins the next, empty.
    /// - Throws: `SQLiteError` from ROLLBACK or BEGIN.
    public func rollBack() throws {
        try database.execute("ROLLBACK")
        deferredIndexes = []  // the rollback put them back
        batchStart = rows
        try database.execute("BEGIN IMMEDIATE")
    }

    /// Drops `table`'s indexes that enforce nothing (neither UNIQUE nor a primary key) until the
    /// run ends, when they are built again from their own SQL just before its COMMIT: one sort
    /// instead of an update of each index for each row, which costs more when a run writes more
    /// rows than the table held before. Only in an all-or-nothing run: the drop and the build are
    /// in its one transaction, so no other connection ever sees the table without them, and an
    /// error, a rollback or a crash leaves them as they were. A dry run just rolls back. Queries
    /// inside the run must not need them (the unique indexes stay).
    /// - Returns: whether the run is all-or-nothing (then the indexes, if any, are dropped); in a
    ///   batched run nothing is done.
    /// - Throws: `SQLiteError`.
    public func deferIndexes(of table: String) throws -> Bool {
        guard options.batchSize == nil else { return false }
        let indexes = try database.query("""
            SELECT s.name, s.sql FROM sqlite_schema s JOIN pragma_index_list(?) l ON l.name = s.name
            WHERE s.type = 'index' AND l."unique" = 0 AND l.origin = 'c' AND s.sql IS NOT NULL
            """, [table]) { (name: $0.text(0), sql: $0.text(1)) }
        for index in indexes {
            let quoted = index.name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
            try database.execute("DROP INDEX \"\(quoted)\"")
            deferredIndexes.append(index.sql)
        }
        return true
    }

    /// Builds the indexes `deferIndexes(of:)` dropped, inside the open transaction.
    func buildDeferredIndexes() throws {
        for sql in deferredIndexes { try database.execute(sql) }
        deferredIndexes = []
    }
}
