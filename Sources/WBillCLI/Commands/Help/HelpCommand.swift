import WaterBilling
import WBillSupport

/// `wbill help [COMMAND…|TOPIC]`.
enum HelpCommand {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["help"], summary: "show help for a command, a group or a topic",
            discussion: "The same text as 'wbill COMMAND --help'. Topics: exit-codes, environment, formats.",
            arguments: [ArgumentSpec("COMMAND", optional: true, variadic: true, help: "a command, a group, or a help topic")],
            requirements: .open,
            examples: ["wbill help db backup", "wbill help exit-codes"],
            handler: run),
    ]

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let words = context.arguments.arguments("COMMAND")
        let table = context.table
        let help = HelpRenderer(table: table)
        if words.isEmpty { return .text(help.topLevel()) }
        if words.count == 1, let topic = table.topics.first(where: { $0.name == words[0] }) {
            return .text(help.topic(topic))
        }
        if let command = table.command(at: words) { return .text(help.command(command)) }
        if table.isGroup(words) { return .text(help.group(words)) }
        // Name the first word that goes wrong and the nearest right one.
        var path: [String] = []
        for word in words {
            let candidates = table.children(of: path) + (path.isEmpty ? table.topics.map(\.name) : [])
            guard candidates.contains(word) else {
                var message = "no help for '\(words.joined(separator: " "))': unknown command or topic '\(word)'"
                if let near = closestMatch(to: word, among: candidates) {
                    message += "; did you mean '\((path + [near]).joined(separator: " "))'?"
                }
                throw UsageError(message).withoutHint()
            }
            path.append(word)
        }
        throw UsageError("no help for '\(words.joined(separator: " "))'")
    }
}
