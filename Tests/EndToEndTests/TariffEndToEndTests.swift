import Foundation
import WaterBilling
import XCTest
import WBillSupport

/// `wbill tariff …` run as the real binary: exact stdout, stderr and exit status.
final class TariffEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    private var directory: URL { URL(fileURLWithPath: sandbox.path) }
    private var databasePath: String { sandbox.file("wbill.db") }
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private var examples: String { root.appendingPathComponent("examples/tariffs").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        try expect(["init"], stdout: "created wbill database \(databasePath) (schema version \(Schema.latestVersion), currency CNY)\n")
    }

    // MARK: - The published quotes

    func testPublishedAnnualQuotes() throws {
        try expect(["tariff", "add", "--file", "\(examples)/residential-annual.toml"],
                   stdout: "added tariff 'residential-annual' (postpaid, CNY): version 1 prices any day\n")
        try expect(["tariff", "quote", "residential-annual", "--volume", "300"], stdout: """
            TARIFF              LINE    COMPONENT  TIER  FROM        TO          VERSION  SEASON   VOLUME  RATE   AMOUNT
            residential-annual  volume  water      1     2026-01-01  2026-12-31        1          180.000  2.07   372.60
            residential-annual  volume  water      2     2026-01-01  2026-12-31        1           80.000  4.07   325.60
            residential-annual  volume  water      3     2026-01-01  2026-12-31        1           40.000  6.07   242.80
            residential-annual  volume  resource         2026-01-01  2026-12-31        1          300.000  1.57   471.00
            residential-annual  volume  sewage           2026-01-01  2026-12-31        1          300.000  1.36   408.00
            residential-annual  total                                                                            1820.00

            """)
        try expect(["tariff", "quote", "residential-annual", "--volume", "300", "--persons", "7"], stdout: """
            TARIFF              LINE    COMPONENT  TIER  FROM        TO          VERSION  SEASON   VOLUME  RATE   AMOUNT
            residential-annual  volume  water      1     2026-01-01  2026-12-31        1          240.000  2.07   496.80
            residential-annual  volume  water      2     2026-01-01  2026-12-31        1           60.000  4.07   244.20
            residential-annual  volume  resource         2026-01-01  2026-12-31        1          300.000  1.57   471.00
            residential-annual  volume  sewage           2026-01-01  2026-12-31        1          300.000  1.36   408.00
            residential-annual  total                                                                            1620.00

            """)
    }

    func testPublishedMonthlyQuoteInEveryFormat() throws {
        try expect(["tariff", "add", "-f", "\(examples)/residential-monthly.toml"],
                   stdout: "added tariff 'residential-monthly' (postpaid, CNY): version 1 prices any day\n")
        try expect(["tariff", "quote", "residential-monthly", "--volume", "35", "--period", "2026-10"], stdout: """
            TARIFF               LINE    COMPONENT  TIER  FROM        TO          VERSION  SEASON  VOLUME  RATE  AMOUNT
            residential-monthly  volume  water      1     2026-10-01  2026-10-31        1          22.000  4.16   91.52
            residential-monthly  volume  water      2     2026-10-01  2026-10-31        1           8.000  5.60   44.80
            residential-monthly  volume  water      3     2026-10-01  2026-10-31        1           5.000  9.70   48.50
            residential-monthly  total                                                                           184.82

            """)
        try expect(["tariff", "quote", "residential-monthly", "--volume", "35", "--format", "csv"], stdout: """
            tariff,line,component,tier,from,to,version,season,volume,rate,amount\r
            residential-monthly,volume,water,1,2026-11-01,2026-11-30,1,,22.000,4.16,91.52\r
            residential-monthly,volume,water,2,2026-11-01,2026-11-30,1,,8.000,5.60,44.80\r
            residential-monthly,volume,water,3,2026-11-01,2026-11-30,1,,5.000,9.70,48.50\r
            residential-monthly,total,,,,,,,,,184.82\r

            """)
        let json = try run(["tariff", "quote", "residential-monthly", "--volume", "35", "--format", "json"])
        XCTAssertEqual(json.status, 0)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["amount"] as? String }, ["91.52", "44.80", "48.50", "184.82"])
        XCTAssertEqual(rows.last?["line"] as? String, "total")
        XCTAssertTrue(rows.last?["volume"] is NSNull)
    }

    // MARK: - Versions, listing, showing, deleting

    func testAddEditShowListAndDelete() throws {
        try expect(["tariff", "add", "--file", "\(examples)/residential-monthly.toml"],
                   stdout: "added tariff 'residential-monthly' (postpaid, CNY): version 1 prices any day\n")
        let v2 = try write("v2.toml", try String(contentsOfFile: "\(examples)/residential-monthly.toml", encoding: .utf8)
            .replacingOccurrences(of: "[4.16, 5.60, 9.70]", with: "[4.50, 6.00, 10.00]"))
        try expect(["tariff", "edit", "residential-monthly", "--file", v2, "--effective", "2026-10-16"],
                   stdout: "added version 2 of tariff 'residential-monthly', in effect from 2026-10-16; earlier versions keep pricing the days before\n")
        try expect(["tariff", "edit", "residential-monthly", "--file", v2, "--effective", "2026-10-16"], status: 1,
                   stderr: "wbill: error: a new version of 'residential-monthly' must start after its latest version (2026-10-16), not on 2026-10-16\n")
        try expect(["tariff", "quote", "residential-monthly", "--volume", "35", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv"],
                   stdout: """
            tariff,line,component,tier,from,to,version,season,volume,rate,amount\r
            residential-monthly,volume,water,1,2026-10-01,2026-10-15,1,,10.645,4.16,44.28\r
            residential-monthly,volume,water,2,2026-10-01,2026-10-15,1,,3.871,5.60,21.68\r
            residential-monthly,volume,water,3,2026-10-01,2026-10-15,1,,2.419,9.70,23.46\r
            residential-monthly,volume,water,1,2026-10-16,2026-10-31,2,,11.355,4.50,51.10\r
            residential-monthly,volume,water,2,2026-10-16,2026-10-31,2,,4.129,6.00,24.77\r
            residential-monthly,volume,water,3,2026-10-16,2026-10-31,2,,2.581,10.00,25.81\r
            residential-monthly,total,,,,,,,,,191.10\r

            """)
        try expect(["tariff", "add", "--file", "\(examples)/prepaid-card.toml", "--effective", "2026-12-01"],
                   stdout: "added tariff 'prepaid-card' (meter-prepaid, CNY): version 1 in effect from 2026-12-01\n")
        try expect(["tariff", "list"], stdout: """
            NAME                 KIND           CURRENCY  VERSIONS  IN EFFECT  SINCE       CUSTOMER TYPES
            prepaid-card         meter-prepaid  CNY              1                                      0
            residential-monthly  postpaid       CNY              2          2  2026-10-16               0

            """)
        let show = try run(["tariff", "show", "residential-monthly", "--on", "2026-10-15", "--format", "json"])
        XCTAssertEqual(show.status, 0, show.stderr)
        let record = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(record["version"] as? Int, 1)
        XCTAssertEqual(record["effective_until"] as? String, "2026-10-15")
        XCTAssertEqual(record["components"] as? String, "water: 4.16 / 5.60 / 9.70 per m³")
        XCTAssertEqual(record["source"] as? String, try String(contentsOfFile: "\(examples)/residential-monthly.toml", encoding: .utf8))
        let second = try run(["tariff", "show", "residential-monthly", "--version", "2"])
        XCTAssertTrue(second.stdout.contains("Version:          2\n"), second.stdout)
        XCTAssertTrue(second.stdout.contains("Effective from:   2026-10-16\n"), second.stdout)
        try expect(["tariff", "show", "residential-monthly", "--version", "3"], status: 1,
                   stderr: "wbill: error: tariff 'residential-monthly' has no version 3 (its versions are 1 to 2)\n")
        try expect(["tariff", "show", "prepaid-card", "--on", "2026-11-30"], status: 1,
                   stderr: "wbill: error: tariff 'prepaid-card' has no version in effect on 2026-11-30; its first version starts 2026-12-01\n")
        try expect(["tariff", "delete", "prepaid-card"], stdout: "deleted tariff 'prepaid-card' and its 1 version\n")
        try expect(["tariff", "delete", "prepaid-card"], status: 1, stderr: "wbill: error: no tariff named 'prepaid-card'\n")
        let first = Expected.initTrailCount + 1  // after init's own entries
        try expect(["audit", "list", "--entity", "tariff", "--format", "csv"], stdout: """
            id,at,operator,on_behalf_of,action,entity,entity_id,changes,command\r
            \(auditRow(first, "create", "residential-monthly", #"{""kind"":{""old"":null,""new"":""postpaid""},""currency"":{""old"":null,""new"":""CNY""},""version"":{""old"":null,""new"":""1""},""effective_from"":{""old"":null,""new"":""0001-01-01""},""file"":{""old"":null,""new"":""\#(examples)/residential-monthly.toml""}}"#, "wbill tariff add --file \(examples)/residential-monthly.toml"))\r
            \(auditRow(first + 1, "update", "residential-monthly", #"{""version"":{""old"":""1"",""new"":""2""},""effective_from"":{""old"":null,""new"":""2026-10-16""},""file"":{""old"":null,""new"":""\#(v2)""}}"#, "wbill tariff edit residential-monthly --file \(v2) --effective 2026-10-16"))\r
            \(auditRow(first + 2, "create", "prepaid-card", #"{""kind"":{""old"":null,""new"":""meter-prepaid""},""currency"":{""old"":null,""new"":""CNY""},""version"":{""old"":null,""new"":""1""},""effective_from"":{""old"":null,""new"":""2026-12-01""},""file"":{""old"":null,""new"":""\#(examples)/prepaid-card.toml""}}"#, "wbill tariff add --file \(examples)/prepaid-card.toml --effective 2026-12-01"))\r
            \(auditRow(first + 3, "delete", "prepaid-card", #"{""kind"":{""old"":""meter-prepaid"",""new"":null},""versions"":{""old"":""1"",""new"":null}}"#, "wbill tariff delete prepaid-card"))\r

            """)
    }

    func testDeleteIsRefusedWhileACustomerTypeUsesTheTariff() throws {
        try expect(["tariff", "add", "--file", "\(examples)/residential-annual.toml"],
                   stdout: "added tariff 'residential-annual' (postpaid, CNY): version 1 prices any day\n")
        do {
            let database = try Database(path: databasePath, mode: .readWrite)
            try database.run("""
                INSERT INTO customer_types (name, water_nature, business_mode, count_consumption, charge, tariff_id, created_at)
                VALUES ('household', 'residential', 'postpaid', 1, 1, (SELECT id FROM tariffs WHERE name = 'residential-annual'), 'now')
                """)
        }
        try expect(["tariff", "delete", "residential-annual"], status: 1,
                   stderr: "wbill: error: tariff 'residential-annual' is used by customer type 'household'; give them another tariff first\n")
        try expect(["tariff", "list", "--format", "tsv"], stdout: """
            name\tkind\tcurrency\tversions\tcurrent_version\teffective_from\tcustomer_types
            residential-annual\tpostpaid\tCNY\t1\t1\t\t1

            """)
    }

    // MARK: - Checking and bad files

    func testCheckAcceptsEveryExample() throws {
        let expected = [
            "commercial-flat": "postpaid, CNY; 2 components; 1 fixed charge",
            "mixed-use": "postpaid, CNY; proportional: residential-annual 70 %, commercial-flat 30 %",
            "prepaid-card": "meter-prepaid, CNY; 3 components",
            "residential-annual": "postpaid, CNY; 3 tiers, annual; 3 components",
            "residential-monthly": "postpaid, CNY; 3 tiers, monthly; 1 component",
            "us-municipal": "postpaid, USD; 3 tiers, monthly; 2 components; 1 season; 1 fixed charge",
        ]
        for (name, summary) in expected.sorted(by: { $0.key < $1.key }) {
            let path = "\(examples)/\(name).toml"
            try expect(["tariff", "check", "--file", path], stdout: "\(path): tariff '\(name)' is valid (\(summary))\n")
        }
        try expect(["tariff", "check", "--file", "missing.toml"], status: 66,
                   stderr: "wbill: error: cannot open missing.toml: no such file or directory\n")
    }

    func testBadFilesExitSixtyFiveAndStoreNothing() throws {
        let cases: [(String, String, String)] = [
            ("unknown-key.toml", "rate = 1.57", "rat = 1.57"),
            ("negative-rate.toml", "rates = [2.07, 4.07, 6.07]", "rates = [2.07, -4.07, 6.07]"),
            ("unordered.toml", "up-to = 260", "up-to = 170"),
            ("rounding.toml", "rounding = \"half-up\"", "rounding = \"bankers\""),
            ("no-currency.toml", "currency = \"CNY\"\n", ""),
        ]
        let annual = try String(contentsOfFile: "\(examples)/residential-annual.toml", encoding: .utf8)
        var messages: [String] = []
        for (file, old, new) in cases {
            XCTAssertTrue(annual.contains(old), old)
            let path = try write(file, annual.replacingOccurrences(of: old, with: new))
            let check = try run(["tariff", "check", "--file", path])
            let add = try run(["tariff", "add", "--file", path])
            XCTAssertEqual(check.status, 65, file)
            XCTAssertEqual(add.status, 65, file)
            XCTAssertEqual(check.stdout + add.stdout, "", file)
            XCTAssertEqual(add.stderr, check.stderr, file)
            messages.append(add.stderr.replacingOccurrences(of: directory.path + "/", with: ""))
        }
        XCTAssertEqual(messages, [
            "wbill: error: unknown-key.toml:31:1: unknown key `rat` in [components.resource] (did you mean `rate`?); expected one of: label, rate, rates, share, basis, tiers, minimum\n",
            "wbill: error: negative-rate.toml:27:16: components.water.rates[1]: expected a number ≥ 0, found \"-4.07\"\n",
            "wbill: error: unordered.toml:17:9: tiers[1].up-to: tiers are out of order: expected a volume above 180 (where tiers[0] ends), found \"170\"\n",
            "wbill: error: rounding.toml:8:12: rounding: unknown rounding rule \"bankers\"; expected one of: half-up, half-even, down\n",
            "wbill: error: no-currency.toml:1:1: missing required key `currency` at the top level\n",
        ])
        let split = try write("split.toml", "name = \"mix\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n[split]\na = 70\nb = 20\n")
        try expect(["tariff", "add", "--file", split], status: 65,
                   stderr: "wbill: error: \(split):4:1: [split]: the percentages add up to 90, expected 100\n")
        try expect(["tariff", "list"], stdout: "NAME  KIND  CURRENCY  VERSIONS  IN EFFECT  SINCE  CUSTOMER TYPES\n")
        try expect(["audit", "list", "--entity", "tariff"], stdout: "ID  AT  OPERATOR  FOR  ACTION  ENTITY  KEY  CHANGES  COMMAND\n")
        // A bad new version leaves the tariff as it was.
        try expect(["tariff", "add", "--file", "\(examples)/residential-annual.toml"],
                   stdout: "added tariff 'residential-annual' (postpaid, CNY): version 1 prices any day\n")
        let bad = try write("bad-v2.toml", annual.replacingOccurrences(of: "rate = 1.36", with: "rate = -1.36"))
        try expect(["tariff", "edit", "residential-annual", "--file", bad, "--effective", "2027-01-01"], status: 65,
                   stderr: "wbill: error: \(bad):35:8: components.sewage.rate: expected a number ≥ 0, found \"-1.36\"\n")
        XCTAssertTrue(try run(["tariff", "list", "--format", "csv"]).stdout.hasSuffix("residential-annual,postpaid,CNY,1,1,,0\r\n"))
    }

    // MARK: - Quote options and refusals

    func testSplitFixedChargesAndRefusals() throws {
        for name in ["residential-monthly", "commercial-flat"] {
            XCTAssertEqual(try run(["tariff", "add", "--file", "\(examples)/\(name).toml"]).status, 0)
        }
        try expect(["tariff", "quote", "residential-monthly", "--volume", "40", "--period", "2026-10",
                    "--split", "residential-monthly=70,commercial-flat=30", "--format", "csv"], stdout: """
            tariff,line,component,tier,from,to,version,season,volume,rate,amount\r
            residential-monthly,volume,water,1,2026-10-01,2026-10-31,1,,22.000,4.16,91.52\r
            residential-monthly,volume,water,2,2026-10-01,2026-10-31,1,,6.000,5.60,33.60\r
            commercial-flat,volume,water,,2026-10-01,2026-10-31,1,,12.000,4.30,51.60\r
            commercial-flat,volume,sewage,,2026-10-01,2026-10-31,1,,11.400,1.50,17.10\r
            commercial-flat,fixed,service,,2026-10-01,2026-10-31,1,,,10.00,3.00\r
            commercial-flat,tax,VAT,,2026-10-01,2026-10-31,1,,,9,6.45\r
            residential-monthly,total,,,,,,,,,203.27\r

            """)
        try expect(["tariff", "quote", "commercial-flat", "--volume", "5", "--from", "2026-10-01", "--to", "2026-11-14",
                    "--sewage-volume", "3", "--format", "csv"], stdout: """
            tariff,line,component,tier,from,to,version,season,volume,rate,amount\r
            commercial-flat,volume,water,,2026-10-01,2026-11-14,1,,5.000,4.30,21.50\r
            commercial-flat,volume,sewage,,2026-10-01,2026-11-14,1,,3.000,1.50,4.50\r
            commercial-flat,fixed,service,,2026-10-01,2026-11-14,1,,,10.00,14.67\r
            commercial-flat,minimum,minimum,,2026-10-01,2026-11-14,1,,,50.00,32.66\r
            commercial-flat,tax,VAT,,2026-10-01,2026-11-14,1,,,9,6.60\r
            commercial-flat,total,,,,,,,,,79.93\r

            """)
        try expect(["tariff", "quote", "residental-monthly", "--volume", "1"], status: 1,
                   stderr: "wbill: error: no tariff named 'residental-monthly'; did you mean 'residential-monthly'?\n")
        try expect(["tariff", "quote", "residential-monthly", "--volume", "1", "--split", "residential-monthly=70,commercial-flat=20"],
                   status: 1, stderr: "wbill: error: the split's percentages add up to 90, expected 100\n")
        try expect(["tariff", "quote", "residential-monthly", "--volume", "1", "--from", "2026-10-01"], status: 64,
                   stderr: "wbill: error: --from and --to go together\nRun 'wbill tariff quote --help' for usage.\n")
        try expect(["tariff", "quote", "residential-monthly", "--volume", "0.0001"], status: 64,
                   stderr: "wbill: error: invalid value '0.0001' for --volume: expected a volume in m³ ≥ 0 with at most 3 decimals\n"
                       + "Run 'wbill tariff quote --help' for usage.\n")
        try expect(["tariff", "add", "--file", "\(examples)/us-municipal.toml"], status: 1,
                   stderr: "wbill: error: tariff 'us-municipal' is in USD but this utility keeps money in CNY\n")
    }

    // MARK: - Generated documentation

    func testManPageAndCompletionsAreRegenerated() throws {
        let pages = directory.appendingPathComponent("man")
        XCTAssertEqual(try run(["man", pages.path]).status, 0)
        XCTAssertEqual(try String(contentsOf: pages.appendingPathComponent("wbill-tariff.1"), encoding: .utf8),
                       try String(contentsOf: root.appendingPathComponent("man/wbill-tariff.1"), encoding: .utf8),
                       "man/wbill-tariff.1 is out of date: run make docs")
        for (shell, file) in [("bash", "wbill.bash"), ("zsh", "_wbill"), ("fish", "wbill.fish")] {
            XCTAssertEqual(try run(["completion", shell]).stdout,
                           try String(contentsOf: root.appendingPathComponent("completions/\(file)"), encoding: .utf8),
                           "completions/\(file) is out of date: run make docs")
        }
    }

    // MARK: - Running wbill in the sandbox, on this test's database, as `tester` at a fixed time

    private func run(_ arguments: [String]) throws -> ProcessResult {
        try sandbox.wbill(arguments, environment: [
            "WBILL_DB": databasePath, "WBILL_NOW": "2026-11-23T10:00:00Z", "WBILL_OPERATOR": "tester", "NO_COLOR": "1",
        ])
    }

    private func expect(_ arguments: [String], status: Int32 = 0, stdout: String = "", stderr: String = "",
                        file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertRun(try run(arguments), status: status, stdout: stdout, stderr: stderr, file: file, line: line)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// One CSV row of `wbill audit list` for a tariff entry by the tester at the fixed time.
    private func auditRow(_ id: Int, _ action: String, _ key: String, _ changes: String, _ command: String) -> String {
        "\(id),2026-11-23T10:00:00.000Z,tester,,\(action),tariff,\(key),\"\(changes)\",\(command)"
    }
}
