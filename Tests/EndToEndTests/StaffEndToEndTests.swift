import Foundation
import XCTest

/// Roles enforced by the Runner: set-up mode, the first operator, each built-in role allowed and
/// refused, a login with no operator, acting for another operator and what the audit trail keeps.
///
/// The tests run as root, so the login is `root`; the sandbox's `WBILL_OPERATOR` is `clerk`, so
/// `clerk` is the operator the login maps to (naming oneself is not acting for another).
final class StaffEndToEndTests: SandboxTestCase {
    /// The login every run has: the real user's, from the password database.
    var login: String { String(cString: getpwuid(getuid())!.pointee.pw_name) }

    /// `boss` (admin, logins `boss` and, for now, the test's), then `clerk` with `role`; then the
    /// test's login is moved to `clerk`, as boss would do from their own login (`wbill operator edit`
    /// of both; one login cannot be two operators' for the moment between).
    func staff(clerkRole role: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertRun(try sandbox.wbill(["operator", "add", "boss", "--role", "admin", "--login", "boss", "--login", login],
                                       environment: ["WBILL_OPERATOR": nil]), status: 0,
                     stdout: "added operator 'boss' (role admin)\n", file: file, line: line)
        XCTAssertRun(try sandbox.wbill(["operator", "add", "clerk", "--role", role], environment: ["WBILL_OPERATOR": nil]), status: 0,
                     stdout: "added operator 'clerk' (role \(role))\n", file: file, line: line)
        try sandbox.sqlite(sandbox.defaultDatabase, """
            UPDATE operator_logins SET operator_id = (SELECT id FROM operators WHERE name = 'clerk') WHERE login = '\(login)'
            """, file: file, line: line)
    }

