import Foundation
import XCTest

/// Names are printable: control characters and bidirectional overrides are refused where names come
/// in, and whatever an older database holds is escaped where it is shown, so a forged newline or
/// escape sequence never reaches the terminal raw.
final class SafeNamesEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    func testAForgedNameInTheDatabaseIsEscapedInTablesRecordsAndMessages() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000001")
        // Old data, written before names were checked (as sqlite3 would write it).
        try sandbox.sqlite(sandbox.defaultDatabase, """
            UPDATE customers SET name = 'Wang' || char(27) || '[2J' || char(10) || 'Total: 0.00' || char(8238) || 'gnaW';
            INSERT INTO audit_log (at, operator, command, entity, entity_id, action, changes) VALUES
            ('2026-11-24T08:00:00.000Z', 'mallory' || char(27) || '[31m', 'wbill x' || char(13) || 'y', 'meter', 'WM-1' || char(7),
             'create', '{}');
            """)
        let shown = try sandbox.wbill("customer", "show", account)
        XCTAssertEqual(shown.status, 0, "\(shown)")
        let nameLine = shown.stdout.split(separator: "\n").first { $0.hasPrefix("Name:") }
        XCTAssertEqual(nameLine.map(String.init), #"Name:           Wang\x1B[2J"#)
        XCTAssertTrue(shown.stdout.contains("                Total: 0.00\\u{202E}gnaW\n"), shown.stdout)
        XCTAssertFalse(shown.stdout.contains("\u{1B}"), shown.stdout)
        XCTAssertFalse(shown.stdout.contains("\u{202E}"), shown.stdout)

        let id = try sandbox.sqlite(sandbox.defaultDatabase, "SELECT max(id) FROM audit_log").trimmingCharacters(in: .whitespacesAndNewlines)
        let listed = try sandbox.wbill("audit", "list", "--since", "2026-11-24", "--until", "2026-11-25")
        XCTAssertRun(listed, status: 0, stdout: #"""
            \#(String(repeating: " ", count: id.count - 2))ID  AT                        OPERATOR         FOR  ACTION  ENTITY  KEY       CHANGES  COMMAND
            \#(id)  2026-11-24T08:00:00.000Z  mallory\x1B[31m       create  meter   WM-1\x07  {}       wbill x⏎y

            """#)
        let customers = try sandbox.wbill("customer", "list")
        XCTAssertEqual(customers.status, 0)
        XCTAssertTrue(customers.stdout.contains(#"Wang\x1B[2J⏎Total: 0.00\u{202E}gnaW"#), customers.stdout)
        XCTAssertFalse(customers.stdout.contains("\u{1B}"), customers.stdout)
    }

    func testAnOperatorNameWithAnEscapeIsRefusedAndEchoedEscaped() throws {
        XCTAssertRun(try sandbox.wbill("--operator", "x\u{1B}[2J", "meter-type", "list"), status: 64, stderr: """
            wbill: error: invalid value 'x\\x1B[2J' for --operator: expected 1 to 64 printable characters

            """)
        XCTAssertRun(try sandbox.wbill(["meter-type", "list"], environment: ["WBILL_OPERATOR": "a\nb"]), status: 64, stderr: """
            wbill: error: invalid value 'a\\nb' in WBILL_OPERATOR: expected 1 to 64 printable characters

            """)
        XCTAssertRun(try sandbox.wbill("--operator", String(repeating: "x", count: 65), "meter-type", "list"), status: 64, stderr: """
            wbill: error: invalid value '\(String(repeating: "x", count: 60))…' for --operator: expected 1 to 64 printable characters

            """)
    }

    func testNamesRefuseControlCharactersAndBidiOverrides() throws {
        XCTAssertRun(try sandbox.wbill("dept", "add", "Counter\u{202E}1"), status: 65, stderr: """
            wbill: error: invalid department name 'Counter\\u{202E}1': expected 1 to 64 printable characters

            """)
        XCTAssertRun(try sandbox.wbill("role", "add", "a\u{1B}b"), status: 65, stderr: """
            wbill: error: invalid role name 'a\\x1Bb': expected 1 to 64 printable characters

            """)
        XCTAssertRun(try sandbox.wbill("operator", "add", "boss\u{2066}", "--role", "admin", "--login", "boss"), status: 65, stderr: """
            wbill: error: invalid operator name 'boss\\u{2066}': expected 1 to 64 printable characters

            """)
        XCTAssertRun(try sandbox.wbill("operator", "add", "boss", "--role", "admin", "--login", "Boss;rm"), status: 65, stderr: """
            wbill: error: invalid login 'Boss;rm': expected a Unix login name: a lower-case letter or '_', then letters, digits, '_', '-' or '.', at most 32

            """)
        let customer = try sandbox.wbill("customer", "open", "--type", "Residential", "--name", "Wang\u{202E}Fang",
                                         "--id-number", "110101199003071234", "--phone", "13800138000", "--address", "x",
                                         "--persons", "3", "--meter", "WM-000001")
        XCTAssertEqual(customer.status, 65, "\(customer)")
        XCTAssertFalse(customer.stderr.contains("\u{202E}"), customer.stderr)
        XCTAssertTrue(customer.stderr.contains(#"Wang\u{202E}Fang"#), customer.stderr)
    }
}
