import WaterBilling
import WBillSupport

/// The kind of value an option or argument takes; drives validation, help and completion.
public enum ValueKind: Sendable, Equatable {
    /// Free text.
    case text
    /// A whole number.
    case integer
    /// An exact decimal such as an amount or a volume (`100.00`, `12.5`).
    case decimal
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A month, `YYYY-MM`.
    case month
    /// A UTC time or a date.
    case time
    /// A file path to read (`-` for standard input where the command says so).
    case inputFile
    /// A file path to write.
    case outputFile
    /// One of a fixed set of words.
    case choice([String])
}

/// One option row: the same row drives parsing, `--help`, man pages and completions.
public struct OptionSpec: Sendable {
    /// The long name without dashes, e.g. `format`.
    public let long: String
    /// The short letter, if any.
    public let short: Character?
    /// The value kind, or `nil` for a flag that takes no value.
    public let kind: ValueKind?
    /// The value's placeholder in help (`PATH`, `N`, `DATE`).
    public let placeholder: String
    /// Whether it may be given more than once.
    public let repeatable: Bool
    /// Whether the command refuses to run without it.
    public let required: Bool
    /// Whether its value is a secret (never echoed into the audit trail).
    public let secret: Bool
    /// One line of help.
    public let help: String

    /// A flag: present or absent.
    public static func flag(_ long: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: nil, placeholder: "", repeatable: false, required: false,
                   secret: false, help: help)
    }

    /// An option that takes a value.
    public static func value(
        _ long: String, short: Character? = nil, _ kind: ValueKind, placeholder: String,
        repeatable: Bool = false, required: Bool = false, secret: Bool = false, help: String
    ) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: kind, placeholder: placeholder, repeatable: repeatable,
                   required: required, secret: secret, help: help)
    }

    /// `-s, --long VALUE` as shown in help.
    public var signature: String {
        var text = short.map { "-\($0), " } ?? ""
        text += "--" + long
        if kind != nil { text += " " + placeholder }
        return text
    }
}

/// One positional argument.
public struct ArgumentSpec: Sendable {
    /// The placeholder, e.g. `FILE`.
    public let name: String
    /// The value kind.
    public let kind: ValueKind
    /// Whether it may be left out.
    public let optional: Bool
    /// Whether it takes all remaining words (last argument only).
    public let variadic: Bool
    /// One line of help.
    public let help: String

    /// Creates an argument row.
    public init(_ name: String, _ kind: ValueKind = .text, optional: Bool = false, variadic: Bool = false,
                help: String) {
        self.name = name
        self.kind = kind
        self.optional = optional
        self.variadic = variadic
        self.help = help
    }

    /// `FILE`, `[FILE]`, `FILE...` as shown in usage lines.
    public var usage: String {
        let base = variadic ? name + "..." : name
        return optional ? "[\(base)]" : base
    }
}

/// What a command needs before its handler runs; the runner provides it, so no handler repeats set-up.
public struct Requirements: Sendable, Equatable {
    /// How the command uses the database.
    public enum DatabaseAccess: Sendable, Equatable {
        /// No database.
        case none
        /// Read an existing, current database.
        case read
        /// Write an existing, current database inside one IMMEDIATE transaction that also holds
        /// the audit entries; the output is printed only after COMMIT.
        case write
        /// Write, but the handler runs its own transactions, always through `BulkWrite`: batched
        /// work (imports: batches, dry runs, a long busy time-out) and writes that must ask a person
        /// first (no lock is held while they answer), or that talk to a device in between (a card
        /// write, journaled before it is made and confirmed after it is read back). The runner opens
        /// no transaction for it.
        case writeManaged
        /// Open an existing database even when its schema is behind (status, migrate).
        case anyVersion
    }

    /// What the command does with the utility's data, for the permission check.
    public enum Effect: Sendable, Equatable {
        /// Help, versions, completions, man pages: no permission is needed, even once operators exist.
        case open
        /// It only reads (lists, shows, reports, exports, checks): `:read` grants (`*:read`) allow it.
        case readOnly
        /// It changes data or settings: only a grant of its permission, its group or `*` allows it.
        case changes
    }

    /// How the command uses the database.
    public var database: DatabaseAccess
    /// Whether the command talks to the card reader: the runner opens the port its row's
    /// `CardReaderOptions` name (or `WBILL_CARD_PORT`) for this process alone before the handler
    /// runs, and closes it, settings restored, after.
    public var cardReader: Bool
    /// What it does with the data: `.readOnly` for `.read`, `.changes` for `.write` and
    /// `.writeManaged`; a row with no database or `.anyVersion` says so itself (else `.changes`).
    public var effect: Effect

