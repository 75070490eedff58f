import WBillSupport

/// Why a change to departments, roles or operators was refused.
public enum StaffError: ClassifiedError, Equatable {
    /// A grant names no command, group or right; `suggestion` is the nearest one.
    case unknownPermission(String, suggestion: String?)
    /// A built-in role changed or deleted.
    case builtInRole(String)
    /// A login already acts as another operator.
    case loginTaken(login: String, operatorName: String)
    /// The change would leave no enabled operator, with a login, whose role grants every
    /// `operator` command: no one could manage operators any more. `first`: it is the first operator.
    case wouldLockOut(first: Bool)

    public var failureKind: FailureKind { .refused }

    public var description: String {
        switch self {
        case .unknownPermission(let text, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "unknown permission '\(EchoedText.quoted(text))': expected a command's name with dots "
                + "(account.recharge), a group's wildcard (account.*), '*', or one of those followed by ':read'\(hint)"
        case .builtInRole(let name):
            return "role '\(name)' is built in and never changes; copy it into a role of your own"
        case .loginTaken(let login, let operatorName):
            return "login '\(login)' already acts as operator '\(operatorName)'"
        case .wouldLockOut(let first):
            return first
                ? "the first operator needs a role that grants operator.* (admin does) and at least one login, or no one could manage operators"
                : "no enabled operator with a login and a role granting operator.* would be left, and no one could manage operators"
        }
    }
}

/// Why the acting operator may not run a command.
public enum AccessError: ClassifiedError, Equatable {
    /// The login acts as no operator.
    case noOperator(login: String)
    /// The operator is disabled.
    case disabled(operatorName: String)
    /// `--operator` named no operator.
    case unknownOperator(String)
    /// The login's operator may not act for others.
    case mayNotActFor(operatorName: String, role: String, other: String)
    /// The operator's role does not grant the command's permission.
    case notPermitted(operatorName: String, role: String, command: String, permission: String)

    public var failureKind: FailureKind { .permissionDenied }

    public var description: String {
        switch self {
        case .noOperator(let login):
            return "login '\(EchoedText.quoted(login))' acts as no operator"
        case .disabled(let name):
            return "operator \(name) is disabled"
        case .unknownOperator(let name):
            return "no operator named '\(EchoedText.quoted(name))'"
        case .mayNotActFor(let name, let role, let other):
            return "operator \(name) (role \(role)) may not act for operator \(other): it needs \(PermissionCatalogue.actFor)"
        case .notPermitted(let name, let role, let command, let permission):
            return "operator \(name) (role \(role)) may not run '\(command)': it needs \(permission)"
        }
    }
}
