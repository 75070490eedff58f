#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest
import WBillSupport

/// The catalogue the customer and account tests start from: meter types, the meters of
/// examples/meters.csv plus WM-000006 (initial reading 2.5) and WM-000007, the tariffs of
/// examples/tariffs added with `wbill tariff add`, and a customer type of each business mode.
/// It is built once per test process with the real commands and copied for each test.
enum AccountsFixture {
    /// The customer types, with the business mode each has.
    static let customerTypes: [(name: String, mode: String, arguments: [String])] = [
        ("Residential", "postpaid", ["--water-nature", "residential", "--business-mode", "postpaid",
                                     "--meter-type", "DN20 mechanical", "--tariff", "residential-annual",
                                     "--channel", "cash", "--channel", "wechat"]),
        ("Prepaid homes", "system-prepaid", ["--water-nature", "residential", "--business-mode", "system-prepaid",
                                             "--meter-type", "DN20 mechanical", "--tariff", "prepaid-balance",
                                             "--channel", "cash", "--channel", "wechat"]),
        ("Card homes", "meter-prepaid", ["--water-nature", "residential", "--business-mode", "meter-prepaid",
                                         "--meter-type", "IC card DN15", "--tariff", "prepaid-card", "--channel", "cash"]),
        ("Shops", "postpaid", ["--water-nature", "commercial", "--business-mode", "postpaid",
                               "--meter-type", "DN20 mechanical", "--tariff", "residential-annual",
                               "--channel", "bank-transfer"]),
    ]

    /// The repository's examples folder.
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples").path

    /// Each step that builds the catalogue, with exactly what it prints.
    static var steps: [(arguments: [String], stdout: String)] {
        let catalogue: [(arguments: [String], stdout: String)] = [
            (["meter-type", "add", "DN20 mechanical", "--kind", "mechanical", "--payment-model", "postpaid",
              "--caliber", "20", "--caliber", "15"], "added meter type 'DN20 mechanical'\n"),
            (["meter-type", "add", "IC card DN15", "--kind", "ic-card", "--payment-model", "prepaid", "--caliber", "15"],
             "added meter type 'IC card DN15'\n"),
            (["meter", "group", "add", "Route 1"], "added meter group 'Route 1'\n"),
            (["meter", "group", "add", "Route 2"], "added meter group 'Route 2'\n"),
            (["meter", "import", examples + "/meters.csv"], """
                Import:     1
                Rows:       8
                Imported:   8
                Updated:    0
                Unchanged:  0
                Skipped:    0
                Rejected:   0

                """),
            (["meter", "add", "WM-000006", "--type", "DN20 mechanical", "--caliber", "20", "--initial-reading", "2.5"],
             "added meter WM-000006 (DN20 mechanical, DN20) to stock\n"),
            (["meter", "add", "WM-000007", "--type", "DN20 mechanical", "--caliber", "20"],
             "added meter WM-000007 (DN20 mechanical, DN20) to stock\n"),
            (["tariff", "add", "--file", examples + "/tariffs/residential-annual.toml"],
             "added tariff 'residential-annual' (postpaid, CNY): version 1 prices any day\n"),
            (["tariff", "add", "--file", examples + "/tariffs/prepaid-balance.toml"],
             "added tariff 'prepaid-balance' (system-prepaid, CNY): version 1 prices any day\n"),
            (["tariff", "add", "--file", examples + "/tariffs/prepaid-card.toml"],
             "added tariff 'prepaid-card' (meter-prepaid, CNY): version 1 prices any day\n"),
        ]
        return catalogue + customerTypes.map { type in
            (["customer-type", "add", type.name] + type.arguments, "added customer type '\(type.name)'\n")
        }
    }

    private static let lock = NSLock()
    /// The sandbox whose default database is the template; removed when the test process exits.
    nonisolated(unsafe) private static var template: Sandbox?

    /// The template database, built on first use.
    static func templateDatabase(file: StaticString, line: UInt) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let template { return template.defaultDatabase }
        let sandbox = try Sandbox()
        XCTAssertRun(try sandbox.wbill(["init"], file: file, line: line), status: 0,
                     stdout: Expected.created(sandbox.defaultDatabase), file: file, line: line)
        for step in steps {
            XCTAssertRun(try sandbox.wbill(step.arguments, file: file, line: line), status: 0, stdout: step.stdout,
                         file: file, line: line)
        }
        template = sandbox
        atexit { AccountsFixture.template = nil }
        return sandbox.defaultDatabase
    }
}

extension Sandbox {
    /// A new sandbox whose default database is a copy of `template` (a fixture built once per test
    /// process), private to the sandbox's user as `wbill init` leaves it.
    convenience init(copyOf template: String) throws {
        try self.init()
        try FileManager.default.createDirectory(atPath: dataHome + "/wbill", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(atPath: template, toPath: defaultDatabase)
        chmod(defaultDatabase, 0o600)
    }

    /// A sandbox whose default database holds the `AccountsFixture` catalogue.
    static func withAccountsFixture(file: StaticString = #filePath, line: UInt = #line) throws -> Sandbox {
        try Sandbox(copyOf: try AccountsFixture.templateDatabase(file: file, line: line))
    }

    /// Runs `sql` on the default database with the sqlite3 shell (an independent reader) and returns its output.
    @discardableResult
    func sql(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try sqlite(defaultDatabase, sql, file: file, line: line)
    }

    /// Registers a residential customer of the fixture's customer type `type` on `meter`, checks
    /// what `customer open` prints, and returns the new account number.
    /// - Parameter environment: changes to the run's environment (`WBILL_NOW` to open it earlier).
    @discardableResult
    func openAccount(_ type: String, meter: String, name: String = "Wang Fang", environment: [String: String?] = [:],
                     file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let run = try wbill(["--format", "tsv", "customer", "open", "--type", type, "--name", name,
                             "--id-number", "110101199003071234", "--phone", "13800138000",
                             "--address", "Building 3, unit 1", "--persons", "3", "--meter", meter],
                            environment: environment, file: file, line: line)
        let row = run.stdout.split(separator: "\n").dropFirst().first?.split(separator: "\t", omittingEmptySubsequences: false) ?? []
        let number = row.first.map(String.init) ?? ""
        let customer = row.dropFirst().first.map(String.init) ?? ""
        let mode = AccountsFixture.customerTypes.first { $0.name == type }?.mode ?? "(not a fixture type: \(type))"
        XCTAssertRun(run, status: 0, stdout: """
            account\tcustomer\tname\tcustomer_type\tbusiness_mode\tmeters
            \(number)\t\(customer)\t\(name)\t\(type)\t\(mode)\t\(meter)

            """, file: file, line: line)
        return number
    }
}
