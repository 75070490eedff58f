#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written.
public struct FileWriteError: ClassifiedError, Equatable {
    /// The file.
    public let path: String
    /// The system's reason.
    public let reason: String
    /// Whether creating (rather than writing) failed.
    public let creating: Bool

    /// Creates the error.
    public init(path: String, reason: String, creating: Bool) {
        self.path = path
        self.reason = reason
        self.creating = creating
    }

    public var failureKind: FailureKind { creating ? .cannotCreate : .ioFailure }
    public var description: String { "cannot \(creating ? "create" : "write") \(path): \(reason)" }
}

/// Whole-file text writing, atomically (temporary file, then rename).
public enum TextFile {
    /// Writes `text` to `path` through a temporary file renamed into place.
    /// - Throws: `FileWriteError`.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, reason: FileSystem.errorText(errno), creating: true)
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = FileSystem.errorText(errno)
                close(descriptor)
                unlink(temporary)
                throw FileWriteError(path: path, reason: reason, creating: false)
            }
            offset += written
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, path) == 0 else {
            let reason = FileSystem.errorText(errno)
            unlink(temporary)
            throw FileWriteError(path: path, reason: reason, creating: false)
        }
    }
}
