import XCTest
import WBillSupport

final class TOMLParserTests: XCTestCase {
    func testKeysBareQuotedAndDotted() {
        let root = parseTOML("""
            bare_key-1 = 1
            "quoted key" = 2
            'literal "key"' = 3
            "" = 4
            water . rate = 5
            3.14 = 6
            a."b.c".d = 7
            """)
        XCTAssertEqual(root?.keys, ["bare_key-1", "quoted key", "literal \"key\"", "", "water", "3", "a"])
        XCTAssertEqual(value(root, "water", "rate")?.kind, .integer("5"))
        XCTAssertEqual(value(root, "water", "rate")?.path, "water.rate")
        XCTAssertEqual(value(root, "3", "14")?.kind, .integer("6"))
        XCTAssertEqual(value(root, "a", "b.c", "d")?.path, "a.\"b.c\".d")
        XCTAssertEqual(value(root, "")?.path, "\"\"")
    }

    func testArraysNestAndSpanLines() {
        let root = parseTOML("""
            empty = []
            nested = [[1, 2], ["a"], []]
            multi = [
              "x",
              "y",
            ]
            mixed = [1, 2.5, "three", true, 2026-01-01, { four = 4 }]
            """)
        guard case .array(let nested)? = value(root, "nested")?.kind else { return XCTFail("nested") }
        XCTAssertEqual(nested.map(\.path), ["nested[0]", "nested[1]", "nested[2]"])
        guard case .array(let inner) = nested[0].kind else { return XCTFail("inner") }
        XCTAssertEqual(inner.map(\.path), ["nested[0][0]", "nested[0][1]"])
        guard case .array(let multi)? = value(root, "multi")?.kind else { return XCTFail("multi") }
        XCTAssertEqual(multi.map(\.kind), [.string("x"), .string("y")])
        guard case .array(let mixed)? = value(root, "mixed")?.kind else { return XCTFail("mixed") }
        XCTAssertEqual(mixed.count, 6)
        guard case .table(let four) = mixed[5].kind else { return XCTFail("table") }
        XCTAssertEqual(four.value(for: "four")?.path, "mixed[5].four")
        XCTAssertEqual(value(root, "empty")?.kind, .array([]))
    }

    func testInlineTablesWithDottedKeys() {
        let root = parseTOML("point = { x = 1, y.z = 2, \"w\" = { } }")
        XCTAssertEqual(value(root, "point", "y", "z")?.path, "point.y.z")
        XCTAssertEqual(value(root, "point", "w")?.kind, .table(TOMLTable(
            path: "point.w", location: TOMLLocation(file: "tariff.toml", line: 1, column: 33), entries: [])))
    }

    func testSyntaxErrors() {
        assertTOMLError("name \"x\"", "tariff.toml:1:6: expected \"=\" after the key `name`, found \"\\\"\"")
        assertTOMLError("name", "tariff.toml:1:5: expected \"=\" after the key `name`, found end of file")
        assertTOMLError("a.b\n= 1", "tariff.toml:1:4: expected \"=\" after the key `a.b`, found end of line")
        assertTOMLError("= 1", "tariff.toml:1:1: expected a key, found \"=\"")
        assertTOMLError("a. = 1", "tariff.toml:1:4: expected a key, found \"=\"")
        assertTOMLError("\"\"\"k\"\"\" = 1", "tariff.toml:1:1: expected a key, found a multi-line string; keys must be bare or on one line")
        assertTOMLError("a = ", "tariff.toml:1:5: expected a value, found end of file")
        assertTOMLError("a =\nb = 1", "tariff.toml:1:4: expected a value, found end of line")
        assertTOMLError("a = 1 b = 2", "tariff.toml:1:7: expected a new line after the value of `a`, found \"b\"")
        assertTOMLError("a = \"x\"\"y\"", "tariff.toml:1:8: expected a new line after the value of `a`, found \"\\\"\"")
        assertTOMLError("[t] x = 1", "tariff.toml:1:5: expected a new line after the table header, found \"x\"")
        assertTOMLError("[t", "tariff.toml:1:3: expected \"]\" to close the table header, found end of file")
        assertTOMLError("[[t]", "tariff.toml:1:5: expected \"]]\" to close the array-of-tables header, found end of file")
        assertTOMLError("[[t] ]", "tariff.toml:1:5: expected \"]]\" to close the array-of-tables header, found \" \"")
        assertTOMLError("[]", "tariff.toml:1:2: expected a key, found \"]\"")
        assertTOMLError("a = 1\r", "tariff.toml:1:6: a carriage return must be followed by a line feed (found a lone \\r)")
        assertTOMLError("a = 1 # bell \u{07}", "tariff.toml:1:14: control character U+0007 in a comment")
        assertTOMLError("a = 1\u{7F}", "tariff.toml:1:6: expected a new line after the value of `a`, found control character U+007F")
        assertTOMLError("水费 = 1", "tariff.toml:1:1: expected a key, found \"水\"; keys with characters other than A-Z a-z 0-9 _ - must be quoted")
        assertTOMLError("a = $", "tariff.toml:1:5: expected a value, found \"$\"")
    }

    func testArrayErrors() {
        assertTOMLError("a = [1, 2", "tariff.toml:1:10: unterminated array: expected \"]\" to close the array opened at 1:5, found end of file")
        assertTOMLError("a = [1 2]", "tariff.toml:1:8: expected \",\" or \"]\" in the array opened at 1:5, found \"2\"")
        assertTOMLError("a = [1,,2]", "tariff.toml:1:8: expected a value or \"]\" in the array opened at 1:5, found \",\"")
        assertTOMLError("a = [,]", "tariff.toml:1:6: expected a value or \"]\" in the array opened at 1:5, found \",\"")
        assertTOMLError("a = [\n  1,\n  x\n]", "tariff.toml:3:3: expected a value, found \"x\"; strings must be in quotes")
    }

    func testInlineTableErrors() {
        assertTOMLError("t = { a = 1,\n b = 2 }", "tariff.toml:1:13: newline in the inline table opened at 1:5; an inline table must be on one line (use a [table] header for longer tables)")
        assertTOMLError("t = { a = 1\n}", "tariff.toml:1:12: newline in the inline table opened at 1:5; an inline table must be on one line (use a [table] header for longer tables)")
        assertTOMLError("t = { a = 1, }", "tariff.toml:1:14: trailing comma in the inline table opened at 1:5; TOML 1.0 does not allow one before \"}\"")
        assertTOMLError("t = { a = 1 b = 2 }", "tariff.toml:1:13: expected \",\" or \"}\" in the inline table opened at 1:5, found \"b\"")
        assertTOMLError("t = { a = 1", "tariff.toml:1:12: unterminated inline table: expected \",\" or \"}\" in the inline table opened at 1:5, found end of file")
        assertTOMLError("t = { a = 1, a = 2 }", "tariff.toml:1:14: duplicate key `a` in [t]; first defined at 1:7")
        assertTOMLError("t = { a.b = 1, a = 2 }", "tariff.toml:1:16: duplicate key `a` in [t]; first defined at 1:7")
    }
}
