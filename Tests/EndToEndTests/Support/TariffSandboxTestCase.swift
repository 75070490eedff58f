import Foundation
import XCTest

/// The base of the tariff end-to-end tests that write their own tariff files: a database created
/// with `wbill init` in the currency the class asks for, and helpers that run the real binary on it
/// as `tester` on 2026-11-23, so a quote without dates prices the cycle containing that day.
class TariffSandboxTestCase: SandboxTestCase {
    override class var start: Start { .empty }

    /// The utility's currency for this class's database.
    class var currency: String { "CNY" }

    /// The repository's `examples/tariffs`.
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/tariffs").path

    /// The database the helpers run on: `wbill.db` in the class's currency, or the one
    /// `useDatabase(currency:)` created last.
    private(set) var databasePath = ""
    /// Its currency.
    private(set) var currency = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        try useDatabase(currency: Self.currency, named: "wbill.db")
    }

    /// Creates a database in `currency` with `wbill init` and runs the helpers on it from now on.
    func useDatabase(currency: String, named name: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        databasePath = sandbox.file(name ?? "wbill-\(currency).db")
        self.currency = currency
        try expect(["init", "--currency", currency], stdout: Expected.created(databasePath, currency: currency), file: file, line: line)
    }

    /// Runs wbill on this test's database.
    func run(_ arguments: [String]) throws -> ProcessResult {
        try sandbox.wbill(arguments, environment: [
            "WBILL_DB": databasePath, "WBILL_NOW": "2026-11-23T10:00:00Z", "WBILL_OPERATOR": "tester", "NO_COLOR": "1",
        ])
    }

    /// Runs wbill and checks its exact exit status, stdout and stderr.
    func expect(_ arguments: [String], status: Int32 = 0, stdout: String = "", stderr: String = "",
                file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertRun(try run(arguments), status: status, stdout: stdout, stderr: stderr, file: file, line: line)
    }

    /// Writes `text` to `NAME` in the sandbox and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = sandbox.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes a tariff file and adds it (from any day, or from `effective`), checking the message.
    func add(_ name: String, _ text: String, effective: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        try addFile(try write("\(name).toml", text), name: name, effective: effective, file: file, line: line)
    }

    /// Adds the tariff file at `path`, named `name` (from any day, or from `effective`), checking the message.
    func addFile(_ path: String, name: String, effective: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let since = effective.map { "version 1 in effect from \($0)" } ?? "version 1 prices any day"
        try expect(["tariff", "add", "--file", path] + (effective.map { ["--effective", $0] } ?? []),
                   stdout: "added tariff '\(name)' (postpaid, \(currency)): \(since)\n", file: file, line: line)
    }

    /// Writes a new version of a tariff and adds it in effect from `effective`.
    func edit(_ name: String, _ text: String, effective: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try write("\(name)-\(effective).toml", text)
        try expect(["tariff", "edit", name, "--file", path, "--effective", effective],
                   stdout: "added version 2 of tariff '\(name)', in effect from \(effective); earlier versions keep pricing the days before\n",
                   file: file, line: line)
    }

    /// A quote's CSV: the header, `rows` (each ends with CRLF) and the total row.
    func quoteCSV(_ rows: [String], total: String, tariff: String) -> String {
        (["tariff,line,component,tier,from,to,version,season,volume,rate,amount"] + rows + ["\(tariff),total,,,,,,,,,\(total)"])
            .map { $0 + "\r\n" }.joined()
    }

    /// The total a quote prints, read from its CSV (for comparing several ways of asking).
    func quotedTotal(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run(arguments + ["--format", "csv"])
        XCTAssertEqual(result.status, 0, "\(result)", file: file, line: line)
        let last = result.stdout.split(separator: "\r\n").last ?? ""
        return String(last.split(separator: ",", omittingEmptySubsequences: false).last ?? "")
    }
}
