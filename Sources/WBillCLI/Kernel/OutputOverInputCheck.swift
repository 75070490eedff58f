#if canImport(Glibc)
import Glibc
#endif
import WBillSupport

/// Refuses a command line whose output file is one of the command's inputs: an input file
/// (standard input's file for `-`) or the database. Writing it would destroy the input (a rejects
/// file renamed over the import file, or over the database).
///
/// Files are compared by device and inode (`FileIdentity`), not by name, so `./x.csv`, a symbolic
/// or a hard link are caught too. The Runner runs the check for every command before it opens the
/// database or calls the handler, from the kinds its rows declare (`.inputFile`, `.outputFile`), so
/// nothing is written and a new command with both kinds is covered without more code.
enum OutputOverInputCheck {
    /// One input: how the message names it, and its identity.
    private struct Input {
        let name: String
        let identity: FileIdentity
    }

    /// - Parameters:
    ///   - databasePath: the database the command uses, or nil when it uses none.
    /// - Throws: `UsageError` naming the output and the input it is.
    static func check(_ command: CommandSpec, _ arguments: ParsedArguments, databasePath: String?) throws(UsageError) {
        let outputs = values(of: command, kind: .outputFile, in: arguments)
        guard !outputs.isEmpty else { return }
        var inputs: [Input] = []
        for (_, value) in values(of: command, kind: .inputFile, in: arguments) {
            let identity = value == "-" ? FileIdentity(descriptor: STDIN_FILENO) : FileIdentity(path: value)
            if let identity { inputs.append(Input(name: value == "-" ? "- (standard input)" : value, identity: identity)) }
        }
        if let databasePath, let identity = FileIdentity(path: databasePath) {
            inputs.append(Input(name: "", identity: identity))
        }
        for (label, output) in outputs {
            guard let identity = FileIdentity(path: output),
                  let input = inputs.first(where: { $0.identity == identity }) else { continue }
            let what = input.name.isEmpty ? "the database itself" : "the input file \(input.name)"
            throw UsageError("\(label.map { $0 + " " } ?? "")\(output) is \(what); choose another file",
                             command: command.fullName).withoutHint()
        }
    }

    /// The values given for the command's options and arguments of `kind`, each with the option's
    /// `--name` (nil for an argument, whose value alone names it).
    private static func values(of command: CommandSpec, kind: ValueKind,
                               in arguments: ParsedArguments) -> [(label: String?, value: String)] {
        var found: [(label: String?, value: String)] = []
        for option in command.options where option.kind == kind {
            found += (arguments.options[option.long] ?? []).map { ("--" + option.long, $0) }
        }
        for argument in command.arguments where argument.kind == kind {
            found += (arguments.positionals[argument.name] ?? []).map { (nil, $0) }
        }
        return found
    }
}
