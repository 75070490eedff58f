import WaterBilling
import WBillSupport

/// Everything a handler gets: its arguments, the settings, and the resources its row asked for.
public final class CommandContext: @unchecked Sendable {
    /// The command being run.
    public let command: CommandSpec
    /// Its options and arguments.
    public let arguments: ParsedArguments
    /// Global settings.
    public let settings: Settings
    /// The command table (for help and docs commands).
    public let table: CommandTable
    /// The output streams (stderr for warnings and progress; handlers return data instead of printing it).
    public let streams: OutputStreams
    /// The environment.
    public let environment: [String: String]
    /// The command line as recorded in the audit trail.
    public let auditText: String
    private let openedDatabase: Database?
    private let openedCardReader: CardReader?

    init(command: CommandSpec, arguments: ParsedArguments, settings: Settings, table: CommandTable,
         streams: OutputStreams, environment: [String: String], auditText: String, database: Database?,
         cardReader: CardReader? = nil) {
        self.command = command
        self.arguments = arguments
        self.settings = settings
        self.table = table
        self.streams = streams
        self.environment = environment
        self.auditText = auditText
        self.openedDatabase = database
        self.openedCardReader = cardReader
    }

    /// The database the command's row asked for.
    public var database: Database {
        guard let openedDatabase else {
            preconditionFailure("\(command.fullName) uses the database but its row does not ask for one")
        }
        return openedDatabase
    }

    /// The card reader the command's row asked for, its port open for this process alone.
    public var cardReader: CardReader {
        guard let openedCardReader else {
            preconditionFailure("\(command.fullName) uses the card reader but its row does not ask for one")
        }
        return openedCardReader
    }

    /// The audit trail for this command, writing in the command's transaction.
    public var audit: AuditTrail {
        AuditTrail(database: database, context: auditContext)
    }

    /// Who, what and when, for audit entries.
    public var auditContext: AuditContext {
        AuditContext(operatorName: settings.operatorName, command: auditText, time: settings.now, realTime: settings.realNow,
                     onBehalfOf: settings.onBehalfOf)
    }

    /// Prints a warning on stderr (`wbill: warning: …`) unless `--quiet`.
    public func warn(_ message: String) {
        guard !settings.quiet else { return }
        streams.err("wbill: warning: \(message)\n")
    }

    /// A usage error pointing at this command's help.
    public func usageError(_ message: String) -> UsageError {
        UsageError(message, command: command.fullName)
    }

    /// "invalid value 'V' for --OPTION: expected …", pointing at this command's help.
    public func invalidValue(_ value: String, for option: String, expected: String) -> UsageError {
        usageError("invalid value '\(EchoedText.quoted(value))' for --\(option): expected \(expected)")
    }
}
