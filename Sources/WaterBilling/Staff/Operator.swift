import WBillSupport

/// A person who runs wbill: a name, a role, a department, the Unix logins that act as them.
public struct Operator: Sendable, Equatable {
    /// The row id.
    public let id: Int64
    /// The name the audit trail records.
    public let name: String
    /// The role's name.
    public let role: String
    /// The department's name, if any.
    public let department: String?
    /// The Unix login names that act as this operator, sorted.
    public let logins: [String]
    /// A phone number, if any.
    public let phone: String?
    /// Whether the operator may no longer act.
    public let disabled: Bool

    /// The fields as (key, text) pairs, for records and the audit trail.
    public var fields: [(String, String)] {
        [("name", name), ("role", role), ("department", department ?? ""), ("logins", logins.joined(separator: " ")),
         ("phone", phone ?? ""), ("disabled", disabled ? "yes" : "no")]
    }
}

/// What an operator is given or changed to; nil fields are left as they are.
public struct OperatorChanges: Sendable {
    /// A new name.
    public var name: String?
    /// A role's name.
    public var role: String?
    /// A department's name; the empty string takes the operator out of their department.
    public var department: String?
    /// The whole list of logins.
    public var logins: [String]?
    /// A phone number; the empty string removes it.
    public var phone: String?
    /// Disabled or enabled.
    public var disabled: Bool?

    /// No changes.
    public init() {}
}
