import XCTest
import WBillSupport

final class TOMLStringTests: XCTestCase {
    private func string(_ valueText: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        guard case .string(let text)? = value(parseTOML("v = \(valueText)", file: file, line: line), "v")?.kind else {
            return nil
        }
        return text
    }

    func testBasicStringEscapes() {
        XCTAssertEqual(string(#""a\"b\\c\nd\te\rf\bg\fh""#), "a\"b\\c\nd\te\rf\u{08}g\u{0C}h")
        XCTAssertEqual(string(#""\u6C34\U0001F4A7""#), "水💧")
        XCTAssertEqual(string(#""""#), "")
        XCTAssertEqual(string("\"tab\there\""), "tab\there")
        XCTAssertEqual(string(#""水费 💧 'single' ""#), "水费 💧 'single' ")
    }

    func testLiteralStringsKeepBackslashes() {
        XCTAssertEqual(string(#"'C:\Users\nobody'"#), #"C:\Users\nobody"#)
        XCTAssertEqual(string("''"), "")
        XCTAssertEqual(string(#"'say "hi"'"#), #"say "hi""#)
    }

    func testMultilineBasicStrings() {
        XCTAssertEqual(string("\"\"\"\nline one\nline two\"\"\""), "line one\nline two")
        XCTAssertEqual(string("\"\"\"first\n  second\n\"\"\""), "first\n  second\n")
        XCTAssertEqual(string("\"\"\"one \\\n    two \\   \n\n   three\"\"\""), "one two three")
        XCTAssertEqual(string("\"\"\"a \"quoted\" word\"\"\""), "a \"quoted\" word")
        XCTAssertEqual(string("\"\"\"ends with a quote\"\"\"\""), "ends with a quote\"")
        XCTAssertEqual(string("\"\"\"two \"\"\"\"\""), "two \"\"")
        XCTAssertEqual(string("\"\"\"escaped \\\"\\\"\\\" three\"\"\""), "escaped \"\"\" three")
    }

    func testMultilineLiteralStrings() {
        XCTAssertEqual(string("'''\nraw \\n text\n'''"), "raw \\n text\n")
        XCTAssertEqual(string("''''one quote''''"), "'one quote'")
    }

    func testPositionsAfterMultilineStrings() {
        let root = parseTOML("a = \"\"\"\nx\ny\n\"\"\"\nb = 1")
        XCTAssertEqual(value(root, "b")?.location.lineAndColumn, "5:5")
    }

    func testStringErrors() {
        assertTOMLError("v = \"abc", "tariff.toml:1:5: unterminated string: expected \" to close the string opened here, found end of file")
        assertTOMLError("v = 'abc", "tariff.toml:1:5: unterminated string: expected ' to close the string opened here, found end of file")
        assertTOMLError("v = \"abc\nw = 1", "tariff.toml:1:9: newline in a basic string; close it with \" on the same line, or use \"\"\" for a multi-line string")
        assertTOMLError("v = 'abc\r\nw = 1", "tariff.toml:1:9: newline in a literal string; close it with ' on the same line, or use ''' for a multi-line string")
        assertTOMLError("v = \"\"\"abc\n", "tariff.toml:1:5: unterminated multi-line string: expected \"\"\" to close the string opened here, found end of file")
        assertTOMLError("v = '''abc", "tariff.toml:1:5: unterminated multi-line string: expected ''' to close the string opened here, found end of file")
        assertTOMLError(#"v = "a\qb""#, #"tariff.toml:1:7: invalid escape "\q"; the valid escapes are \b \t \n \f \r \" \\ \uXXXX and \UXXXXXXXX"#)
        assertTOMLError(#"v = "\u12G4""#, #"tariff.toml:1:6: invalid escape "\u12G"; expected 4 hexadecimal digits after \u"#)
        assertTOMLError(#"v = "\u12""#, #"tariff.toml:1:6: invalid escape "\u12"; expected 4 hexadecimal digits after \u"#)
        assertTOMLError(#"v = "\uD800""#, #"tariff.toml:1:6: invalid escape "\uD800": U+D800 is not a unicode scalar value"#)
        assertTOMLError(#"v = "\U00110000""#, #"tariff.toml:1:6: invalid escape "\U00110000": U+110000 is not a unicode scalar value"#)
        assertTOMLError("v = \"a\\\nb\"", "tariff.toml:1:7: invalid escape: a backslash at the end of a line is only allowed in a multi-line string (\"\"\")")
        assertTOMLError("v = \"a\u{07}b\"", "tariff.toml:1:7: control character U+0007 in a string; write it as an escape such as \\u0007")
        assertTOMLError("v = \"\"\"a\"\"\"\"\"\"", "tariff.toml:1:9: too many quotes: at most two \" may come right before the closing \"\"\"; escape the others")
        assertTOMLError("v = \"\"\"a\rb\"\"\"", "tariff.toml:1:9: a carriage return must be followed by a line feed (found a lone \\r)")
    }
}
