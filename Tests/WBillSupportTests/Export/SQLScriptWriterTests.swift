import Foundation
import WBillTestSupport
import XCTest
@testable import WBillSupport

/// `SQLScriptWriter`: scripts that the dialect's own database loads (SQLite's and PostgreSQL's,
/// run for real), and the exact text of the two whose servers are not here.
final class SQLScriptWriterTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    let columns = [
        SQLColumn("account", .text, nullable: false),
        SQLColumn("name", .text),
        SQLColumn("volume", .decimal(precision: 18, scale: 3)),
        SQLColumn("amount", .decimal(precision: 18, scale: 2)),
        SQLColumn("entries", .integer),
        SQLColumn("read_on", .date),
        SQLColumn("recorded_at", .timestamp),
        SQLColumn("prepaid", .boolean),
    ]

    func rows(_ count: Int) -> [[SQLScriptValue]] {
        (1...count).map(row)
    }

    func row(_ index: Int) -> [SQLScriptValue] {
        let number = Int64(index)
        let name: SQLScriptValue = index == 2 ? .null : .text(index == 1 ? "O'Brien \"水\" [x]" : "张三 \(index)")
        let day = CivilDate(year: 2026, month: 10, day: 1 + index % 28)!
        var values: [SQLScriptValue] = [.text(String(format: "AC%08d", index)), name]
        values += [.decimal(unscaled: number * 1_001, scale: 3), .decimal(unscaled: -number * 5, scale: 2), .integer(number)]
        values += [.date(day), .timestamp("2026-11-30 23:59:0\(index % 10)"), .boolean(index % 2 == 0)]
        return values
    }

    func write(_ dialect: SQLDialect, rows count: Int) throws -> String {
        let path = scratch.file("\(dialect.rawValue)-\(count).sql")
        let file = try AtomicFile(path: path)
        let writer = try SQLScriptWriter(file: file, dialect: dialect, table: "export", columns: columns)
        for row in rows(count) { try writer.append(row) }
        try writer.finish()
        try file.commit()
        return path
    }

    func testSQLiteLoadsTheScriptWithEveryValueExact() throws {
        let path = try write(.sqlite, rows: 1_203)
        let result = try ExternalProgram.run("/usr/bin/sqlite3", [":memory:", ".read \(path)",
            "SELECT count(*), sum(entries), printf('%.2f', sum(amount)) FROM export",
            "SELECT account, quote(name), volume, amount, read_on, recorded_at, prepaid FROM export WHERE entries IN (1, 2, 1203)"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            1203|724206|-36210.30
            AC00000001|'O''Brien "水" [x]'|1.001|-0.05|2026-10-02|2026-11-30 23:59:01|0
            AC00000002|NULL|2.002|-0.1|2026-10-03|2026-11-30 23:59:02|1
            AC00001203|'张三 1203'|1204.203|-60.15|2026-10-28|2026-11-30 23:59:03|0

            """)
    }

    func testPostgreSQLLoadsTheScriptWithEveryValueExact() throws {
        let path = try write(.postgres, rows: 1_203)
        chmod(scratch.path, 0o755)
        chmod(path, 0o644)
        let server = try PostgresServer(in: scratch)
        let load = try server.psql(["-f", path])
        XCTAssertEqual(load.status, 0, load.stderr)
        let query = try server.psql(["-At", "-c", """
            SELECT count(*), sum(entries), sum(amount) FROM export;
            SELECT account, coalesce(name, 'NULL'), volume, amount, read_on, recorded_at, prepaid FROM export WHERE entries IN (1, 2, 1203) ORDER BY entries;
            SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'export'::regclass AND attnum > 0 ORDER BY attnum;
            """])
        XCTAssertEqual(query.status, 0, query.stderr)
        XCTAssertEqual(query.stdout, """
            1203|724206|-36210.30
            AC00000001|O'Brien "水" [x]|1.001|-0.05|2026-10-02|2026-11-30 23:59:01|f
            AC00000002|NULL|2.002|-0.10|2026-10-03|2026-11-30 23:59:02|t
            AC00001203|张三 1203|1204.203|-60.15|2026-10-28|2026-11-30 23:59:03|f
            text
            text
            numeric(18,3)
            numeric(18,2)
            bigint
            date
            timestamp without time zone
            boolean

            """)
    }

    func testSQLServerAndOracleScriptsQuoteTypeAndBatchAsTheirDatabasesDo() throws {
        let sqlserver = try String(contentsOfFile: try write(.sqlserver, rows: 2), encoding: .utf8)
        XCTAssertEqual(sqlserver, """
            CREATE TABLE [export] (
              [account] NVARCHAR(MAX) NOT NULL,
              [name] NVARCHAR(MAX),
              [volume] DECIMAL(18, 3),
              [amount] DECIMAL(18, 2),
              [entries] BIGINT,
              [read_on] DATE,
              [recorded_at] DATETIME2(0),
              [prepaid] BIT
            );
            SET NOCOUNT ON;
            BEGIN TRANSACTION;
            INSERT INTO [export] ([account], [name], [volume], [amount], [entries], [read_on], [recorded_at], [prepaid]) VALUES
              (N'AC00000001', N'O''Brien "水" [x]', 1.001, -0.05, 1, '2026-10-02', '2026-11-30T23:59:01', 0),
              (N'AC00000002', NULL, 2.002, -0.10, 2, '2026-10-03', '2026-11-30T23:59:02', 1);
            COMMIT TRANSACTION;

            """)
        let oracle = try String(contentsOfFile: try write(.oracle, rows: 2), encoding: .utf8)
        XCTAssertEqual(oracle, """
            CREATE TABLE "export" (
              "account" NVARCHAR2(2000) NOT NULL,
              "name" NVARCHAR2(2000),
              "volume" NUMBER(18, 3),
              "amount" NUMBER(18, 2),
              "entries" NUMBER(19),
              "read_on" DATE,
              "recorded_at" TIMESTAMP(0),
              "prepaid" NUMBER(1)
            );
            INSERT INTO "export" ("account", "name", "volume", "amount", "entries", "read_on", "recorded_at", "prepaid") VALUES
              ('AC00000001', 'O''Brien "水" [x]', 1.001, -0.05, 1, DATE '2026-10-02', TIMESTAMP '2026-11-30 23:59:01', 0);
            INSERT INTO "export" ("account", "name", "volume", "amount", "entries", "read_on", "recorded_at", "prepaid") VALUES
              ('AC00000002', NULL, 2.002, -0.10, 2, DATE '2026-10-03', TIMESTAMP '2026-11-30 23:59:02', 1);
            COMMIT;

            """)
    }
}
