import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// One connection to an SQLite database file, closed when the last reference goes away.
///
/// Every connection runs with WAL journaling, `foreign_keys=ON`, `synchronous=FULL` and a busy
/// timeout. Write transactions begin IMMEDIATE so that two writers queue instead of deadlocking.
///
/// ```swift
/// let db = try Database(path: "/tmp/x.db", mode: .create)
/// try db.writeTransaction { try db.run("INSERT INTO t VALUES (?)", [42]) }
/// ```
public final class Database {
    /// How to open the file.
    public enum OpenMode: Sendable {
        /// Open an existing file for reading only.
        case readOnly
        /// Open an existing file for reading and writing.
        case readWrite
        /// Open for reading and writing, creating the file (mode 0600) if it does not exist.
        case create
        /// Open an existing file for reading only, as a file nothing changes while it is open
        /// (SQLite's `immutable`): no locks are taken, and no `-wal` or `-shm` file is read or
        /// created beside it. For a database this user cannot write or that sits in a directory it
        /// cannot write (read-only media), when no `-wal` holds changes; see `DatabaseFileAccess`.
        case immutable
    }

    let handle: OpaquePointer
    private var statementCache: [String: Statement] = [:]
    /// Objects layers above keep for this connection, one per type (see `attachment`).
    private var attachments: [ObjectIdentifier: AnyObject] = [:]
    /// The file path the connection was opened with.
    public let path: String
    /// Whether the connection was opened read-only (`readOnly` or `immutable`).
    public let isReadOnly: Bool
    /// Whether the connection was opened `immutable`: SQLite reads the main file alone.
    public let isImmutable: Bool
    /// How long a statement waits for another writer before failing busy (see `waitForLock`).
    public private(set) var busyTimeoutMilliseconds: Int32
    /// When the statement waiting for the lock began to wait, on the monotonic clock.
    private var waitingSince: Int64 = 0

