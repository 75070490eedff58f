import WaterBilling
import WBillSupport

/// A help topic that is not a command (`wbill help exit-codes`).
public struct HelpTopic: Sendable {
    /// The topic's name.
    public let name: String
    /// One line.
    public let summary: String
    /// The full text.
    public let text: String
}

/// The one table of every command, group, global option and help topic.
///
/// To add a command: write its `CommandSpec` row and handler in the group's file under `Commands/`,
/// and list the group's rows in `CommandTable.standard` below. Parsing, help, man pages and shell
/// completion all follow from the row; regenerate the committed docs with `make docs`.
public struct CommandTable: Sendable {
    /// The groups (`db`, `meter`, `meter group` …).
    public let groups: [GroupSpec]
    /// The commands, in the order help lists them.
    public let commands: [CommandSpec]
    /// Options every command accepts.
    public let globalOptions: [OptionSpec]
    /// Help topics.
    public let topics: [HelpTopic]

    /// The table of this build of wbill.
    public static let standard = CommandTable(
        groups: DatabaseCommands.groups + TariffCommands.groups + MeterTypeCommands.groups + CustomerTypeCommands.groups
            + MeterCommands.groups + ReadingCommands.groups + CustomerCommands.groups + AccountCommands.groups
            + SewageBasisCommands.groups + BillCommands.groups + ReportCommands.groups + ExportCommands.groups + AlarmCommands.groups
            + ValveCommands.groups + CardCommands.groups + AuditCommands.groups + DepartmentCommands.groups
            + RoleCommands.groups + OperatorCommands.groups,
        commands: InitCommand.commands + DatabaseCommands.commands + TariffCommands.commands + MeterTypeCommands.commands
            + CustomerTypeCommands.commands + MeterCommands.commands + ReadingCommands.commands + CustomerCommands.commands
            + AccountCommands.commands + SewageBasisCommands.commands + BillCommands.commands + ReportCommands.commands + ExportCommands.commands
            + AlarmCommands.commands + ValveCommands.commands + CardCommands.commands + CardPurchaseCommands.commands
            + CardReplacementCommands.commands + AuditCommands.commands + DepartmentCommands.commands
            + RoleCommands.commands + OperatorCommands.commands
            + CompletionCommand.commands + ManCommand.commands + HelpCommand.commands,
        globalOptions: GlobalOptions.rows,
        topics: HelpTopics.all
    )

    /// Global options a command can shadow with its own row of the same name (`tariff show --version N`):
    /// they act only before a command word, so the command's meaning wins after it.
    public static let shadowableGlobals: Set<String> = ["version"]

    /// The global options that apply to `command`: all of them, less those its own rows shadow.
    public func globalOptions(for command: CommandSpec?) -> [OptionSpec] {
        guard let command else { return globalOptions }
        let own = Set(command.options.map(\.long))
        return globalOptions.filter { !own.contains($0.long) }
    }

    /// The command named exactly by `path`, if any.
    public func command(at path: [String]) -> CommandSpec? {
        commands.first { $0.path == path }
    }

    /// Whether `path` names a group (a prefix of longer command paths).
    public func isGroup(_ path: [String]) -> Bool {
        !path.isEmpty && commands.contains { $0.path.count > path.count && Array($0.path.prefix(path.count)) == path }
    }

    /// The group row for `path`, if it has one.
    public func group(at path: [String]) -> GroupSpec? {
        groups.first { $0.path == path }
    }

    /// The distinct next words after `path` (top-level words for an empty path), in table order.
    public func children(of path: [String]) -> [String] {
        var seen: [String] = []
        for command in commands where command.path.count > path.count && Array(command.path.prefix(path.count)) == path {
            let word = command.path[path.count]
            if !seen.contains(word) { seen.append(word) }
        }
        return seen
    }

    /// The summary of the child `word` under `path`: the group's or the command's.
    public func summary(of path: [String]) -> String {
        if let command = command(at: path) { return command.summary }
        return group(at: path)?.summary ?? ""
    }

    /// The top-level group names, in order (each gets a man page).
    public var topLevelGroups: [[String]] {
        children(of: []).map { [$0] }.filter { isGroup($0) }
    }
}

extension CommandTable {
    /// Every permission a role can grant: one per command that needs one (its path with dots, read-only
    /// when its row only reads), and the rights that are not commands (`operator.act-for`).
    public var permissions: PermissionCatalogue {
        PermissionCatalogue(commands: commands.compactMap(\.permission))
    }
}
