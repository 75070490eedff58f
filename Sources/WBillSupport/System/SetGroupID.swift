#if canImport(Glibc)
import Glibc
#endif

/// A run of a set-group-id install (`make install SETGID=wbill`): the binary's effective group
/// reaches the database, the user's own group does not. Such a run uses only the database in the
/// installed data directory and does everything else a file needs with the user's own rights.
public enum SetGroupID {
    /// Whether this process runs with another effective group than the user's (set-group-id).
    public static var isActive: Bool { getegid() != getgid() }

    /// The variables a set-group-id run ignores: each would point the binary's group rights at
    /// another file (`WBILL_DB`, `XDG_DATA_HOME`, `HOME` for the database, `WBILL_TRACE_SQL` for the
    /// trace) or move the clock the audit trail records (`WBILL_NOW`).
    public static let ignoredVariables = ["WBILL_DB", "XDG_DATA_HOME", "HOME", "WBILL_TRACE_SQL", "WBILL_NOW"]

    /// `environment` without the `ignoredVariables` when the process runs set-group-id; as it is otherwise.
    public static func sanitised(_ environment: [String: String]) -> [String: String] {
        guard isActive else { return environment }
        return environment.filter { !ignoredVariables.contains($0.key) }
    }

    /// Runs `body` with the user's own group as the effective group, so a file it creates, opens,
    /// renames or removes is one the user could reach without wbill (output files, input files,
    /// the card reader's port); the binary's group is taken back after. Outside a set-group-id
    /// run, just runs `body`.
    public static func asUser<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let effective = getegid()
        let real = getgid()
        guard effective != real else { return try body() }
        // The saved set-group-id keeps the binary's group, so it can be taken back.
        guard setegid(real) == 0 else { fatalError("cannot drop the set-group-id group: \(FileSystem.errorText(errno))") }
        defer {
            if setegid(effective) != 0 { fatalError("cannot take back the set-group-id group: \(FileSystem.errorText(errno))") }
        }
        return try body()
    }

    /// Whether `path` may be read (`R_OK`) or written (`W_OK`) with the effective ids: what a
    /// set-group-id run can do with the database (`access(2)` answers for the real ids).
    public static func effectiveAccess(_ path: String, _ mode: Int32) -> Bool {
        faccessat(AT_FDCWD, path, mode, AT_EACCESS) == 0
    }

    /// The file naming the data directory, beside an installed binary: `PREFIX/share/wbill/data-directory`
    /// for `PREFIX/bin/wbill`.
    public static func dataDirectoryFile(executable: String) -> String {
        FileSystem.directory(of: FileSystem.directory(of: executable)) + "/share/wbill/data-directory"
    }

    /// The installed data directory, read from `dataDirectoryFile` beside the running binary
    /// (`/proc/self/exe`, which a link or `argv[0]` cannot change). The file must be owned by
    /// root and writable by no one else, and name an absolute, existing directory.
    /// - Throws: `SetGroupIDError.noDataDirectory`.
    public static func dataDirectory() throws(SetGroupIDError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { throw .noDataDirectory(file: "/proc/self/exe", reason: FileSystem.errorText(errno)) }
        let executable = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let file = dataDirectoryFile(executable: executable)
        var info = stat()
        guard lstat(file, &info) == 0 else { throw .noDataDirectory(file: file, reason: FileSystem.errorText(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_uid == 0, info.st_mode & 0o022 == 0 else {
            throw .noDataDirectory(file: file, reason: "it must be a regular file owned by root that only root can write")
        }
        let text: String
        do { text = try InputFile.readText(file) } catch {
            throw .noDataDirectory(file: file, reason: "\(error)")
        }
        let directory = text.trimmed
        guard directory.hasPrefix("/"), let resolved = realPath(directory), FileSystem.isDirectory(resolved) else {
            throw .noDataDirectory(file: file, reason: "'\(directory)' is not an existing absolute directory")
        }
        return resolved
    }

    /// The database a set-group-id run uses: `requested` (`--db`) when it is a file directly in the
    /// data directory and not a symbolic link, else the data directory's `wbill.db`.
    /// - Throws: `SetGroupIDError`.
    public static func databasePath(requested: String?) throws(SetGroupIDError) -> String {
        let directory = try dataDirectory()
        guard let requested else { return directory + "/wbill.db" }
        let parent = realPath(FileSystem.directory(of: FileSystem.absolutePath(requested)))
        var info = stat()
        let isLink = lstat(requested, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
        guard parent == directory, !isLink else { throw .databaseOutsideDataDirectory(path: requested, directory: directory) }
        return directory + "/" + FileSystem.baseName(of: requested)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Why a set-group-id run refused a database.
public enum SetGroupIDError: ClassifiedError, Equatable {
    /// The file naming the data directory is missing or not trustworthy.
    case noDataDirectory(file: String, reason: String)
    /// `--db` named a file outside the data directory.
    case databaseOutsideDataDirectory(path: String, directory: String)

    public var failureKind: FailureKind { .permissionDenied }

    public var description: String {
        switch self {
        case .noDataDirectory(let file, let reason):
            return "this set-group-id install cannot read its data directory from \(file): \(reason)"
        case .databaseOutsideDataDirectory(let path, let directory):
            return "this set-group-id install uses only databases in \(directory); \(path) is not one"
        }
    }
}
