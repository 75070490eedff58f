import Foundation
import XCTest

/// The base of the bill tests: a small town's catalogue built with the real commands — a postpaid
/// tariff `town` with monthly tiers, per-capita widening, a water and a sewage component, a fixed
/// charge by caliber and a second version from 2026-10-16 (a mid-period price change); meters of
/// 15, 20 and 25 mm; the customer type `Town homes` — and helpers to open accounts, read meters and
/// compare bills with `tariff quote`. Accounts are opened on 2026-09-01; readings are taken in
/// September and October; bill runs run on 2026-11-05 (`runDay`).
class BillSandboxTestCase: SandboxTestCase {
    override class var start: Start { .initialised }

    /// When accounts are opened, and when bills are run.
    static let openingDay = "2026-09-01T08:00:00Z"
    static let runDay = "2026-11-05T08:00:00Z"

    static let townTariff = """
        name = "town"
        kind = "postpaid"
        description = "a small town: monthly tiers, per-capita, sewage, service charge by meter size"
        currency = "CNY"
        rounding = "half-up"
        tier-cycle = "monthly"

        [[tiers]]
        up-to = 10

        [[tiers]]
        up-to = 20

        [[tiers]]

        [per-capita]
        base-persons = 4
        extra-per-person = 2

        [components.water]
        label = "water fee"
        rates = [3.00, 4.50, 6.00]

        [components.sewage]
        label = "sewage treatment"
        rate = 1.20
        share = 90
        basis = "sewage"

        [fixed-charges.service]
        label = "service charge by meter size"
        per = "monthly"
        by-caliber = { 15 = 5.00, 20 = 8.00, 25 = 12.00 }

        """

    override func setUpWithError() throws {
        try super.setUpWithError()
        try sandbox.write(Self.townTariff, to: "town.toml")
        try sandbox.write(Self.townTariff.replacingOccurrences(of: "rates = [3.00, 4.50, 6.00]", with: "rates = [3.30, 4.80, 6.50]"),
                          to: "town-2.toml")
        let steps: [[String]] = [
            ["tariff", "add", "--file", "town.toml"],
            ["tariff", "edit", "town", "--file", "town-2.toml", "--effective", "2026-10-16"],
            ["meter-type", "add", "Mechanical", "--kind", "mechanical", "--payment-model", "postpaid",
             "--caliber", "15", "--caliber", "20", "--caliber", "25"],
            ["meter", "group", "add", "North"],
            ["customer-type", "add", "Town homes", "--water-nature", "residential", "--business-mode", "postpaid",
             "--meter-type", "Mechanical", "--tariff", "town", "--channel", "cash"],
        ]
        for step in steps { try ok(step, at: Self.openingDay) }
    }

    /// Runs wbill at `at` (the run day by default).
    func wbill(_ arguments: String..., at: String = BillSandboxTestCase.runDay, file: StaticString = #filePath,
               line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(arguments, environment: ["WBILL_NOW": at], file: file, line: line)
    }

    /// Runs wbill at `at` and checks it succeeded with nothing on stderr.
    @discardableResult
    func ok(_ arguments: [String], at: String = BillSandboxTestCase.runDay, file: StaticString = #filePath,
            line: UInt = #line) throws -> String {
        let run = try sandbox.wbill(arguments, environment: ["WBILL_NOW": at], file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(arguments): \(run)", file: file, line: line)
        XCTAssertEqual(run.stderr, "", "\(arguments)", file: file, line: line)
        return run.stdout
    }

    /// Adds meters to stock: each serial with its caliber.
    func addMeters(_ meters: [(serial: String, caliber: Int)], group: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        for meter in meters {
            try ok(["meter", "add", meter.serial, "--type", "Mechanical", "--caliber", String(meter.caliber)]
                   + (group.map { ["--group", $0] } ?? []), at: Self.openingDay, file: file, line: line)
        }
    }

    /// Registers a customer of `Town homes` on `meters` and returns the new account number.
    func openAccount(_ name: String, persons: Int, meters: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let stdout = try ok(["--format", "tsv", "customer", "open", "--type", "Town homes", "--name", name,
                             "--id-number", "110101199003071234", "--phone", "13800138000", "--address", "\(name)'s house",
                             "--persons", String(persons)] + meters.flatMap { ["--meter", $0] },
                            at: Self.openingDay, file: file, line: line)
        return stdout.split(separator: "\n").dropFirst().first?.split(separator: "\t").first.map(String.init) ?? ""
    }

    /// Records a reading of `serial` at `at` (a UTC time), taken on the run day.
    func read(_ serial: String, _ value: String, at: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try ok(["reading", "add", serial, value, "--at", at], file: file, line: line)
    }

    /// The bill run's summary as JSON (`bill run … --format json`), with its exit status and stderr.
    func billRun(_ arguments: String..., at: String = BillSandboxTestCase.runDay, file: StaticString = #filePath,
                 line: UInt = #line) throws -> (status: Int32, summary: [String: Any], stderr: String) {
        let run = try sandbox.wbill(["--format", "json", "bill", "run"] + arguments, environment: ["WBILL_NOW": at], timeout: 60,
                                    file: file, line: line)
        let object = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any]
        XCTAssertNotNil(object, "bill run printed no JSON summary: \(run)", file: file, line: line)
        return (run.status, object ?? [:], run.stderr)
    }

