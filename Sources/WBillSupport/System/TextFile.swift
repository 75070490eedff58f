#if canImport(Glibc)
import Glibc
#endif

/// Whole-file text writing, atomically (through `AtomicFile`).
public enum TextFile {
    /// Writes `text` to `path` through a temporary file renamed into place.
    /// - Throws: `FileWriteError`.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        let file = try AtomicFile(path: path, mode: mode)
        try file.write(text)
        try file.commit()
    }
}
