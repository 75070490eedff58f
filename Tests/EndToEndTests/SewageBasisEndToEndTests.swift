import Foundation
import XCTest

/// The sewage basis: a winter average (or a volume set by hand) that bills charge sewage-based
/// components on instead of a share of the water, shown on the bill.
final class SewageBasisEndToEndTests: BillSandboxTestCase {
    static let spring = "2027-04-05T08:00:00Z"

    func testAWinterAverageIsTheBasisOfTheNextBills() throws {
        try addMeters([("W-01", 20), ("W-02", 20)])
        let winter = try openAccount("Winter house", persons: 3, meters: ["W-01"])
        let autumn = try openAccount("Autumn house", persons: 3, meters: ["W-02"])
        // Read on the first of each month: Dec 6, Jan 9, Feb 12 m³ (and 20 in March, a garden).
        for (at, value) in [("2026-12-01", "10"), ("2027-01-01", "16"), ("2027-02-01", "25"), ("2027-03-01", "37"), ("2027-04-01", "57")] {
            try ok(["reading", "add", "W-01", value, "--at", at + "T10:00:00Z"], at: Self.spring)
        }
        try ok(["reading", "add", "W-02", "5", "--at", "2026-11-20T10:00:00Z"], at: Self.spring)
        XCTAssertRun(try wbill("account", "sewage-basis", "update", "--window", "12-01..02-28", at: Self.spring), status: 0, stdout: """
            ACCOUNT     SEWAGE BASIS M3  FROM        TO          NOTE
            \(winter)            9.000  2026-12-01  2027-02-28
            \(autumn)                                           kept: no consumption within 2026-12-01..2027-02-28

            """)
        XCTAssertEqual(try sql("SELECT volume, source, window_from, window_to FROM sewage_bases"), "9000|winter-average|2026-12-01|2027-02-28\n")
        // March is billed on the basis (a whole month: 9), not on 90 % of the 20 used.
        try ok(["reading", "add", "W-02", "6", "--at", "2027-03-31T10:00:00Z"], at: Self.spring)
        let march = try billRun("--period", "2027-03", at: Self.spring)
        XCTAssertEqual(march.status, 0, march.stderr)
        // W-01's records ending in March: the one of the March 1 reading (12, February's) — the
        // earlier ones too, as nothing was billed before.
        try assertBillIsTheQuote(try billNumber(of: winter, period: "2027-03"), volume: "37.000", from: "2027-03-01", to: "2027-03-31",
                                 persons: 3, caliber: 20, sewage: "9.000")
        try assertBillIsTheQuote(try billNumber(of: autumn, period: "2027-03"), volume: "6.000", from: "2027-03-01", to: "2027-03-31",
                                 persons: 3, caliber: 20)
        // Set by hand, it is in force from then on; the audit trail keeps both.
        XCTAssertRun(try wbill("account", "sewage-basis", "set", autumn, "4.5", at: Self.spring), status: 0, stdout: """
            account \(autumn): sewage basis 4.500 m³ a month

            """)
        XCTAssertEqual(try sql("SELECT count(*) FROM audit_log WHERE entity = 'account' AND action = 'sewage-basis'"), "2\n")
    }

    func testBadValuesAreRefused() throws {
        try addMeters([("W-01", 20)])
        let account = try openAccount("House", persons: 3, meters: ["W-01"])
        XCTAssertRun(try wbill("account", "sewage-basis", "set", account, "-1"), status: 64, stderr: """
            wbill: error: invalid sewage volume '-1': expected a volume of 0 or more with at most 3 decimals

            """)
        XCTAssertRun(try wbill("account", "sewage-basis", "set", account, "1.2345"), status: 64, stderr: """
            wbill: error: invalid sewage volume '1.2345': expected a volume of 0 or more with at most 3 decimals

            """)
        XCTAssertRun(try wbill("account", "sewage-basis", "update", "--window", "12-01-02-28"), status: 64, stderr: """
            wbill: error: invalid window '12-01-02-28': expected MM-DD..MM-DD, such as 12-01..02-28

            """)
        XCTAssertEqual(try sql("SELECT count(*) FROM sewage_bases"), "0\n")
    }
}
