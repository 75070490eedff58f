import XCTest
import WBillSupport

final class EchoedTextTests: XCTestCase {
    func testControlCharactersAndBidiControlsAreEscaped() {
        XCTAssertEqual(EchoedText.escaped("plain 王小明"), "plain 王小明")
        XCTAssertEqual(EchoedText.escaped("a\u{1B}[2Jb"), #"a\x1B[2Jb"#)
        XCTAssertEqual(EchoedText.escaped("a\nb\tc\rd"), #"a\nb\tc\rd"#)
        XCTAssertEqual(EchoedText.escaped("\u{7F}\u{85}\u{9B}"), #"\x7F\x85\x9B"#)
        XCTAssertEqual(EchoedText.escaped("x\u{202E}y\u{2066}z"), #"x\u{202E}y\u{2066}z"#)
        XCTAssertEqual(EchoedText.escaped("a\nb\u{1B}", keepingNewlines: true), "a\nb\\x1B")
    }

    func testQuotedValuesAreCutAfterSixtyCharacters() {
        XCTAssertEqual(EchoedText.quoted(String(repeating: "x", count: 60)), String(repeating: "x", count: 60))
        XCTAssertEqual(EchoedText.quoted(String(repeating: "x", count: 61)), String(repeating: "x", count: 60) + "…")
        XCTAssertEqual(EchoedText.quoted("\u{1B}" + String(repeating: "y", count: 70)), #"\x1B"# + String(repeating: "y", count: 56) + "…")
    }

    func testTheByteCheckFindsBidiControlsAndNothingElseNearThem() {
        XCTAssertTrue(TextChecks.hasControlCharacters("a\u{202A}"))
        XCTAssertTrue(TextChecks.hasControlCharacters("a\u{202E}"))
        XCTAssertTrue(TextChecks.hasControlCharacters("\u{2069}b"))
        // Neighbours that share the lead bytes are printable: en dash, ellipsis, per mille, word joiner.
        XCTAssertFalse(TextChecks.hasControlCharacters("a–b…c‰d\u{2060}e\u{202F}f"))
        XCTAssertFalse(TextChecks.hasControlCharacters("line\nbreak", allowingNewline: true))
    }
}
