import XCTest

/// `report consumption` and `report nrw` on the small town's October (examples/small-town.sh), in
/// every text format, checked against sums taken independently with the sqlite3 shell.
///
/// October by hand (litres): homes WM-1001…1018 use 10250 + 800·i, WM-1005 estimated at 14123
/// instead of 14250 → 321173; prepaid WM-2001…2008 use 7400 + 650·j, WM-2006 not read → 71300;
/// shop meters 27000 + 4200·k → 306600; school 110000 + clinic 45500 → 155500; total 854573.
/// The masters measure their route's real use plus 11 % (North: 314350 → 348928) and 8 % (South:
/// 506150 → 546642): 895570, not counted.
final class UsageReportEndToEndTests: SandboxTestCase {
    override class var start: Start { .smallTown }

    func report(_ arguments: String...) throws -> ProcessResult {
        try sandbox.wbill(["report"] + arguments, environment: ["WBILL_NOW": SmallTown.now])
    }

    /// CSV's lines end in CRLF.
    func csv(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }

    static let byTypeNotes = """
        A record counts in the period its span ends in (the date of its end, UTC); reversals count, so a corrected reading counts once.
        Total: 854.573 m³ in 34 records, 32 accounts, 34 meters; shares are of it.
        Not counted (count consumption: no): District meters (895.570 m³ in 2 records).

        """

    func testConsumptionByCustomerTypeInEveryTextFormat() throws {
        // Shares of 854.573: 71.3 → 8.34 %, 155.5 → 18.19 %, 321.173 → 37.58 %, 306.6 → 35.87 %.
        let table = """
            Water consumption by customer type, 2026-10

            TYPE           NATURE       ACCOUNTS  METERS  RECORDS  VOLUME M3  SHARE %
            Prepaid homes  residential         7       7        7     71.300      8.3
            Public         public              2       2        2    155.500     18.2
            Residential    residential        18      18       18    321.173     37.6
            Shops          commercial          5       7        7    306.600     35.9


            """ + Self.byTypeNotes
        XCTAssertRun(try report("consumption", "--period", "2026-10"), status: 0, stdout: table)
        XCTAssertRun(try report("consumption"), status: 0, stdout: table)  // last month, by customer type
        XCTAssertRun(try report("consumption", "--format", "csv", "--by", "customer-type"), status: 0, stdout: csv("""
            type,nature,accounts,meters,records,volume,share_pct
            Prepaid homes,residential,7,7,7,71.300,8.3
            Public,public,2,2,2,155.500,18.2
            Residential,residential,18,18,18,321.173,37.6
            Shops,commercial,5,7,7,306.600,35.9

            """))
        XCTAssertRun(try report("consumption", "--format", "tsv", "--from", "2026-10-01", "--to", "2026-10-31", "--by", "water-nature"),
                     status: 0, stdout: """
            nature\taccounts\tmeters\trecords\tvolume\tshare_pct
            commercial\t5\t7\t7\t306.600\t35.9
            public\t2\t2\t2\t155.500\t18.2
            residential\t25\t25\t25\t392.473\t45.9

            """)
        let json = try report("consumption", "--format", "json", "--period", "last-month", "--by", "month")
        XCTAssertRun(json, status: 0, stdout: """
            {
              "report": "consumption",
              "title": "Water consumption by month, 2026-10",
              "parameters": {
                "period": "2026-10",
                "from": "2026-10-01",
                "to": "2026-10-31",
                "by": "month",
                "volume_unit": "m³",
                "counted_by": "the date a record's span ends (UTC)"
              },
              "generated_at": "2026-11-02T08:00:00.000Z",
              "generated_by": "clerk",
              "notes": [
                "A record counts in the period its span ends in (the date of its end, UTC); reversals count, so a corrected reading counts once.",
                "Total: 854.573 m³ in 34 records, 32 accounts, 34 meters; shares are of it.",
                "Not counted (count consumption: no): District meters (895.570 m³ in 2 records)."
              ],
              "rows": [
                {
                  "month": "2026-10",
                  "accounts": 32,
                  "meters": 34,
                  "records": 34,
                  "volume": "854.573",
                  "share_pct": "100.0"
                }
              ]
            }

            """)
    }

