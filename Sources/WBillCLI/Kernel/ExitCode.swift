import WaterBilling
import WBillSupport

/// The documented exit statuses (`wbill help exit-codes`), after BSD sysexits where one fits.
public enum ExitCode: Int32, CaseIterable, Sendable {
    case ok = 0
    case refused = 1
    case usage = 64
    case badInput = 65
    case missingInput = 66
    case deviceUnavailable = 69
    case internalError = 70
    case cannotCreate = 73
    case ioFailure = 74
    case busy = 75
    case permissionDenied = 77

    /// The exit status for a failure kind.
    public init(_ kind: FailureKind) {
        switch kind {
        case .refused: self = .refused
        case .usage: self = .usage
        case .badInput: self = .badInput
        case .missingInput: self = .missingInput
        case .deviceUnavailable: self = .deviceUnavailable
        case .internalError: self = .internalError
        case .cannotCreate: self = .cannotCreate
        case .ioFailure: self = .ioFailure
        case .busy: self = .busy
        case .permissionDenied: self = .permissionDenied
        }
    }

    /// What the status means, for help and man pages.
    public var meaning: String {
        switch self {
        case .ok: return "success"
        case .refused: return "a rule refused the action (for example deleting a tariff in use); nothing was changed"
        case .usage: return "the command line was wrong: unknown command or option, missing or malformed value"
        case .badInput: return "input data was malformed: a bad row in a file, a corrupt or foreign database"
        case .missingInput: return "an input file or the database is missing or unreadable"
        case .deviceUnavailable: return "a device, such as the card reader, is unavailable"
        case .internalError: return "an internal error (a bug): please report it with the command line"
        case .cannotCreate: return "an output file or directory cannot be created"
        case .ioFailure: return "writing failed part-way (disk full, a file too large for the file size limit, an I/O error)"
        case .busy: return "the database is busy with another writer, or the card reader's port with another command; the same command can be retried"
        case .permissionDenied: return "permission denied"
        }
    }
}
