import WaterBilling

/// Renders help text from the command table; `-h`, `--help` and `wbill help …` all print this.
struct HelpRenderer {
    let table: CommandTable

    /// `wbill --help`.
    func topLevel() -> String {
        var text = "wbill — the back office of a water utility: tariffs, meters, customers, accounts\n"
        text += "and their ledger of payments and prepaid balances, over one SQLite database.\n\n"
        text += "Usage: wbill [GLOBAL OPTIONS] <command> [OPTIONS] [ARGUMENTS]\n\n"
        text += "Commands:\n"
        text += rows(table.children(of: []).map { ($0, table.summary(of: [$0])) })
        text += "\nGlobal options:\n" + optionRows(table.globalOptions)
        text += "\nHelp topics:\n" + rows(table.topics.map { ($0.name, $0.summary) })
        text += "\nRun 'wbill help <command>' for more on a command, 'wbill help <topic>' for a topic.\n"
        return text
    }

    /// `wbill db --help`.
    func group(_ path: [String]) -> String {
        let name = (["wbill"] + path).joined(separator: " ")
        var text = "\(name) — \(table.summary(of: path))\n\n"
        text += "Usage: \(name) <command> [OPTIONS] [ARGUMENTS]\n\n"
        if let discussion = table.group(at: path)?.discussion, !discussion.isEmpty {
            text += discussion + "\n\n"
        }
        text += "Commands:\n"
        text += rows(table.children(of: path).map { ($0, table.summary(of: path + [$0])) })
        text += "\nRun '\(name) <command> --help' for more on a command.\n"
        return text
    }

    /// `wbill db backup --help`.
    func command(_ command: CommandSpec) -> String {
        var text = "\(command.fullName) — \(command.summary)\n\n"
        text += "Usage: \(command.usage)\n"
        if !command.discussion.isEmpty {
            text += "\n" + command.discussion + "\n"
        }
        if !command.arguments.isEmpty {
            text += "\nArguments:\n" + rows(command.arguments.map { ($0.name, $0.help) })
        }
        if !command.options.isEmpty {
            text += "\nOptions:\n" + optionRows(command.options)
        }
        text += "\nGlobal options:\n" + optionRows(table.globalOptions(for: command))
        if !command.examples.isEmpty {
            text += "\nExamples:\n" + command.examples.map { "  " + $0 + "\n" }.joined()
        }
        return text
    }

    /// The text of a help topic.
    func topic(_ topic: HelpTopic) -> String {
        topic.text.hasSuffix("\n") ? topic.text : topic.text + "\n"
    }

    private func rows(_ items: [(String, String)]) -> String {
        let width = (items.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2
        return items.map { name, summary in
            "  " + DisplayWidth.pad(name, to: width) + summary + "\n"
        }.joined()
    }

    private func optionRows(_ options: [OptionSpec]) -> String {
        let signatures = options.map { option in
            (option.short == nil ? "    " : "") + option.signature
        }
        let width = (signatures.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        return zip(signatures, options).map { signature, option in
            var help = option.help
            if option.required { help += " (required)" }
            if option.repeatable { help += " (repeatable)" }
            return "  " + DisplayWidth.pad(signature, to: width) + help + "\n"
        }.joined()
    }
}
