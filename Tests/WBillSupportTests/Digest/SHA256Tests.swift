import Foundation
import WBillSupport
import WBillTestSupport
import XCTest

final class SHA256Tests: XCTestCase {
    /// The test vectors of FIPS 180-4's examples (NIST CSRC "SHA-256" example values).
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hash([]).description, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hash(Array("abc".utf8)).description,
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).description,
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hash(Array(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                                          + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8)).description,
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        XCTAssertEqual(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)).description,
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Fed in pieces of any size, the digest is the same as in one go; byteCount counts them all.
    func testPiecesGiveTheSameDigestAsOneGo() {
        var random = SplitMix64(seed: 256)
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let whole = SHA256.hash(bytes)
            var pieces = SHA256()
            var offset = 0
            while offset < bytes.count {
                let size = min(Int.random(in: 1...130, using: &random), bytes.count - offset)
                pieces.update(bytes[offset..<offset + size])
                offset += size
            }
            XCTAssertEqual(pieces.finalize(), whole, "length \(length)")
            XCTAssertEqual(pieces.byteCount, UInt64(length))
        }
    }

    /// Agrees with coreutils' sha256sum on files whose lengths straddle the padding's boundaries.
    func testAgreesWithSha256sum() throws {
        let sha256sum = "/usr/bin/sha256sum"
        guard FileManager.default.isExecutableFile(atPath: sha256sum) else { throw XCTSkip("no \(sha256sum)") }
        let scratch = try ScratchDirectory()
        var random = SplitMix64(seed: 180_4)
        var paths: [String] = []
        var expected: [String] = []
        for length in [0, 3, 55, 56, 57, 64, 111, 112, 113, 300_001] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let path = scratch.file("input-\(length)")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            expected.append("\(SHA256.hash(bytes))  \(path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sha256sum)
        process.arguments = paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(printed.split(separator: "\n").map(String.init), expected)
    }
}
