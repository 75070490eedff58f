#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport

/// The settings every command runs with, resolved from global options and the environment.
public struct Settings: Sendable {
    /// The database file.
    public let databasePath: String
    /// The list output format (for a file format, the aligned table: the Runner sets it from the `OutputPlan`).
    public internal(set) var format: OutputFormat
    /// Whether informational messages are suppressed.
    public let quiet: Bool
    /// Whether colour may be used on stdout.
    public let color: Bool
    /// Who is acting: in set-up mode the name given (`--operator`, `WBILL_OPERATOR`, else the login
    /// name); once operators exist, the login's operator, set by the Runner's access check.
    public internal(set) var operatorName: String
    /// The operator the acting one acts for (`--operator` naming another), set by the access check.
    public internal(set) var onBehalfOf: String?
    /// The operator named by `--operator` or `WBILL_OPERATOR`, if any.
    public let requestedOperator: String?
    /// The login name of the process's real user (`getpwuid(getuid())`; never `$USER`, which anyone sets).
    public let login: String
    /// The time the command runs at (`WBILL_NOW` overrides the clock, for tests and replays).
    public let now: Timestamp
    /// The clock's time when `WBILL_NOW` overrides it (audit entries keep both); nil otherwise.
    public let realNow: Timestamp?
    /// How long a statement waits while another connection writes before failing busy (exit 75).
    public let busyTimeoutSeconds: Int

    /// The busy time-out without `--busy-timeout` or `WBILL_BUSY_TIMEOUT`: long enough for a cashier's
    /// recharge to wait out a bulk import of millions of rows (all or nothing, it holds the write
    /// lock to its end; a million meters take some 6 s) rather than fail, since a payment taken
    /// and not recorded is worse than one recorded late. Bulk commands wait at least 2 minutes.
    public static let defaultBusyTimeoutSeconds = 60
    /// The busy time-outs accepted, in seconds (0: never wait).
    public static let busyTimeoutRange = 0...3600

    static func resolve(globals: ParsedArguments, environment: [String: String], stdoutIsTerminal: Bool) throws -> Settings {
        var format = OutputFormat.table
        if let name = globals.value("format"), case .text(let text)? = OutputChoice(name: name) { format = text }
        let noColor = globals.has("no-color") || !(environment["NO_COLOR"] ?? "").isEmpty
            || environment["TERM"] == "dumb"
        var now = Timestamp.now()
        var realNow: Timestamp?
        if let override = environment["WBILL_NOW"], !override.isEmpty {
            realNow = now
            do { now = try Timestamp(parsing: override) } catch {
                throw UsageError("WBILL_NOW: \(error)").withoutHint()
            }
        }
        let busyTimeout = try busyTimeoutSeconds(globals: globals, environment: environment)
        let requested = globals.value("operator") ?? nonEmpty(environment["WBILL_OPERATOR"])
        let login = realLoginName()
        let operatorName = requested ?? login
        guard !operatorName.trimmed.isEmpty else {
            throw UsageError("the operator name is empty; pass --operator NAME").withoutHint()
        }
        guard StaffNames.isValidName(operatorName) else {
            let source = globals.value("operator") != nil ? "for --operator" : "in WBILL_OPERATOR"
            throw UsageError("invalid value '\(EchoedText.quoted(operatorName))' \(source): expected \(StaffNames.expectedName)")
                .withoutHint()
        }
        return Settings(
            databasePath: SetGroupID.isActive ? try SetGroupID.databasePath(requested: globals.value("db"))
                : databasePath(globals: globals, environment: environment),
            format: format,
            quiet: globals.has("quiet"),
            color: stdoutIsTerminal && !noColor,
            operatorName: operatorName.trimmed,
            onBehalfOf: nil,
            requestedOperator: requested?.trimmed,
            login: login,
            now: now,
            realNow: realNow, busyTimeoutSeconds: busyTimeout)
    }

    /// `--busy-timeout`, else `WBILL_BUSY_TIMEOUT`, else `defaultBusyTimeoutSeconds`.
    static func busyTimeoutSeconds(globals: ParsedArguments, environment: [String: String]) throws -> Int {
        let range = busyTimeoutRange
        if let seconds = globals.integer("busy-timeout") {
            guard range.contains(seconds) else {
                throw UsageError("invalid value '\(seconds)' for --busy-timeout: expected whole seconds from \(range.lowerBound) to \(range.upperBound)")
                    .withoutHint()
            }
            return seconds
        }
        guard let text = nonEmpty(environment["WBILL_BUSY_TIMEOUT"]) else { return defaultBusyTimeoutSeconds }
        guard let seconds = Int(text.trimmed), range.contains(seconds) else {
            throw UsageError("WBILL_BUSY_TIMEOUT: expected whole seconds from \(range.lowerBound) to \(range.upperBound), found '\(text)'")
                .withoutHint()
        }
        return seconds
    }

    /// `--db`, else `WBILL_DB`, else `$XDG_DATA_HOME/wbill/wbill.db`, else `~/.local/share/wbill/wbill.db`.
    static func databasePath(globals: ParsedArguments, environment: [String: String]) -> String {
        if let path = globals.value("db") { return path }
        if let path = nonEmpty(environment["WBILL_DB"]) { return path }
        if let data = nonEmpty(environment["XDG_DATA_HOME"]), data.hasPrefix("/") { return data + "/wbill/wbill.db" }
        return homeDirectory(environment) + "/.local/share/wbill/wbill.db"
    }

    /// The value, or nil when it is unset or only white space (a blank variable counts as unset).
    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmed.isEmpty else { return nil }
        return value
    }

    private static func homeDirectory(_ environment: [String: String]) -> String {
        if let home = nonEmpty(environment["HOME"]) { return home }
        if let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "."
    }

    /// The login name of the real user: the password database's entry for `getuid()` (the real uid,
    /// which a set-group-id binary and the environment cannot change), else `uid-N`.
    private static func realLoginName() -> String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid-\(getuid())"
    }
}
