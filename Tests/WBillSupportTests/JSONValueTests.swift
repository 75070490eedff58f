@testable import WBillSupport
import XCTest

/// `JSONValue`: deterministic, valid JSON.
final class JSONValueTests: XCTestCase {
    func string(_ text: String) -> String { JSONValue.string(text).serialized() }

    func testStringEscaping() {
        XCTAssertEqual(string(#"say "hi""#), #""say \"hi\"""#)
        XCTAssertEqual(string(#"C:\dir"#), #""C:\\dir""#)
        XCTAssertEqual(string("a\nb\rc\td"), #""a\nb\rc\td""#)
        XCTAssertEqual(string("\u{0}\u{1}\u{8}\u{C}\u{1B}\u{1F}"), #""\u0000\u0001\u0008\u000c\u001b\u001f""#)
        XCTAssertEqual(string("\u{7F} / é 北 😀 \u{2028}"), "\"\u{7F} / é 北 😀 \u{2028}\"")
        XCTAssertEqual(string(""), #""""#)
    }

    func testEveryAwkwardStringSurvivesAStandardParser() throws {
        var texts = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["\"", "\\", "/", "\u{7F}", "\u{2028}\u{2029}", "北京水务", "👩‍👩‍👧", "e\u{301}", #"\"\\"#]
        let document = JSONValue.array(texts.map(JSONValue.string)).serialized()
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String])
        XCTAssertEqual(parsed, texts)
    }

    func testCompactAndPrettyOutput() {
        let value = JSONValue.object([
            ("zeta", .integer(Int64.min)), ("alpha", .array([.bool(true), .null, .integer(Int64.max)])),
            ("empty", .object([])), ("none", .array([])), ("nested", .object([("k", .string("v"))])),
        ])
        XCTAssertEqual(value.serialized(),
                       #"{"zeta":-9223372036854775808,"alpha":[true,null,9223372036854775807],"empty":{},"none":[],"nested":{"k":"v"}}"#)
        XCTAssertEqual(value.serialized(pretty: true), """
            {
              "zeta": -9223372036854775808,
              "alpha": [
                true,
                null,
                9223372036854775807
              ],
              "empty": {},
              "none": [],
              "nested": {
                "k": "v"
              }
            }
            """)
    }

    func testKeysKeepTheirOrderAndEqualityFollowsTheText() {
        let ab = JSONValue.object([("a", .integer(1)), ("b", .integer(2))])
        let ba = JSONValue.object([("b", .integer(2)), ("a", .integer(1))])
        XCTAssertEqual(ab, JSONValue.object([("a", .integer(1)), ("b", .integer(2))]))
        XCTAssertNotEqual(ab, ba)
        XCTAssertNotEqual(JSONValue.string("1"), JSONValue.integer(1))
    }
}
