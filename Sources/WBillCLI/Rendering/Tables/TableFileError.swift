import WBillSupport

/// A value the chosen file format cannot hold, with the file it was being written to (which is
/// left as it was: the temporary file is removed).
public struct TableFileError: ClassifiedError {
    /// The file asked for.
    public let path: String
    /// The writer's own error (`DBFError`, `XLSXError`).
    public let underlying: ClassifiedError

    public var failureKind: FailureKind { underlying.failureKind }
    public var description: String { "\(path): \(underlying.description); nothing was written" }
}

extension OutputDelivery {
    /// Runs `body`, naming `path` in a writer's refusal of a value.
    static func namingFile<T>(_ path: String?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DBFError {
            if case .write = error { throw error }
            throw TableFileError(path: path ?? "-", underlying: error)
        } catch let error as XLSXError {
            if case .write = error { throw error }
            if case .libraryUnavailable = error { throw error }
            throw TableFileError(path: path ?? "-", underlying: error)
        }
    }
}
