#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import XCTest
import WBillSupport

/// The global options and the environment: spelling rules, where the database is, who the operator
/// is, quiet and colour.
final class GlobalOptionsEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    /// `audit list --format tsv` after `wbill init` made a new database.
    func initTrail(database: String, operatorName: String = Sandbox.operatorName, command: String) -> String {
        Expected.auditTSV(Expected.initTrail(database: database, operatorName: operatorName, command: command))
    }

    // MARK: spelling

    func testOptionValueAfterAnEqualsSign() throws {
        let database = sandbox.file("eq.db")
        XCTAssertRun(try sandbox.wbill("--db=\(database)", "init"), status: 0, stdout: Expected.created(database))
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format=tsv", "--db=\(database)", "--entity=schema"), status: 0,
                     stdout: Expected.auditTSV(Expected.migrationTrail(firstID: 2, command: "wbill --db=\(database) init")))
    }

    func testGroupedShortFlags() throws {
        try sandbox.initialise()
        let copy = sandbox.file("copy.db")
        XCTAssertEqual(try sandbox.wbill("db", "backup", copy).status, 0)
        wroteTheChainedTablesBehindWbill = true
        try sandbox.sqlite(sandbox.defaultDatabase, """
            INSERT INTO audit_log (at, operator, command, entity, action) VALUES ('2026-11-24T00:00:00.000Z', 'x', 'y', 'z', 'w')
            """)
        XCTAssertRun(try sandbox.wbill("db", "backup", copy), status: 1,
                     stderr: "wbill: error: \(copy) already exists; use --force to replace it\n")
        // -q (global) and -f (the command's) in one word: replaced, and nothing printed.
        XCTAssertRun(try sandbox.wbill("db", "backup", "-qf", copy), status: 0)
        XCTAssertEqual(try sandbox.sqlite(copy, "SELECT count(*) FROM audit_log"), "\(Expected.initTrailCount + 1)\n")
        XCTAssertRun(try sandbox.wbill("db", "backup", "-fq", copy), status: 0)
        XCTAssertRun(try sandbox.wbill("-q", "db", "backup", "-f", copy), status: 0)
    }

    func testDoubleDashEndsOptions() throws {
        try sandbox.initialise()
        let database = sandbox.defaultDatabase
        for name in ["-weird.db", "--force", "-h"] {
            let result = try sandbox.wbill("db", "backup", "--", name)
            XCTAssertEqual(result.status, 0, "\(result)")
            XCTAssertEqual(result.stderr, "")
            XCTAssertTrue(result.stdout.hasPrefix("backed up \(database) to \(name) ("), result.stdout)
            XCTAssertEqual(permissions(of: sandbox.file(name)), 0o600, name)
        }
        // Words after `--` are never options, but they still name the command.
        XCTAssertRun(try sandbox.wbill("--", "db", "migrate"), status: 0,
                     stdout: "\(database) is at schema version \(Schema.latestVersion); nothing to migrate\n")
        XCTAssertRun(try sandbox.wbill("db", "--", "migrate", "-q"), status: 64, stderr: """
            wbill: error: unexpected argument '-q'
            Run 'wbill db migrate --help' for usage.

            """)
    }

    func testGlobalOptionsWorkAfterTheCommand() throws {
        let database = sandbox.file("after.db")
        XCTAssertRun(try sandbox.wbill("init", "--db", database, "--operator", "olga", "--quiet"), status: 0)
        XCTAssertRun(try sandbox.wbill("audit", "list", "--entity", "database", "--format", "tsv", "--db", database),
                     status: 0, stdout: AuditRow.tsvHeader
                        + "1\t\(Sandbox.now)\tolga\t\tcreate\tdatabase\t\(database)\t{}\twbill init --db \(database) --operator olga --quiet\n")
    }

    func testQuietSilencesMessagesButNotDataOrErrors() throws {
        XCTAssertRun(try sandbox.wbill("--quiet", "init"), status: 0)
        let data = try sandbox.wbill("-q", "audit", "list", "--format", "tsv")
        XCTAssertEqual(data.status, 0)
        XCTAssertEqual(data.stdout, initTrail(database: sandbox.defaultDatabase, command: "wbill --quiet init"))
        XCTAssertRun(try sandbox.wbill("-q", "--db", sandbox.file("none.db"), "db", "status"), status: 66, stderr: """
            wbill: error: no database at \(sandbox.file("none.db")); create it with `wbill init` or choose another with --db

            """)
    }

    // MARK: colour

    /// Runs wbill under `script` so that its stdout is a terminal.
    func wbillOnATerminal(_ arguments: [String], environment: [String: String?] = [:]) throws -> ProcessResult {
        let command = ([ProgramRunner.wbillPath] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        return try sandbox.run(["script", "-qec", command, "/dev/null"], environment: environment)
    }

    func testColourOnlyOnATerminalAndNeverWithNoColor() throws {
        try sandbox.initialise()
        let bold = "\u{1B}[1m"
        let onTerminal = try wbillOnATerminal(["audit", "list", "--limit", "1"])
        XCTAssertEqual(onTerminal.status, 0, "\(onTerminal)")
        XCTAssertTrue(onTerminal.stdout.hasPrefix(bold + "ID  AT"), onTerminal.stdout)
        XCTAssertTrue(try wbillOnATerminal(["audit", "list"], environment: ["NO_COLOR": ""]).stdout.hasPrefix(bold))

        let plain = [
            try wbillOnATerminal(["audit", "list", "--no-color"]),
            try wbillOnATerminal(["--no-color", "audit", "list"]),
            try wbillOnATerminal(["audit", "list"], environment: ["NO_COLOR": "1"]),
            try wbillOnATerminal(["audit", "list"], environment: ["TERM": "dumb"]),
            try sandbox.wbill("audit", "list"),
        ]
        for result in plain {
            XCTAssertEqual(result.status, 0, "\(result)")
            XCTAssertTrue(result.stdout.hasPrefix("ID  AT"), result.stdout)
            XCTAssertFalse(result.stdout.contains("\u{1B}"), result.stdout)
        }
    }

    // MARK: operator

    func testOperatorComesFromTheOptionElseTheEnvironmentElseTheLoginName() throws {
        let loginName = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        let cases: [(options: [String], environment: [String: String?], expected: String)] = [
            ([], [:], "clerk"),
            ([], ["WBILL_OPERATOR": "env-olga"], "env-olga"),
            (["--operator", "alice"], ["WBILL_OPERATOR": "env-olga"], "alice"),
            (["--operator=bob"], [:], "bob"),
            ([], ["WBILL_OPERATOR": nil], loginName),
            ([], ["WBILL_OPERATOR": ""], loginName),
        ]
        for (index, item) in cases.enumerated() {
            let database = sandbox.file("operator-\(index).db")
            let arguments = ["--db", database] + item.options + ["init"]
            XCTAssertEqual(try sandbox.wbill(arguments, environment: item.environment).status, 0)
            XCTAssertRun(try sandbox.wbill("--db", database, "audit", "list", "--format", "tsv"), status: 0,
                         stdout: initTrail(database: database, operatorName: item.expected,
                                           command: (["wbill"] + arguments).joined(separator: " ")))
        }
    }

    func testABlankOperatorIsRefused() throws {
        XCTAssertRun(try sandbox.wbill("--operator", "  ", "init"), status: 64,
                     stderr: "wbill: error: the operator name is empty; pass --operator NAME\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.defaultDatabase))
    }

    // MARK: where the database is

    func testDefaultDatabaseIsUnderXDGDataHome() throws {
        XCTAssertRun(try sandbox.wbill("init"), status: 0, stdout: Expected.created(sandbox.dataHome + "/wbill/wbill.db"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.dataHome + "/wbill/wbill.db"))
    }

    func testDefaultDatabaseIsUnderHomeWithoutXDGDataHome() throws {
        let expected = sandbox.home + "/.local/share/wbill/wbill.db"
        for value in [nil, "", "relative/data"] as [String?] {
            XCTAssertRun(try sandbox.wbill(["db", "status"], environment: ["XDG_DATA_HOME": value]), status: 66,
                         stderr: "wbill: error: no database at \(expected); create it with `wbill init` or choose another with --db\n")
        }
        XCTAssertRun(try sandbox.wbill(["init"], environment: ["XDG_DATA_HOME": nil]), status: 0,
                     stdout: Expected.created(expected))
        XCTAssertEqual(permissions(of: sandbox.home + "/.local/share/wbill"), 0o700)
        XCTAssertEqual(permissions(of: expected), 0o600)
    }

    func testWbillDbBeatsTheDefaultAndDbBeatsWbillDb() throws {
        let fromEnvironment = sandbox.file("env.db")
        let fromOption = sandbox.file("option.db")
        XCTAssertRun(try sandbox.wbill(["init"], environment: ["WBILL_DB": fromEnvironment]), status: 0,
                     stdout: Expected.created(fromEnvironment))
        XCTAssertRun(try sandbox.wbill(["--db", fromOption, "init"], environment: ["WBILL_DB": fromEnvironment]),
                     status: 0, stdout: Expected.created(fromOption))
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.defaultDatabase))
    }
}
