#if canImport(Glibc)
import Glibc
#endif

/// One of the files SQLite keeps beside a database in WAL mode, as it is now.
public struct DatabaseSideFile: Sendable, Equatable {
    /// Which file it is.
    public enum Kind: String, Sendable {
        /// `PATH-wal`, the write-ahead log: changes not yet copied into the database file.
        case writeAheadLog = "-wal"
        /// `PATH-shm`, the shared-memory index of the log, which SQLite rebuilds when it is missing.
        case sharedMemory = "-shm"
    }

    public let kind: Kind
    /// Its path: the database's path and the kind's suffix.
    public let path: String
    /// Its size in bytes.
    public let bytes: Int64
    /// Whether this user may write it.
    public let isWritable: Bool

    /// Whether removing it (while no program has the database open) loses nothing: the index
    /// always, the log only when it is empty.
    public var isDisposable: Bool { kind == .sharedMemory || bytes == 0 }
}

/// What this user may do with a database file and the directory and side files around it, and so
/// how to open it.
///
/// SQLite creates `-wal` and `-shm` beside a WAL-mode database when it opens it, with the
/// database's mode and owned by the user opening it, and only a connection that can write removes
/// them when it closes. So a read by a user who cannot write the database must not create them
/// (they would outlive the read with a mode that blocks the database's owner), and a database in a
/// directory nobody may write cannot get them at all. Such reads open the file `immutable` when no
/// side file exists, which is when no other connection has it open.
///
/// ```swift
/// let access = DatabaseFileAccess.inspect("/srv/water/wbill.db")
/// let database = try Database(path: access.path, mode: access.readingMode)
/// ```
public struct DatabaseFileAccess: Sendable, Equatable {
    /// The database file.
    public let path: String
    /// The directory it is in.
    public let directory: String
    /// Whether this user may write the file.
    public let isFileWritable: Bool
    /// Whether this user may create and remove files in its directory.
    public let isDirectoryWritable: Bool
    /// The side files that exist now.
    public let sideFiles: [DatabaseSideFile]

    /// Looks at `path`, its directory and its side files.
    public static func inspect(_ path: String) -> DatabaseFileAccess {
        let sideFiles = [DatabaseSideFile.Kind.sharedMemory, .writeAheadLog].compactMap { kind -> DatabaseSideFile? in
            let sidePath = path + kind.rawValue
            guard let bytes = FileSystem.size(sidePath) else { return nil }
            return DatabaseSideFile(kind: kind, path: sidePath, bytes: bytes, isWritable: SetGroupID.effectiveAccess(sidePath, W_OK))
        }
        let directory = FileSystem.directory(of: path)
        return DatabaseFileAccess(path: path, directory: directory, isFileWritable: SetGroupID.effectiveAccess(path, W_OK),
                                  isDirectoryWritable: SetGroupID.effectiveAccess(directory, W_OK | X_OK), sideFiles: sideFiles)
    }

    /// The side files that exist but that this user may not write.
    public var unwritableSideFiles: [DatabaseSideFile] { sideFiles.filter { !$0.isWritable } }

    /// Whether this user can write the database: the file, its directory and any side file.
    public var allowsWriting: Bool {
        isFileWritable && isDirectoryWritable && unwritableSideFiles.isEmpty
    }

    /// How a command that only reads should open the file: read-write when this user could write
    /// it (so that the connection removes the side files when it closes, as writers do);
    /// `immutable` when it could not and no side file exists, so that nothing is created; else
    /// read-only, using the side files another connection made.
    public var readingMode: Database.OpenMode {
        if allowsWriting { return .readWrite }
        return sideFiles.isEmpty ? .immutable : .readOnly
    }
}
