#if canImport(Glibc)
import Glibc
#endif
import WBillTestSupport
import XCTest

/// `wbill export TABLE --format sql`: every table's script loaded into a real SQLite (the sqlite3
/// shell) and a real PostgreSQL, its row counts and sums compared with the database's own; the
/// SQL Server and Oracle scripts compared as text.
final class ExportSQLEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    override func setUpWithError() throws {
        try super.setUpWithError()
        sandbox = try Sandbox.withExportFixture()
    }

    /// Per table: the figures of the exported table, and the same figures of the source tables.
    static let checks: [(table: String, exported: String, source: String)] = [
        ("meters", "SELECT count(*), sum(caliber), count(account), sum(initial) FROM meters",
         "SELECT count(*), sum(caliber), (SELECT count(*) FROM account_meters WHERE removed_at IS NULL), printf('%.3f', sum(initial_reading) / 1000.0) FROM meters"),
        ("customers", "SELECT count(*), sum(persons), min(name) FROM customers",
         "SELECT count(*), sum(persons), min(name) FROM customers"),
        ("accounts", "SELECT count(*), sum(balance) FROM accounts",
         "SELECT count(*), printf('%.2f', (SELECT sum(amount) FROM ledger_entries) / 100.0) FROM accounts"),
        ("readings", "SELECT count(*), sum(value), min(at) FROM readings",
         "SELECT count(*), printf('%.3f', sum(value) / 1000.0), substr(replace(min(at), 'T', ' '), 1, 19) FROM meter_readings"),
        ("bills", "SELECT count(*), sum(volume), sum(total), sum(paid), max(due) FROM bills",
         "SELECT count(*), printf('%.3f', sum(volume) / 1000.0), printf('%.2f', sum(total) / 100.0), printf('%.2f', sum(paid_amount) / 100.0), max(due_date) FROM bills"),
        ("transactions", "SELECT count(*), sum(amount), count(channel) FROM transactions",
         "SELECT count(*), printf('%.2f', sum(amount) / 100.0), count(channel) FROM ledger_entries"),
        ("alarms", "SELECT count(*), sum(value), sum(threshold) FROM alarms",
         "SELECT count(*), printf('%.2f', sum(value) / 100.0), printf('%.2f', sum(threshold) / 100.0) FROM alarms"),
    ]

    /// The source's figures, one line per table.
    func sourceFigures() throws -> String {
        try Self.checks.map { try sandbox.sql($0.source) }.joined()
    }

    func testSQLiteScriptsLoadIntoSQLiteWithTheSameCountsAndSums() throws {
        let loaded = sandbox.file("loaded.db")
        for check in Self.checks {
            XCTAssertRun(try sandbox.wbill("export", check.table, "-o", "\(check.table).sql", "--dialect", "sqlite"), status: 0)
            try sandbox.sqlite(loaded, ".read \(sandbox.file("\(check.table).sql"))")
        }
        // SQLite keeps a NUMERIC's value as a number (1.50 reads 1.5): printf shows the places.
        let figures = try Self.checks.map { check -> String in
            let places = ["meters": "%.3f", "readings": "%.3f"][check.table] ?? "%.2f"
            let query = check.exported.replacingOccurrences(of: #"sum\((initial|balance|value|volume|total|paid|amount|threshold)\)"#,
                                                            with: "printf('PLACES', sum($1))", options: .regularExpression)
            let bills = query.replacingOccurrences(of: "printf('PLACES', sum(volume))", with: "printf('%.3f', sum(volume))")
            return try sandbox.sqlite(loaded, bills.replacingOccurrences(of: "PLACES", with: places))
        }.joined()
        XCTAssertEqual(figures, try sourceFigures())
        XCTAssertEqual(figures, """
            10|180|2|3.750
            2|6|Li Lei
            2|-51.88
            2|12.500|2026-11-25 10:00:00
            1|9.000|61.72|0.00|2026-12-20
            4|-51.88|2
            1|9.84|10.00

            """)
        // Piped, as a person would: the script on standard output.
        let piped = try sandbox.run(["sh", "-c", "\"$0\" export customers --format sql | sqlite3 piped.db && sqlite3 piped.db 'SELECT name FROM customers'",
                                     ProgramRunner.wbillPath])
        XCTAssertRun(piped, status: 0, stdout: "王芳\nLi Lei\n")
    }

    func testPostgresScriptsLoadIntoPostgreSQLWithTheSameCountsAndSums() throws {
        chmod(sandbox.path, 0o755)
        for check in Self.checks {
            XCTAssertRun(try sandbox.wbill("export", check.table, "-o", "\(check.table).sql", "--dialect", "postgres"), status: 0)
            chmod(sandbox.file("\(check.table).sql"), 0o644)
        }
        let scratch = try ScratchDirectory(prefix: "wbill-export-postgres")
        defer { withExtendedLifetime(scratch) {} }
        let server = try PostgresServer(in: scratch)
        for check in Self.checks {
            let load = try server.psql(["-f", sandbox.file("\(check.table).sql")])
            XCTAssertEqual(load.status, 0, "\(check.table): \(load.stderr)")
        }
        let query = try server.psql(["-At", "-c", Self.checks.map { $0.exported + ";" }.joined(separator: "\n")])
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertEqual(query.stdout, try sourceFigures())
        let types = try server.psql(["-At", "-c", """
            SELECT string_agg(format_type(atttypid, atttypmod), ', ' ORDER BY attnum) FROM pg_attribute
            WHERE attrelid = 'bills'::regclass AND attnum > 0
            """])
        XCTAssertEqual(types.stdout, "text, text, text, text, date, date, text, numeric(18,3), numeric(18,2), numeric(18,2), text, date, date, "
            + "timestamp without time zone\n")
    }

    func testSQLServerAndOracleScriptsAsText() throws {
        XCTAssertRun(try sandbox.wbill("export", "bills", "--format", "sql", "--dialect", "sqlserver"), status: 0, stdout: """
            CREATE TABLE [bills] (
              [number] NVARCHAR(MAX) NOT NULL,
              [account] NVARCHAR(MAX) NOT NULL,
              [name] NVARCHAR(MAX) NOT NULL,
              [period] NVARCHAR(MAX) NOT NULL,
              [from_date] DATE NOT NULL,
              [to_date] DATE NOT NULL,
              [tariff] NVARCHAR(MAX) NOT NULL,
              [volume] DECIMAL(18, 3) NOT NULL,
              [total] DECIMAL(18, 2) NOT NULL,
              [paid] DECIMAL(18, 2) NOT NULL,
              [status] NVARCHAR(MAX) NOT NULL,
              [issued] DATE NOT NULL,
              [due] DATE NOT NULL,
              [cancelled] DATETIME2(0)
            );
            SET NOCOUNT ON;
            BEGIN TRANSACTION;
            INSERT INTO [bills] ([number], [account], [name], [period], [from_date], [to_date], [tariff], [volume], [total], [paid], [status], [issued], [due], [cancelled]) VALUES
              (N'B00000001', N'AC00000002', N'Li Lei', N'2026-11', '2026-11-01', '2026-11-30', N'residential-annual', 9.000, 61.72, 0.00, N'open', '2026-12-05', '2026-12-20', NULL);
            COMMIT TRANSACTION;

            """)
        XCTAssertRun(try sandbox.wbill("export", "alarms", "--format", "sql", "--dialect", "oracle"), status: 0, stdout: """
            CREATE TABLE "alarms" (
              "id" NUMBER(19) NOT NULL,
              "kind" NVARCHAR2(2000) NOT NULL,
              "account" NVARCHAR2(2000),
              "meter" NVARCHAR2(2000),
              "value" NUMBER(18, 2),
              "threshold" NUMBER(18, 2),
              "unit" NVARCHAR2(2000),
              "cause" NVARCHAR2(2000),
              "state" NVARCHAR2(2000) NOT NULL,
              "raised" TIMESTAMP(0) NOT NULL,
              "raised_by" NVARCHAR2(2000) NOT NULL,
              "ack_at" TIMESTAMP(0),
              "ack_by" NVARCHAR2(2000),
              "closed" TIMESTAMP(0),
              "closed_by" NVARCHAR2(2000)
            );
            INSERT INTO "alarms" ("id", "kind", "account", "meter", "value", "threshold", "unit", "cause", "state", "raised", "raised_by", "ack_at", "ack_by", "closed", "closed_by") VALUES
              (1, 'low-balance', 'AC00000001', NULL, 9.84, 10.00, 'CNY', 'refund receipt 3', 'open', TIMESTAMP '2026-11-26 08:00:00', 'clerk', NULL, NULL, NULL, NULL);
            COMMIT;

            """)
    }
}
