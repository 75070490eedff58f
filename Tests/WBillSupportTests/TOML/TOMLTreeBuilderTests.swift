import XCTest
import WBillSupport

final class TOMLTreeBuilderTests: XCTestCase {
    func testTablesMayBeDefinedAfterTheirChildren() {
        let root = parseTOML("[a.b.c]\nanswer = 42\n\n[a]\nbetter = 43")
        XCTAssertEqual(value(root, "a")?.location.lineAndColumn, "4:1")
        XCTAssertEqual(try root?.requireTable("a").keys, ["b", "better"])
        XCTAssertEqual(value(root, "a", "b", "c", "answer")?.path, "a.b.c.answer")
    }

    func testSubTablesOfDottedKeyTablesAndArrayElements() {
        let root = parseTOML("""
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true
            [fruit.apple.texture]
            smooth = true
            [[fruits]]
            name = "apple"
            [fruits.physical]
            color = "red"
            [[fruits.varieties]]
            name = "red delicious"
            [[fruits]]
            name = "banana"
            [[fruits.varieties]]
            name = "plantain"
            """)
        XCTAssertEqual(value(root, "fruit", "apple", "texture", "smooth")?.kind, .boolean(true))
        let fruits = try? root?.arrayOfTables("fruits")
        XCTAssertEqual(fruits?.count, 2)
        XCTAssertEqual(fruits?[0].value(for: "physical")?.path, "fruits[0].physical")
        XCTAssertEqual(try fruits?[1].arrayOfTables("varieties").first?.value(for: "name")?.path, "fruits[1].varieties[0].name")
        XCTAssertEqual(try fruits?[1].arrayOfTables("varieties").first?.value(for: "name")?.kind, .string("plantain"))
    }

    func testDuplicateKeysSayWhereTheFirstWas() {
        assertTOMLError("a = 1\nb = 2\na = 3", "tariff.toml:3:1: duplicate key `a` at the top level; first defined at 1:1")
        assertTOMLError("[components.water]\nrate = 1\n  rate = 2", "tariff.toml:3:3: duplicate key `rate` in [components.water]; first defined at 2:1")
        assertTOMLError("a.b = 1\na.b = 2", "tariff.toml:2:3: duplicate key `b` in [a]; first defined at 1:3")
        assertTOMLError("\"a\" = 1\na = 2", "tariff.toml:2:1: duplicate key `a` at the top level; first defined at 1:1")
        assertTOMLError("[t]\nx = 1\n[t.x]", "tariff.toml:3:1: cannot define table [t.x]: `t.x` is already an integer (defined at 2:1)")
        assertTOMLError("[a.b]\n[a]\nb = 1", "tariff.toml:3:1: duplicate key `b` in [a]; first defined at 1:1")
    }

    func testTablesCannotBeDefinedTwice() {
        assertTOMLError("[a]\nx = 1\n\n[a]\ny = 2", "tariff.toml:4:1: table [a] is defined twice; first defined at 1:1")
        assertTOMLError("[a.b]\n[a]\n[a]", "tariff.toml:3:1: table [a] is defined twice; first defined at 2:1")
        assertTOMLError("[fruit]\napple.color = \"red\"\n[fruit.apple]", "tariff.toml:3:1: table [fruit.apple] is defined twice; first defined by dotted keys at 2:1")
        assertTOMLError("a = { x = 1 }\n[a]", "tariff.toml:2:1: cannot define table [a]: `a` is already an inline table (defined at 1:1)")
        assertTOMLError("[[a]]\n[a]", "tariff.toml:2:1: cannot define table [a]: `a` is already an array of tables (defined at 1:1)")
    }

    func testDottedKeysCannotExtendOtherTables() {
        assertTOMLError("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", "tariff.toml:4:1: cannot add keys to table [a.b] with dotted keys: it is defined at 1:4; write them under its own header")
        assertTOMLError("[a.b]\n[a]\nb.y = 2", "tariff.toml:3:1: cannot add keys to table [a.b] with dotted keys: it is defined at 1:1; write them under its own header")
        assertTOMLError("a = { x = 1 }\na.y = 2", "tariff.toml:2:1: cannot add keys to `a`: it is an inline table (defined at 1:1), and inline tables cannot be extended")
        assertTOMLError("a = 1\na.y = 2", "tariff.toml:2:1: cannot use `a` as a table: it is already an integer (defined at 1:1)")
        assertTOMLError("[[a.b]]\n[a]\nb.y = 2", "tariff.toml:3:1: cannot use `a.b` as a table: it is already an array of tables (defined at 1:1)")
    }

    func testArraysOfTablesRules() {
        assertTOMLError("a = []\n[[a]]", "tariff.toml:2:1: cannot append to `a` with [[a]]: it is already a static array (defined at 1:1)")
        assertTOMLError("[a]\n[[a]]", "tariff.toml:2:1: cannot define [[a]] as an array of tables: `a` is already a table (defined at 1:1)")
        assertTOMLError("a = 1\n[[a]]", "tariff.toml:2:1: cannot define [[a]] as an array of tables: `a` is already an integer (defined at 1:1)")
        assertTOMLError("a = { b = 1 }\n[[a.c]]", "tariff.toml:2:3: cannot define [[a.c]]: `a` is already an inline table (defined at 1:1)")
        assertTOMLError("[[tiers]]\nrate = 1\n[[tiers]]\nrate = 2\nrate = 3", "tariff.toml:5:1: duplicate key `rate` in [tiers[1]]; first defined at 4:1")
    }
}
