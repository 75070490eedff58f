import XCTest

/// `wbill meter exchange`: the account keeps its history; its consumption across the exchange is
/// the old meter's part plus the new one's, never negative, never counted twice.
final class MeterExchangeEndToEndTests: ReadingSandboxTestCase {
    func testAnExchangeMidPeriodCountsBothMetersPartsOnce() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000001")
        try read("WM-000001", "100", at: "2027-01-01")
        // Mid-period: the old meter at 130 comes off, the new one (from stock, at 1.25) goes on at 1.3.
        XCTAssertRun(try wbill("meter", "exchange", "WM-000001", "WM-000003", "--final-reading", "130", "--initial-reading", "1.3",
                               "--at", "2027-01-15T10:00:00Z"), status: 0, stdout: """
            exchanged meter WM-000001 for WM-000003 on account \(account) at 2027-01-15T10:00:00.000Z: final reading 130.000 (reading 2); consumption 30.000 since 2027-01-01T00:00:00.000Z; initial reading 1.300 (reading 3); WM-000001 removed from service

            """)
        try read("WM-000003", "21.3", at: "2027-02-01")
        XCTAssertEqual(try list("--account", account), [
            "1|2027-01-01T00:00:00.000Z|WM-000001|\(account)|100.000|manual|100.000|2026-11-23T09:30:00.000Z||",
            "2|2027-01-15T10:00:00.000Z|WM-000001|\(account)|130.000|final|30.000|2027-01-01T00:00:00.000Z||",
            "3|2027-01-15T10:00:00.000Z|WM-000003|\(account)|1.300|initial||||",
            "4|2027-02-01T00:00:00.000Z|WM-000003|\(account)|21.300|manual|20.000|2027-01-15T10:00:00.000Z||",
        ])
        // 100 + 30 on the old meter, 20 on the new one: 150, though the new register shows less than the old.
        XCTAssertEqual(try consumption(of: account), "150000\n")
        XCTAssertEqual(try sandbox.sql("""
            SELECT m.serial, m.state, am.installed_at, ifnull(am.removed_at, '-') FROM account_meters am JOIN meters m ON m.id = am.meter_id
            ORDER BY am.installed_at
            """), """
            WM-000001|removed|2026-11-23T09:30:00.000Z|2027-01-15T10:00:00.000Z
            WM-000003|installed|2027-01-15T10:00:00.000Z|-

            """)
        let history = try sandbox.wbill("meter", "show", "WM-000001", "--format", "tsv")
        XCTAssertTrue(history.stdout.contains("exchanged\tinstalled\tremoved\taccount \(account) at 2027-01-15T10:00:00.000Z; replaced by WM-000003; final reading 130.000"),
                      history.stdout)
        // The old meter is read no more on the account.
        XCTAssertEqual(try wbill("reading", "add", "WM-000001", "140", "--at", "2027-02-01").status, 1)
        XCTAssertEqual(try sandbox.sql("SELECT action, entity_id FROM audit_log WHERE entity = 'meter' AND action IN ('exchange', 'install') ORDER BY id"),
                       "install|WM-000001\nexchange|WM-000001\ninstall|WM-000003\n")
    }

    func testAnExchangeIsRefusedWhenTheNewMeterCannotGoOn() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000001")
        try sandbox.openAccount("Residential", meter: "WM-000002", name: "Li Lei")
        func exchange(_ new: String, initial: String = "0", final: String = "5") throws -> ProcessResult {
            try wbill("meter", "exchange", "WM-000001", new, "--final-reading", final, "--initial-reading", initial, "--at", "2027-01-15")
        }
        XCTAssertRun(try exchange("WM-000002"), status: 1, stderr: """
            wbill: error: meter WM-000002 is not in stock: it is installed on account AC00000002

            """)
        XCTAssertRun(try exchange("IC-000001"), status: 1, stderr: """
            wbill: error: meter IC-000001 is of meter type 'IC card DN15'; customer type 'Residential' allows 'DN20 mechanical'

            """)
        XCTAssertRun(try exchange("WM-000003", initial: "1"), status: 65, stderr: """
            wbill: error: the initial reading 1.000 of meter WM-000003 is below its initial reading 1.250

            """)
        XCTAssertRun(try exchange("WM-000001"), status: 1, stderr: """
            wbill: error: meter WM-000001 cannot be exchanged for itself

            """)
        XCTAssertRun(try wbill("meter", "exchange", "WM-000004", "WM-000005", "--final-reading", "1", "--initial-reading", "0"),
                     status: 1, stderr: """
            wbill: error: meter WM-000004 is in stock: only a meter installed on an account is read; put it on an account with `wbill customer open` or `wbill meter exchange`

            """)
        // The old meter's final reading is judged like any reading.
        try read("WM-000001", "50", at: "2027-01-01")
        XCTAssertEqual(try exchange("WM-000004", final: "40").status, 65)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM meter_readings; SELECT state FROM meters WHERE serial = 'WM-000004'"), "1\nin-stock\n")
        XCTAssertEqual(try consumption(of: account), "50000\n")
    }
}