    func testConsumptionByGroupByMonthAndByCustomer() throws {
        // North: 314223 of 854573 → 36.77 %; South: 494850 → 57.91 %; the clinic, in no route: 45500 → 5.32 %.
        XCTAssertRun(try report("consumption", "--period", "2026-10", "--by", "group", "--format", "csv"), status: 0, stdout: csv("""
            group,accounts,meters,records,volume,share_pct
            North,15,17,17,314.223,36.8
            South,16,16,16,494.850,57.9
            ,1,1,1,45.500,5.3

            """))
        // The quarter by month: September's records (the readings of the 30th) are not in it, October's all are.
        XCTAssertRun(try report("consumption", "--period", "2026-Q4", "--by", "month", "--format", "csv"), status: 0, stdout: csv("""
            month,accounts,meters,records,volume,share_pct
            2026-10,32,34,34,854.573,100.0
            2026-11,0,0,0,0.000,0.0
            2026-12,0,0,0,0.000,0.0

            """))
        let customers = try report("consumption", "--period", "2026-10", "--by", "customer", "--format", "csv")
        XCTAssertEqual(customers.status, 0, "\(customers)")
        let lines = customers.stdout.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.count, 1 + 32 + 1, "a line per customer with water in October (not WM-2006's, not the district meters')")
        XCTAssertEqual(Array(lines.prefix(3)), ["customer,name,accounts,meters,records,volume,share_pct",
                                                "1,Wang Home 01,1,1,1,11.050,1.3", "2,Li Home 02,1,1,1,11.850,1.4"])
        XCTAssertTrue(lines.contains("27,Golden Noodle House,1,2,2,66.600,7.8"), "two meters: 31.2 + 35.4")
        XCTAssertTrue(lines.contains("5,Chen Home 05,1,1,1,14.123,1.7"), "the estimate")
        XCTAssertFalse(lines.contains { $0.hasPrefix("24,") }, "WM-2006 was not read in October")
    }

    func testConsumptionAgreesWithPlainSQLAndWithTheBills() throws {
        // Independently: every record whose to_at falls in October, by customer type, with sqlite3.
        let sums = try sandbox.sql("""
            SELECT t.name, count(DISTINCT c.account_id), count(DISTINCT c.meter_id), count(*), printf('%.3f', sum(c.volume) / 1000.0)
            FROM consumptions c JOIN accounts a ON a.id = c.account_id JOIN customer_types t ON t.id = a.customer_type_id
            WHERE c.to_at >= '2026-10-01' AND c.to_at < '2026-11-01' AND t.count_consumption = 1
            GROUP BY t.name ORDER BY t.name;
            """)
        let rows = try report("consumption", "--period", "2026-10", "--format", "csv").stdout.components(separatedBy: "\r\n")
            .dropFirst().filter { !$0.isEmpty }
            .map { $0.split(separator: ",").enumerated().filter { $0.offset != 1 && $0.offset != 6 }.map(\.element).joined(separator: "|") }
        XCTAssertEqual(rows.joined(separator: "\n") + "\n", sums)
        // October's bills priced exactly October's records of the postpaid types (September's were billed in September).
        let billed = try sandbox.sql("""
            SELECT t.name, printf('%.3f', sum(b.volume) / 1000.0) FROM bills b JOIN accounts a ON a.id = b.account_id
            JOIN customer_types t ON t.id = a.customer_type_id WHERE b.period = '2026-10' GROUP BY t.name ORDER BY t.name;
            """)
        XCTAssertEqual(billed, "Public|155.500\nResidential|321.173\nShops|306.600\n")
    }

    func testNonRevenueWaterPerRouteInEveryTextFormat() throws {
        // North: 348.928 − 314.223 = 34.705, 9.946 % → 9.9; 16 of 17 members read (WM-1005 estimated).
        // South: 546.642 − 494.850 = 51.792, 9.474 % → 9.5; 16 of 17 read (WM-2006 not read).
        XCTAssertRun(try report("nrw"), status: 0, stdout: """
            Non-revenue water by meter group, 2026-10

            GROUP  MASTER  MASTER M3  MEMBERS M3  NRW M3  NRW %  READ  MEMBERS
            North  DM-N01    348.928     314.223  34.705    9.9    16       17
            South  DM-S01    546.642     494.850  51.792    9.5    16       17

            Non-revenue water is the master meter's consumption less its members'; negative when the members measured more.
            A record counts in the period its span ends in (the date of its end, UTC); reversals count.

            """)
        XCTAssertRun(try report("nrw", "--period", "2026-10", "--format", "csv"), status: 0, stdout: csv("""
            group,master,master_vol,member_vol,nrw_vol,nrw_pct,read,members
            North,DM-N01,348.928,314.223,34.705,9.9,16,17
            South,DM-S01,546.642,494.850,51.792,9.5,16,17

            """))
        let json = try report("nrw", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "json")
        XCTAssertEqual(json.status, 0, "\(json)")
        XCTAssertTrue(json.stdout.contains(#""title": "Non-revenue water by meter group, 2026-10-01..2026-10-31""#), json.stdout)
        XCTAssertTrue(json.stdout.contains(#""nrw_pct": "9.5","#), json.stdout)
        // Independently: the masters' and the members' October records with sqlite3.
        XCTAssertEqual(try sandbox.sql("""
            SELECT g.name, printf('%.3f', sum(CASE WHEN m.id = g.master_meter_id THEN c.volume ELSE 0 END) / 1000.0),
                   printf('%.3f', sum(CASE WHEN m.id <> g.master_meter_id THEN c.volume ELSE 0 END) / 1000.0)
            FROM consumptions c JOIN meters m ON m.id = c.meter_id JOIN meter_groups g ON g.id = m.group_id
            WHERE c.to_at >= '2026-10-01' AND c.to_at < '2026-11-01' GROUP BY g.name ORDER BY g.name;
            """), "North|348.928|314.223\nSouth|546.642|494.850\n")
    }

    func testARouteWithoutAMasterIsNamedInTheNotes() throws {
        XCTAssertEqual(try sandbox.wbill("meter", "group", "add", "East").status, 0)
        let run = try report("nrw", "--period", "2026-09", "--format", "json")
        XCTAssertEqual(run.status, 0, "\(run)")
        XCTAssertTrue(run.stdout.contains(#""Groups without a master meter: East.""#), run.stdout)
    }

    func testTheScriptRefusesADatabaseThatExists() throws {
        XCTAssertRun(try SmallTown.build(into: sandbox.defaultDatabase, in: sandbox), status: 73, stderr: """
            small-town.sh: \(sandbox.defaultDatabase) exists already; give WBILL_DB a new file

            """)
    }

    func testBadOptionsAreUsageErrorsAndPrintNothing() throws {
        let cases: [([String], String)] = [
            (["consumption", "--by", "street"],
             "invalid value 'street' for --by: expected one of customer, customer-type, water-nature, group, month"),
            (["consumption", "--period", "2026-13"],
             "invalid value '2026-13' for --period: expected a period such as 2026-10, 2026-Q4, 2026-10-05, 2026, last-month, last-quarter or yesterday"),
            (["consumption", "--period", "2026-10", "--from", "2026-10-01", "--to", "2026-10-31"], "give either --period or --from and --to, not both"),
            (["consumption", "--from", "2026-10-01"], "--from and --to go together"),
            (["consumption", "--from", "2026-10-31", "--to", "2026-10-01"], "--to 2026-10-01 is before --from 2026-10-31"),
            (["nrw", "--period", "2026-10", "--to", "2026-10-31"], "give either --period or --from and --to, not both"),
            (["nrw", "--period", "month"],
             "invalid value 'month' for --period: expected a period such as 2026-10, 2026-Q4, 2026-10-05, 2026, last-month, last-quarter or yesterday"),
        ]
        for (arguments, message) in cases {
            XCTAssertRun(try sandbox.wbill(["report"] + arguments), status: 64, stderr: """
                wbill: error: \(message)
                Run 'wbill report \(arguments[0]) --help' for usage.

                """)
        }
    }
}
