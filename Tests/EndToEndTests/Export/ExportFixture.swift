#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// A small utility to export, built once per test process on the `AccountsFixture` catalogue with
/// the real commands, and copied for each test: a system-prepaid account held by 王芳 (recharged,
/// read on 25 November, refunded below the low-balance line on the 26th: alarm 1), and a postpaid one held by Li Lei, read at
/// the end of November and billed for it on 5 December (bill B00000001).
enum ExportFixture {
    /// The clocks of the steps after the catalogue.
    static let later: [String: String?] = ["WBILL_NOW": "2026-11-26T08:00:00Z"]
    static let december: [String: String?] = ["WBILL_NOW": "2026-12-05T08:00:00Z"]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var template: Sandbox?

    static func templateDatabase(file: StaticString, line: UInt) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let template { return template.defaultDatabase }
        let sandbox = try Sandbox.withAccountsFixture(file: file, line: line)
        func run(_ arguments: [String], _ environment: [String: String?] = [:]) throws {
            let result = try sandbox.wbill(arguments, environment: environment, file: file, line: line)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result)", file: file, line: line)
        }
        XCTAssertEqual(try sandbox.openAccount("Prepaid homes", meter: "WM-000006", name: "王芳", file: file, line: line), "AC00000001")
        try run(["account", "recharge", "AC00000001", "--amount", "20", "--channel", "cash", "--ref", "R-1"], later)
        try run(["reading", "add", "WM-000006", "3.5", "--at", "2026-11-25T10:00:00Z"], later)
        try run(["account", "refund", "AC00000001", "--amount", "6", "--channel", "wechat"], later)
        XCTAssertEqual(try sandbox.openAccount("Residential", meter: "WM-000001", name: "Li Lei", file: file, line: line), "AC00000002")
        try run(["reading", "add", "WM-000001", "9", "--at", "2026-11-30T10:00:00Z"], december)
        try run(["bill", "run", "--period", "2026-11"], december)
        template = sandbox
        atexit { ExportFixture.template = nil }
        return sandbox.defaultDatabase
    }
}

extension Sandbox {
    /// A sandbox whose default database holds the `ExportFixture` utility.
    static func withExportFixture(file: StaticString = #filePath, line: UInt = #line) throws -> Sandbox {
        try Sandbox(copyOf: try ExportFixture.templateDatabase(file: file, line: line))
    }
}
