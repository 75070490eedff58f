import XCTest

/// What the alarm and valve tests add to the `AccountsFixture` catalogue: a meter type with a valve
/// ("DN20 valve", remote), two meters of it, and a system-prepaid customer type ("Valve homes") that
/// takes both it and the fixture's DN20 mechanical meters (which have no valve).
extension Sandbox {
    /// Adds the valve catalogue with the real commands, checking what each prints.
    func addValveCatalogue(file: StaticString = #filePath, line: UInt = #line) throws {
        let steps: [([String], String)] = [
            (["meter-type", "add", "DN20 valve", "--kind", "remote", "--payment-model", "postpaid", "--caliber", "20", "--valve", "yes"],
             "added meter type 'DN20 valve'\n"),
            (["meter", "add", "WM-V00001", "--type", "DN20 valve"], "added meter WM-V00001 (DN20 valve, DN20) to stock\n"),
            (["meter", "add", "WM-V00002", "--type", "DN20 valve"], "added meter WM-V00002 (DN20 valve, DN20) to stock\n"),
            (["customer-type", "add", "Valve homes", "--water-nature", "residential", "--business-mode", "system-prepaid",
              "--meter-type", "DN20 valve", "--meter-type", "DN20 mechanical", "--tariff", "prepaid-balance", "--channel", "cash"],
             "added customer type 'Valve homes'\n"),
        ]
        for (arguments, stdout) in steps {
            XCTAssertRun(try wbill(arguments, file: file, line: line), status: 0, stdout: stdout, file: file, line: line)
        }
    }

    /// Registers a customer of `type` on several meters and returns the new account number.
    func openAccount(_ type: String, meters: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let run = try wbill(["--format", "tsv", "customer", "open", "--type", type, "--name", "Li Lei",
                             "--id-number", "110101199003071234", "--phone", "13800138001", "--address", "Building 9",
                             "--persons", "2"] + meters.flatMap { ["--meter", $0] }, file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(run)", file: file, line: line)
        XCTAssertEqual(run.stderr, "", file: file, line: line)
        return run.stdout.split(separator: "\n").dropFirst().first?.split(separator: "\t").first.map(String.init) ?? ""
    }

    /// Runs an `account` money command that must succeed quietly on stderr (no warning, no error).
    func money(_ arguments: [String], environment: [String: String?] = [:], file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try wbill(["account"] + arguments, environment: environment, file: file, line: line)
        XCTAssertEqual(run.status, 0, "\(arguments): \(run)", file: file, line: line)
        XCTAssertEqual(run.stderr, "", "\(arguments)", file: file, line: line)
    }
}
