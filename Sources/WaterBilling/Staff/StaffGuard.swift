import WBillSupport

/// The rule that keeps a utility from locking itself out: once operators exist, at least one of them
/// is enabled, has a login and a role that grants every `operator` command.
struct StaffGuard {
    let database: Database
    let catalogue: PermissionCatalogue

    /// - Throws: `StaffError.wouldLockOut` when no such operator is left (`first`: the first operator is being added).
    func requireSomeoneManagesOperators(first: Bool) throws {
        let candidates = try database.query("""
            SELECT r.id, r.name, r.permissions, r.built_in FROM operators o JOIN roles r ON r.id = o.role_id
            WHERE o.disabled = 0 AND EXISTS (SELECT 1 FROM operator_logins l WHERE l.operator_id = o.id)
            """, [], RoleStore.role)
        let operators = try database.scalarInt("SELECT count(*) FROM operators") ?? 0
        guard operators == 0 || candidates.contains(where: { $0.managesOperators(catalogue) }) else {
            throw StaffError.wouldLockOut(first: first)
        }
    }
}
