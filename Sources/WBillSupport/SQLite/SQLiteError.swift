import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A failure reported by SQLite, carrying everything needed to understand it.
///
/// Bound values are never included, so secrets cannot leak into messages or logs.
public struct SQLiteError: ClassifiedError, Equatable {
    /// The extended result code (`sqlite3_extended_errcode`).
    public let code: Int32
    /// The connection's message (`sqlite3_errmsg`), or the generic text when no connection exists.
    public let message: String
    /// The SQL that failed, if any.
    public let sql: String?
    /// The database file involved, if known.
    public let path: String?
    /// The `errno` of the system call that failed (`sqlite3_system_errno`), or 0.
    public let systemErrno: Int32
    /// For a busy database, the process found holding its write lock, when one was.
    public let lockHolder: WriteLockHolder?

    /// Creates an error from its parts.
    public init(code: Int32, message: String, sql: String? = nil, path: String? = nil, systemErrno: Int32 = 0,
                lockHolder: WriteLockHolder? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.path = path
        self.systemErrno = systemErrno
        self.lockHolder = lockHolder
    }

    /// The primary result code (the low byte of the extended code).
    public var primaryCode: Int32 { code & 0xFF }

    /// The `errno` behind a failure with result `code`: what SQLite recorded (`sqlite3_system_errno`),
    /// else, for an I/O failure, the thread's `errno` read as soon as the call returned. SQLite records
    /// it only for some failures (not for a COMMIT that cannot write the WAL), but nothing after the
    /// failed system call has changed it by then.
    public static func systemErrno(recorded: Int32, threadErrno: Int32, code: Int32) -> Int32 {
        if recorded != 0 { return recorded }
        let primary = code & 0xFF
        return primary == SQLITE_IOERR || primary == SQLITE_FULL ? threadErrno : 0
    }

    /// Whether a write failed because a file reached the file size limit (EFBIG).
    public var isFileTooLarge: Bool {
        systemErrno == EFBIG && (primaryCode == SQLITE_IOERR || primaryCode == SQLITE_FULL)
    }

    /// Whether `sum()` over integers overflowed 64 bits (SQLite fails the statement then).
    public var isIntegerOverflow: Bool { primaryCode == SQLITE_ERROR && message == "integer overflow" }

    public var failureKind: FailureKind {
        switch primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_NOTADB, SQLITE_CORRUPT: return .badInput
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH: return .permissionDenied
        case SQLITE_CANTOPEN: return .cannotCreate
        case SQLITE_FULL, SQLITE_IOERR: return .ioFailure
        case SQLITE_CONSTRAINT: return .refused
        default: return .internalError
        }
    }

    public var description: String {
        var text: String
        if isFileTooLarge {
            return "cannot write the database\(path.map { " " + $0 } ?? ""): \(FileSystem.fileTooLargeText); nothing was written"
        }
        switch primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            if let holder = lockHolder {
                let who = holder.program.map { "\($0) (process \(holder.processID))" } ?? "process \(holder.processID)"
                text = "the database is busy: \(who) is writing to it; try again"
            } else {
                text = "the database is busy (another program is writing); try again"
            }
        case SQLITE_NOTADB:
            text = "\(path ?? "the file") is not a database, or it is corrupt (\(message))"
        case SQLITE_CORRUPT:
            text = "\(path ?? "the database") is corrupt (\(message)); restore it from a backup"
        case SQLITE_FULL:
            text = "the disk is full; nothing was written (\(message))"
        default:
            text = "database error: \(message)"
        }
        if failureKind == .internalError, let sql {
            text += " [SQL: \(sql)]"
        }
        return text
    }
}