    /// Requirements with the given database access, and the card reader when asked.
    /// - Parameter effect: what it does with the data, when its database access does not say
    ///   (`.none`, `.anyVersion`).
    public init(database: DatabaseAccess, cardReader: Bool = false, effect: Effect? = nil) {
        self.database = database
        self.cardReader = cardReader
        self.effect = effect ?? (database == .read ? .readOnly : .changes)
    }

    /// Nothing at all; once operators exist, a role that grants it or `:read` (it changes nothing).
    public static let nothing = Requirements(database: .none, effect: .readOnly)
    /// Nothing, and no permission either: help, completions, man pages.
    public static let open = Requirements(database: .none, effect: .open)
    /// A readable database.
    public static let readDatabase = Requirements(database: .read)
    /// A writable database, one transaction.
    public static let writeDatabase = Requirements(database: .write)
}

/// A command group such as `meter` or `meter group`, with its summary for help and man pages.
public struct GroupSpec: Sendable {
    /// The words that name the group (`["meter", "group"]`).
    public let path: [String]
    /// One line.
    public let summary: String
    /// Paragraphs shown in the group's help and man page.
    public let discussion: String
    /// Extra man page sections (title, text), e.g. a file format with a complete example.
    /// In the text, blank lines separate paragraphs and lines indented by two spaces are shown verbatim.
    public let manualSections: [(title: String, text: String)]

    /// Creates a group row.
    public init(_ path: [String], summary: String, discussion: String = "",
                manualSections: [(title: String, text: String)] = []) {
        self.path = path
        self.summary = summary
        self.discussion = discussion
        self.manualSections = manualSections
    }
}

/// One command: a row of the command table.
public struct CommandSpec: Sendable {
    /// The words that name it (`["db", "backup"]`).
    public let path: [String]
    /// One line, lower-case, no full stop.
    public let summary: String
    /// Paragraphs of help (may be empty).
    public let discussion: String
    /// Its own options (the global options are added by the kernel).
    public let options: [OptionSpec]
    /// Its positional arguments.
    public let arguments: [ArgumentSpec]
    /// What the runner must provide.
    public let requirements: Requirements
    /// Whether its output is a list (so `--format` applies).
    public let listOutput: Bool
    /// Whether it writes its table to files too (`--output`, the xlsx, dbf and sql formats and their
    /// options, `OutputFileOptions`): the reports, the exports and every read-only list.
    public let writesTableFiles: Bool
    /// Example invocations for help and man pages.
    public let examples: [String]
    /// The handler.
    public let handler: @Sendable (CommandContext) throws -> CommandOutput

    /// Creates a command row.
    public init(
        _ path: [String], summary: String, discussion: String = "", options: [OptionSpec] = [],
        arguments: [ArgumentSpec] = [], requirements: Requirements = .nothing, listOutput: Bool = false,
        writesTableFiles: Bool? = nil,
        examples: [String] = [], handler: @escaping @Sendable (CommandContext) throws -> CommandOutput
    ) {
        let writesFiles = writesTableFiles ?? (listOutput && requirements.database == .read && !requirements.cardReader)
        self.path = path
        self.summary = summary
        self.discussion = discussion
        self.options = options + (writesFiles ? OutputFileOptions.rows : [])
        self.arguments = arguments
        self.requirements = requirements
        self.listOutput = listOutput
        self.writesTableFiles = writesFiles
        self.examples = examples
        self.handler = handler
    }

    /// The permission a role must grant to run it (`account.recharge`, `meter.group.add`), and
    /// whether it only reads; nil for a command anyone may run (help, man pages).
    public var permission: PermissionEntry? {
        guard requirements.effect != .open else { return nil }
        return PermissionEntry(name: path.joined(separator: "."), readOnly: requirements.effect == .readOnly)
    }

    /// `wbill db backup` — the full name.
    public var fullName: String { (["wbill"] + path).joined(separator: " ") }

    /// The usage line without the leading `Usage: `.
    public var usage: String {
        var parts = [fullName]
        for option in options where option.required {
            parts.append("--\(option.long) \(option.placeholder)")
        }
        parts.append("[OPTIONS]")
        parts += arguments.map(\.usage)
        return parts.joined(separator: " ")
    }
}
