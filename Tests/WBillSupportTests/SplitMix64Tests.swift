import WBillTestSupport
import XCTest

final class SplitMix64Tests: XCTestCase {
    /// Reference outputs of SplitMix64 for seed 0, so the generated tests are the same everywhere.
    func testKnownSequence() {
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(generator.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(generator.next(), 0x06C4_5D18_8009_454F)
    }
}
