#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport

/// Runs one command line: parse, satisfy the row's requirements, run the handler, print, exit.
public struct Runner {
    /// The version of this build.
    public static let version = "0.1.0"

    let table: CommandTable
    let streams: OutputStreams
    let environment: [String: String]

    /// Creates a runner over the standard table and streams.
    public init(table: CommandTable = .standard, streams: OutputStreams = OutputStreams(),
                environment: [String: String]) {
        self.table = table
        self.streams = streams
        // A set-group-id run ignores the variables that would redirect a file or the clock.
        self.environment = SetGroupID.sanitised(environment)
    }

    /// Runs `arguments` (without the program name) and returns the exit status.
    public func run(_ arguments: [String]) -> Int32 {
        let status = runCatchingErrors(arguments)
        streams.flush()
        if let error = streams.writeError, status == 0 {
            streams.err("wbill: error: cannot write output: \(FileSystem.errorText(error))\n")
            return ExitCode.ioFailure.rawValue
        }
        return status
    }

    private func runCatchingErrors(_ arguments: [String]) -> Int32 {
        do {
            let invocation = try ArgumentParser(table: table).parse(arguments)
            if invocation.versionRequested && !invocation.helpRequested {
                streams.out("wbill \(Runner.version)\n")
                return ExitCode.ok.rawValue
            }
            let help = HelpRenderer(table: table)
            switch invocation.target {
            case .top:
                if invocation.helpRequested {
                    streams.out(help.topLevel())
                    return ExitCode.ok.rawValue
                }
                streams.err(help.topLevel())
                return ExitCode.usage.rawValue
            case .group(let path):
                if invocation.helpRequested {
                    streams.out(help.group(path))
                    return ExitCode.ok.rawValue
                }
                streams.err("wbill: error: '\((["wbill"] + path).joined(separator: " "))' needs a command\n\n")
                streams.err(help.group(path))
                return ExitCode.usage.rawValue
            case .command(let command):
                if invocation.helpRequested {
                    streams.out(help.command(command))
                    return ExitCode.ok.rawValue
                }
                var settings = try Settings.resolve(globals: invocation.globals, environment: environment,
                                                    stdoutIsTerminal: streams.stdoutIsTerminal)
                let plan = try OutputPlan.resolve(command, arguments: invocation.arguments,
                                                  named: invocation.globals.value("format"))
                settings.format = plan.textFormat
                let output = try execute(command, invocation: invocation, settings: &settings)
                let delivery = OutputDelivery(streams: streams, settings: settings, plan: plan, command: command) { text in
                    if !settings.quiet { streams.err("wbill: warning: \(text)\n") }
                }
                if case .failed(let data, let error) = output {
                    try delivery.deliver(data)
                    report(error)
                    return ExitCode(error.failureKind).rawValue
                }
                try delivery.deliver(output)
                return ExitCode.ok.rawValue
            }
        } catch {
            report(error)
            return ExitCode(kindOf(error)).rawValue
        }
    }

    private func execute(_ command: CommandSpec, invocation: Invocation, settings: inout Settings) throws -> CommandOutput {
        try OutputOverInputCheck.check(command, invocation.arguments,
                                       databasePath: command.requirements.database == .none ? nil : settings.databasePath)
        var database: Database?
        switch command.requirements.database {
        case .none:
            break
        case .read:
            database = try DatabaseFile.open(at: settings.databasePath, writable: false)
        case .write, .writeManaged:
            database = try DatabaseFile.open(at: settings.databasePath, writable: true)
        case .anyVersion:
            database = try DatabaseFile.open(at: settings.databasePath, writable: false, allowOutdated: true)
        }
        database?.busyTimeout(milliseconds: Int32(settings.busyTimeoutSeconds * 1000))
        // Who may run it, before anything else is opened or done.
        try AccessCheck.authorise(command, database: database, settings: &settings)
        // Then the port: a reader another command holds is reported before the handler runs.
        let port = command.requirements.cardReader
            ? try CardReaderOptions.openPort(invocation.arguments, environment: environment) : nil
        defer { port?.close() }
        // The connection holds the trace (and its file) for as long as it lives.
        _ = try database.flatMap { try StatementTrace.start(on: $0, environment: environment) }
        let context = CommandContext(
            command: command, arguments: invocation.arguments, settings: settings, table: table,
            streams: streams, environment: environment, auditText: invocation.auditText, database: database,
            cardReader: port.map { CardReader(line: $0) })
        if command.requirements.database == .write, let database {
            return try database.writeTransaction { try command.handler(context) }
        }
        return try command.handler(context)
    }

    private func kindOf(_ error: Error) -> FailureKind {
        (error as? ClassifiedError)?.failureKind ?? .internalError
    }

    private func report(_ error: Error) {
        guard let classified = error as? ClassifiedError else {
            streams.err("wbill: internal error: \(error)\nPlease report this with the command line that caused it.\n")
            return
        }
        let worded = ErrorWording.text(for: classified)
        // Whatever a message repeats from input, no control character reaches the terminal raw.
        var text = "wbill: error: \(EchoedText.escaped(worded.message))\n"
        for line in worded.details { text += EchoedText.escaped(line, keepingNewlines: true) + "\n" }
        streams.err(text)
    }
}
