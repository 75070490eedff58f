import WBillSupport

/// Operators in the database: the only writer of `operators` and `operator_logins`.
public struct OperatorStore {
    let database: Database
    let catalogue: PermissionCatalogue

    /// The store over `database`; roles are judged against `catalogue`.
    public init(database: Database, catalogue: PermissionCatalogue) {
        self.database = database
        self.catalogue = catalogue
    }

    /// Every operator, by name.
    public func all() throws -> [Operator] {
        try load(where: "", [])
    }

    /// The operator named `name` (case-insensitive).
    /// - Throws: `CatalogueError.notFound` with the nearest name.
    public func named(_ name: String) throws -> Operator {
        if let found = try load(where: "WHERE o.name = ?", [name.trimmed]).first { return found }
        let names = try database.query("SELECT name FROM operators") { $0.text(0) }
        throw CatalogueError.notFound(entity: "operator", name: name, suggestion: closestMatch(to: name, among: names))
    }

    private func load(where filter: String, _ arguments: [SQLBindable]) throws -> [Operator] {
        let operators = try database.query("""
            SELECT o.id, o.name, r.name, d.name, o.phone, o.disabled
            FROM operators o JOIN roles r ON r.id = o.role_id LEFT JOIN departments d ON d.id = o.department_id
            \(filter) ORDER BY o.name COLLATE NOCASE
            """, arguments) { ($0.int64(0), $0.text(1), $0.text(2), $0.optionalText(3), $0.optionalText(4), $0.bool(5)) }
        return try operators.map { row in
            let logins = try database.query("SELECT login FROM operator_logins WHERE operator_id = ? ORDER BY login", [row.0]) { $0.text(0) }
            return Operator(id: row.0, name: row.1, role: row.2, department: row.3, logins: logins, phone: row.4, disabled: row.5)
        }
    }

    /// Adds an operator. The first one must be able to manage operators (`StaffGuard`).
    /// - Throws: `CatalogueError`, `StaffError`.
    @discardableResult
    public func add(_ name: String, _ changes: OperatorChanges, audit: AuditTrail) throws -> Operator {
        let name = try StaffNames.name(name, field: "operator name")
        if try database.scalarInt("SELECT id FROM operators WHERE name = ?", [name]) != nil {
            throw CatalogueError.alreadyExists(entity: "operator", name: name)
        }
        let first = try database.scalarInt("SELECT count(*) FROM operators") == 0
        guard let roleName = changes.role else { preconditionFailure("an operator is added with a role") }
        let role = try RoleStore(database: database, catalogue: catalogue).named(roleName)
        let departmentID = try changes.department.flatMap { $0.isEmpty ? nil : try DepartmentStore(database: database).named($0).id }
        let phone = try changes.phone.flatMap { $0.isEmpty ? nil : try StaffNames.phone($0) }
        try database.run("INSERT INTO operators (name, role_id, department_id, phone, disabled) VALUES (?, ?, ?, ?, ?)",
                         [name, role.id, departmentID, phone, changes.disabled ?? false])
        let id = database.lastInsertRowID
        try setLogins(changes.logins ?? [], of: id)
        let added = try named(name)
        try audit.record(entity: "operator", id: added.name, action: "create",
                         changes: added.fields.map { AuditChange($0.0, old: nil, new: $0.1) })
        try StaffGuard(database: database, catalogue: catalogue).requireSomeoneManagesOperators(first: first)
        return added
    }

    /// Changes an operator.
    /// - Throws: `CatalogueError`, `StaffError`.
    @discardableResult
    public func edit(_ name: String, _ changes: OperatorChanges, audit: AuditTrail) throws -> Operator {
        let before = try named(name)
        let newName = try changes.name.map { try StaffNames.name($0, field: "operator name") } ?? before.name
        if newName.lowercased() != before.name.lowercased(),
           try database.scalarInt("SELECT id FROM operators WHERE name = ?", [newName]) != nil {
            throw CatalogueError.alreadyExists(entity: "operator", name: newName)
        }
        if let roleName = changes.role {
            let role = try RoleStore(database: database, catalogue: catalogue).named(roleName)
            try database.run("UPDATE operators SET role_id = ? WHERE id = ?", [role.id, before.id])
        }
        if let department = changes.department {
            let id = department.isEmpty ? nil : try DepartmentStore(database: database).named(department).id
            try database.run("UPDATE operators SET department_id = ? WHERE id = ?", [id, before.id])
        }
        if let phone = changes.phone {
            try database.run("UPDATE operators SET phone = ? WHERE id = ?", [phone.isEmpty ? nil : try StaffNames.phone(phone), before.id])
        }
        if let disabled = changes.disabled {
            try database.run("UPDATE operators SET disabled = ? WHERE id = ?", [disabled, before.id])
        }
        try database.run("UPDATE operators SET name = ? WHERE id = ?", [newName, before.id])
        if let logins = changes.logins {
            try database.run("DELETE FROM operator_logins WHERE operator_id = ?", [before.id])
            try setLogins(logins, of: before.id)
        }
        let after = try named(newName)
        let changed = zip(before.fields, after.fields).filter { $0.0.1 != $0.1.1 }
        if !changed.isEmpty {
            try audit.record(entity: "operator", id: after.name, action: changes.disabled == true && changed.count == 1 ? "disable" : "update",
                             changes: changed.map { AuditChange($0.0.0, old: $0.0.1, new: $0.1.1) })
        }
        try StaffGuard(database: database, catalogue: catalogue).requireSomeoneManagesOperators(first: false)
        return after
    }

    private func setLogins(_ logins: [String], of operatorID: Int64) throws {
        for text in logins {
            let login = try StaffNames.login(text)
            if let holder = try database.scalarText("""
                SELECT o.name FROM operator_logins l JOIN operators o ON o.id = l.operator_id WHERE l.login = ?
                """, [login]) {
                guard try database.scalarInt("SELECT operator_id FROM operator_logins WHERE login = ?", [login]) == operatorID else {
                    throw StaffError.loginTaken(login: login, operatorName: holder)
                }
                continue
            }
            try database.run("INSERT INTO operator_logins (login, operator_id) VALUES (?, ?)", [login, operatorID])
        }
    }
}
