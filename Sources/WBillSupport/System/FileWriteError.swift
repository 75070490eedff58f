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
