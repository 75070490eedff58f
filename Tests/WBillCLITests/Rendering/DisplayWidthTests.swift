@testable import WBillCLI
import XCTest

/// `DisplayWidth`: how many terminal columns text takes.
final class DisplayWidthTests: XCTestCase {
    func testLatinTextIsOneColumnPerCharacter() {
        XCTAssertEqual(DisplayWidth.of(""), 0)
        XCTAssertEqual(DisplayWidth.of("meter WM-1"), 10)
        XCTAssertEqual(DisplayWidth.of("Café"), 4)              // precomposed é
        XCTAssertEqual(DisplayWidth.of("Cafe\u{301}"), 4)       // e + combining acute
        XCTAssertEqual(DisplayWidth.of("Ελληνικά кириллица"), 18)
    }

    func testEastAsianWideAndFullwidthAreTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("北京水务"), 8)
        XCTAssertEqual(DisplayWidth.of("水表WM-1"), 8)
        XCTAssertEqual(DisplayWidth.of("すいどう"), 8)          // hiragana
        XCTAssertEqual(DisplayWidth.of("한국"), 4)              // Hangul syllables
        XCTAssertEqual(DisplayWidth.of("ＡＢ１"), 6)            // fullwidth forms
        XCTAssertEqual(DisplayWidth.of("，。"), 4)              // CJK punctuation
        XCTAssertEqual(DisplayWidth.of("ｱｲｳ"), 3)              // halfwidth katakana stay narrow
        XCTAssertEqual(DisplayWidth.of("𠀋"), 2)               // CJK extension B (outside the BMP)
    }

    func testCombiningAndInvisibleCharactersTakeNoColumns() {
        XCTAssertEqual(DisplayWidth.of("\u{301}"), 0)
        XCTAssertEqual(DisplayWidth.of("a\u{200B}b"), 2)        // zero-width space
        XCTAssertEqual(DisplayWidth.of("\u{FEFF}"), 0)          // byte order mark
        XCTAssertEqual(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}"), 2)  // decomposed Hangul: one wide cluster
        XCTAssertEqual(DisplayWidth.of("x\u{20DD}"), 1)         // enclosing mark
    }

    func testEmojiAreTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("☕"), 2)
        XCTAssertEqual(DisplayWidth.of("💧"), 2)
        XCTAssertEqual(DisplayWidth.of("👩‍👩‍👧"), 2)                // a ZWJ sequence is one cluster
        XCTAssertEqual(DisplayWidth.of("🇨🇳"), 2)                // a flag
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2)                // with a skin tone
        XCTAssertEqual(DisplayWidth.of("❤️"), 2)                 // text symbol + emoji presentation selector
        XCTAssertEqual(DisplayWidth.of("❤"), 1)                  // the same symbol as text
        XCTAssertEqual(DisplayWidth.of("1️⃣"), 2)                 // keycap
        XCTAssertEqual(DisplayWidth.of("ok ✅"), 5)
    }

    func testPadding() {
        XCTAssertEqual(DisplayWidth.pad("北京", to: 6), "北京  ")
        XCTAssertEqual(DisplayWidth.pad("北京", to: 6, alignRight: true), "  北京")
        XCTAssertEqual(DisplayWidth.pad("12", to: 5, alignRight: true), "   12")
        XCTAssertEqual(DisplayWidth.pad("北京水务", to: 4), "北京水务")  // never cut
        XCTAssertEqual(DisplayWidth.pad("", to: 2), "  ")
    }

    func testTheWideRangesAreSortedAndDisjoint() {
        for (before, after) in zip(DisplayWidth.wideRanges, DisplayWidth.wideRanges.dropFirst()) {
            XCTAssertLessThan(before.upperBound, after.lowerBound, "\(before) and \(after)")
        }
    }
}
