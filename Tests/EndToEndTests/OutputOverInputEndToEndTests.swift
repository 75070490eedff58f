#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// An output file that is one of the command's inputs (an input file, standard input's file, or the
/// database) is refused before anything is written, whatever name reaches it: the same path, `./`,
/// a symbolic or a hard link.
final class OutputOverInputEndToEndTests: SandboxTestCase {
    override class var start: Start { .initialised }

    static let input = "serial,type\nA1,Nope\n"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try sandbox.write(Self.input, to: "in.csv")
        XCTAssertEqual(symlink("in.csv", sandbox.file("link.csv")), 0)
        XCTAssertEqual(link(sandbox.file("in.csv"), sandbox.file("hard.csv")), 0)
        try sandbox.directory.makeDirectory("sub")
    }

    func databaseState() throws -> String {
        try sandbox.sqlite(sandbox.defaultDatabase, "SELECT count(*) FROM meter_imports; SELECT count(*), max(id) FROM audit_log;")
    }

    func testARejectsFileThatIsTheInputIsRefused() throws {
        let before = try databaseState()
        for (input, rejects) in [("in.csv", "in.csv"), ("in.csv", "./in.csv"), ("./in.csv", "in.csv"),
                                 ("in.csv", "link.csv"), ("link.csv", "in.csv"), ("in.csv", "hard.csv"),
                                 ("in.csv", "sub/../in.csv"), ("in.csv", sandbox.file("in.csv"))] {
            XCTAssertRun(try sandbox.wbill("meter", "import", input, "--skip-invalid", "--rejects", rejects), status: 64,
                         stderr: "wbill: error: --rejects \(rejects) is the input file \(input); choose another file\n")
            XCTAssertEqual(try String(contentsOfFile: sandbox.file("in.csv"), encoding: .utf8), Self.input)
        }
        XCTAssertEqual(try databaseState(), before)
        // Another file is fine.
        let result = try sandbox.wbill("meter", "import", "in.csv", "--skip-invalid", "--rejects", "sub/rejects.csv", "--quiet")
        XCTAssertEqual(result.status, 0, "\(result)")
    }

    func testARejectsFileThatIsStandardInputsFileIsRefused() throws {
        let before = try databaseState()
        let result = try sandbox.run(["bash", "-c", "exec \"$0\" meter import - --skip-invalid --rejects link.csv < in.csv",
                                      ProgramRunner.wbillPath])
        XCTAssertRun(result, status: 64,
                     stderr: "wbill: error: --rejects link.csv is the input file - (standard input); choose another file\n")
        XCTAssertEqual(try String(contentsOfFile: sandbox.file("in.csv"), encoding: .utf8), Self.input)
        XCTAssertEqual(try databaseState(), before)
    }

    func testARejectsFileThatIsTheDatabaseIsRefused() throws {
        let database = sandbox.defaultDatabase
        let before = FileManager.default.contents(atPath: database)
        let state = try databaseState()
        XCTAssertEqual(symlink(database, sandbox.file("db-link")), 0)
        for rejects in [database, "db-link"] {
            XCTAssertRun(try sandbox.wbill("meter", "import", "in.csv", "--skip-invalid", "--rejects", rejects), status: 64,
                         stderr: "wbill: error: --rejects \(rejects) is the database itself; choose another file\n")
        }
        // The database named through a link, the rejects file by its real path.
        XCTAssertRun(try sandbox.wbill("meter", "import", "in.csv", "--skip-invalid", "--rejects", database, "--db", "db-link"),
                     status: 64, stderr: "wbill: error: --rejects \(database) is the database itself; choose another file\n")
        XCTAssertEqual(FileManager.default.contents(atPath: database), before)
        XCTAssertEqual(try databaseState(), state)
    }
}
