#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a file, held by this process until `release()` or until the process ends
/// in any way — a kill -9 included: the kernel drops a `flock` lock with the last descriptor of
/// the process, so a lock can never outlive its holder and block the next one forever.
///
/// The lock file is created when missing (mode 0600) and left in place afterwards: removing it
/// would let a process that opened it just before lock a file nobody else sees.
///
/// ```swift
/// guard let lock = try FileLock.tryLock(path + ".bill-run.lock") else { … someone holds it … }
/// defer { lock.release() }
/// ```
public final class FileLock {
    /// The lock file.
    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        release()
    }

    /// Takes the lock on `path` without waiting.
    /// - Returns: the lock, or nil when another open file description holds it (another process,
    ///   or this one through another `FileLock`).
    /// - Throws: `FileWriteError` when the lock file cannot be opened or created.
    public static func tryLock(_ path: String) throws -> FileLock? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw FileWriteError(path: path, reason: FileSystem.errorText(errno), creating: true)
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw FileWriteError(path: path, reason: FileSystem.errorText(code), creating: false)
        }
        return FileLock(path: path, descriptor: descriptor)
    }

    /// Releases the lock (closing the file); nothing happens the second time.
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }
}
