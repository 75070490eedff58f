import XCTest

/// What the wbill binary links: libxlsxwriter (and the libcrypto it brings) is loaded by the xlsx
/// writer when a command writes an xlsx file, never linked, so no other command's start-up pays for it.
final class LinkedLibrariesEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    func testTheXLSXWriterLibraryIsNotLinked() throws {
        let result = try sandbox.run(["objdump", "-p", ProgramRunner.wbillPath])
        XCTAssertEqual(result.status, 0, result.stderr)
        let needed = result.stdout.split(separator: "\n").filter { $0.contains("NEEDED") }
        XCTAssertTrue(needed.contains { $0.contains("libc.so") }, "objdump lists \(needed)")
        XCTAssertFalse(needed.contains { $0.contains("xlsxwriter") || $0.contains("libcrypto") }, "wbill needs \(needed)")
    }
}
