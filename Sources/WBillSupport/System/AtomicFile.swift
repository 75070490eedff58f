#if canImport(Glibc)
import Glibc
#endif

/// A file written under a unique temporary name beside its target and renamed into place by
/// `commit()`, so whoever reads the target sees the old file or the whole new one, never half of it.
///
/// The temporary file is created with `O_EXCL` under a name no other writer can hold
/// (`TARGET.partial-PID-` and eight random letters and digits, retried on a clash), so two processes
/// writing the same target never write into each other's temporary file: the last to commit wins,
/// whole. Until `commit()` the target is untouched; `discard()`, or letting the value go without
/// committing, removes the temporary file. The temporary files a killed process left beside the
/// same target are removed first (`Leftovers`), and listed in `removedLeftovers` for the caller to
/// mention.
///
/// Write through `write(_:)`, or stream through `descriptor` (a `CSVWriter` takes it), or close the
/// descriptor and let another writer open `temporaryPath` (SQLite's backup does).
///
/// ```swift
/// let file = try AtomicFile(path: "rejects.csv")
/// let writer = CSVWriter(fileDescriptor: file.descriptor, name: file.path)
/// try writer.write(["serial", "reason"])
/// try writer.flush()
/// try file.commit()        // fsync, rename into place, fsync the directory
/// ```
public final class AtomicFile {
    /// The target: where the file appears on `commit()`.
    public let path: String
    /// The temporary file beside the target, unique to this value.
    public let temporaryPath: String
    /// The temporary file's descriptor, open for writing; -1 once closed.
    public private(set) var descriptor: Int32
    /// The temporary files of processes no longer running that were removed from beside the target.
    public let removedLeftovers: [Leftover]

    private enum State { case writing, committed, discarded }
    private var state = State.writing

    /// How many random names to try before giving up (a clash is already one in 2^47).
    private static let attempts = 16

    /// Creates the temporary file beside `path`.
    /// - Parameters:
    ///   - path: the target; its directory must exist.
    ///   - mode: the permission bits of the new file (before the umask), e.g. 0o600 for private files.
    /// - Throws: `FileWriteError` (creating) naming `path`, with the system's reason.
    public init(path: String, mode: mode_t = 0o644) throws(FileWriteError) {
        // Created, renamed and removed with the user's own rights, even set-group-id.
        let removed = SetGroupID.asUser { Leftovers.remove(besides: path) }
        var attempt = 0
        while true {
            let candidate = Leftovers.temporaryPath(for: path, random: AtomicFile.randomSuffix())
            let (opened, code) = SetGroupID.asUser { (open(candidate, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode), errno) }
            if opened >= 0 {
                self.path = path
                self.temporaryPath = candidate
                self.descriptor = opened
                self.removedLeftovers = removed
                return
            }
            attempt += 1
            if code == EINTR || (code == EEXIST && attempt < AtomicFile.attempts) { continue }
            throw FileWriteError(path: path, reason: FileSystem.errorText(code), creating: true)
        }
    }

    deinit {
        discard()
    }

    /// Appends `bytes` to the temporary file.
    /// - Throws: `FileWriteError` (writing) naming the target.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        precondition(state == .writing && descriptor >= 0, "write to an AtomicFile that is closed")
        do {
            try FileDescriptorIO.writeAll(descriptor, bytes, name: path)
        } catch {
            throw FileWriteError(path: path, reason: FileSystem.errorText(error.code), creating: false)
        }
    }

    /// Writes `bytes` over what the temporary file holds at `offset` (a header's counts, known only
    /// at the end), without moving where the next `write` appends.
    /// - Throws: `FileWriteError` (writing) naming the target.
    public func overwrite(at offset: Int64, _ bytes: [UInt8]) throws(FileWriteError) {
        precondition(state == .writing && descriptor >= 0, "write to an AtomicFile that is closed")
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                pwrite(descriptor, buffer.baseAddress! + written, buffer.count - written, off_t(offset) + off_t(written))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, reason: FileSystem.errorText(errno), creating: false)
            }
            written += result
        }
    }

    /// Appends `text` as UTF-8.
    /// - Throws: `FileWriteError` (writing) naming the target.
    public func write(_ text: String) throws(FileWriteError) {
        var text = text
        var failure: FileWriteError?
        text.withUTF8 { bytes in
            do throws(FileWriteError) { try write(UnsafeRawBufferPointer(bytes)) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Closes the descriptor and keeps the temporary file, for a writer that opens `temporaryPath`
    /// by itself: SQLite takes POSIX locks on the files it opens, and a descriptor of ours closed
    /// while it holds them would drop them. `commit()` still syncs the file and renames it.
    /// - Throws: `FileWriteError` (writing) when the close reports a delayed write error.
    public func closeDescriptor() throws(FileWriteError) {
        guard descriptor >= 0 else { return }
        let result = close(descriptor)
        descriptor = -1
        if result != 0 { throw FileWriteError(path: path, reason: FileSystem.errorText(errno), creating: false) }
    }

    /// Makes the file durable and puts it in place: fsync, close, rename over the target, and fsync
    /// of the directory so the rename survives a crash too (where the file system allows it; a
    /// refusal there is not an error, since the file is in place by then).
    /// - Throws: `FileWriteError` (writing) naming the target; the temporary file is removed then
    ///   (when the value goes away, or on `discard()`), and the target is as it was.
    public func commit() throws(FileWriteError) {
        try SetGroupID.asUser { () throws(FileWriteError) in try commitAsUser() }
    }

    private func commitAsUser() throws(FileWriteError) {
        precondition(state == .writing, "commit of an AtomicFile that is already committed or discarded")
        if descriptor < 0 {
            // Written by someone else (see closeDescriptor): open it again to sync it.
            descriptor = open(temporaryPath, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileWriteError(path: path, reason: FileSystem.errorText(errno), creating: false) }
        }
        guard fsync(descriptor) == 0 else { throw FileWriteError(path: path, reason: FileSystem.errorText(errno), creating: false) }
        try closeDescriptor()
        guard rename(temporaryPath, path) == 0 else {
            throw FileWriteError(path: path, reason: FileSystem.errorText(errno), creating: false)
        }
        state = .committed
        let directory = open(FileSystem.directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// Gives the file up: closes it and removes the temporary file; the target stays as it was.
    /// Does nothing after `commit()`, and nothing the second time.
    public func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        guard state == .writing else { return }
        SetGroupID.asUser { _ = unlink(temporaryPath) }
        state = .discarded
    }

    /// Whether `commit()` has put the file in place.
    public var isCommitted: Bool { state == .committed }

    /// Eight random characters from `[A-Za-z0-9]`, like mkstemp's, from the system's generator.
    private static func randomSuffix() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] },
                      as: UTF8.self)
    }
}
