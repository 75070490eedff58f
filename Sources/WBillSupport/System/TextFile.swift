#if canImport(Glibc)
import Glibc
#endif

/// Whole-file text writing, atomically (through `AtomicFile`).
public enum TextFile {
    /// Writes `text` to `path` through a temporary file renamed into place.
    /// - Returns: the temporary files killed writers had left beside `path`, now removed.
    /// - Throws: `FileWriteError`.
    @discardableResult
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws -> [Leftover] {
        let file = try AtomicFile(path: path, mode: mode)
        try file.write(text)
        try file.commit()
        return file.removedLeftovers
    }
}
