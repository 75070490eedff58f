import WBillSupport

/// Roles in the database: the only writer of `roles`.
public struct RoleStore {
    let database: Database
    let catalogue: PermissionCatalogue

    /// The store over `database`, checking grants against `catalogue`.
    public init(database: Database, catalogue: PermissionCatalogue) {
        self.database = database
        self.catalogue = catalogue
    }

    /// Every role with its operator count, by name.
    public func all() throws -> [(role: Role, operators: Int)] {
        try database.query("""
            SELECT r.id, r.name, r.permissions, r.built_in, (SELECT count(*) FROM operators o WHERE o.role_id = r.id)
            FROM roles r ORDER BY r.built_in DESC, r.name COLLATE NOCASE
            """) { (RoleStore.role($0), $0.int(4)) }
    }

    /// The role named `name` (case-insensitive).
    /// - Throws: `CatalogueError.notFound` with the nearest name.
    public func named(_ name: String) throws -> Role {
        if let found = try database.query("SELECT id, name, permissions, built_in FROM roles WHERE name = ?", [name.trimmed],
                                          RoleStore.role).first {
            return found
        }
        let names = try database.query("SELECT name FROM roles") { $0.text(0) }
        throw CatalogueError.notFound(entity: "role", name: name, suggestion: closestMatch(to: name, among: names))
    }

    /// How many operators have the role.
    public func operatorCount(_ role: Role) throws -> Int {
        Int(try database.scalarInt("SELECT count(*) FROM operators WHERE role_id = ?", [role.id]) ?? 0)
    }

    /// Adds a role with `grants`, after those of `copyOf` when given.
    /// - Throws: `CatalogueError` (name), `StaffError.unknownPermission`.
    @discardableResult
    public func add(_ name: String, grants: [String], copyOf: String?, audit: AuditTrail) throws -> Role {
        let name = try StaffNames.name(name, field: "role name")
        try refuseTaken(name)
        let base = try copyOf.map { try named($0).grants } ?? []
        let all = try merged(base, adding: grants)
        try database.run("INSERT INTO roles (name, permissions, built_in) VALUES (?, ?, 0)",
                         [name, all.map(\.description).joined(separator: " ")])
        let role = try named(name)
        var changes = [AuditChange("name", old: nil, new: role.name), AuditChange("permissions", old: nil, new: role.permissionsText)]
        if let copyOf { changes.append(AuditChange("copy_of", old: nil, new: try named(copyOf).name)) }
        try audit.record(entity: "role", id: role.name, action: "create", changes: changes)
        return role
    }

    /// Changes a role that is not built in: a new name, grants added, grants taken away (as written).
    /// - Throws: `StaffError.builtInRole`, `CatalogueError`, `StaffError.unknownPermission`.
    @discardableResult
    public func edit(_ name: String, rename: String?, allow: [String], deny: [String], audit: AuditTrail) throws -> Role {
        let before = try named(name)
        guard !before.builtIn else { throw StaffError.builtInRole(before.name) }
        let newName = try rename.map { try StaffNames.name($0, field: "role name") } ?? before.name
        if newName.lowercased() != before.name.lowercased() { try refuseTaken(newName) }
        let denied = Set(deny.map { Grant($0).description })
        let kept = before.grants.filter { !denied.contains($0.description) }
        for text in deny where !before.grants.contains(where: { $0.description == Grant(text).description }) {
            throw CatalogueError.invalid(field: "permission to deny", value: text,
                                         expected: "one of the role's grants: \(before.permissionsText)")
        }
        let grants = try merged(kept, adding: allow)
        try database.run("UPDATE roles SET name = ?, permissions = ? WHERE id = ?",
                         [newName, grants.map(\.description).joined(separator: " "), before.id])
        let after = try named(newName)
        var changes: [AuditChange] = []
        if after.name != before.name { changes.append(AuditChange("name", old: before.name, new: after.name)) }
        if after.permissionsText != before.permissionsText {
            changes.append(AuditChange("permissions", old: before.permissionsText, new: after.permissionsText))
        }
        if !changes.isEmpty { try audit.record(entity: "role", id: after.name, action: "update", changes: changes) }
        try StaffGuard(database: database, catalogue: catalogue).requireSomeoneManagesOperators(first: false)
        return after
    }

    /// Deletes a role that is not built in and that no operator has.
    /// - Throws: `StaffError.builtInRole`, `CatalogueError.inUse`.
    public func delete(_ name: String, audit: AuditTrail) throws {
        let role = try named(name)
        guard !role.builtIn else { throw StaffError.builtInRole(role.name) }
        let operators = try operatorCount(role)
        guard operators == 0 else { throw CatalogueError.inUse(entity: "role", name: role.name, usedBy: counted(operators, "operator")) }
        try database.run("DELETE FROM roles WHERE id = ?", [role.id])
        try audit.record(entity: "role", id: role.name, action: "delete",
                         changes: [AuditChange("name", old: role.name, new: nil), AuditChange("permissions", old: role.permissionsText, new: nil)])
    }

    /// `base` followed by each of `texts` not already in it, each checked against the catalogue.
    private func merged(_ base: [Grant], adding texts: [String]) throws -> [Grant] {
        var grants = base
        for text in texts {
            let grant = Grant(text.trimmed)
            guard !grant.pattern.isEmpty, grant.isKnown(in: catalogue) else {
                let names = catalogue.entries.map(\.name) + catalogue.groups.map { $0 + ".*" } + ["*"]
                throw StaffError.unknownPermission(text, suggestion: closestMatch(to: grant.pattern, among: names))
            }
            if !grants.contains(grant) { grants.append(grant) }
        }
        return grants
    }

    private func refuseTaken(_ name: String) throws {
        if try database.scalarInt("SELECT id FROM roles WHERE name = ?", [name]) != nil {
            throw CatalogueError.alreadyExists(entity: "role", name: name)
        }
    }

    static func role(_ row: Row) -> Role {
        Role(id: row.int64(0), name: row.text(1), grants: Grant.list(row.text(2)), builtIn: row.bool(3))
    }
}
