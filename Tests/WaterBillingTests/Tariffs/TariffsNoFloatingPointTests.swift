import Foundation
import XCTest

/// Prices are exact: the tariff sources never use binary floating point or Foundation's decimals.
final class TariffsNoFloatingPointTests: XCTestCase {
    func testTariffSourcesUseNoFloatingPoint() throws {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/WaterBilling/Tariffs")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThanOrEqual(files.count, 10, "expected the tariff sources at \(sources.path)")
        let forbidden = [/\bDouble\b/, /\bFloat\b/, /\bFloat16\b/, /\bFloat32\b/, /\bFloat64\b/, /\bFloat80\b/, /\bCGFloat\b/, /\bDecimal\b/, /\bNSDecimalNumber\b/,
                         /\bimport\s+Foundation\b/]
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                for pattern in forbidden where code.contains(pattern) {
                    XCTFail("\(file):\(number + 1) uses a forbidden type: \(code)")
                }
            }
        }
    }
}
