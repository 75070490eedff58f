#if canImport(Glibc)
import Glibc
#endif
@testable import WBillCLI
import WaterBilling
import WBillTestSupport
import XCTest
@testable import WBillSupport

/// The package's root folder, found from this file's path (Tests/WBillCLITests/Support/…).
let packageRoot: String = {
    var path = "\(#filePath)"
    for _ in 0..<4 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path
}()

/// The text of a file in the package, or nil when it does not exist.
func packageFile(_ relativePath: String) -> String? {
    FileManager.default.contents(atPath: packageRoot + "/" + relativePath).map { String(decoding: $0, as: UTF8.self) }
}

/// What a run produced.
struct RunOutput: Equatable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the command kernel in this process, as `wbill ARGUMENTS…` would, capturing both streams.
func runWbill(_ arguments: [String], table: CommandTable = .standard,
              environment: [String: String] = ["WBILL_OPERATOR": "tester", "WBILL_NOW": "2026-11-23T09:30:00.000Z"])
    throws -> RunOutput {
    let scratch = try ScratchDirectory()
    let outPath = scratch.file("stdout"), errPath = scratch.file("stderr")
    let out = open(outPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
    let err = open(errPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
    defer { close(out); close(err) }
    let status = Runner(table: table, streams: OutputStreams(stdout: out, stderr: err), environment: environment)
        .run(arguments)
    let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
    return RunOutput(status: status, stdout: read(outPath), stderr: read(errPath))
}

/// The full path of `tool` on PATH, or nil.
func which(_ tool: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") where access("\(directory)/\(tool)", X_OK) == 0 {
        return "\(directory)/\(tool)"
    }
    return nil
}

/// Runs an external program to completion (at most `timeout` seconds) with stdout and stderr in files.
func runTool(_ executable: String, _ arguments: [String], directory: String = packageRoot,
             environment: [String: String]? = nil, timeout: Double = 20) throws -> RunOutput {
    let scratch = try ScratchDirectory()
    _ = FileManager.default.createFile(atPath: scratch.file("stdout"), contents: nil)
    _ = FileManager.default.createFile(atPath: scratch.file("stderr"), contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var childEnvironment = environment ?? [
        "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": scratch.path,
        "XDG_CONFIG_HOME": scratch.path + "/config", "XDG_DATA_HOME": scratch.path + "/data",
        "XDG_CACHE_HOME": scratch.path + "/cache",
    ]
    childEnvironment["TERM"] = childEnvironment["TERM"] ?? "dumb"
    process.environment = childEnvironment
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("stdout")))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("stderr")))
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(2_000) }
    if process.isRunning {
        process.terminate()
        XCTFail("\(executable) \(arguments) timed out")
    }
    process.waitUntilExit()
    try out.close()
    try err.close()
    let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
    return RunOutput(status: process.terminationStatus, stdout: read(scratch.file("stdout")), stderr: read(scratch.file("stderr")))
}
