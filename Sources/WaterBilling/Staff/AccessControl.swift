import WBillSupport

/// Who a command runs as, once access is checked.
public enum AccessGrant: Sendable, Equatable {
    /// No operator exists yet: anyone may run anything (set-up mode).
    case setUp
    /// The login's operator runs it (`actingFor`: the operator it acts for, whose role was checked).
    case operatorName(String, actingFor: String?)
}

/// The one access check: the acting operator's role must grant the command's permission.
///
/// The acting operator is the one whose logins include the Unix login of the process's real user.
/// A requested operator (`--operator`) other than that one is allowed only when the login's role
/// grants `operator.act-for`; then the requested operator's role is the one checked.
public struct AccessControl {
    let database: Database

    /// The check over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Whether any operator exists (a database from before operators existed has none).
    public func hasOperators() throws -> Bool {
        guard try database.scalarInt("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'operators'") != nil else {
            return false
        }
        return try database.scalarInt("SELECT 1 FROM operators LIMIT 1") != nil
    }

    /// How many operators and roles there are, for `db status`; nil before the schema has them.
    public func counts() throws -> (operators: Int, roles: Int)? {
        guard try database.scalarInt("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'operators'") != nil else {
            return nil
        }
        return (Int(try database.scalarInt("SELECT count(*) FROM operators") ?? 0),
                Int(try database.scalarInt("SELECT count(*) FROM roles") ?? 0))
    }

    /// Decides whether `login` (acting for `requested`, when given) may run the command whose
    /// permission is `permission`.
    /// - Parameters:
    ///   - command: the command as people name it (`wbill meter import`), for the message.
    /// - Throws: `AccessError` (exit 77).
    public func check(login: String, requested: String?, permission: PermissionEntry, command: String) throws -> AccessGrant {
        guard try hasOperators() else { return .setUp }
        guard let actor = try acting(whereClause: "o.id = (SELECT operator_id FROM operator_logins WHERE login = ?)", login) else {
            throw AccessError.noOperator(login: login)
        }
        guard !actor.disabled else { throw AccessError.disabled(operatorName: actor.name) }
        var checked = actor
        var actingFor: String?
        if let requested, requested.trimmed.lowercased() != actor.name.lowercased() {
            guard let other = try acting(whereClause: "o.name = ?", requested.trimmed) else {
                throw AccessError.unknownOperator(requested)
            }
            guard actor.role.allows(PermissionEntry(name: PermissionCatalogue.actFor, readOnly: false)) else {
                throw AccessError.mayNotActFor(operatorName: actor.name, role: actor.role.name, other: other.name)
            }
            guard !other.disabled else { throw AccessError.disabled(operatorName: other.name) }
            checked = other
            actingFor = other.name
        }
        guard checked.role.allows(permission) else {
            throw AccessError.notPermitted(operatorName: checked.name, role: checked.role.name, command: command,
                                           permission: permission.name)
        }
        return .operatorName(actor.name, actingFor: actingFor)
    }

    private struct Acting {
        let name: String
        let disabled: Bool
        let role: Role
    }

    private func acting(whereClause: String, _ value: String) throws -> Acting? {
        try database.query("""
            SELECT o.name, o.disabled, r.id, r.name, r.permissions, r.built_in
            FROM operators o JOIN roles r ON r.id = o.role_id WHERE \(whereClause)
            """, [value]) { row in
            Acting(name: row.text(0), disabled: row.bool(1),
                   role: Role(id: row.int64(2), name: row.text(3), grants: Grant.list(row.text(4)), builtIn: row.bool(5)))
        }.first
    }
}