    /// Opens (or creates) the database at `path`.
    /// - Parameters:
    ///   - path: the file; `:memory:` for a private in-memory database.
    ///   - mode: read-only, read-write, or create.
    ///   - busyTimeoutMilliseconds: how long a statement waits for another writer before failing busy.
    /// - Throws: `SQLiteError` when the file cannot be opened or is not a database.
    public init(path: String, mode: OpenMode, busyTimeoutMilliseconds: Int32 = 5000) throws {
        _ = Database.configureOnce
        if mode == .create && path != ":memory:" {
            let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            if descriptor >= 0 { close(descriptor) }
        }
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var name = path
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            name = Database.fileURI(path) + "?immutable=1"
        }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(name, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) }
                ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(connection)
            throw SQLiteError(code: code, message: message, path: path)
        }
        self.handle = connection
        self.path = path
        self.isReadOnly = mode == .readOnly || mode == .immutable
        self.isImmutable = mode == .immutable
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_handler(connection, { context, attempt in
            Unmanaged<Database>.fromOpaque(context!).takeUnretainedValue().waitForLock(attempt: attempt) ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
        try execute("PRAGMA foreign_keys = ON")
        if !isReadOnly {
            try execute("PRAGMA journal_mode = WAL")
            try execute("PRAGMA synchronous = FULL")
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// What receives the statements the connection runs (see `traceStatements`).
    private final class Tracer {
        let body: (String) -> Void
        init(_ body: @escaping (String) -> Void) { self.body = body }
    }
    private var tracer: Tracer?

    /// Calls `body` with the SQL of every statement the connection starts, its parameters bound in
    /// (`sqlite3_expanded_sql`): for finding where a command's time goes, and for tests that check
    /// the plans of the queries commands really run. `nil` stops tracing.
    public func traceStatements(_ body: ((String) -> Void)?) {
        tracer = body.map(Tracer.init)
        guard let tracer else {
            sqlite3_trace_v2(handle, 0, nil, nil)
            return
        }
        sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_STMT), { _, context, statement, text in
            // A trigger's start is reported as a comment on the statement that fired it: skip it.
            if let text, text.assumingMemoryBound(to: CChar.self).pointee == 0x2D { return 0 }
            guard let context, let statement, let expanded = sqlite3_expanded_sql(OpaquePointer(statement)) else { return 0 }
            defer { sqlite3_free(expanded) }
            Unmanaged<Tracer>.fromOpaque(context).takeUnretainedValue().body(String(cString: expanded))
            return 0
        }, Unmanaged.passUnretained(tracer).toOpaque())
    }

    /// `path` as an SQLite `file:` URI: every byte but letters, digits, `-._~/` percent-encoded.
    static func fileURI(_ path: String) -> String {
        var uri = "file:"
        for byte in path.utf8 {
            let plain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~/".utf8.contains(byte)
            uri += plain ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
        return uri
    }

    /// Process-wide SQLite configuration, applied before the first connection opens.
    private static let configureOnce: Void = {
        _ = wbill_sqlite_disable_memory_statistics()
    }()

    func error(code: Int32, sql: String?) -> SQLiteError {
        let threadErrno = errno  // read first, while it is still the failed system call's
        let extended = sqlite3_extended_errcode(handle) == 0 ? code : sqlite3_extended_errcode(handle)
        // A write that waited in vain names who holds the lock, when that can be found.
        let busy = extended & 0xFF == SQLITE_BUSY && path != ":memory:"
        return SQLiteError(
            code: extended,
            message: String(cString: sqlite3_errmsg(handle)),
            sql: sql,
            path: path,
            systemErrno: SQLiteError.systemErrno(recorded: sqlite3_system_errno(handle), threadErrno: threadErrno, code: code),
            lockHolder: busy ? WriteLockHolder.of(database: path) : nil
        )
    }

    /// Changes whenever a transaction begins or anything is rolled back (`BEGIN…`, `ROLLBACK…`,
    /// `ROLLBACK TO` a savepoint), through `execute` as every transaction here is: what was read
    /// and remembered since is still so while it is the same, and the connection is in a transaction.
    public private(set) var transactionEpoch = 0

    /// Runs one or more SQL statements that take no parameters (schema changes, pragmas).
    /// - Throws: `SQLiteError` from the first statement that fails.
    public func execute(_ sql: String) throws {
        if sql.utf8.starts(with: "BEGIN".utf8) || sql.utf8.starts(with: "ROLLBACK".utf8) { transactionEpoch &+= 1 }
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code: code, sql: sql) }
    }

    /// Prepares a statement for repeated use.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs one statement with bound parameters to completion.
    public func run(_ sql: String, _ values: [SQLBindable] = []) throws {
        try withCachedStatement(sql) { try $0.execute(values) }
    }

    /// Runs a query and maps each row.
    public func query<T>(_ sql: String, _ values: [SQLBindable] = [], _ transform: (Row) throws -> T) throws -> [T] {
        try withCachedStatement(sql) { try $0.query(values, transform) }
    }

    /// The first row of a query, mapped, or `nil` when there is none.
    public func first<T>(_ sql: String, _ values: [SQLBindable] = [], _ transform: (Row) throws -> T) throws -> T? {
        try withCachedStatement(sql) { statement in
            try statement.bind(values)
            guard try statement.step() else { return nil }
            return try transform(statement.row)
        }
    }

    /// How many prepared statements `run`, `query` and `first` keep for reuse.
    static let statementCacheLimit = 128

    /// Runs `body` with a prepared statement for `sql`, taken from (or added to) the connection's
    /// cache, and resets it afterwards so it holds no read lock. Preparing is a large part of a
    /// short statement's cost, and commands run the same few statements many times (bulk imports,
    /// registrations from a file). A statement already in use further up the stack (a query whose
    /// row handler runs the same SQL) gets a fresh one instead.
    private func withCachedStatement<T>(_ sql: String, _ body: (Statement) throws -> T) throws -> T {
        // One look-up by the SQL text per call: whether the statement is lent out is its own flag
        // (hashing the text four times a call was a visible part of bulk registrations).
        let statement: Statement
        if let cached = statementCache[sql] {
            if cached.isLent { return try body(try prepare(sql)) }
            statement = cached
        } else {
            statement = try prepare(sql)
            if statementCache.count >= Database.statementCacheLimit { statementCache.removeAll() }
            statementCache[sql] = statement
        }
        statement.isLent = true
        defer {
            statement.isLent = false
            statement.reset()
        }
        return try body(statement)
    }

    /// The first column of the first row as an integer, or `nil` when there is no row or it is NULL.
    public func scalarInt(_ sql: String, _ values: [SQLBindable] = []) throws -> Int64? {
        try first(sql, values) { $0.optionalInt64(0) } ?? nil
    }

    /// The first column of the first row as text, or `nil`.
    public func scalarText(_ sql: String, _ values: [SQLBindable] = []) throws -> String? {
        try first(sql, values) { $0.optionalText(0) } ?? nil
    }

    /// The object of type `T` kept with this connection, made by `make` on first use: state that
    /// belongs to one connection and must not outlive it (what a layer above noted during the
    /// transaction under way), shared by every value built over the same connection.
    public func attachment<T: AnyObject>(_ make: () -> T) -> T {
        let key = ObjectIdentifier(T.self)
        if let kept = attachments[key] as? T { return kept }
        let made = make()
        attachments[key] = made
        return made
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How many rows the last INSERT, UPDATE or DELETE changed.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a write transaction (BEGIN IMMEDIATE); commits on return, rolls back on throw.
    ///
    /// Nested calls become savepoints, so library functions can demand atomicity on their own
    /// and still join the caller's transaction.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in a read transaction (BEGIN DEFERRED) for a consistent snapshot.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN DEFERRED", body)
    }

    private var savepointDepth = 0

    private func transaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        if isInTransaction {
            savepointDepth += 1
            let name = "wbill_sp\(savepointDepth)"
            defer { savepointDepth -= 1 }
            try execute("SAVEPOINT \(name)")
            do {
                let result = try body()
                try execute("RELEASE \(name)")
                return result
            } catch {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
                throw error
            }
        }
        try execute(begin)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }
}

extension Database {
    /// How often a statement that meets another writer's lock tries again, in microseconds.
    static let lockRetryMicroseconds: useconds_t = 1_000

    /// Sets how long statements wait for another writer before failing busy.
    public func busyTimeout(milliseconds: Int32) {
        busyTimeoutMilliseconds = milliseconds
    }

    /// The busy handler: tries again every millisecond until the time-out has passed since the
    /// statement began to wait. SQLite's own handler (`sqlite3_busy_timeout`) backs off to a try
    /// every 100 ms, and so a short write behind a bulk run that lets go of the lock for a moment
    /// between batches (`BulkBatch.commit`) saw that moment only by luck, and waited seconds; trying
    /// every millisecond, it takes the next one.
    /// - Returns: whether to try again.
    fileprivate func waitForLock(attempt: Int32) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let milliseconds = Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
        if attempt == 0 { waitingSince = milliseconds }
        guard milliseconds - waitingSince < Int64(busyTimeoutMilliseconds) else { return false }
        usleep(Database.lockRetryMicroseconds)
        return true
    }
}
