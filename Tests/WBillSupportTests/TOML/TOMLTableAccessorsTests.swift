import XCTest
import WBillSupport

final class TOMLTableAccessorsTests: XCTestCase {
    private let document = """
        name = "Residential"
        count = 3
        big = 99999999999999999999
        flag = true
        from = 2026-01-01
        list = [1, 2]
        tiers = [{ rate = 1 }, 2]

        [components.water]
        rate = "4.16"
        shar = 0.9
        """

    private var root: TOMLTable { parseTOML(document)! }

    func testTypedAccessorsReturnValues() throws {
        XCTAssertEqual(try root.requireString("name"), "Residential")
        XCTAssertEqual(try root.requireInt("count"), 3)
        XCTAssertEqual(try root.requireDecimalText("count"), "3")
        XCTAssertEqual(try root.requireDecimalText("big"), "99999999999999999999")
        XCTAssertEqual(try root.requireBool("flag"), true)
        XCTAssertEqual(try root.requireDate("from").description, "2026-01-01")
        XCTAssertEqual(try root.requireArray("list").count, 2)
        XCTAssertNil(try root.optionalString("missing"))
        XCTAssertNil(try root.optionalInt("missing"))
        XCTAssertNil(try root.optionalBool("missing"))
        XCTAssertNil(try root.optionalDate("missing"))
        XCTAssertNil(try root.optionalTable("missing"))
        XCTAssertNil(try root.optionalArray("missing"))
        XCTAssertEqual(try root.arrayOfTables("missing"), [])
        XCTAssertEqual(try root.optionalTable("components")?.keys, ["water"])
        XCTAssertEqual(root["name"]?.kind, .string("Residential"))
    }

    func testMissingKeysPointAtTheTable() throws {
        assertThrowsTOML("tariff.toml:1:1: missing required key `kind` at the top level") { _ = try root.requireString("kind") }
        let water = try root.requireTable("components").requireTable("water")
        assertThrowsTOML("tariff.toml:9:1: missing required key `label` in [components.water]") { _ = try water.requireString("label") }
    }

    func testTypeMismatchesPointAtTheValue() throws {
        let water = try root.requireTable("components").requireTable("water")
        assertThrowsTOML("tariff.toml:10:8: components.water.rate: expected a number, found a string \"4.16\"") { _ = try water.requireDecimalText("rate") }
        assertThrowsTOML("tariff.toml:10:8: components.water.rate: expected a number, found a string \"4.16\"") { _ = try water.optionalDecimalText("rate") }
        assertThrowsTOML("tariff.toml:1:8: name: expected an integer, found a string \"Residential\"") { _ = try root.requireInt("name") }
        assertThrowsTOML("tariff.toml:3:7: big: expected an integer between -9223372036854775808 and 9223372036854775807, found \"99999999999999999999\"") { _ = try root.requireInt("big") }
        assertThrowsTOML("tariff.toml:2:9: count: expected a string, found an integer \"3\"") { _ = try root.requireString("count") }
        assertThrowsTOML("tariff.toml:2:9: count: expected true or false, found an integer \"3\"") { _ = try root.requireBool("count") }
        assertThrowsTOML("tariff.toml:4:8: flag: expected a date (YYYY-MM-DD), found a boolean \"true\"") { _ = try root.requireDate("flag") }
        assertThrowsTOML("tariff.toml:6:8: list: expected a table, found an array") { _ = try root.requireTable("list") }
        assertThrowsTOML("tariff.toml:9:2: components: expected an array, found a table") { _ = try root.requireArray("components") }
        assertThrowsTOML("tariff.toml:1:8: name: expected an array of tables ([[name]]), found a string \"Residential\"") { _ = try root.arrayOfTables("name") }
        assertThrowsTOML("tariff.toml:7:24: tiers[1]: expected a table, found an integer \"2\"") { _ = try root.arrayOfTables("tiers") }
        assertThrowsTOML("tariff.toml:5:8: from: expected a number, found a date \"2026-01-01\"") { _ = try root.requireDecimalText("from") }
    }

    func testRejectUnknownKeysSuggestsTheNearestAllowedKey() throws {
        let water = try root.requireTable("components").requireTable("water")
        assertThrowsTOML("tariff.toml:11:1: unknown key `shar` in [components.water] (did you mean `share`?); expected one of: rate, share") {
            try water.rejectUnknownKeys(allowed: ["rate", "share"])
        }
        assertThrowsTOML("tariff.toml:11:1: unknown key `shar` in [components.water]; expected one of: rate, volume") {
            try water.rejectUnknownKeys(allowed: ["rate", "volume"])
        }
        assertThrowsTOML("tariff.toml:10:1: unknown key `rate` in [components.water]; no keys are allowed here") {
            try water.rejectUnknownKeys(allowed: [])
        }
        assertThrowsTOML("tariff.toml:2:1: unknown key `count` at the top level; expected one of: name") {
            try root.rejectUnknownKeys(allowed: ["name"])
        }
        try water.rejectUnknownKeys(allowed: ["rate", "shar"])
    }

    func testValueHelpersFormatMessages() {
        let value = TOMLValue(.integer("-1"), path: "tiers[2].rate", location: TOMLLocation(file: "tariff.toml", line: 14, column: 9))
        XCTAssertEqual(value.expected("a number ≥ 0").description, "tariff.toml:14:9: tiers[2].rate: expected a number ≥ 0, found \"-1\"")
        XCTAssertEqual(value.error("must be positive").description, "tariff.toml:14:9: tiers[2].rate: must be positive")
        XCTAssertEqual(TOMLValue.quoted("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"")
    }
}
