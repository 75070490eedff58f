import WaterBilling
import XCTest

/// Asserts that `expression` throws exactly `expected`, and (optionally) that its message is `message`.
func assertThrows<T>(
    _ expression: @autoclosure () throws -> T,
    _ expected: NumberError,
    message: String? = nil,
    file: StaticString = #filePath,
    line: UInt = #line
) {
    do {
        let value = try expression()
        XCTFail("expected \(expected), got a value: \(value)", file: file, line: line)
    } catch let error as NumberError {
        XCTAssertEqual(error, expected, file: file, line: line)
        if let message {
            XCTAssertEqual(error.description, message, file: file, line: line)
        }
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}

/// Parses a decimal in tests, failing the test (not trapping) on bad input.
func dec(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> FixedDecimal {
    do {
        return try FixedDecimal(parsing: text)
    } catch {
        XCTFail("could not parse \(text): \(error)", file: file, line: line)
        return .zero
    }
}

/// `10^exponent` as `Int128`, computed independently of the library.
func pow10(_ exponent: Int) -> Int128 {
    var result: Int128 = 1
    for _ in 0..<exponent { result *= 10 }
    return result
}
