import XCTest

/// Checks a run's exact exit status, stdout and stderr, reporting every difference at once.
func XCTAssertRun(_ result: ProcessResult, status: Int32, stdout: String = "", stderr: String = "",
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(result.status, status, "exit status; \(result)", file: file, line: line)
    XCTAssertEqual(result.stdout, stdout, "stdout", file: file, line: line)
    XCTAssertEqual(result.stderr, stderr, "stderr", file: file, line: line)
}

/// The permission bits of `path`, or nil when it does not exist.
func permissions(of path: String) -> mode_t? {
    var info = stat()
    return stat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
}