    /// `bill show NUMBER --format json` as an object.
    func showBill(_ number: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let stdout = try ok(["--format", "json", "bill", "show", number], file: file, line: line)
        return (try JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
    }

    /// The standing bill of `account` for `period`, from `bill list`.
    func billNumber(of account: String, period: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let stdout = try ok(["--format", "tsv", "bill", "list", "--account", account, "--period", period], file: file, line: line)
        let rows = stdout.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
            .filter { $0.last != "cancelled" }
        XCTAssertEqual(rows.count, 1, "\(account) \(period): \(stdout)", file: file, line: line)
        return rows.first.map { String($0[0]) } ?? ""
    }

    /// Checks that the bill's lines (and total) are exactly what `tariff quote` prints for the
    /// bill's tariff, volume, days, persons, caliber and sewage volume.
    func assertBillIsTheQuote(_ number: String, volume: String, from: String, to: String, persons: Int, caliber: Int,
                              sewage: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let bill = try showBill(number, file: file, line: line)
        XCTAssertEqual(bill["volume"] as? String, volume, "\(number) volume", file: file, line: line)
        XCTAssertEqual(bill["sewage_volume"] as? String, sewage, "\(number) sewage volume", file: file, line: line)
        XCTAssertEqual(bill["days_billed"] as? String, "\(from)..\(to)", "\(number) days", file: file, line: line)
        XCTAssertEqual(bill["persons"] as? Int, persons, "\(number) persons", file: file, line: line)
        XCTAssertEqual(bill["caliber"] as? Int, caliber, "\(number) caliber", file: file, line: line)
        var arguments = ["--format", "json", "tariff", "quote", "town", "--volume", volume, "--from", from, "--to", to,
                         "--persons", String(persons), "--caliber", String(caliber)]
        if let sewage { arguments += ["--sewage-volume", sewage] }
        let quote = try ok(arguments, file: file, line: line)
        let quoted = try JSONSerialization.jsonObject(with: Data(quote.utf8)) as? [[String: Any]] ?? []
        let lines = bill["lines"] as? [[String: Any]] ?? []
        XCTAssertFalse(quoted.isEmpty, file: file, line: line)
        XCTAssertEqual(lines.count, quoted.count, "\(number): \(lines) vs the quote \(quoted)", file: file, line: line)
        for (billed, quotedLine) in zip(lines, quoted) {
            XCTAssertEqual(NSDictionary(dictionary: billed), NSDictionary(dictionary: quotedLine), number, file: file, line: line)
        }
        XCTAssertEqual(bill["total"] as? String, quoted.last?["amount"] as? String, "\(number) total", file: file, line: line)
    }

    /// A query's output from the sqlite3 shell.
    func sql(_ query: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try sandbox.sql(query, file: file, line: line)
    }

    /// The whole of every bill agrees with itself and the ledger: lines add up to the total, a bill
    /// of more than zero has its bill-charge entry of minus the total (reversed when cancelled),
    /// the numbers run from 1 without gaps, and the queue holds no record a standing bill took.
    func assertBillsAreWhole(_ context: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try sql("""
            SELECT b.number FROM bills b
            WHERE b.total <> (SELECT coalesce(sum(l.amount), 0) FROM bill_lines l WHERE l.bill_id = b.id)
               OR (b.total > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.id = b.ledger_entry_id AND e.kind = 'bill-charge'
                                               AND e.amount = -b.total AND e.reference = 'bill ' || b.number))
               OR (b.status = 'cancelled' AND b.total > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = b.ledger_entry_id))
               OR NOT EXISTS (SELECT 1 FROM bill_lines l WHERE l.bill_id = b.id)
            """), "", "\(context): bills that are not whole", file: file, line: line)
        XCTAssertEqual(try sql("SELECT count(*) = coalesce(max(CAST(substr(number, 2) AS INTEGER)), 0) FROM bills"), "1\n",
                       "\(context): bill numbers have gaps", file: file, line: line)
        XCTAssertEqual(try sql("""
            SELECT count(*) FROM unbilled_consumptions u JOIN bill_consumptions bc ON bc.consumption_id = u.consumption_id
            JOIN bills b ON b.id = bc.bill_id WHERE b.status <> 'cancelled'
            """), "0\n", "\(context): records both billed and queued", file: file, line: line)
        XCTAssertEqual(try sql("""
            SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE kind IN ('bill-charge', 'reversal'))
                 = -(SELECT coalesce(sum(total), 0) FROM bills WHERE status <> 'cancelled')
            """), "1\n", "\(context): the ledger's bill charges are not the standing bills' totals", file: file, line: line)
    }
}
