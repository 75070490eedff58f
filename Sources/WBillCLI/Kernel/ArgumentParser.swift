import WaterBilling
import WBillSupport

/// The result of parsing a command line against the command table.
struct Invocation {
    /// What the words named.
    enum Target {
        /// No command words at all.
        case top
        /// A group without a verb (`wbill db`).
        case group([String])
        /// A command.
        case command(CommandSpec)
    }

    var target: Target = .top
    /// The command's own options and arguments.
    var arguments = ParsedArguments()
    /// The global options given.
    var globals = ParsedArguments()
    /// The command line for the audit trail, secrets replaced by `***`.
    var auditText = "wbill"

    var helpRequested: Bool { globals.has("help") }
    var versionRequested: Bool { globals.has("version") }
}

/// Parses argv against a `CommandTable`: global options anywhere, `--opt=value` and `--opt value`,
/// grouped short flags (`-qv`), `-oVALUE`, and `--` to end options.
struct ArgumentParser {
    let table: CommandTable

    func parse(_ words: [String]) throws -> Invocation {
        var invocation = Invocation()
        var path: [String] = []
        var command: CommandSpec?
        var positionalWords: [String] = []
        var auditWords = ["wbill"]
        var optionsEnded = false
        var index = 0

        func options() -> [OptionSpec] { (command?.options ?? []) + table.globalOptions(for: command) }
        func commandName() -> String? { path.isEmpty ? nil : (["wbill"] + path).joined(separator: " ") }

        func store(_ option: OptionSpec, _ value: String?) throws {
            let isGlobal = GlobalOptions.names.contains(option.long) && !(command?.options.contains { $0.long == option.long } ?? false)
            if let value { try validate(value, kind: option.kind!, for: "--\(option.long)", command: commandName()) }
            if isGlobal {
                invocation.globals.options[option.long, default: []].append(value ?? "")
            } else {
                if !option.repeatable, option.kind != nil, invocation.arguments.options[option.long] != nil {
                    throw UsageError("option --\(option.long) was given more than once", command: commandName())
                }
                invocation.arguments.options[option.long, default: []].append(value ?? "")
            }
        }

        func takeValue(for option: OptionSpec, spelled: String) throws -> String {
            index += 1
            guard index < words.count else {
                throw UsageError("option \(spelled) needs a value (\(option.placeholder))", command: commandName())
            }
            auditWords.append(option.secret ? "***" : words[index])
            return words[index]
        }

        while index < words.count {
            let word = words[index]
            defer { index += 1 }
            if optionsEnded || word == "-" || isNegativeNumber(word) || !word.hasPrefix("-") {
                auditWords.append(word)
                // Command words are not options: they still name the command after `--`.
                if command == nil {
                    let candidate = path + [word]
                    if let found = table.command(at: candidate) {
                        path = candidate
                        command = found
                        invocation.arguments.declaration = ParsedArguments(for: found).declaration
                        continue
                    }
                    if table.isGroup(candidate) {
                        path = candidate
                        continue
                    }
                    throw unknownCommand(word, after: path, following: Array(words[(index + 1)...]))
                }
                positionalWords.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                auditWords.append(word)
                continue
            }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inlineValue = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                guard let option = options().first(where: { $0.long == name }) else {
                    throw unknownOption("--" + name, candidates: options().map { "--" + $0.long })
                }
                if option.kind == nil {
                    if inlineValue != nil {
                        throw UsageError("option --\(name) takes no value", command: commandName())
                    }
                    auditWords.append(word)
                    try store(option, nil)
                } else if let inlineValue {
                    auditWords.append(option.secret ? "--\(name)=***" : word)
                    try store(option, inlineValue)
                } else {
                    auditWords.append(word)
                    try store(option, try takeValue(for: option, spelled: "--" + name))
                }
                continue
            }
            // A cluster of short options: -qh, -oFILE, -o FILE.
            auditWords.append(word)
            let letters = Array(word.dropFirst())
            var position = 0
            while position < letters.count {
                let letter = letters[position]
                guard let option = options().first(where: { $0.short == letter }) else {
                    throw unknownOption("-" + String(letter), candidates: options().compactMap { $0.short.map { "-" + String($0) } })
                }
                if option.kind == nil {
                    try store(option, nil)
                    position += 1
                    continue
                }
                let rest = String(letters[(position + 1)...])
                if rest.isEmpty {
                    try store(option, try takeValue(for: option, spelled: "-" + String(letter)))
                } else {
                    if option.secret { auditWords[auditWords.count - 1] = "-" + String(letters[...position]) + "***" }
                    try store(option, rest)
                }
                break
            }
        }

