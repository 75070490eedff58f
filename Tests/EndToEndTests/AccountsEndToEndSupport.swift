#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

// A small private runner for the customer and account end-to-end tests (to be unified with the
// shared harness later). Every name here starts with `Accounts` or `accounts` so it cannot clash.

/// One finished run of the real binary.
struct AccountsRun: Equatable, CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Checks a run's exact exit status, stdout and stderr.
func accountsAssert(_ run: AccountsRun, _ status: Int32, stdout: String? = "", stderr: String? = "",
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(run.status, status, "exit status of \(run)", file: file, line: line)
    if let stdout { XCTAssertEqual(run.stdout, stdout, "stdout", file: file, line: line) }
    if let stderr { XCTAssertEqual(run.stderr, stderr, "stderr", file: file, line: line) }
}

/// A temporary directory with a wbill database that has a small catalogue: meter types, the
/// meters of examples/meters.csv plus a few more, tariffs (inserted with sqlite3 until
/// `wbill tariff` exists) and customer types of each business mode. The catalogue is built once
/// per test process with the real commands and copied for each sandbox.
final class AccountsSandbox {
    /// The clock every run sees (`WBILL_NOW`).
    static let now = "2026-11-23T09:30:00.000Z"
    /// The wbill binary beside the test bundle.
    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (exe as NSString).deletingLastPathComponent + "/wbill"
    }()
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    let directory: String
    var database: String { directory + "/wbill.db" }

    /// A sandbox with the catalogue (or an empty, initialised database when `catalogue` is false).
    init(catalogue: Bool = true) throws {
        var template = Array("\(NSTemporaryDirectory())wbill-accounts.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw NSError(domain: "mkdtemp", code: Int(errno)) }
        directory = String(cString: made)
        if catalogue {
            try FileManager.default.copyItem(atPath: try AccountsSandbox.template(), toPath: database)
        } else {
            accountsAssertOK(run(["init"]))
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The environment every run gets: nothing of the outer one but PATH.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": directory,
                           "WBILL_DB": database, "WBILL_OPERATOR": "clerk", "WBILL_NOW": AccountsSandbox.now]
        environment.merge(extra) { $1 }
        return environment
    }

    /// Runs wbill with `arguments`, stdin from `input` (else /dev/null), and waits.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) -> AccountsRun {
        let process = start(arguments, input: input, environment: extra)
        process.process.waitUntilExit()
        return process.result()
    }

    /// Starts wbill without waiting (for concurrent runs and kills).
    func start(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) -> AccountsProcess {
        AccountsProcess(binary: AccountsSandbox.binary, arguments: arguments, environment: environment(extra), input: input,
                        directory: directory)
    }

    /// Runs an SQL statement with the sqlite3 shell (an independent reader) and returns its output.
    @discardableResult
    func sql(_ statement: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-batch", database, statement]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `text` to `name` in the sandbox and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Registers a residential customer of `type` on `meter` and returns the account number.
    @discardableResult
    func open(_ type: String, meter: String, name: String = "Wang Fang") -> String {
        let run = run(["--format", "tsv", "customer", "open", "--type", type, "--name", name, "--id-number", "110101199003071234",
                       "--phone", "13800138000", "--address", "Building 3, unit 1", "--persons", "3", "--meter", meter])
        XCTAssertEqual(run.status, 0, "\(run)")
        return String(run.stdout.split(separator: "\n").last?.split(separator: "\t").first ?? "")
    }

    private static let templateLock = NSLock()
    nonisolated(unsafe) private static var templatePath: String?

    private static func removeTemplate() {
        if let templatePath { unlink(templatePath) }
    }

    /// Builds the catalogue database once.
    private static func template() throws -> String {
        templateLock.lock()
        defer { templateLock.unlock() }
        if let templatePath { return templatePath }
        let sandbox = try AccountsSandbox(catalogue: false)
        let steps: [[String]] = [
            ["meter-type", "add", "DN20 mechanical", "--kind", "mechanical", "--payment-model", "postpaid", "--caliber", "20", "--caliber", "15"],
            ["meter-type", "add", "IC card DN15", "--kind", "ic-card", "--payment-model", "prepaid", "--caliber", "15"],
            ["meter", "group", "add", "Route 1"], ["meter", "group", "add", "Route 2"],
            ["meter", "import", packageRoot + "/examples/meters.csv"],
            ["meter", "add", "WM-000006", "--type", "DN20 mechanical", "--caliber", "20", "--initial-reading", "2.5"],
            ["meter", "add", "WM-000007", "--type", "DN20 mechanical", "--caliber", "20"],
        ]
        for step in steps { accountsAssertOK(sandbox.run(step)) }
        sandbox.sql("""
            INSERT INTO tariffs (name, kind, currency, minor_unit, created_at, created_by) VALUES
              ('Residential tiers', 'postpaid', 'CNY', 2, '\(now)', 'test'),
              ('Prepaid flat', 'system-prepaid', 'CNY', 2, '\(now)', 'test'),
              ('Card flat', 'meter-prepaid', 'CNY', 2, '\(now)', 'test')
            """)
        let types: [[String]] = [
            ["Residential", "--water-nature", "residential", "--business-mode", "postpaid", "--meter-type", "DN20 mechanical",
             "--tariff", "Residential tiers", "--channel", "cash", "--channel", "wechat"],
            ["Prepaid homes", "--water-nature", "residential", "--business-mode", "system-prepaid", "--meter-type", "DN20 mechanical",
             "--tariff", "Prepaid flat", "--channel", "cash", "--channel", "wechat"],
            ["Card homes", "--water-nature", "residential", "--business-mode", "meter-prepaid", "--meter-type", "IC card DN15",
             "--tariff", "Card flat", "--channel", "cash"],
            ["Shops", "--water-nature", "commercial", "--business-mode", "postpaid", "--meter-type", "DN20 mechanical",
             "--tariff", "Residential tiers", "--channel", "bank-transfer"],
        ]
        for type in types { accountsAssertOK(sandbox.run(["customer-type", "add"] + type)) }
        let path = NSTemporaryDirectory() + "wbill-accounts-template-\(getpid()).db"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: sandbox.database, toPath: path)
        templatePath = path
        atexit { AccountsSandbox.removeTemplate() }
        return path
    }
}

/// Fails the test unless the run succeeded.
func accountsAssertOK(_ run: AccountsRun, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(run.status, 0, "\(run)", file: file, line: line)
}

/// A wbill process started in the background; its output goes to files.
final class AccountsProcess {
    let process = Process()
    private let outPath: String
    private let errPath: String

    init(binary: String, arguments: [String], environment: [String: String], input: String?, directory: String) {
        let id = UUID().uuidString
        outPath = directory + "/.out-" + id
        errPath = directory + "/.err-" + id
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        if let input {
            let pipe = Pipe()
            process.standardInput = pipe
            try? process.run()
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try? pipe.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try? process.run()
        }
    }

    /// Waits until the process exits or `microseconds` pass.
    func wait(upTo microseconds: UInt32) {
        var waited: UInt32 = 0
        while process.isRunning && waited < microseconds {
            usleep(2000)
            waited += 2000
        }
    }

    /// Sends SIGKILL (nothing when it already exited).
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
    }

    /// The output, once the process has exited; a kill shows as status 128 + 9.
    func result() -> AccountsRun {
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        return AccountsRun(status: status, stdout: out, stderr: err)
    }
}
