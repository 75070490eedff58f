/// One permission a role can grant: a command's path joined with dots (`account.recharge`,
/// `meter.group.add`), or a right that is not a command (`operator.act-for`).
public struct PermissionEntry: Sendable, Equatable {
    /// The permission's name.
    public let name: String
    /// Whether what it allows only reads (a list, a show, a report, an export): `:read` grants match it.
    public let readOnly: Bool

    /// Creates an entry.
    public init(name: String, readOnly: Bool) {
        self.name = name
        self.readOnly = readOnly
    }
}

/// Every permission there is: the command line derives one per command from its table, so a
/// role's grants are checked against what exists and a wildcard is expanded to what it covers.
public struct PermissionCatalogue: Sendable {
    /// The permissions, in the command table's order.
    public let entries: [PermissionEntry]

    /// The right to act for another operator (`--operator`), which a login's role must grant.
    public static let actFor = "operator.act-for"

    /// A catalogue of `entries` (the commands) and the rights that are not commands.
    public init(commands: [PermissionEntry]) {
        entries = commands + [PermissionEntry(name: PermissionCatalogue.actFor, readOnly: false)]
    }

    /// The entry named `name`, if any.
    public func entry(_ name: String) -> PermissionEntry? {
        entries.first { $0.name == name }
    }

    /// The group prefixes a wildcard may name (`meter`, `meter.group`, `account` …).
    public var groups: Set<String> {
        var result = Set<String>()
        for entry in entries {
            var parts = entry.name.split(separator: ".").map(String.init)
            while parts.count > 1 {
                parts.removeLast()
                result.insert(parts.joined(separator: "."))
            }
        }
        return result
    }

    /// The permissions `grants` allow, in catalogue order.
    public func allowed(by grants: [Grant]) -> [PermissionEntry] {
        entries.filter { entry in grants.contains { $0.allows(entry) } }
    }
}

/// One grant of a role: a permission, a group wildcard (`account.*`), everything (`*`), each
/// optionally limited to what only reads (`*:read`, `report.*:read`).
public struct Grant: Sendable, Equatable, CustomStringConvertible {
    /// The permission or pattern, without `:read`.
    public let pattern: String
    /// Whether it allows only read-only commands.
    public let readOnlyOnly: Bool

    /// The suffix that limits a grant to read-only commands.
    public static let readSuffix = ":read"

    /// Parses `text` as written (`account.*`, `*:read`) without checking that it names anything.
    public init(_ text: String) {
        if text.hasSuffix(Grant.readSuffix) {
            pattern = String(text.dropLast(Grant.readSuffix.count))
            readOnlyOnly = true
        } else {
            pattern = text
            readOnlyOnly = false
        }
    }

    /// The grant as written.
    public var description: String { pattern + (readOnlyOnly ? Grant.readSuffix : "") }

    /// Whether it allows `entry`.
    public func allows(_ entry: PermissionEntry) -> Bool {
        if readOnlyOnly && !entry.readOnly { return false }
        if pattern == "*" { return true }
        if pattern.hasSuffix(".*") { return entry.name.hasPrefix(pattern.dropLast()) }
        return entry.name == pattern
    }

    /// Whether it names something `catalogue` has: `*`, a group's wildcard, or a permission.
    public func isKnown(in catalogue: PermissionCatalogue) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix(".*") { return catalogue.groups.contains(String(pattern.dropLast(2))) }
        return catalogue.entry(pattern) != nil
    }

    /// The grants written in a role's `permissions` column: separated by spaces.
    public static func list(_ stored: String) -> [Grant] {
        stored.split(separator: " ").map { Grant(String($0)) }
    }
}
