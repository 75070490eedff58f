@testable import WBillSupport
import WBillTestSupport
import XCTest

/// `BackgroundSHA256` gives the digest `SHA256` gives for the same bytes, however they are cut,
/// even when the caller overwrites its buffer right after each update.
final class BackgroundSHA256Tests: XCTestCase {
    func testTheDigestIsTheSameAsInLineWhateverThePieces() {
        var generator = SplitMix64(seed: 42)
        let bytes = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let expected = SHA256.hash(bytes)
        for pieceSize in [1, 63, 64, 65, 4096, 65_536, 300_000] {
            let background = BackgroundSHA256(inFlight: 2)
            var buffer = [UInt8](repeating: 0, count: pieceSize)
            var offset = 0
            while offset < bytes.count {
                let count = min(pieceSize, bytes.count - offset)
                buffer.replaceSubrange(0..<count, with: bytes[offset..<offset + count])
                buffer.withUnsafeBytes { background.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                buffer.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0xEE) }  // reused at once
                offset += count
            }
            XCTAssertEqual(background.finalize(), expected, "pieces of \(pieceSize)")
        }
        XCTAssertEqual(BackgroundSHA256().finalize().description,
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "nothing at all")
    }
}
