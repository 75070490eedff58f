import WaterBilling
import WBillSupport

/// The options and arguments of one invocation, already checked against the command's rows.
///
/// Values are looked up by the names the row declares. Asking for a name the row does not declare
/// is a programming mistake that would otherwise read as "not given" for ever: it stops the
/// program at once (`preconditionFailure`) so the first test that runs the command finds it.
/// The `required…` accessors are for options and arguments the row makes mandatory; the parser
/// refused the command line without them, so they never come back empty.
public struct ParsedArguments: Sendable {
    /// Option values by long name (flags map to a list of empty values).
    var options: [String: [String]] = [:]
    /// Positional values by argument name.
    var positionals: [String: [String]] = [:]
    /// The command these are for, and the names its rows declare; nil before a command is known.
    var declaration: (command: String, options: Set<String>, arguments: Set<String>)?

    /// Arguments checked against `command`'s rows.
    init(for command: CommandSpec? = nil) {
        if let command {
            declaration = (command.fullName, Set(command.options.map(\.long)), Set(command.arguments.map(\.name)))
        }
    }

    private func checkOption(_ long: String) {
        guard let declaration, !declaration.options.contains(long) else { return }
        preconditionFailure("\(declaration.command) reads option --\(long), which its row does not declare")
    }

    private func checkArgument(_ name: String) {
        guard let declaration, !declaration.arguments.contains(name) else { return }
        preconditionFailure("\(declaration.command) reads argument \(name), which its row does not declare")
    }

    /// Whether the command's rows declare option `long`: for readers shared by several commands,
    /// some of which lack an option (`--offset`, `--owing`).
    public func declares(_ long: String) -> Bool {
        declaration?.options.contains(long) ?? true
    }

    /// Whether the option (a flag or a valued option) was given.
    public func has(_ long: String) -> Bool {
        checkOption(long)
        return options[long] != nil
    }

    /// The last value given for an option, or `nil`.
    public func value(_ long: String) -> String? {
        checkOption(long)
        return options[long]?.last
    }

    /// The value of an option the row marks required.
    public func required(_ long: String) -> String {
        guard let value = value(long) else { preconditionFailure("option --\(long) is read as required but was not given") }
        return value
    }

    /// Every value given for a repeatable option, in order.
    public func values(_ long: String) -> [String] {
        checkOption(long)
        return options[long] ?? []
    }

    /// An option's value as an integer (validated at parse time).
    public func integer(_ long: String) -> Int? {
        value(long).flatMap { Int($0) }
    }

    /// An option's value as a date (validated at parse time).
    public func date(_ long: String) -> CivilDate? {
        value(long).flatMap { try? CivilDate(parsing: $0) }
    }

    /// The date of an option the row marks required.
    public func requiredDate(_ long: String) -> CivilDate {
        guard let date = date(long) else { preconditionFailure("option --\(long) is read as a required date but was not given") }
        return date
    }

    /// A choice option's value as the case of `E` with that raw value (the parser checked the word
    /// against the row's choices; the choices and the cases must agree).
    public func choice<E: RawRepresentable>(_ long: String, as type: E.Type = E.self) -> E? where E.RawValue == String {
        guard let word = value(long) else { return nil }
        guard let value = E(rawValue: word) else { preconditionFailure("--\(long) \(word) is a choice of its row but no case of \(E.self)") }
        return value
    }

    /// The value of a choice option the row marks required.
    public func requiredChoice<E: RawRepresentable>(_ long: String, as type: E.Type = E.self) -> E where E.RawValue == String {
        guard let value = choice(long, as: type) else { preconditionFailure("option --\(long) is read as required but was not given") }
        return value
    }

    /// A positional argument's value.
    public func argument(_ name: String) -> String? {
        checkArgument(name)
        return positionals[name]?.first
    }

    /// The value of a positional argument the row does not make optional.
    public func requiredArgument(_ name: String) -> String {
        guard let value = argument(name) else { preconditionFailure("argument \(name) is read as required but was not given") }
        return value
    }

    /// All values of a variadic argument.
    public func arguments(_ name: String) -> [String] {
        checkArgument(name)
        return positionals[name] ?? []
    }
}
