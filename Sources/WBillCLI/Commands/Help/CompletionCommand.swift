import WaterBilling

/// `wbill completion SHELL`.
enum CompletionCommand {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["completion"], summary: "print the shell completion script for bash, zsh or fish",
            discussion: """
                The scripts are generated from the command table; the same files are shipped in
                completions/. To enable for the current shell:
                  bash:  source <(wbill completion bash)
                  zsh:   wbill completion zsh > "${fpath[1]}/_wbill"
                  fish:  wbill completion fish > ~/.config/fish/completions/wbill.fish
                """,
            arguments: [ArgumentSpec("SHELL", .choice(["bash", "zsh", "fish"]), help: "bash, zsh or fish")],
            requirements: .open,
            handler: run),
    ]

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let generator = CompletionGenerator(table: context.table)
        switch context.arguments.requiredArgument("SHELL") {
        case "bash": return .text(generator.bash())
        case "zsh": return .text(generator.zsh())
        default: return .text(generator.fish())
        }
    }
}
