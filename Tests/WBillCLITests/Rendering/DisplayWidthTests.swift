@testable import WBillCLI
import WBillTestSupport
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

    func testASCIIIsCountedAsEveryOtherText() {
        // The ASCII shortcut agrees with the character-by-character count, control characters included.
        for value in UInt8(0)..<0x80 {
            let text = String(UnicodeScalar(value))
            XCTAssertEqual(DisplayWidth.of(text), DisplayWidth.of(Character(text)), "byte \(value)")
        }
        XCTAssertEqual(DisplayWidth.of("a\tb\r\nc\u{7F}"), 3)
    }

    func testCutEndsInAnEllipsisWithinTheWidth() {
        XCTAssertEqual(DisplayWidth.cut("Building 3, unit 1", to: 10), "Building …")
        XCTAssertEqual(DisplayWidth.cut("abcdef", to: 6), "abcdef")          // fits: as it is
        XCTAssertEqual(DisplayWidth.cut("abcdef", to: 5), "abcd…")
        XCTAssertEqual(DisplayWidth.cut("abcdef", to: 1), "…")
        XCTAssertEqual(DisplayWidth.cut("北京水务", to: 8), "北京水务")       // 8 columns in 12 bytes
        XCTAssertEqual(DisplayWidth.cut("北京水务", to: 7), "北京水…")
        XCTAssertEqual(DisplayWidth.cut("北京水务", to: 6), "北京…")          // 水 would straddle: 5 columns
        XCTAssertEqual(DisplayWidth.cut("a北京", to: 4), "a北…")
        XCTAssertEqual(DisplayWidth.cut("Cafe\u{301}s and teas", to: 5), "Cafe\u{301}…")  // é stays whole
        XCTAssertEqual(DisplayWidth.cut("ok ✅✅✅", to: 6), "ok ✅…")
        XCTAssertEqual(DisplayWidth.cut("", to: 3), "")
    }

    func testACutTextIsNeverWiderThanAskedAndAtMostAColumnShort() {
        let pieces: [String] = ["a", "Z", " ", "北", "水", "é", "e\u{301}", "✅", "ё", "-", "\u{200B}"]
        var random = SplitMix64(seed: 60)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let width = Int.random(in: 1...25, using: &random)
            let cut = DisplayWidth.cut(text, to: width)
            if DisplayWidth.of(text) <= width {
                XCTAssertEqual(cut, text)
            } else {
                XCTAssertTrue(cut.hasSuffix("…") && text.hasPrefix(cut.dropLast()), "\(text) → \(cut)")
                XCTAssertTrue((width - 1...width).contains(DisplayWidth.of(cut)), "\(text) to \(width) → \(cut)")
            }
        }
    }

    func testTheWideRangesAreSortedAndDisjoint() {
        for (before, after) in zip(DisplayWidth.wideRanges, DisplayWidth.wideRanges.dropFirst()) {
            XCTAssertLessThan(before.upperBound, after.lowerBound, "\(before) and \(after)")
        }
    }
}
