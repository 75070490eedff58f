import WaterBilling
import WBillSupport

/// A mistake on the command line (exit 64), with a pointer to the help that explains it.
public struct UsageError: ClassifiedError, Equatable {
    /// What was wrong.
    public let message: String
    /// The command whose help explains the right usage (`wbill db backup`), if known.
    public let command: String?
    /// Whether to add the "Run '… --help'" line.
    public let showsHint: Bool

    /// Creates a usage error pointing at `command`'s help (or the command list).
    public init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
        self.showsHint = true
    }

    private init(message: String, command: String?, showsHint: Bool) {
        self.message = message
        self.command = command
        self.showsHint = showsHint
    }

    /// The same error without the hint line (when the message already says what to do).
    public func withoutHint() -> UsageError {
        UsageError(message: message, command: command, showsHint: false)
    }

    public var failureKind: FailureKind { .usage }
    public var description: String { message }
    public var details: [String] {
        guard showsHint else { return [] }
        guard let command else { return ["Run 'wbill help' for the list of commands."] }
        return ["Run '\(command) --help' for usage."]
    }
}
