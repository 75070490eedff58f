import WaterBilling
import WBillSupport

/// The options and arguments of one invocation, already checked against the command's rows.
public struct ParsedArguments: Sendable {
    /// Option values by long name (flags map to an empty list of values).
    var options: [String: [String]] = [:]
    /// Positional values by argument name.
    var positionals: [String: [String]] = [:]

    /// Whether the option (a flag or a valued option) was given.
    public func has(_ long: String) -> Bool {
        options[long] != nil
    }

    /// The last value given for an option, or `nil`.
    public func value(_ long: String) -> String? {
        options[long]?.last
    }

    /// Every value given for a repeatable option, in order.
    public func values(_ long: String) -> [String] {
        options[long] ?? []
    }

    /// An option's value as an integer (validated at parse time).
    public func integer(_ long: String) -> Int? {
        value(long).flatMap { Int($0) }
    }

    /// An option's value as a date (validated at parse time).
    public func date(_ long: String) -> CivilDate? {
        value(long).flatMap { try? CivilDate(parsing: $0) }
    }

    /// A positional argument's value.
    public func argument(_ name: String) -> String? {
        positionals[name]?.first
    }

    /// All values of a variadic argument.
    public func arguments(_ name: String) -> [String] {
        positionals[name] ?? []
    }
}
