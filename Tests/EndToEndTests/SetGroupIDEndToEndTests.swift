#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// The set-group-id deployment (`make install SETGID=wbill`): a copy of the built binary installed
/// set-group-id to a group the user is not in, the database in its data directory (2770, file 0660).
/// The unprivileged user (`nobody`, through `setpriv`) uses the database through wbill, under their
/// operator's role, and cannot point wbill at another file, read the database directly, or write a
/// file through wbill that they could not write themselves.
final class SetGroupIDEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    /// A group no one is in, standing for `wbill`.
    static let group: gid_t = 47_474
    static let nobody: uid_t = 65_534

    var binary: String { sandbox.file("bin/wbill") }
    var data: String { sandbox.file("data") }
    var database: String { data + "/wbill.db" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard geteuid() == 0 else { throw XCTSkip("installing a set-group-id binary and switching users needs root") }
        chmod(sandbox.path, 0o755)
        try sandbox.directory.makeDirectory("bin", mode: 0o755)
        try FileManager.default.copyItem(atPath: ProgramRunner.wbillPath, toPath: binary)
        XCTAssertEqual(chown(binary, 0, Self.group), 0)
        XCTAssertEqual(chmod(binary, 0o2755), 0)
        try sandbox.directory.makeDirectory("share/wbill", mode: 0o755)
        try sandbox.write(data + "\n", to: "share/wbill/data-directory")
        chmod(sandbox.file("share/wbill/data-directory"), 0o644)
        try sandbox.directory.makeDirectory("data", mode: 0o770)
        XCTAssertEqual(chown(data, 0, Self.group), 0)
        XCTAssertEqual(chmod(data, 0o2770), 0)
        // A directory the user owns, and one only root may write.
        try sandbox.directory.makeDirectory("mine", mode: 0o755)
        XCTAssertEqual(chown(sandbox.file("mine"), Self.nobody, Self.nobody), 0)
        try sandbox.directory.makeDirectory("roots", mode: 0o755)
        // Set up as root through the installed binary: HOME and XDG_DATA_HOME are ignored.
        XCTAssertRun(try installed(["init", "-q"], asNobody: false), status: 0)
        XCTAssertRun(try installed(["operator", "add", "boss", "--role", "admin", "--login", "root"], asNobody: false), status: 0,
                     stdout: "added operator 'boss' (role admin)\n")
        XCTAssertRun(try installed(["operator", "add", "night", "--role", "technician", "--login", "nobody"], asNobody: false),
                     status: 0, stdout: "added operator 'night' (role technician)\n")
    }

    /// Runs the installed binary, as `nobody` (no supplementary groups) unless `asNobody` is false.
    func installed(_ arguments: [String], asNobody: Bool = true, environment: [String: String?] = [:]) throws -> ProcessResult {
        let user = asNobody ? ["setpriv", "--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups"] : []
        var changes = environment
        if changes["WBILL_OPERATOR"] == nil { changes["WBILL_OPERATOR"] = .some(nil) }
        return try sandbox.run(user + [binary] + arguments, environment: changes)
    }

    func testTheDatabaseIsTheGroupsAndOnlyReachableThroughWbill() throws {
        var info = stat()
        XCTAssertEqual(stat(database, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o660)
        XCTAssertEqual(info.st_gid, Self.group)
        let status = try installed(["db", "status"])
        XCTAssertEqual(status.status, 0, "\(status)")
        XCTAssertTrue(status.stdout.hasPrefix("Path:                   \(database)\n"), status.stdout)
        XCTAssertTrue(status.stdout.contains("\nAccess:                 2 operators, 6 roles\n"), status.stdout)
        // The user's operator and role apply.
        XCTAssertRun(try installed(["meter-type", "add", "X", "--kind", "mechanical", "--payment-model", "postpaid", "--caliber", "15"]),
                     status: 0, stdout: "added meter type 'X'\n")
        XCTAssertRun(try installed(["customer-type", "delete", "X"]), status: 77, stderr: """
            wbill: error: operator night (role technician) may not run 'wbill customer-type delete': it needs customer-type.delete

            """)
        // Directly, the user can neither read nor write it.
        let cat = try sandbox.run(["setpriv", "--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups", "cat", database])
        XCTAssertEqual(cat.status, 1)
        XCTAssertEqual(cat.stderr, "cat: \(database): Permission denied\n")
    }

    func testAnotherDatabaseIsRefusedAndRedirectingVariablesIgnored() throws {
        try sandbox.sqlite(sandbox.file("other.db"), "CREATE TABLE t (x)")
        XCTAssertRun(try installed(["--db", sandbox.file("other.db"), "meter-type", "list"]), status: 77, stderr: "wbill: error: this set-group-id install uses only databases in \(data); \(sandbox.file("other.db")) is not one\n")
        // Nor is a path that passes through the data directory.
        XCTAssertRun(try installed(["--db", sandbox.file("mine/../data/../other.db"), "meter-type", "list"]), status: 77,
                     stderr: "wbill: error: this set-group-id install uses only databases in \(data); \(sandbox.file("mine/../data/../other.db")) is not one\n")
        // WBILL_DB, XDG_DATA_HOME and WBILL_NOW are ignored: the data directory's database, the real clock.
        XCTAssertRun(try installed(["meter-type", "add", "Y", "--kind", "mechanical", "--payment-model", "postpaid", "--caliber", "15"],
                                   environment: ["WBILL_DB": sandbox.file("other.db"), "XDG_DATA_HOME": sandbox.file("mine"),
                                                 "WBILL_NOW": "2020-01-01T00:00:00Z"]),
                     status: 0, stdout: "added meter type 'Y'\n")
        let entry = try sandbox.sqlite(database, "SELECT operator, at < '2026-01-01', real_at IS NULL FROM audit_log WHERE entity = 'meter-type'")
        XCTAssertEqual(entry, "night|0|1\n")
        XCTAssertEqual(try sandbox.sqlite(sandbox.file("other.db"), "SELECT count(*) FROM sqlite_schema"), "1\n")
    }

    func testFilesAreReadAndWrittenWithTheUsersOwnRights() throws {
        // Into the data directory (the group's) or a directory only root may write: refused.
        XCTAssertRun(try installed(["meter-type", "list", "-o", data + "/list.csv"]), status: 73,
                     stderr: "wbill: error: cannot create \(data)/list.csv: permission denied\n")
        XCTAssertRun(try installed(["meter-type", "list", "-o", sandbox.file("roots/list.csv")]), status: 73,
                     stderr: "wbill: error: cannot create \(sandbox.file("roots/list.csv")): permission denied\n")
        XCTAssertRun(try installed(["db", "backup", data + "/copy.db"]), status: 73,
                     stderr: "wbill: error: cannot write backup \(data)/copy.db: permission denied\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: data).sorted(), ["wbill.db"])
        // Its own directory: written, and the file is the user's, not the group's.
        XCTAssertRun(try installed(["meter-type", "list", "-o", sandbox.file("mine/list.csv")]), status: 0)
        var info = stat()
        XCTAssertEqual(stat(sandbox.file("mine/list.csv"), &info), 0)
        XCTAssertEqual(info.st_uid, Self.nobody)
        XCTAssertEqual(info.st_gid, Self.nobody)
        // An input file the user cannot read is not read through wbill either.
        let run = try installed(["meter", "import", database])
        XCTAssertEqual(run.status, 66, "\(run)")
        XCTAssertTrue(run.stderr.contains("permission denied") || run.stderr.contains("Permission denied"), run.stderr)
    }
}
