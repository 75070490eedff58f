#if canImport(Glibc)
import Glibc
#endif
import XCTest
import WBillSupport

/// The base of the meter import tests: a database with two meter types ("DN20 mechanical" in 15
/// and 20 mm, "IC card DN15") and two groups ("Route 1", "Route 2"), and helpers to write import
/// files and read the summary the import prints.
class MeterImportTestCase: SandboxTestCase {
    override class var start: Start { .initialised }

    override func setUpWithError() throws {
        try super.setUpWithError()
        for arguments in [
            ["meter-type", "add", "DN20 mechanical", "--kind", "mechanical", "--payment-model", "postpaid", "--caliber", "15", "--caliber", "20"],
            ["meter-type", "add", "IC card DN15", "--kind", "ic-card", "--payment-model", "prepaid", "--caliber", "15", "--valve", "yes"],
            ["meter", "group", "add", "Route 1", "--reader", "Li Wei"],
            ["meter", "group", "add", "Route 2"],
        ] {
            let result = try sandbox.wbill(arguments)
            XCTAssertEqual(result.status, 0, "\(result)")
        }
    }

    func write(_ text: String, to name: String) throws -> String {
        try sandbox.directory.write(Array(text.utf8), to: name)
    }

    /// What a finished import prints.
    func summary(import id: Int, rows: Int, imported: Int = 0, updated: Int = 0, unchanged: Int = 0, skipped: Int = 0,
                 rejected: Int = 0, rejectsFile: String? = nil) -> String {
        var text = "Import:     \(id)\nRows:       \(rows)\nImported:   \(imported)\nUpdated:    \(updated)\nUnchanged:  \(unchanged)\n"
            + "Skipped:    \(skipped)\nRejected:   \(rejected)\n"
        if let rejectsFile {
            text = text.split(separator: "\n").map { line in
                let parts = line.split(separator: ":", maxSplits: 1)
                return String(parts[0]) + ":" + String(repeating: " ", count: 15 - parts[0].count - 1) + parts[1].drop { $0 == " " }
            }.joined(separator: "\n") + "\nRejects file:  \(rejectsFile)\n"
        }
        return text
    }

    func meterCount() throws -> String {
        try sandbox.sqlite(sandbox.defaultDatabase, "SELECT count(*) FROM meters")
    }

    /// Writes a CSV of `rows` valid meters named PREFIX-00000001….
    func bigFile(_ name: String, rows: Int, prefix: String) throws -> String {
        var text = "serial,type,caliber,manufacturer,location\n"
        text.reserveCapacity(rows * 60)
        for index in 1...rows {
            text += "\(prefix)-\(String(index + 100_000_000).dropFirst()),DN20 mechanical,20,Ningbo,\"Block \(index / 100), unit \(index % 100)\"\n"
        }
        return try write(text, to: name)
    }
}
