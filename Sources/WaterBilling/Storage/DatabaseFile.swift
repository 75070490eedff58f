#if canImport(Glibc)
import Glibc
#endif
import WBillSupport

/// Creates and opens wbill database files, refusing files that are not (or not yet) wbill's.
public enum DatabaseFile {
    /// What `create` did.
    public struct Creation {
        /// The open connection.
        public let database: Database
        /// Whether the file was new.
        public let created: Bool
        /// Migrations applied now (all of them for a new file, none for a current one).
        public let applied: [Migration]
        /// An existing file other users could use, made 0600 (or not, and why).
        public let tightened: PermissionsTightening?
    }

    /// An existing database file whose mode let other users read or write it, and what became of it.
    public struct PermissionsTightening: Sendable, Equatable {
        /// Its permission bits before, e.g. 0o644.
        public let before: UInt32
        /// Why they could not be made 0600 (the system's reason); nil when they were.
        public let failure: String?

        /// What its mode let other users do: "read", "write", "read and write", or "use".
        public var othersMay: String {
            switch (before & 0o044 != 0, before & 0o022 != 0) {
            case (true, true): return "read and write"
            case (true, false): return "read"
            case (false, true): return "write"
            case (false, false): return "use"
            }
        }
    }

    /// Creates the database at `path` (parent directories 0700, file 0600, or 0660 in a set-group-id
    /// directory whose group it shares: the set-group-id deployment) and brings its schema up to date.
    ///
    /// Idempotent: on an existing, current wbill database it changes nothing, except an existing
    /// file's mode that lets other users (its group or anyone) use it: that is made 0600, as a
    /// new file is, and `Creation.tightened` says so.
    /// - Parameter context: who creates it and when, for the audit trail (see `Migrator.migrate`).
    /// - Throws: `DatabaseFileError`, or `SQLiteError` for a corrupt or foreign file.
    public static func create(at path: String, context: AuditContext) throws -> Creation {
        try checkNotDirectory(path)
        let existed = SetGroupID.effectiveAccess(path, F_OK)
        if !existed {
            try FileSystem.makeDirectories(parentOf: path)
            let shared = sharedGroup(path)
            let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, shared ? 0o660 : 0o600)
            if descriptor < 0 && errno != EEXIST {
                throw DatabaseFileError.cannotCreateFile(path: path, reason: FileSystem.errorText(errno))
            }
            if descriptor >= 0 {
                // The group's members (the set-group-id binary) read and write it, whatever the umask.
                if shared { _ = fchmod(descriptor, 0o660) }
                close(descriptor)
            }
        } else {
            try checkWritable(path)
        }
        let database = try Database(path: path, mode: .readWrite)
        try checkOwnership(database)
        let applied = try Migrator().migrate(database, context: context, recordingCreation: true)
        return Creation(database: database, created: !existed, applied: applied, tightened: existed ? tighten(path) : nil)
    }

    /// Makes a file whose mode lets other users use it 0600 (0660 in a shared group's directory).
    private static func tighten(_ path: String) -> PermissionsTightening? {
        let shared = sharedGroup(path)
        guard let mode = FileSystem.permissions(path), mode & (shared ? 0o007 : 0o077) != 0 else { return nil }
        let failure = chmod(path, shared ? mode & 0o660 : 0o600) == 0 ? nil : FileSystem.errorText(errno)
        return PermissionsTightening(before: mode, failure: failure)
    }

    /// Whether `path` is in the set-group-id deployment's data directory: a set-group-id directory
    /// (mode 2770), whose group the database shares with the installed binary (0660), not its users.
    static func sharedGroup(_ path: String) -> Bool {
        var directory = stat()
        guard stat(FileSystem.directory(of: path), &directory) == 0, directory.st_mode & S_ISGID != 0 else { return false }
        var file = stat()
        return stat(path, &file) != 0 || file.st_gid == directory.st_gid
    }

    /// Opens an existing, current wbill database.
    ///
    /// A read by a user who may not write the database, its directory or its side files opens it
    /// without creating side files that would outlive the read (see `DatabaseFileAccess`).
    /// - Parameters:
    ///   - writable: open for writing (fails when the file, its directory or a side file is
    ///     read-only to this user).
    ///   - allowOutdated: accept an older schema (for `wbill db migrate` and `wbill db status`).
    /// - Throws: `DatabaseFileError` or `SQLiteError`.
    public static func open(at path: String, writable: Bool, allowOutdated: Bool = false) throws -> Database {
        try checkNotDirectory(path)
        guard SetGroupID.effectiveAccess(path, F_OK) else { throw DatabaseFileError.missing(path: path) }
        guard SetGroupID.effectiveAccess(path, R_OK) else { throw DatabaseFileError.notReadable(path: path) }
        if writable { try checkWritable(path) }
        let database = try Database(path: path, mode: writable ? .readWrite : DatabaseFileAccess.inspect(path).readingMode)
        try checkOwnership(database)
        let version = try Migrator.currentVersion(of: database)
        if version == 0 && !allowOutdated {
            throw DatabaseFileError.outdatedSchema(path: path, found: 0, needed: Schema.latestVersion)
        }
        if version > Schema.latestVersion {
            throw DatabaseFileError.newerSchema(path: path, found: version, known: Schema.latestVersion)
        }
        if version < Schema.latestVersion && !allowOutdated {
            throw DatabaseFileError.outdatedSchema(path: path, found: version, needed: Schema.latestVersion)
        }
        return database
    }

    /// Refuses a write this user cannot make, naming what stands in the way: the file, its
    /// directory (where SQLite creates its journal) or a side file left unwritable.
    /// - Throws: `DatabaseFileError.notWritable`, `.directoryNotWritable`, `.sideFilesNotWritable`.
    public static func checkWritable(_ path: String) throws {
        let access = DatabaseFileAccess.inspect(path)
        guard access.isFileWritable else { throw DatabaseFileError.notWritable(path: path) }
        guard access.isDirectoryWritable else {
            throw DatabaseFileError.directoryNotWritable(path: path, directory: access.directory)
        }
        let unwritable = access.unwritableSideFiles
        guard unwritable.isEmpty else { throw DatabaseFileError.sideFilesNotWritable(path: path, files: unwritable) }
    }

    private static func checkNotDirectory(_ path: String) throws {
        if FileSystem.isDirectory(path) { throw DatabaseFileError.isDirectory(path: path) }
    }

    /// Refuses SQLite files that belong to another program. An empty file is wbill's to initialise.
    private static func checkOwnership(_ database: Database) throws {
        let applicationID = try database.scalarInt("PRAGMA application_id") ?? 0
        if applicationID == Int64(Schema.applicationID) { return }
        let tables = try database.scalarInt("SELECT count(*) FROM sqlite_schema") ?? 0
        if applicationID != 0 || tables > 0 {
            throw DatabaseFileError.notWbill(path: database.path)
        }
    }
}
