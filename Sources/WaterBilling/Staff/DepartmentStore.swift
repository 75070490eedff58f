import WBillSupport

/// Departments in the database: the only writer of `departments`.
public struct DepartmentStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Every department with its operator count, by name.
    public func all() throws -> [(department: Department, operators: Int)] {
        try database.query("""
            SELECT d.id, d.name, (SELECT count(*) FROM operators o WHERE o.department_id = d.id)
            FROM departments d ORDER BY d.name COLLATE NOCASE
            """) { (Department(id: $0.int64(0), name: $0.text(1)), $0.int(2)) }
    }

    /// The department named `name` (case-insensitive).
    /// - Throws: `CatalogueError.notFound` with the nearest name.
    public func named(_ name: String) throws -> Department {
        if let found = try database.query("SELECT id, name FROM departments WHERE name = ?", [name.trimmed], {
            Department(id: $0.int64(0), name: $0.text(1))
        }).first {
            return found
        }
        let names = try database.query("SELECT name FROM departments") { $0.text(0) }
        throw CatalogueError.notFound(entity: "department", name: name,
                                      suggestion: closestMatch(to: name, among: names))
    }

    /// Adds a department.
    /// - Throws: `CatalogueError` (an invalid or taken name).
    @discardableResult
    public func add(_ name: String, audit: AuditTrail) throws -> Department {
        let name = try StaffNames.name(name, field: "department name")
        try refuseTaken(name)
        try database.run("INSERT INTO departments (name) VALUES (?)", [name])
        try audit.record(entity: "department", id: name, action: "create", changes: [AuditChange("name", old: nil, new: name)])
        return Department(id: database.lastInsertRowID, name: name)
    }

    /// Renames a department.
    /// - Throws: `CatalogueError`.
    @discardableResult
    public func rename(_ name: String, to newName: String, audit: AuditTrail) throws -> Department {
        let before = try named(name)
        let newName = try StaffNames.name(newName, field: "department name")
        if newName.lowercased() != before.name.lowercased() { try refuseTaken(newName) }
        try database.run("UPDATE departments SET name = ? WHERE id = ?", [newName, before.id])
        if newName != before.name {
            try audit.record(entity: "department", id: newName, action: "update",
                             changes: [AuditChange("name", old: before.name, new: newName)])
        }
        return Department(id: before.id, name: newName)
    }

    /// Deletes a department no operator belongs to.
    /// - Throws: `CatalogueError.inUse`.
    public func delete(_ name: String, audit: AuditTrail) throws {
        let department = try named(name)
        let operators = try database.scalarInt("SELECT count(*) FROM operators WHERE department_id = ?", [department.id]) ?? 0
        guard operators == 0 else {
            throw CatalogueError.inUse(entity: "department", name: department.name, usedBy: counted(Int(operators), "operator"))
        }
        try database.run("DELETE FROM departments WHERE id = ?", [department.id])
        try audit.record(entity: "department", id: department.name, action: "delete",
                         changes: [AuditChange("name", old: department.name, new: nil)])
    }

    private func refuseTaken(_ name: String) throws {
        if try database.scalarInt("SELECT id FROM departments WHERE name = ?", [name]) != nil {
            throw CatalogueError.alreadyExists(entity: "department", name: name)
        }
    }
}
