@testable import WBillCLI
@testable import WaterBilling
import WBillTestSupport
import XCTest
@testable import WBillSupport

/// The runner: what it prints where, which exit status it returns, and the write transaction it
/// wraps around a writing command (data and audit entries commit together or not at all).
final class RunnerTests: XCTestCase {
    struct Refusal: ClassifiedError {
        var failureKind: FailureKind { .refused }
        var description: String { "the meter is in use" }
        var details: [String] { ["  detail one", "  detail two"] }
    }

    struct Unclassified: Error {}

    static let table = CommandTable(
        groups: [GroupSpec(["setting"], summary: "settings")],
        commands: [
            CommandSpec(["setting", "set"], summary: "set a setting",
                        arguments: [ArgumentSpec("KEY", help: "key"), ArgumentSpec("VALUE", help: "value")],
                        requirements: .writeDatabase, handler: { context in
                            let key = context.arguments.argument("KEY")!, value = context.arguments.argument("VALUE")!
                            try context.database.run("INSERT INTO settings (key, value) VALUES (?, ?)", [key, value])
                            try context.audit.record(entity: "setting", id: key, action: "create",
                                                     changes: [AuditChange("value", old: nil, new: value)])
                            if value == "refuse" { throw Refusal() }
                            return .message("set \(key)")
                        }),
            CommandSpec(["setting", "list"], summary: "list settings", requirements: .readDatabase, listOutput: true,
                        handler: { context in
                            var table = DataTable(columns: [Column("key"), Column("value")])
                            // Less the card secret every database is made with (random, and never shown).
                            for (key, value) in try context.database.query("SELECT key, value FROM settings WHERE key <> 'card_secret' ORDER BY key", [], {
                                ($0.text(0), $0.text(1))
                            }) {
                                table.append([.text(key), .text(value)])
                            }
                            return .table(table)
                        }),
            CommandSpec(["crash"], summary: "throw an error nobody classified", handler: { _ in throw Unclassified() }),
            CommandSpec(["talk"], summary: "print a message, then data", handler: { context in
                context.warn("careful")
                return .sequence([.message("hello"), .text("data\n")])
            }),
        ],
        globalOptions: GlobalOptions.rows,
        topics: [])

    var scratch: ScratchDirectory!
    var database: String { scratch.file("w.db") }

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
        _ = try DatabaseFile.create(at: database, context: AuditContext(operatorName: "tester", command: "wbill init",
                                                                       time: try Timestamp(parsing: "2026-11-23")))
    }

    override func tearDown() {
        scratch = nil
    }

    func run(_ arguments: String...) throws -> RunOutput {
        try runWbill(["--db", database] + arguments, table: Self.table,
                     environment: ["WBILL_OPERATOR": "ann", "WBILL_NOW": "2026-11-24T08:00:00.000Z"])
    }

    func auditCount() throws -> Int64? {
        try Database(path: database, mode: .readOnly).scalarInt("SELECT count(*) FROM audit_log WHERE entity = 'setting'")
    }

    func testAWritingCommandCommitsItsDataWithItsAuditEntry() throws {
        XCTAssertEqual(try run("setting", "set", "currency", "CNY"), RunOutput(status: 0, stdout: "set currency\n", stderr: ""))
        XCTAssertEqual(try run("setting", "list", "--format", "csv"),
                       RunOutput(status: 0, stdout: "key,value\r\ncurrency,CNY\r\n", stderr: ""))
        let entries = try AuditTrail.entries(in: try Database(path: database, mode: .readOnly), matching: AuditFilter(entity: "setting"))
        // WBILL_NOW set the time, so the entry keeps the real time too.
        XCTAssertNotNil(entries.first?.realAt)
        // After the database's creation and one entry per migration.
        XCTAssertEqual(entries.map { entry in var entry = entry; entry.realAt = nil; return entry }, [AuditEntry(
            id: Int64(Schema.migrations.count + 2), at: "2026-11-24T08:00:00.000Z", operatorName: "ann",
            command: "wbill --db \(database) setting set currency CNY", entity: "setting", entityID: "currency",
            action: "create", changes: #"{"value":{"old":null,"new":"CNY"}}"#)])
    }

    func testARefusedCommandLeavesNeitherDataNorAuditEntry() throws {
        XCTAssertEqual(try run("setting", "set", "mode", "refuse"), RunOutput(
            status: 1, stdout: "", stderr: "wbill: error: the meter is in use\n  detail one\n  detail two\n"))
        XCTAssertEqual(try run("setting", "list", "--format", "tsv"), RunOutput(status: 0, stdout: "key\tvalue\n", stderr: ""))
        XCTAssertEqual(try auditCount(), 0)
    }

    func testAConstraintViolationIsRefusedWithoutAStackTrace() throws {
        XCTAssertEqual(try run("setting", "set", "currency", "CNY").status, 0)
        XCTAssertEqual(try run("setting", "set", "currency", "USD"), RunOutput(
            status: 1, stdout: "", stderr: "wbill: error: database error: UNIQUE constraint failed: settings.key\n"))
        XCTAssertEqual(try auditCount(), 1)
    }

    func testAnUnclassifiedErrorIsAnInternalError() throws {
        XCTAssertEqual(try run("crash"), RunOutput(status: 70, stdout: "", stderr: """
            wbill: internal error: Unclassified()
            Please report this with the command line that caused it.

            """))
    }

    func testQuietDropsMessagesAndWarningsButNotData() throws {
        XCTAssertEqual(try run("talk"), RunOutput(status: 0, stdout: "hello\ndata\n", stderr: "wbill: warning: careful\n"))
        XCTAssertEqual(try run("talk", "-q"), RunOutput(status: 0, stdout: "data\n", stderr: ""))
    }

    func testVersionWinsOverTheCommandButNotOverHelp() throws {
        XCTAssertEqual(try run("crash", "--version"), RunOutput(status: 0, stdout: "wbill 0.1.0\n", stderr: ""))
        XCTAssertEqual(try run("--version", "--help").stdout, HelpRenderer(table: Self.table).topLevel())
    }
}
