#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport

/// The Runner's one permission check, driven by the command table: once an operator exists, the
/// acting operator's role must grant the command's permission (`CommandSpec.permission`).
enum AccessCheck {
    /// Checks that the acting operator may run `command` and records who acts (and for whom) in
    /// `settings`. A command without a permission (help, man pages) is not checked. A command
    /// that opens no database itself (`init`, `card readers`) is checked against the database file
    /// when there is one.
    /// - Throws: `AccessError` (exit 77).
    static func authorise(_ command: CommandSpec, database: Database?, settings: inout Settings) throws {
        guard let permission = command.permission else { return }
        let checked: Database
        if let database {
            checked = database
        } else {
            guard SetGroupID.effectiveAccess(settings.databasePath, F_OK),
                  let opened = try? DatabaseFile.open(at: settings.databasePath, writable: false, allowOutdated: true) else {
                return
            }
            checked = opened
        }
        let grant = try AccessControl(database: checked).check(
            login: settings.login, requested: settings.requestedOperator, permission: permission, command: command.fullName)
        if case .operatorName(let name, let actingFor) = grant {
            settings.operatorName = name
            settings.onBehalfOf = actingFor
        }
    }
}
