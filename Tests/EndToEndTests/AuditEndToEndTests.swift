import XCTest

/// `wbill audit list`: its filters and the four output formats.
final class AuditEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }
    /// Its entries are inserted with the sqlite3 shell, unchained.
    override class var verifiesTheAuditChain: Bool { false }

    /// The entries `wbill --operator alice init` writes at `Sandbox.now`: 1 to `n`.
    var initTrail: [AuditRow] { Expected.initTrail(database: sandbox.defaultDatabase, operatorName: "alice",
                                                   command: "wbill --operator alice init") }
    /// How many entries `init` wrote; the four inserted below are `n + 1` to `n + 4`.
    let n = Expected.initTrailCount

    /// After `setUp`, the audit trail holds entries 1…n from `wbill --operator alice init` at
    /// `Sandbox.now` and entries n+1…n+4 below.
    override func setUpWithError() throws {
        try super.setUpWithError()
        XCTAssertEqual(try sandbox.wbill("--operator", "alice", "init").status, 0)
        // Entries as later commands will write them (the trail is append-only, inserts are allowed).
        try sandbox.sqlite(sandbox.defaultDatabase, #"""
            INSERT INTO audit_log (at, operator, command, entity, entity_id, action, changes) VALUES
            ('2026-11-24T08:00:00.000Z', 'bob', 'wbill meter create WM-1 --note ''a, "b"''', 'meter', 'WM-1',
             'create', '{"state":{"old":null,"new":"in-stock"}}'),
            ('2026-11-25T12:00:00.000Z', '王小明主管', 'wbill account update A-7 --note ''first' || char(10) || 'second''',
             'account', 'A-7', 'update', '{"note":{"old":"","new":"first\nsecond"}}'),
            ('2026-11-26T00:00:00.000Z', 'alice', 'wbill settings set currency CNY', 'settings', NULL,
             'update', '{"currency":{"old":null,"new":"CNY"}}'),
            ('2026-11-27T16:45:30.250Z', 'alice', 'wbill meter retire WM-2', 'meter', 'WM-2', 'retire', '{}');
            """#)
    }

    /// The ids `audit list` prints (TSV) for `filters`.
    func ids(_ filters: String...) throws -> [Int] {
        let result = try sandbox.wbill(["audit", "list", "--format", "tsv"] + filters)
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(result.stderr, "")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "id\tat\toperator\ton_behalf_of\taction\tentity\tentity_id\tchanges\tcommand")
        XCTAssertEqual(lines.last, "")
        return lines.dropFirst().dropLast().map { Int($0.prefix { $0 != "\t" })! }
    }

    // MARK: filters

    func testWithoutFiltersEverythingOldestFirst() throws {
        XCTAssertEqual(try ids(), Array(1...n + 4))
        // What `init` wrote, exactly: the database, each migration step, the currency.
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format", "tsv", "--until", "2026-11-24"), status: 0,
                     stdout: Expected.auditTSV(initTrail))
        XCTAssertEqual(try ids("--entity", "schema"), Array(2...n - 1))
    }

    func testFilterByEntityAndKey() throws {
        XCTAssertEqual(try ids("--entity", "meter"), [n + 1, n + 4])
        XCTAssertEqual(try ids("--entity", "meter", "--id", "WM-1"), [n + 1])
        XCTAssertEqual(try ids("--id", "A-7"), [n + 2])
        XCTAssertEqual(try ids("--entity", "setting", "--id", "currency"), [n])
        XCTAssertEqual(try ids("--entity", "tariff"), [])
    }

    func testFilterByOperator() throws {
        XCTAssertEqual(try ids("--by", "alice"), Array(1...n) + [n + 3, n + 4])
        XCTAssertEqual(try ids("--by", "王小明主管"), [n + 2])
        XCTAssertEqual(try ids("--by", "Alice"), [])
        XCTAssertEqual(try ids("--by", "alice", "--entity", "meter"), [n + 4])
    }

    func testFilterByTime() throws {
        // --since is inclusive, --until exclusive; a date means its midnight UTC.
        XCTAssertEqual(try ids("--since", "2026-11-24"), [n + 1, n + 2, n + 3, n + 4])
        XCTAssertEqual(try ids("--since", "2026-11-24T08:00:00Z"), [n + 1, n + 2, n + 3, n + 4])
        XCTAssertEqual(try ids("--since", "2026-11-24T08:00:00.001Z"), [n + 2, n + 3, n + 4])
        XCTAssertEqual(try ids("--until", "2026-11-24T08:00:00.000Z"), Array(1...n))
        XCTAssertEqual(try ids("--until", "2026-11-26"), Array(1...n + 2))
        XCTAssertEqual(try ids("--since", "2026-11-25", "--until", "2026-11-27"), [n + 2, n + 3])
        XCTAssertEqual(try ids("--since", "2026-11-27T16:45:30.250Z"), [n + 4])
        XCTAssertEqual(try ids("--since", Sandbox.now, "--until", "2026-11-23T09:30:00.001Z"), Array(1...n))
    }

    func testLimitKeepsTheNewestOldestFirst() throws {
        XCTAssertEqual(try ids("--limit", "2"), [n + 3, n + 4])
        XCTAssertEqual(try ids("--limit", "1", "--by", "bob"), [n + 1])
        XCTAssertEqual(try ids("--limit", "1", "--entity", "schema"), [n - 1])
        XCTAssertEqual(try ids("--limit", "100"), Array(1...n + 4))
        XCTAssertRun(try sandbox.wbill("audit", "list", "--limit", "0"), status: 64, stderr: """
            wbill: error: invalid value '0' for --limit: expected 1 or more
            Run 'wbill audit list --help' for usage.

            """)
    }

    // MARK: formats

    func testTableAlignsByDisplayWidth() throws {
        // 王小明主管 is five characters but ten columns wide; the next column starts after it.
        // IDs are right-aligned under their header.
        let width = max(2, String(n + 2).count)
        func id(_ value: Int) -> String { String(repeating: " ", count: width - String(value).count) + String(value) }
        let header = String(repeating: " ", count: width - 2) + "ID"
        XCTAssertRun(try sandbox.wbill("audit", "list", "--since", "2026-11-24", "--until", "2026-11-26"), status: 0, stdout: """
            \(header)  AT                        OPERATOR    FOR  ACTION  ENTITY   KEY   CHANGES                                    COMMAND
            \(id(n + 1))  2026-11-24T08:00:00.000Z  bob              create  meter    WM-1  {"state":{"old":null,"new":"in-stock"}}    wbill meter create WM-1 --note 'a, "b"'
            \(id(n + 2))  2026-11-25T12:00:00.000Z  王小明主管       update  account  A-7   {"note":{"old":"","new":"first\\nsecond"}}  wbill account update A-7 --note 'first⏎second'

            """)
    }

    func testTableOfNothingIsTheHeader() throws {
        XCTAssertRun(try sandbox.wbill("audit", "list", "--by", "nobody"), status: 0,
                     stdout: "ID  AT  OPERATOR  FOR  ACTION  ENTITY  KEY  CHANGES  COMMAND\n")
    }

    func testCSVFollowsRFC4180() throws {
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format", "csv", "--since", "2026-11-24", "--until", "2026-11-27"),
                     status: 0, stdout: [
                        "id,at,operator,on_behalf_of,action,entity,entity_id,changes,command",
                        #"\#(n + 1),2026-11-24T08:00:00.000Z,bob,,create,meter,WM-1,"{""state"":{""old"":null,""new"":""in-stock""}}","wbill meter create WM-1 --note 'a, ""b""'""#,
                        #"\#(n + 2),2026-11-25T12:00:00.000Z,王小明主管,,update,account,A-7,"{""note"":{""old"":"""",""new"":""first\nsecond""}}","wbill account update A-7 --note 'first"#
                            + "\n" + #"second'""#,
                        #"\#(n + 3),2026-11-26T00:00:00.000Z,alice,,update,settings,,"{""currency"":{""old"":null,""new"":""CNY""}}",wbill settings set currency CNY"#,
                        "",
                     ].joined(separator: "\r\n"))
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format", "csv", "--by", "nobody"), status: 0,
                     stdout: "id,at,operator,on_behalf_of,action,entity,entity_id,changes,command\r\n")
    }

    func testTSVEscapesTabsNewlinesAndBackslashes() throws {
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format", "tsv", "--since", "2026-11-24", "--until", "2026-11-27"),
                     status: 0, stdout: #"""
            id	at	operator	on_behalf_of	action	entity	entity_id	changes	command
            \#(n + 1)	2026-11-24T08:00:00.000Z	bob		create	meter	WM-1	{"state":{"old":null,"new":"in-stock"}}	wbill meter create WM-1 --note 'a, "b"'
            \#(n + 2)	2026-11-25T12:00:00.000Z	王小明主管		update	account	A-7	{"note":{"old":"","new":"first\\nsecond"}}	wbill account update A-7 --note 'first\nsecond'
            \#(n + 3)	2026-11-26T00:00:00.000Z	alice		update	settings		{"currency":{"old":null,"new":"CNY"}}	wbill settings set currency CNY

            """#)
    }

    func testJSONIsOneDocumentWithFixedKeys() throws {
        let result = try sandbox.wbill("audit", "list", "--format", "json")
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertEqual(result.stderr, "")
        let array = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(array.count, n + 4)
        for entry in array {
            XCTAssertEqual(entry.keys.sorted(), ["action", "at", "changes", "command", "entity", "entity_id", "id", "on_behalf_of", "operator"])
        }
        let expected: [(Int, String, String, String, String, String?, String, String)] = initTrail.map {
            ($0.id, $0.at, $0.operatorName, $0.action, $0.entity, $0.entityID, $0.changes, $0.command)
        } + [
            (n + 1, "2026-11-24T08:00:00.000Z", "bob", "create", "meter", "WM-1", #"{"state":{"old":null,"new":"in-stock"}}"#,
             #"wbill meter create WM-1 --note 'a, "b"'"#),
            (n + 2, "2026-11-25T12:00:00.000Z", "王小明主管", "update", "account", "A-7", #"{"note":{"old":"","new":"first\nsecond"}}"#,
             "wbill account update A-7 --note 'first\nsecond'"),
            (n + 3, "2026-11-26T00:00:00.000Z", "alice", "update", "settings", nil, #"{"currency":{"old":null,"new":"CNY"}}"#,
             "wbill settings set currency CNY"),
            (n + 4, "2026-11-27T16:45:30.250Z", "alice", "retire", "meter", "WM-2", "{}", "wbill meter retire WM-2"),
        ]
        XCTAssertEqual(expected.map(\.0), Array(1...n + 4))
        for (entry, row) in zip(array, expected) {
            XCTAssertEqual(entry["id"] as? Int, row.0)
            XCTAssertEqual(entry["at"] as? String, row.1)
            XCTAssertEqual(entry["operator"] as? String, row.2)
            XCTAssertEqual(entry["action"] as? String, row.3)
            XCTAssertEqual(entry["entity"] as? String, row.4)
            if let key = row.5 {
                XCTAssertEqual(entry["entity_id"] as? String, key)
            } else {
                XCTAssertTrue(entry["entity_id"] is NSNull, "entity_id of \(row.0) should be null")
            }
            XCTAssertEqual(entry["changes"] as? String, row.6)
            XCTAssertEqual(entry["command"] as? String, row.7)
        }
        // The keys come out in the column order, one document, one trailing newline.
        XCTAssertTrue(result.stdout.hasPrefix("[\n  {\n    \"id\": 1,\n    \"at\": "), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("\n  }\n]\n"))
        XCTAssertRun(try sandbox.wbill("audit", "list", "--format", "json", "--by", "nobody"), status: 0, stdout: "[]\n")
    }

    func testTheTrailRefusesChangesToItsRows() throws {
        let result = try sandbox.run(["sqlite3", sandbox.defaultDatabase, "UPDATE audit_log SET operator = 'mallory' WHERE id = \(n + 1)"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("the audit log is append-only"), result.stderr)
        XCTAssertEqual(try ids("--by", "bob"), [n + 1])
    }
}
