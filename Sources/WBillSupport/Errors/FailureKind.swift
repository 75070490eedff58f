/// What kind of failure an error is, independent of how a front end reports it.
///
/// The command-line front end maps each kind to one documented exit code
/// (`wbill help exit-codes`); the library never decides exit codes itself.
public enum FailureKind: String, Sendable, CaseIterable {
    /// A domain rule refused the action (exit 1).
    case refused
    /// The command line was wrong (exit 64).
    case usage
    /// Input data was malformed or inconsistent (exit 65).
    case badInput
    /// An input file is missing or unreadable (exit 66).
    case missingInput
    /// A device, such as the card reader, is unavailable (exit 69).
    case deviceUnavailable
    /// Something that cannot happen did: a bug (exit 70).
    case internalError
    /// An output file or directory cannot be created (exit 73).
    case cannotCreate
    /// Reading or writing failed part-way: disk full, a file too large (EFBIG), I/O error (exit 74).
    case ioFailure
    /// The database, or the card reader's port, is busy; the same command can be retried (exit 75).
    case busy
    /// The operation is not permitted (exit 77).
    case permissionDenied
}

/// An error that knows its failure kind and a one-line, lower-case message for a person.
public protocol ClassifiedError: Error, CustomStringConvertible {
    /// The failure kind, which decides the exit code.
    var failureKind: FailureKind { get }
    /// Extra lines (hints, lists of bad rows) printed after the message; empty by default.
    var details: [String] { get }
}

extension ClassifiedError {
    public var details: [String] { [] }
}
