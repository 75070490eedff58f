#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call on a file: what was attempted, on which file, and the `errno` it gave.
///
/// `description` reads like `cannot open tariff.toml: No such file or directory`.
public struct FileIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operation that failed, as a verb: `open`, `read`, `write`, `close`.
    public let operation: String
    /// The file's path, or a name such as `<stdin>` for descriptors opened elsewhere.
    public let path: String
    /// The `errno` value the system call left.
    public let code: Int32

    /// Makes an error from an operation, a path and an `errno` value.
    ///
    /// - Parameters:
    ///   - operation: The verb that failed (`open`, `read`, `write`).
    ///   - path: The file's path or display name.
    ///   - code: The `errno` value.
    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// The system's text for `code`, e.g. `No such file or directory` (EFBIG as `FileSystem.fileTooLargeText`).
    public var reason: String { code == EFBIG ? FileSystem.fileTooLargeText : String(cString: strerror(code)) }

    /// `cannot OPERATION PATH: REASON`.
    public var description: String { "cannot \(operation) \(path): \(reason)" }
}
