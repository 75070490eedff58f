import WBillSupport

/// Why a catalogue change (meter types, customer types, meters, groups) was refused.
public enum CatalogueError: ClassifiedError, Equatable {
    /// No such entity; `suggestion` is the nearest existing name.
    case notFound(entity: String, name: String, suggestion: String?)
    /// The name (or serial) is taken.
    case alreadyExists(entity: String, name: String)
    /// The entity is still used by others and cannot be changed or deleted.
    case inUse(entity: String, name: String, usedBy: String)
    /// A value is not acceptable.
    case invalid(field: String, value: String, expected: String)
    /// A domain rule refused the change; the message says which rule and what would be right.
    case rule(String)

    public var failureKind: FailureKind {
        switch self {
        case .invalid: return .badInput
        default: return .refused
        }
    }

    public var description: String {
        switch self {
        case .notFound(let entity, let name, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "no \(entity) named '\(name)'\(hint)"
        case .alreadyExists(let entity, let name):
            return "a \(entity) named '\(name)' already exists"
        case .inUse(let entity, let name, let usedBy):
            return "\(entity) '\(name)' is in use by \(usedBy)"
        case .invalid(let field, let value, let expected):
            return "invalid \(field) '\(value)': expected \(expected)"
        case .rule(let message):
            return message
        }
    }
}

/// "1 meter", "3 meters".
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
}