        invocation.auditText = auditWords.map(shellQuoted).joined(separator: " ")
        guard let command else {
            invocation.target = path.isEmpty ? .top : .group(path)
            return invocation
        }
        invocation.target = .command(command)
        if invocation.helpRequested || invocation.versionRequested { return invocation }
        try assignPositionals(positionalWords, to: command, in: &invocation.arguments)
        for option in command.options where option.required && invocation.arguments.options[option.long] == nil {
            throw UsageError("missing option --\(option.long) \(option.placeholder)", command: command.fullName)
        }
        return invocation
    }

    private func assignPositionals(_ words: [String], to command: CommandSpec, in arguments: inout ParsedArguments) throws {
        var remaining = words[...]
        for argument in command.arguments {
            if argument.variadic {
                if remaining.isEmpty && !argument.optional {
                    throw UsageError("missing argument \(argument.name)", command: command.fullName)
                }
                for word in remaining { try validate(word, kind: argument.kind, for: argument.name, command: command.fullName) }
                arguments.positionals[argument.name] = Array(remaining)
                remaining = []
            } else if let word = remaining.first {
                try validate(word, kind: argument.kind, for: argument.name, command: command.fullName)
                arguments.positionals[argument.name] = [word]
                remaining = remaining.dropFirst()
            } else if !argument.optional {
                throw UsageError("missing argument \(argument.name)", command: command.fullName)
            }
        }
        if let extra = remaining.first {
            throw UsageError("unexpected argument '\(extra)'", command: command.fullName)
        }
    }

    private func validate(_ value: String, kind: ValueKind, for name: String, command: String?) throws {
        func invalid(_ expected: String) -> UsageError {
            UsageError("invalid value '\(value)' for \(name): expected \(expected)", command: command)
        }
        switch kind {
        case .text, .inputFile, .outputFile:
            if value.isEmpty { throw invalid("a non-empty value") }
        case .integer:
            if Int(value) == nil { throw invalid("a whole number") }
        case .decimal:
            if !isDecimalText(value) { throw invalid("a decimal number such as 12.50") }
        case .date:
            do { _ = try CivilDate(parsing: value) } catch let error as DateParseError where error.missingDay != nil {
                throw UsageError("invalid value '\(value)' for \(name): \(error.reason)", command: command)
            } catch {
                throw invalid("a date as YYYY-MM-DD")
            }
        case .month:
            if (try? CivilDate(parsing: value + "-01")) == nil || value.count != 7 { throw invalid("a month as YYYY-MM") }
        case .time:
            do { _ = try Timestamp(parsing: value) } catch let error as DateParseError where error.missingDay != nil {
                throw UsageError("invalid value '\(value)' for \(name): \(error.reason)", command: command)
            } catch {
                throw invalid("a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)")
            }
        case .choice(let choices):
            guard choices.contains(value) else {
                var message = "invalid value '\(value)' for \(name): expected one of \(choices.joined(separator: ", "))"
                if let near = closestMatch(to: value, among: choices) { message += "; did you mean '\(near)'?" }
                throw UsageError(message, command: command)
            }
        }
    }

    private func unknownCommand(_ word: String, after path: [String], following: [String]) -> UsageError {
        let prefix = (["wbill"] + path).joined(separator: " ")
        let what = path.isEmpty ? "unknown command '\(word)'" : "unknown command '\(word)' for '\(prefix)'"
        guard let near = closestMatch(to: word, among: table.children(of: path)) else {
            let hint = path.isEmpty ? "wbill help" : "\(prefix) --help"
            return UsageError("\(what); run '\(hint)' for the list", command: nil).withoutHint()
        }
        var suggestion = path + [near]
        if let next = following.first, !next.hasPrefix("-"), table.isGroup(suggestion) {
            let children = table.children(of: suggestion)
            if children.contains(next) {
                suggestion.append(next)
            } else if let nearNext = closestMatch(to: next, among: children) {
                suggestion.append(nearNext)
            }
        }
        return UsageError("\(what); did you mean '\(suggestion.joined(separator: " "))'?", command: nil).withoutHint()
    }

    private func unknownOption(_ spelled: String, candidates: [String]) -> UsageError {
        var message = "unknown option '\(spelled)'"
        if let near = closestMatch(to: spelled, among: candidates) { message += "; did you mean '\(near)'?" }
        return UsageError(message, command: nil).withoutHint()
    }

    private func isNegativeNumber(_ word: String) -> Bool {
        word.count > 1 && word.hasPrefix("-") && isDecimalText(String(word.dropFirst()))
    }
}

/// Whether `text` looks like a plain decimal (`-12.50`, `3`, `+0.5`); the domain parses it exactly.
func isDecimalText(_ text: String) -> Bool {
    var body = Substring(text)
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count) else { return false }
    return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
}

/// `word` quoted for a POSIX shell when it needs it.
func shellQuoted(_ word: String) -> String {
    let safe = word.unicodeScalars.allSatisfy { scalar in
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_./=:,+@%".unicodeScalars.contains(scalar)
    }
    if safe && !word.isEmpty { return word }
    return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}
