import XCTest

/// System-side prepaid: each accepted reading on a `system-prepaid` account is priced by its
/// tariff with the engine `tariff quote` uses and deducted from the balance in the reading's
/// transaction; a void takes the deduction back; consumption flags raise alarms once.
final class PrepaidDeductionEndToEndTests: ReadingSandboxTestCase {
    /// The deductions and reversals of the ledger, `kind|amount|reference|reverses_id`, oldest first.
    private func readingMoney() throws -> String {
        try sandbox.sql("""
            SELECT e.kind, e.amount, e.reference, ifnull(e.reverses_id, '') FROM ledger_entries e
            WHERE e.kind IN ('deduction', 'reversal') ORDER BY e.id
            """)
    }

    /// What `tariff quote` prints as the total, in minor units.
    private func quotedTotal(volume: String, from: String, to: String, persons: String, caliber: String,
                             file: StaticString = #filePath, line: UInt = #line) throws -> Int64 {
        let run = try wbill("--format", "tsv", "tariff", "quote", "prepaid-balance", "--volume", volume, "--from", from, "--to", to,
                            "--persons", persons, "--caliber", caliber, file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(run)", file: file, line: line)
        let total = run.stdout.split(separator: "\n").last.flatMap { $0.split(separator: "\t", omittingEmptySubsequences: false).last }
        XCTAssertEqual(run.stdout.split(separator: "\n").last?.split(separator: "\t").dropFirst().first, "total", file: file, line: line)
        let digits = total.map { $0.replacingOccurrences(of: ".", with: "") } ?? ""
        return Int64(digits) ?? -1
    }

    func testAReadingDeductsWhatTheTariffQuotesOnceAndAVoidTakesItBack() throws {
        let prepaid = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")       // persons 3, DN20, from 0.000
        let postpaid = try sandbox.openAccount("Residential", meter: "WM-000002", name: "Li Lei")
        try sandbox.money(["recharge", prepaid, "--amount", "500", "--channel", "cash"])
        try sandbox.write("""
            serial,at,value
            WM-000001,2027-01-01T00:00:00Z,40
            WM-000002,2027-01-01T00:05:00Z,40
            WM-000001,2027-02-01T00:00:00Z,65

            """, to: "readings.csv")
        let first = try wbill("reading", "import", "readings.csv")
        XCTAssertEqual(first.status, 0, "\(first)")
        XCTAssertEqual(first.stderr, "")

        // Each span's days: from the day of the reading it starts at to the day before the one that ends it.
        let december = try quotedTotal(volume: "40", from: "2026-11-23", to: "2026-12-31", persons: "3", caliber: "20")
        let january = try quotedTotal(volume: "25", from: "2027-01-01", to: "2027-01-31", persons: "3", caliber: "20")
        XCTAssertGreaterThan(december, 0)
        XCTAssertGreaterThan(january, 0)
        XCTAssertEqual(try readingMoney(), """
            deduction|\(-december)|consumption 1|
            deduction|\(-january)|consumption 3|

            """)
        // The deduction names its reading, span, volume, tariff and lines.
        XCTAssertEqual(try sandbox.sql("SELECT reason FROM ledger_entries WHERE reference = 'consumption 3'"), """
            reading 3, 2027-01-01..2027-01-31, 25.000 priced by prepaid-balance: water tier 1 22.000 × 2.59 = 56.98; water tier 2 3.000 × 4.03 = 12.09; resource 25.000 × 1.57 = 39.25

            """)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM ledger_entries e JOIN accounts a ON a.id = e.account_id WHERE a.number = '\(postpaid)'"),
                       "0\n")
        XCTAssertEqual(try sandbox.sql("SELECT sum(amount) FROM ledger_entries"), "\(50_000 - december - january)\n")

        // The same file again: nothing new, nothing deducted twice.
        XCTAssertEqual(try wbill("reading", "import", "readings.csv").status, 0)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM ledger_entries WHERE kind = 'deduction'"), "2\n")

        // Voiding the January reading takes its deduction back with a reversing entry.
        XCTAssertEqual(try wbill("reading", "void", "3", "--reason", "misread").status, 0)
        let deductionID = try sandbox.sql("SELECT id FROM ledger_entries WHERE reference = 'consumption 3'")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try readingMoney(), """
            deduction|\(-december)|consumption 1|
            deduction|\(-january)|consumption 3|
            reversal|\(january)|consumption 4|\(deductionID)

            """)
        XCTAssertEqual(try sandbox.sql("SELECT sum(amount) FROM ledger_entries"), "\(50_000 - december)\n")
    }

    func testADeductionThatTakesTheBalanceToZeroQueuesValveClose() throws {
        try sandbox.addValveCatalogue()
        let account = try sandbox.openAccount("Valve homes", meters: ["WM-V00001"])
        try sandbox.money(["recharge", account, "--amount", "10", "--channel", "cash"])
        try read("WM-V00001", "30", at: "2027-01-01")
        XCTAssertRun(try wbill("--format", "tsv", "valve", "list"), status: 0, stdout: ValveQueueEndToEndTests.tsvHeader
            + "1\t\(Self.later)\tclose\tWM-V00001\t\(account)\t"
            + (try sandbox.sql("SELECT printf('%.2f', sum(amount) / 100.0) FROM ledger_entries").trimmingCharacters(in: .newlines))
            + "\tCNY\t2\tpending\tclerk\t\t\n")
    }

    /// A system-prepaid customer type "Late homes" whose tariff, late-prepaid, takes effect on
    /// 2027-06-01: it prices nothing before.
    private func addLateHomes() throws {
        let toml = try String(contentsOfFile: AccountsFixture.examples + "/tariffs/prepaid-balance.toml", encoding: .utf8)
            .replacingOccurrences(of: "name = \"prepaid-balance\"", with: "name = \"late-prepaid\"")
        try sandbox.write(toml, to: "late.toml")
        XCTAssertEqual(try wbill("tariff", "add", "--file", "late.toml", "--effective", "2027-06-01").status, 0)
        XCTAssertEqual(try wbill("customer-type", "add", "Late homes", "--water-nature", "residential", "--business-mode", "system-prepaid",
                                 "--meter-type", "DN20 mechanical", "--tariff", "late-prepaid", "--channel", "cash").status, 0)
    }

    /// Why late-prepaid does not price a consumption of `serial` on `account` up to `at`.
    private func notPriced(_ serial: String, at: String, account: String) -> String {
        "the consumption of meter \(serial) up to \(at) cannot be deducted from prepaid account \(account): tariff 'late-prepaid' "
            + "does not price it (tariff 'late-prepaid' has no version in effect on 2026-11-23; its first version starts 2027-06-01)"
    }

    func testAReadingOnAPrepaidAccountWhoseTariffDoesNotPriceItIsRefusedAndNothingIsWritten() throws {
        try addLateHomes()
        let account = try sandbox.openAccount("Late homes", meters: ["WM-000001"])
        let run = try wbill("reading", "add", "WM-000001", "5", "--at", "2027-01-01")
        XCTAssertEqual(run.status, 1, "\(run)")
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "wbill: error: " + notPriced("WM-000001", at: "2027-01-01T00:00:00.000Z", account: account) + "\n")
        XCTAssertEqual(try sandbox.sql("SELECT (SELECT count(*) FROM meter_readings) + (SELECT count(*) FROM consumptions) + (SELECT count(*) FROM ledger_entries)"), "0\n")
    }

    /// In an import, a reading its tariff cannot price is a bad row like any other: listed with its
    /// line and reason (nothing imported), or with --skip-invalid written to the rejects file while
    /// the other rows are imported and deducted.
    func testAnImportTakesAReadingItsTariffCannotPriceAsABadRow() throws {
        try addLateHomes()
        let late = try sandbox.openAccount("Late homes", meters: ["WM-000001"])
        let priced = try sandbox.openAccount("Prepaid homes", meter: "WM-000002")
        try sandbox.money(["recharge", priced, "--amount", "500", "--channel", "cash"])
        try sandbox.write("""
            serial,at,value
            WM-000002,2027-01-01T00:00:00Z,10
            WM-000001,2027-01-01T00:00:00Z,5
            WM-000002,2027-02-01T00:00:00Z,20

            """, to: "readings.csv")
        let reason = notPriced("WM-000001", at: "2027-01-01T00:00:00.000Z", account: late)
        XCTAssertRun(try wbill("reading", "import", "readings.csv"), status: 65, stderr: """
            wbill: error: readings.csv: 1 bad row of 3; nothing was imported
            readings.csv:3: serial 'WM-000001': \(reason)

            """)
        XCTAssertEqual(try sandbox.sql("""
            SELECT (SELECT count(*) FROM meter_readings), (SELECT count(*) FROM consumptions),
                   (SELECT count(*) FROM ledger_entries WHERE kind = 'deduction')
            """), "0|0|0\n")

        let run = try wbill("reading", "import", "readings.csv", "--skip-invalid", "--rejects", "rejects.csv")
        XCTAssertEqual(run.status, 0, "\(run)")
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(try String(contentsOfFile: sandbox.file("rejects.csv"), encoding: .utf8), """
            serial,at,value,reason\r
            WM-000001,2027-01-01T00:00:00Z,5,serial 'WM-000001': \(reason)\r

            """)
        XCTAssertEqual(try sandbox.sql("""
            SELECT m.serial, r.import_line, (SELECT count(*) FROM ledger_entries e WHERE e.reference = 'consumption ' || c.id)
            FROM meter_readings r JOIN meters m ON m.id = r.meter_id JOIN consumptions c ON c.reading_id = r.id ORDER BY r.id
            """), "WM-000002|2|1\nWM-000002|4|1\n")
    }

    func testAHighConsumptionRaisesOneAlarmWhileItIsActive() throws {
        let account = try sandbox.openAccount("Residential", meter: "WM-000003")    // from 1.250
        try read("WM-000003", "11.25", at: "2027-01-01")
        try read("WM-000003", "111.25", at: "2027-02-01")
        try read("WM-000003", "411.25", at: "2027-03-01")
        XCTAssertEqual(try list("--meter", "WM-000003").map { $0.split(separator: "|", omittingEmptySubsequences: false)[8] }, ["", "high", "high"])
        XCTAssertEqual(try sandbox.sql("SELECT kind, cause, threshold, state FROM alarms"), """
            high-consumption|reading 2|300|open

            """)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM audit_log WHERE entity = 'alarm'"), "1\n")
        _ = account
    }

    /// A high or low consumption alarm keeps what was measured beside its threshold: the reading's
    /// consumption as a whole percentage (rounded half-up) of the use the meter's average expected
    /// over its span.
    func testConsumptionAlarmsKeepTheMeasuredPercentageOfTheExpectedUse() throws {
        try sandbox.openAccount("Residential", meter: "WM-000001")                   // from 0.000
        try sandbox.openAccount("Residential", meter: "WM-000003", name: "Li Lei")   // from 1.250
        // Each uses 10 from its installation (2026-11-23T09:30Z) to 2027-01-01: 3,335,400 s.
        try read("WM-000001", "10", at: "2027-01-01")
        try read("WM-000003", "11.25", at: "2027-01-01")
        // Over the next 31 days (2,678,400 s) their averages expect 10 × 2,678,400 / 3,335,400 = 8.0302:
        // 100 is 1245.30 % of it (high, above 300 %), 0.5 is 6.23 % (low, below 30 %).
        try read("WM-000003", "111.25", at: "2027-02-01")
        try read("WM-000001", "10.5", at: "2027-02-01")
        XCTAssertEqual(try sandbox.sql("SELECT kind, value, threshold, cause FROM alarms ORDER BY id"), """
            high-consumption|1245|300|reading 3
            low-consumption|6|30|reading 4

            """)
        XCTAssertRun(try wbill("alarm", "show", "1"), status: 0, stdout: """
            Id:               1
            Kind:             high-consumption
            State:            open
            Account:          AC00000002
            Meter:            WM-000003
            Value:            1245
            Threshold:        300
            Unit:             %
            Cause:            reading 3
            Raised at:        \(Self.later)
            Raised by:        clerk
            Acknowledged at:
            Acknowledged by:
            Closed at:
            Closed by:

            """)
    }

    func testClosingAPrepaidAccountDeductsTheFinalReadingBeforeJudgingTheBalance() throws {
        let account = try sandbox.openAccount("Prepaid homes", meter: "WM-000001")
        try sandbox.money(["recharge", account, "--amount", "100", "--channel", "cash"])
        // Closed on the day it was opened: the final consumption is priced over that one day.
        let charge = try quotedTotal(volume: "10", from: "2026-11-23", to: "2026-11-23", persons: "3", caliber: "20")
        let left = String(format: "%.2f", Double(10_000 - charge) / 100)
        XCTAssertRun(try sandbox.wbill(["customer", "close", account, "--reading", "WM-000001=10"]), status: 1, stderr: """
            wbill: error: account \(account) has a balance of \(left) CNY; refund it first (`wbill account refund \(account) --amount \(left) --channel CHANNEL`)

            """)
        try sandbox.money(["refund", account, "--amount", left, "--channel", "cash"])
        XCTAssertRun(try sandbox.wbill(["customer", "close", account, "--reading", "WM-000001=10"]), status: 0,
                     stdout: "closed account \(account); final reading WM-000001 10.000 m³; meter returned to stock\n")
        XCTAssertEqual(try sandbox.sql("SELECT kind, amount FROM ledger_entries ORDER BY id"),
                       "recharge|10000\nrefund|\(charge - 10_000)\ndeduction|\(-charge)\n")
    }
}
