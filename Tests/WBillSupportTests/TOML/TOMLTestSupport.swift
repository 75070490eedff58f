import XCTest
import WBillSupport

/// Parses `text` as `tariff.toml`, failing the test on an error.
func parseTOML(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TOMLTable? {
    do {
        return try TOMLDocument.parse(text, file: "tariff.toml")
    } catch {
        XCTFail("unexpected error: \(error)", file: file, line: line)
        return nil
    }
}

/// Asserts that parsing `text` as `tariff.toml` fails with exactly `expected` (`FILE:LINE:COL: message`).
func assertTOMLError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    do {
        let table = try TOMLDocument.parse(text, file: "tariff.toml")
        XCTFail("expected an error, got \(table.keys)", file: file, line: line)
    } catch {
        XCTAssertEqual(error.description, expected, file: file, line: line)
    }
}

/// Asserts that `body` throws a `TOMLError` rendering exactly as `expected`.
func assertThrowsTOML(
    _ expected: String, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> Void
) {
    do {
        try body()
        XCTFail("expected an error", file: file, line: line)
    } catch let error as TOMLError {
        XCTAssertEqual(error.description, expected, file: file, line: line)
    } catch {
        XCTFail("expected a TOMLError, got \(error)", file: file, line: line)
    }
}

/// The value at a dotted path of plain keys (no indexes), for terse tests.
func value(_ table: TOMLTable?, _ keys: String...) -> TOMLValue? {
    guard var table else { return nil }
    for key in keys.dropLast() {
        guard case .table(let inner)? = table.value(for: key)?.kind else { return nil }
        table = inner
    }
    return table.value(for: keys.last!)
}
