import WBillSupport

/// Why an alarm, an alarm option or a valve command could not be found or changed. Messages are
/// lower-case and state the facts; a front end adds how to fix them.
public enum AlarmError: ClassifiedError, Equatable {
    /// No alarm has this number.
    case notFound(Int64)
    /// The alarm was acknowledged already (only an open alarm can be).
    case alreadyAcknowledged(id: Int64, by: String, at: String)
    /// The alarm was closed already (nothing changes a closed alarm).
    case alreadyClosed(id: Int64, by: String, at: String)
    /// Alarms of an event kind have no threshold.
    case noThreshold(AlarmKind)
    /// A threshold the kind cannot take: the text as given, and what it takes.
    case invalidThreshold(kind: AlarmKind, text: String, reason: String)
    /// No valve command has this number.
    case valveCommandNotFound(Int64)
    /// The valve command was acknowledged already.
    case valveCommandAcknowledged(id: Int64, by: String, at: String)

    public var failureKind: FailureKind {
        switch self {
        case .invalidThreshold: return .badInput
        case .noThreshold: return .usage
        default: return .refused
        }
    }

    public var description: String {
        switch self {
        case .notFound(let id):
            return "no alarm \(id)"
        case .alreadyAcknowledged(let id, let by, let at):
            return "alarm \(id) was already acknowledged by \(by) at \(at)"
        case .alreadyClosed(let id, let by, let at):
            return "alarm \(id) was already closed by \(by) at \(at)"
        case .noThreshold(let kind):
            return "\(kind.rawValue) alarms have no threshold: they are raised when a meter reports the event; only whether they are raised can be set"
        case .invalidThreshold(let kind, let text, let reason):
            return "invalid \(kind.rawValue) threshold '\(text)': \(reason)"
        case .valveCommandNotFound(let id):
            return "no valve command \(id)"
        case .valveCommandAcknowledged(let id, let by, let at):
            return "valve command \(id) was already acknowledged by \(by) at \(at)"
        }
    }
}
