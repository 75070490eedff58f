/// Reading whole text input files, `-` meaning standard input.
public enum InputFile {
    /// The whole file as UTF-8 text (invalid sequences refused), without a leading byte-order mark.
    /// - Throws: `FileIOError` (missing, unreadable, a directory) or `InputTextError` (not UTF-8).
    public static func readText(_ path: String) throws -> String {
        var bytes = path == "-" ? try FileDescriptorIO.readAll(0, name: "<stdin>") : try FileDescriptorIO.readWholeFile(path)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputTextError(path: path == "-" ? "<stdin>" : path)
        }
        return text
    }
}

/// An input file that is not UTF-8 text.
public struct InputTextError: ClassifiedError, Equatable {
    /// The file.
    public let path: String

    public var failureKind: FailureKind { .badInput }
    public var description: String { "\(path) is not UTF-8 text" }
}
