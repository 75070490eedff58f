import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Why a backup could not be made.
public enum BackupError: ClassifiedError, Equatable {
    /// The target exists and replacing it was not asked for.
    case targetExists(path: String)
    /// The target is the database itself.
    case sameFile(path: String)
    /// The copy could not be written.
    case cannotWrite(path: String, reason: String)
    /// Writing the copy failed part-way (it reached the file size limit); nothing was left.
    case writeFailed(path: String, reason: String)
    /// The finished copy failed its integrity check.
    case verificationFailed(path: String, result: String)

    public var failureKind: FailureKind {
        switch self {
        case .targetExists, .sameFile: return .refused
        case .cannotWrite: return .cannotCreate
        case .writeFailed, .verificationFailed: return .ioFailure
        }
    }

    public var description: String {
        switch self {
        case .targetExists(let path): return "\(path) already exists"
        case .sameFile(let path): return "\(path) is the database itself; choose another file"
        case .cannotWrite(let path, let reason), .writeFailed(let path, let reason): return "cannot write backup \(path): \(reason)"
        case .verificationFailed(let path, let result): return "the backup \(path) failed its integrity check: \(result)"
        }
    }
}

/// What a finished backup holds.
public struct BackupResult: Sendable, Equatable {
    /// The file written.
    public let path: String
    /// Its size in bytes.
    public let bytes: Int64
    /// Pages copied.
    public let pages: Int
    /// Its schema version (`PRAGMA user_version`).
    public let schemaVersion: Int
    /// The temporary files of killed backups to the same target, removed before copying.
    public var removedLeftovers: [Leftover] = []
}

extension Database {
    /// Copies this database to `target` with SQLite's online backup API, safely while other
    /// processes keep writing: the copy is one consistent snapshot.
    ///
    /// The copy is written to a unique temporary file beside `target` (an `AtomicFile`, mode 0600),
    /// checked with `PRAGMA quick_check`, synced and renamed into place, so `target` is never a
    /// half-written file and two backups to the same target do not write into each other's copy.
    /// The copy is in rollback-journal mode (`journal_mode=DELETE`): one self-contained file.
    /// - Parameter replace: overwrite an existing `target`.
    /// - Throws: `BackupError` or `SQLiteError`.
    public func backup(to target: String, replace: Bool) throws -> BackupResult {
        if FileSystem.exists(target) {
            var a = stat(), b = stat()
            if stat(target, &a) == 0, stat(path, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino {
                throw BackupError.sameFile(path: target)
            }
            if !replace { throw BackupError.targetExists(path: target) }
        }
        // A unique temporary file beside the target (mode 0600): SQLite writes it, then it is renamed.
        let file: AtomicFile
        do {
            file = try AtomicFile(path: target, mode: 0o600)
            try file.closeDescriptor()
        } catch {
            throw BackupError.cannotWrite(path: target, reason: error.reason)
        }
        let temporary = file.temporaryPath
        defer { if !file.isCommitted { unlink(temporary + "-journal") } }

        let pages: Int
        let schemaVersion: Int
        do {
            let destination = try Database(path: temporary, mode: .readWrite)
            // SQLite cannot back up into a WAL-mode database with another page size; the empty copy
            // must not be in WAL mode (it takes the source's page size and journal mode from the copy).
            try destination.execute("PRAGMA journal_mode = DELETE")
            guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
                throw destination.error(code: sqlite3_errcode(destination.handle), sql: nil)
            }
            var code: Int32
            var stepErrno: Int32 = 0
            repeat {
                // All pages in one step: one read transaction, hence one consistent snapshot.
                code = sqlite3_backup_step(backup, -1)
                stepErrno = errno
                if code == SQLITE_BUSY || code == SQLITE_LOCKED { usleep(20_000) }
            } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
            pages = Int(sqlite3_backup_pagecount(backup))
            sqlite3_backup_finish(backup)
            guard code == SQLITE_DONE else {
                throw SQLiteError(code: code, message: String(cString: sqlite3_errstr(code)), path: temporary,
                                  systemErrno: SQLiteError.systemErrno(recorded: 0, threadErrno: stepErrno, code: code))
            }
            let check = try destination.scalarText("PRAGMA quick_check") ?? ""
            guard check == "ok" else { throw BackupError.verificationFailed(path: target, result: check) }
            schemaVersion = Int(try destination.scalarInt("PRAGMA user_version") ?? 0)
            // The copy took the source's WAL mode with its pages. A backup is one self-contained
            // file in rollback-journal mode instead: readable where no -wal or -shm can be created
            // beside it (read-only media, a directory its reader cannot write).
            try destination.execute("PRAGMA journal_mode = DELETE")
        } catch let error as SQLiteError where error.isFileTooLarge {
            throw BackupError.writeFailed(path: target, reason: FileSystem.fileTooLargeText)
        }
        do {
            try file.commit()
        } catch {
            throw BackupError.cannotWrite(path: target, reason: error.reason)
        }
        unlink(temporary + "-wal")
        unlink(temporary + "-shm")
        return BackupResult(path: target, bytes: FileSystem.size(target) ?? 0, pages: pages,
                            schemaVersion: schemaVersion, removedLeftovers: file.removedLeftovers)
    }
}
