import WBillSupport

/// A role: a name and the grants that decide which commands its operators may run.
public struct Role: Sendable, Equatable {
    /// The row id.
    public let id: Int64
    /// The name.
    public let name: String
    /// Its grants, as written.
    public let grants: [Grant]
    /// Whether it is one of the built-in roles the schema creates (never changed or deleted).
    public let builtIn: Bool

    /// The grants as stored and shown: separated by spaces.
    public var permissionsText: String { grants.map(\.description).joined(separator: " ") }

    /// Whether it allows `entry`.
    public func allows(_ entry: PermissionEntry) -> Bool {
        grants.contains { $0.allows(entry) }
    }

    /// Whether it allows every `operator` command, as an operator who manages operators needs.
    public func managesOperators(_ catalogue: PermissionCatalogue) -> Bool {
        let operatorCommands = catalogue.entries.filter { $0.name.hasPrefix("operator.") && $0.name != PermissionCatalogue.actFor }
        return !operatorCommands.isEmpty && operatorCommands.allSatisfy(allows)
    }
}
