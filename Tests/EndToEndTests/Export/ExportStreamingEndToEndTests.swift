import Foundation
import WBillTestSupport
import XCTest

/// An export streams: 200,000 meters (imported from a generated CSV) written as csv and as xlsx
/// take no more memory than 20,000 of them (one group's), measured as the process's peak resident
/// set (`ru_maxrss` of its parent's `RUSAGE_CHILDREN` once it has ended), and every row is in the file.
final class ExportStreamingEndToEndTests: SandboxTestCase {
    static let meterCount = 200_000
    /// One meter in ten is in Route 1.
    static let smallCount = meterCount / 10

    /// What the memory of an export of ten times the rows may exceed the small one's by: far less
    /// than the rows would take if they were held (200,000 rows are some 40 MB as Swift values).
    static let allowedGrowthKilobytes = 6 * 1024

    func testTenTimesTheRowsTakeNoMoreMemory() throws {
        for step in [["meter-type", "add", "DN20 mechanical", "--kind", "mechanical", "--payment-model", "postpaid", "--caliber", "20"],
                     ["meter", "group", "add", "Route 1"], ["meter", "group", "add", "Route 2"]] {
            XCTAssertEqual(try sandbox.wbill(step).status, 0, "\(step)")
        }
        var csv = "serial,type,caliber,manufacturer,model,initial_reading,location,group\n"
        for index in 1...Self.meterCount {
            csv += "WM-\(index),DN20 mechanical,20,Ningbo Water Meter,LXS-20E,\(index % 1000).125,\"Building \(index / 100), unit \(index % 100)\","
                + (index % 10 == 0 ? "Route 1" : "Route 2") + "\n"
        }
        try sandbox.write(csv, to: "meters.csv")
        XCTAssertEqual(try sandbox.wbill(["meter", "import", "meters.csv"], timeout: 600).status, 0)

        for format in ["csv", "xlsx"] {
            let small = try measure(["export", "meters", "--group", "Route 1", "-o", "small.\(format)"])
            let large = try measure(["export", "meters", "-o", "large.\(format)"])
            print("export meters -o \(format): peak RSS \(small) KiB for \(Self.smallCount) rows, \(large) KiB for \(Self.meterCount)")
            XCTAssertLessThan(large, small + Self.allowedGrowthKilobytes,
                              "\(format): peak RSS \(small) KiB for \(Self.smallCount) rows, \(large) KiB for \(Self.meterCount)")
        }
        XCTAssertEqual(try lineCount("small.csv"), Self.smallCount + 1)
        XCTAssertEqual(try lineCount("large.csv"), Self.meterCount + 1)
        XCTAssertEqual(try ExternalProgram.python("""
            import sys, openpyxl
            for path in sys.argv[1:]:
                book = openpyxl.load_workbook(path, read_only=True)
                sheet = book['meters']
                about = dict(book['About'].iter_rows(min_row=2, values_only=True))
                last = list(sheet.iter_rows(min_row=sheet.max_row, values_only=True))[0] if sheet.max_row < 30000 else None
                print(sheet.max_row - 1, about['Rows'], last[0] if last else '')
            """, sandbox.file("small.xlsx"), sandbox.file("large.xlsx")), "20000 20000 WM-200000\n200000 200000 \n")
    }

    /// Runs wbill to its end and returns its peak resident set size in KiB: `ru_maxrss` of
    /// `getrusage(RUSAGE_CHILDREN)` in a small parent (python3) once wbill has exited. Measured
    /// from this test process it would be this process's own size: a child started with
    /// posix_spawn keeps its parent's high-water mark across exec.
    func measure(_ arguments: [String]) throws -> Int {
        let environment = try JSONSerialization.data(withJSONObject: sandbox.environment([:]))
        let script = """
            import json, resource, subprocess, sys
            result = subprocess.run(sys.argv[3:], env=json.loads(sys.argv[1]), cwd=sys.argv[2],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if result.returncode != 0:
                sys.exit(f"exit {result.returncode}: {result.stderr.decode()}")
            print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            """
        let run = try ExternalProgram.run("/usr/bin/python3", ["-c", script, String(decoding: environment, as: UTF8.self),
                                                               sandbox.path, ProgramRunner.wbillPath] + arguments)
        XCTAssertEqual(run.status, 0, "\(arguments): \(run.stderr)")
        return try XCTUnwrap(Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), run.stdout)
    }

    func lineCount(_ name: String) throws -> Int {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: sandbox.file(name)))
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
