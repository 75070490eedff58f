import WaterBilling

/// Generates bash, zsh and fish completion scripts from the command table (one file per shell
/// beside this one: `BashCompletion`, `ZshCompletion`, `FishCompletion`).
///
/// All three share one model: walk the words typed so far to find the command path (skipping the
/// values of options that take one), then offer that path's subcommands, its options plus the global
/// ones, the values of the option before the cursor (choices or file names), or its arguments.
struct CompletionGenerator {
    let table: CommandTable

    var paths: [[String]] {
        var result: [[String]] = [[]]
        for command in table.commands {
            for length in 1...command.path.count where !result.contains(Array(command.path.prefix(length))) {
                result.append(Array(command.path.prefix(length)))
            }
        }
        return result
    }

    func options(at path: [String]) -> [OptionSpec] {
        (table.command(at: path)?.options ?? []) + table.globalOptions(for: table.command(at: path))
    }

    func spelled(_ option: OptionSpec) -> [String] {
        ["--" + option.long] + (option.short.map { ["-" + String($0)] } ?? [])
    }

    func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" })
    }

    // The value descriptors every shell script shares: "choice:a b c", "file" or "free".

    /// The case arms mapping "PATH|OPTION" to the kind of value the option takes, each answered
    /// by `answer` (bash echoes the descriptor, zsh sets REPLY).
    func optionValueCases(_ answer: (String) -> String) -> String {
        var arms = ""
        for path in paths {
            for option in options(at: path) {
                guard let kind = option.kind else { continue }
                let patterns = spelled(option).map { ShellWords.single(path.joined(separator: " ") + "|" + $0) }
                arms += "        \(patterns.joined(separator: "|"))) \(answer(ShellWords.single(valueDescriptor(kind))));;\n"
            }
        }
        return arms
    }

    /// The case arms mapping a command path to the kind of its first argument (see `optionValueCases`).
    func argumentValueCases(_ answer: (String) -> String) -> String {
        var arms = ""
        for command in table.commands {
            guard let argument = command.arguments.first else { continue }
            arms += "        \(ShellWords.single(command.path.joined(separator: " ")))) \(answer(ShellWords.single(argumentDescriptor(command, argument))));;\n"
        }
        return arms
    }

    /// How a value of `kind` completes.
    func valueDescriptor(_ kind: ValueKind) -> String {
        switch kind {
        case .choice(let words): return "choice:" + words.joined(separator: " ")
        case .inputFile, .outputFile: return "file"
        default: return "free"
        }
    }

    /// How the first argument of `command` completes (`help` takes commands and topics).
    func argumentDescriptor(_ command: CommandSpec, _ argument: ArgumentSpec) -> String {
        if command.path == ["help"] {
            return "choice:" + (table.children(of: []) + table.topics.map(\.name)).joined(separator: " ")
        }
        return valueDescriptor(argument.kind)
    }
}
