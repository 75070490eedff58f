extension CSVError: ClassifiedError {
    /// A read failure is an I/O failure; everything else is bad input data.
    public var failureKind: FailureKind {
        if case .readFailed(let error) = kind { return error.failureKind }
        return .badInput
    }
}

extension TOMLError: ClassifiedError {
    /// A malformed TOML file is bad input data.
    public var failureKind: FailureKind { .badInput }
}

extension FileIOError: ClassifiedError {
    /// Failing to open or read an input is a missing input; failing to write is an I/O failure.
    public var failureKind: FailureKind {
        switch operation {
        case "open", "read", "stat": return .missingInput
        case "create": return .cannotCreate
        default: return .ioFailure
        }
    }
}
