#if canImport(Glibc)
import Glibc
#endif

/// Small POSIX file-system helpers with human error texts.
public enum FileSystem {
    /// Whether anything exists at `path`.
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Whether `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The size of the file at `path` in bytes, or `nil` when it does not exist.
    public static func size(_ path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }

    /// The permission bits of the file at `path`.
    public static func permissions(_ path: String) -> UInt32? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt32(info.st_mode & 0o7777) : nil
    }

    /// `path` made absolute against the working directory, without resolving links or `..`; an
    /// absolute path as it is (and a relative one as it is when the working directory is unknown).
    public static func absolutePath(_ path: String) -> String {
        guard !path.hasPrefix("/"), let directory = getcwd(nil, 0) else { return path }
        defer { free(directory) }
        var base = String(cString: directory)
        if !base.hasSuffix("/") { base += "/" }
        return base + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }

    /// The last component of `path` (`report.xlsx` of `out/report.xlsx`).
    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The directory part of `path` (`.` when there is none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Creates the parent directory of `path` and its ancestors (mode 0700), like `mkdir -p`.
    /// - Throws: `DirectoryCreationError` naming the directory that failed.
    public static func makeDirectories(parentOf path: String) throws {
        let parent = directory(of: path)
        if isDirectory(parent) { return }
        var current = parent.hasPrefix("/") ? "" : "."
        for component in parent.split(separator: "/") {
            current += "/" + component
            if isDirectory(current) { continue }
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw DirectoryCreationError(path: current, reason: errorText(errno))
            }
        }
    }

    /// The system's text for an errno value, lower-cased ("permission denied"); EFBIG says which
    /// limits it may be (`fileTooLargeText`).
    public static func errorText(_ code: Int32) -> String {
        code == EFBIG ? fileTooLargeText : String(cString: strerror(code)).lowercased()
    }

    /// What EFBIG means, which the system's "file too large" leaves unsaid: a file reached the
    /// process's file size limit or the largest file its file system can hold.
    public static let fileTooLargeText =
        "file too large (the file size limit, ulimit -f, or the largest file the file system allows)"
}

/// A directory that could not be created: which one, and the system's reason.
public struct DirectoryCreationError: ClassifiedError, Equatable {
    /// The directory that failed (the first missing one on the way).
    public let path: String
    /// The system's reason, lower-case.
    public let reason: String

    /// Creates the error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var failureKind: FailureKind { .cannotCreate }
    public var description: String { "cannot create directory \(path): \(reason)" }
}
