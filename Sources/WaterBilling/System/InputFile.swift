#if canImport(Glibc)
import Glibc
#endif

/// An input file that could not be read.
public struct InputFileError: ClassifiedError, Equatable {
    /// The file (`-` for standard input).
    public let path: String
    /// The system's reason.
    public let reason: String

    public var failureKind: FailureKind { .missingInput }
    public var description: String { "cannot read \(path == "-" ? "standard input" : path): \(reason)" }
}

/// Reading whole input files (`-` meaning standard input).
public enum InputFile {
    /// Opens `path` for reading (`-`: a duplicate of standard input) and returns the descriptor.
    /// - Throws: `InputFileError` (missing, a directory, no permission).
    public static func open(_ path: String) throws -> Int32 {
        if path == "-" { return dup(0) }
        if FileSystem.isDirectory(path) { throw InputFileError(path: path, reason: "it is a directory") }
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputFileError(path: path, reason: FileSystem.errorText(errno)) }
        return descriptor
    }

    /// The whole file as UTF-8 text (invalid sequences refused), without a leading BOM.
    /// - Throws: `InputFileError`.
    public static func readText(_ path: String) throws -> String {
        let descriptor = try open(path)
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputFileError(path: path, reason: FileSystem.errorText(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputFileError(path: path, reason: "it is not valid UTF-8 text")
        }
        return text
    }
}