    /// Asserts `arguments` run (exit 0).
    func assertAllowed(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws {
        try assertAllowed(arguments, file: file, line: line)
    }

    /// Asserts `arguments` run (exit 0).
    func assertAllowed(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try sandbox.wbill(arguments)
        XCTAssertEqual(run.status, 0, "\(arguments): \(run)", file: file, line: line)
    }

    /// Asserts `arguments` are refused with exit 77, naming `permission`.
    func assertRefused(_ arguments: [String], role: String, needs permission: String, operatorName: String = "clerk",
                       file: StaticString = #filePath, line: UInt = #line) throws {
        // A permission is the command's path with dots.
        let command = "wbill " + permission.replacingOccurrences(of: ".", with: " ")
        XCTAssertRun(try sandbox.wbill(arguments), status: 77,
                     stderr: "wbill: error: operator \(operatorName) (role \(role)) may not run '\(command)': it needs \(permission)\n",
                     file: file, line: line)
    }

    static let meterTypeAdd = ["meter-type", "add", "X", "--kind", "mechanical", "--payment-model", "postpaid", "--caliber", "15"]

    // MARK: set-up mode and the first operator

    func testSetUpModeUntilTheFirstOperatorAndDbStatusSaysSo() throws {
        let before = try sandbox.wbill("db", "status")
        XCTAssertEqual(before.stdout.split(separator: "\n").first { $0.hasPrefix("Access:") }, "Access:                 set-up mode: no operators yet; anyone may run any command")
        try staff(clerkRole: "cashier")
        let after = try sandbox.wbill("db", "status")
        XCTAssertEqual(after.stdout.split(separator: "\n").first { $0.hasPrefix("Access:") }, "Access:                 2 operators, 6 roles")
    }

    func testTheFirstOperatorMustBeAbleToManageOperators() throws {
        XCTAssertRun(try sandbox.wbill("operator", "add", "clerk", "--role", "cashier", "--login", login), status: 1, stderr: """
            wbill: error: the first operator needs a role that grants operator.* (admin does) and at least one login, or no one could manage operators

            """)
        XCTAssertRun(try sandbox.wbill("operator", "add", "boss", "--role", "admin"), status: 1, stderr: """
            wbill: error: the first operator needs a role that grants operator.* (admin does) and at least one login, or no one could manage operators

            """)
        XCTAssertRun(try sandbox.wbill("operator", "list", "--format", "csv"), status: 0, stdout: "name,role,department,logins,phone,disabled\r\n")
        try staff(clerkRole: "admin")
        // Nor can the last operator who manages operators lose it.
        XCTAssertRun(try sandbox.wbill("operator", "disable", "boss"), status: 0, stdout: "disabled operator 'boss'\n")
        XCTAssertRun(try sandbox.wbill("operator", "edit", "clerk", "--role", "cashier"), status: 1, stderr: """
            wbill: error: no enabled operator with a login and a role granting operator.* would be left, and no one could manage operators

            """)
    }

    // MARK: each built-in role

    func testAdminMayRunAnything() throws {
        try staff(clerkRole: "admin")
        try assertAllowed(Self.meterTypeAdd)
        try assertAllowed("role", "add", "senior-cashier", "--copy-of", "cashier", "--allow", "account.adjust")
        try assertAllowed("dept", "add", "Counter")
        try assertAllowed("init")
    }

    func testCashierTakesMoneyAndReadsButChangesNoCatalogue() throws {
        try staff(clerkRole: "cashier")
        try assertAllowed("meter-type", "list")
        try assertAllowed("audit", "list")
        try assertRefused(Self.meterTypeAdd, role: "cashier", needs: "meter-type.add")
        // Refused before anything is opened: the missing file is not reported.
        try assertRefused(["meter", "import", "no-such-file.csv"], role: "cashier", needs: "meter.import")
        try assertRefused(["account", "adjust", "AC00000001", "--amount", "-1.00", "--reason", "x"], role: "cashier",
                          needs: "account.adjust")
        try assertRefused(["operator", "add", "eve", "--role", "admin"], role: "cashier", needs: "operator.add")
        try assertRefused(["init"], role: "cashier", needs: "init")
    }

    func testMeterReaderRecordsReadingsOnly() throws {
        try staff(clerkRole: "meter-reader")
        try assertAllowed("reading", "list")
        try assertAllowed("meter", "list")
        try assertRefused(["meter-type", "list"], role: "meter-reader", needs: "meter-type.list")
        try assertRefused(["account", "recharge", "AC00000001", "--amount", "1.00", "--channel", "cash"], role: "meter-reader",
                          needs: "account.recharge")
    }

    func testTechnicianLooksAfterMetersNotMoney() throws {
        try staff(clerkRole: "technician")
        try assertAllowed(Self.meterTypeAdd)
        try assertAllowed("valve", "list")
        try assertRefused(["account", "recharge", "AC00000001", "--amount", "1.00", "--channel", "cash"], role: "technician",
                          needs: "account.recharge")
        try assertRefused(["tariff", "delete", "x"], role: "technician", needs: "tariff.delete")
    }

    func testAuditorRunsEveryReadOnlyCommandAndNothingElse() throws {
        try staff(clerkRole: "auditor")
        try assertAllowed("audit", "list")
        try assertAllowed("db", "status")
        try assertAllowed("report", "arrears")
        try assertAllowed("role", "show", "auditor")
        try assertRefused(Self.meterTypeAdd, role: "auditor", needs: "meter-type.add")
        try assertRefused(["db", "migrate"], role: "auditor", needs: "db.migrate")
        try assertRefused(["bill", "run", "--period", "2026-10"], role: "auditor", needs: "bill.run")
        // What "read-only" covers is computed from the command table: every list and show is in it.
        let shown = try sandbox.wbill("role", "show", "auditor", "--format", "json")
        XCTAssertTrue(shown.stdout.contains("customer.list"), shown.stdout)
        XCTAssertFalse(shown.stdout.contains("account.recharge"), shown.stdout)
    }

    func testCronRunsReportsExportsAndBillRunsOnly() throws {
        try staff(clerkRole: "cron")
        try assertAllowed("db", "status")
        try assertAllowed("report", "arrears")
        try assertAllowed("report", "consumption", "--period", "2026-10", "-o", "consumption.xlsx")
        try assertAllowed("export", "meters", "-o", "meters.csv")
        try assertAllowed("db", "backup", "copy.db")
        try assertRefused(["meter-type", "list"], role: "cron", needs: "meter-type.list")
        try assertRefused(["customer", "list"], role: "cron", needs: "customer.list")
    }

    func testHelpNeedsNoPermission() throws {
        try staff(clerkRole: "cron")
        try assertAllowed("--help")
        try assertAllowed("help", "meter-type", "add")
        try assertAllowed("meter-type", "add", "--help")
        try assertAllowed("--version")
        try assertAllowed("completion", "bash")
    }

    // MARK: logins

    func testALoginThatIsNoOperatorsIsRefused() throws {
        XCTAssertRun(try sandbox.wbill("operator", "add", "boss", "--role", "admin", "--login", "boss"), status: 0,
                     stdout: "added operator 'boss' (role admin)\n")
        let refusal = "wbill: error: login '\(login)' acts as no operator; an operator who may run 'wbill operator edit' can add it with --login\n"
        XCTAssertRun(try sandbox.wbill("meter-type", "list"), status: 77, stderr: refusal)
        XCTAssertRun(try sandbox.wbill("init"), status: 77, stderr: refusal)
        // $USER and --operator do not make the login another operator's.
        XCTAssertRun(try sandbox.wbill(["--operator", "boss", "meter-type", "list"], environment: ["USER": "boss", "LOGNAME": "boss"]),
                     status: 77, stderr: refusal)
    }

    func testADisabledOperatorIsRefused() throws {
        try staff(clerkRole: "cashier")
        try sandbox.sqlite(sandbox.defaultDatabase, "UPDATE operators SET disabled = 1 WHERE name = 'clerk'")
        XCTAssertRun(try sandbox.wbill("meter-type", "list"), status: 77, stderr: "wbill: error: operator clerk is disabled\n")
    }

    // MARK: acting for another operator

    func testActingForAnotherIsCheckedAgainstTheirRoleAndRecorded() throws {
        try staff(clerkRole: "admin")
        XCTAssertRun(try sandbox.wbill("role", "add", "counter", "--copy-of", "cashier", "--allow", "operator.act-for"), status: 0,
                     stdout: "added role 'counter': *:read account.recharge account.refund account.pay customer.open customer.edit customer.transfer customer.close card.* operator.act-for\n")
        try assertAllowed("operator", "add", "alice", "--role", "technician")
        try assertAllowed("operator", "add", "bob", "--role", "cashier")
        try assertAllowed("operator", "edit", "clerk", "--role", "counter")
        // Alice's role allows it, though the counter's does not: recorded as the counter for alice.
        XCTAssertRun(try sandbox.wbill(["--operator", "alice"] + Self.meterTypeAdd), status: 0, stdout: "added meter type 'X'\n")
        XCTAssertRun(try sandbox.wbill(["meter-type", "delete", "X"], environment: ["WBILL_OPERATOR": "alice"]), status: 0,
                     stdout: "deleted meter type 'X'\n")
        // Bob's role does not allow it: refused naming bob's role.
        try assertRefused(["--operator", "bob"] + Self.meterTypeAdd, role: "cashier", needs: "meter-type.add", operatorName: "bob")
        XCTAssertRun(try sandbox.wbill("--operator", "nobody-here", "meter-type", "list"), status: 77,
                     stderr: "wbill: error: no operator named 'nobody-here'\n")
        let trail = try sandbox.wbill("audit", "list", "--entity", "meter-type", "--format", "csv")
        XCTAssertRun(trail, status: 0, stdout: """
            id,at,operator,on_behalf_of,action,entity,entity_id,changes,command\r
            \(Expected.initTrailCount + 7),\(Sandbox.now),clerk,alice,create,meter-type,X,"{""name"":{""old"":null,""new"":""X""},""kind"":{""old"":null,""new"":""mechanical""},""payment_model"":{""old"":null,""new"":""postpaid""},""calibers"":{""old"":null,""new"":""15""},""valve"":{""old"":null,""new"":""no""},""reading_method"":{""old"":null,""new"":""manual""},""register_digits"":{""old"":null,""new"":""5""}}",wbill --operator alice meter-type add X --kind mechanical --payment-model postpaid --caliber 15\r
            \(Expected.initTrailCount + 8),\(Sandbox.now),clerk,alice,delete,meter-type,X,"{""name"":{""old"":""X"",""new"":null},""kind"":{""old"":""mechanical"",""new"":null},""payment_model"":{""old"":""postpaid"",""new"":null},""calibers"":{""old"":""15"",""new"":null},""valve"":{""old"":""no"",""new"":null},""reading_method"":{""old"":""manual"",""new"":null},""register_digits"":{""old"":""5"",""new"":null}}",wbill meter-type delete X\r

            """)
    }

    func testActingForAnotherNeedsThePermission() throws {
        try staff(clerkRole: "cashier")
        XCTAssertRun(try sandbox.wbill("--operator", "boss", "meter-type", "list"), status: 77, stderr: """
            wbill: error: operator clerk (role cashier) may not act for operator boss: it needs operator.act-for

            """)
        XCTAssertRun(try sandbox.wbill(["meter-type", "list"], environment: ["WBILL_OPERATOR": "boss"]), status: 77, stderr: """
            wbill: error: operator clerk (role cashier) may not act for operator boss: it needs operator.act-for

            """)
    }

    // MARK: roles and departments

    func testRolesCheckTheirPermissionsAndBuiltInOnesNeverChange() throws {
        XCTAssertRun(try sandbox.wbill("role", "add", "x", "--allow", "acount.*"), status: 1, stderr: """
            wbill: error: unknown permission 'acount.*': expected a command's name with dots (account.recharge), a group's wildcard (account.*), '*', or one of those followed by ':read'; did you mean 'account.*'?

            """)
        XCTAssertRun(try sandbox.wbill("role", "edit", "admin", "--deny", "*"), status: 1, stderr: """
            wbill: error: role 'admin' is built in and never changes; copy it into a role of your own

            """)
        XCTAssertRun(try sandbox.wbill("role", "delete", "auditor"), status: 1, stderr: """
            wbill: error: role 'auditor' is built in and never changes; copy it into a role of your own

            """)
        XCTAssertRun(try sandbox.wbill("role", "add", "readers", "--allow", "report.*:read", "--allow", "meter.group.*"), status: 0,
                     stdout: "added role 'readers': report.*:read meter.group.*\n")
        XCTAssertRun(try sandbox.wbill("role", "show", "readers"), status: 0, stdout: """
            Name:         readers
            Built-in:     no
            Permissions:  report.*:read meter.group.*
            Operators:    0
            Allows:       meter.group.add
                          meter.group.list
                          meter.group.show
                          meter.group.assign
                          meter.group.unassign
                          meter.group.delete
                          report.arrears
                          report.consumption
                          report.meter
                          report.financial
                          report.nrw

            """)
        XCTAssertRun(try sandbox.wbill("role", "edit", "readers", "--deny", "meter.group.*", "--allow", "meter.group.list"), status: 0,
                     stdout: "updated role 'readers': report.*:read meter.group.list\n")
        XCTAssertRun(try sandbox.wbill("dept", "add", "Counter"), status: 0, stdout: "added department 'Counter'\n")
        try staff(clerkRole: "admin")
        try assertAllowed("operator", "add", "carol", "--role", "readers", "--dept", "counter", "--phone", "13800000000")
        XCTAssertRun(try sandbox.wbill("role", "delete", "readers"), status: 1, stderr: "wbill: error: role 'readers' is in use by 1 operator\n")
        XCTAssertRun(try sandbox.wbill("dept", "delete", "Counter"), status: 1, stderr: "wbill: error: department 'Counter' is in use by 1 operator\n")
        XCTAssertRun(try sandbox.wbill("operator", "show", "carol"), status: 0, stdout: """
            Name:        carol
            Role:        readers
            Department:  Counter
            Logins:
            Phone:       13800000000
            Disabled:    no

            """)
        XCTAssertRun(try sandbox.wbill("audit", "list", "--entity", "operator", "--format", "tsv"), status: 0, stdout: """
            id\tat\toperator\ton_behalf_of\taction\tentity\tentity_id\tchanges\tcommand
            \(Expected.initTrailCount + 4)\t\(Sandbox.now)\t\(login)\t\tcreate\toperator\tboss\t{"name":{"old":null,"new":"boss"},"role":{"old":null,"new":"admin"},"department":{"old":null,"new":""},"logins":{"old":null,"new":"boss \(login)"},"phone":{"old":null,"new":""},"disabled":{"old":null,"new":"no"}}\twbill operator add boss --role admin --login boss --login \(login)
            \(Expected.initTrailCount + 5)\t\(Sandbox.now)\tboss\t\tcreate\toperator\tclerk\t{"name":{"old":null,"new":"clerk"},"role":{"old":null,"new":"admin"},"department":{"old":null,"new":""},"logins":{"old":null,"new":""},"phone":{"old":null,"new":""},"disabled":{"old":null,"new":"no"}}\twbill operator add clerk --role admin
            \(Expected.initTrailCount + 6)\t\(Sandbox.now)\tclerk\t\tcreate\toperator\tcarol\t{"name":{"old":null,"new":"carol"},"role":{"old":null,"new":"readers"},"department":{"old":null,"new":"Counter"},"logins":{"old":null,"new":""},"phone":{"old":null,"new":"13800000000"},"disabled":{"old":null,"new":"no"}}\twbill operator add carol --role readers --dept counter --phone 13800000000

            """)
    }
}
