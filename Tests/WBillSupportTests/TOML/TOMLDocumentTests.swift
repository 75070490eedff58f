import Foundation
import XCTest
import WBillSupport

final class TOMLDocumentTests: XCTestCase {
    static let tariff = """
        # Residential water tariff — monthly tiers (published prices)
        name = "Residential 2026"
        kind = "postpaid"
        effective-from = 2026-01-01
        rounding = { mode = "half-up", scale = 2 }
        seasons = [
          # summer peak
          { from = 2026-06-01, to = 2026-08-31, multiplier = 1.2 },
        ]

        [components.water]
        label = "自来水费"
        rate = 2.07

        [components.sewage]
        label = "污水处理费"
        rate = 1.36
        share = 0.90   # charged on 90 % of the volume

        [components."water-resource fee"]
        rate = 1.57

        [[tiers]]
        up-to = 22
        rate = 4.16

        [[tiers]]
        up-to = 30
        rate = 5.60

        [[tiers]]
        rate = 9.70    # and above

        [fixed]
        service-charge.DN15 = 5.00
        service-charge.DN20 = 8.50
        minimum = 0

        """

    func testRealisticTariffReadsThroughTheQueryAPI() throws {
        let root = try TOMLDocument.parse(Self.tariff, file: "tariff.toml")
        XCTAssertEqual(root.keys, ["name", "kind", "effective-from", "rounding", "seasons", "components", "tiers", "fixed"])
        try root.rejectUnknownKeys(allowed: ["name", "kind", "effective-from", "rounding", "seasons", "components", "tiers", "fixed"])
        XCTAssertEqual(try root.requireString("name"), "Residential 2026")
        XCTAssertEqual(try root.requireDate("effective-from"), TOMLDate(year: 2026, month: 1, day: 1))

        let rounding = try root.requireTable("rounding")
        XCTAssertEqual(try rounding.requireString("mode"), "half-up")
        XCTAssertEqual(try rounding.requireInt("scale"), 2)

        let seasons = try root.arrayOfTables("seasons")
        XCTAssertEqual(seasons.count, 1)
        XCTAssertEqual(seasons[0].path, "seasons[0]")
        XCTAssertEqual(try seasons[0].requireDecimalText("multiplier"), "1.2")
        XCTAssertEqual(seasons[0].value(for: "to")?.path, "seasons[0].to")
        XCTAssertEqual(seasons[0].value(for: "to")?.location, TOMLLocation(file: "tariff.toml", line: 8, column: 29))

        let components = try root.requireTable("components")
        XCTAssertEqual(components.keys, ["water", "sewage", "water-resource fee"])
        let water = try components.requireTable("water")
        XCTAssertEqual(water.path, "components.water")
        XCTAssertEqual(water.location, TOMLLocation(file: "tariff.toml", line: 11, column: 1))
        XCTAssertEqual(try water.requireString("label"), "自来水费")
        XCTAssertEqual(try water.requireDecimalText("rate"), "2.07")
        let rate = try XCTUnwrap(water.value(for: "rate"))
        XCTAssertEqual(rate.path, "components.water.rate")
        XCTAssertEqual(rate.kind, .decimal("2.07"))
        XCTAssertEqual(rate.line, 13)
        XCTAssertEqual(rate.column, 8)
        XCTAssertEqual(water.entry(for: "rate")?.keyLocation, TOMLLocation(file: "tariff.toml", line: 13, column: 1))

        let sewage = try components.requireTable("sewage")
        XCTAssertEqual(try sewage.optionalDecimalText("share"), "0.90")
        XCTAssertNil(try water.optionalDecimalText("share"))
        let resource = try components.requireTable("water-resource fee")
        XCTAssertEqual(resource.path, "components.\"water-resource fee\"")
        XCTAssertEqual(resource.value(for: "rate")?.path, "components.\"water-resource fee\".rate")

        let tiers = try root.arrayOfTables("tiers")
        XCTAssertEqual(tiers.map(\.path), ["tiers[0]", "tiers[1]", "tiers[2]"])
        XCTAssertEqual(try tiers.map { try $0.requireDecimalText("rate") }, ["4.16", "5.60", "9.70"])
        XCTAssertEqual(try tiers.map { try $0.optionalInt("up-to") }, [22, 30, nil])
        XCTAssertEqual(tiers[1].location, TOMLLocation(file: "tariff.toml", line: 27, column: 1))
        let thirdRate = try XCTUnwrap(tiers[2].value(for: "rate"))
        XCTAssertEqual(thirdRate.path, "tiers[2].rate")
        XCTAssertEqual(thirdRate.location.description, "tariff.toml:32:8")

        let fixed = try root.requireTable("fixed")
        let service = try fixed.requireTable("service-charge")
        XCTAssertEqual(service.keys, ["DN15", "DN20"])
        XCTAssertEqual(service.location, TOMLLocation(file: "tariff.toml", line: 35, column: 1))
        XCTAssertEqual(service.value(for: "DN20")?.path, "fixed.service-charge.DN20")
        XCTAssertEqual(try fixed.requireDecimalText("minimum"), "0")
    }

    func testConsumerErrorsPointAtTheValue() throws {
        let root = try TOMLDocument.parse(Self.tariff, file: "tariff.toml")
        let tiers = try root.arrayOfTables("tiers")
        let rate = try XCTUnwrap(tiers[2].value(for: "rate"))
        XCTAssertEqual(
            rate.expected("a number ≥ 10").description,
            "tariff.toml:32:8: tiers[2].rate: expected a number ≥ 10, found \"9.70\"")
        XCTAssertEqual(
            tiers[2].error("the last tier must not have `up-to`").description,
            "tariff.toml:31:1: [tiers[2]]: the last tier must not have `up-to`")
    }

    func testEmptyDocumentsAreEmptyTables() throws {
        for text in ["", "\n\n", "# only a comment", "\u{FEFF}", "  \t\n# c\r\n"] {
            let root = try TOMLDocument.parse(text)
            XCTAssertTrue(root.isEmpty, "for \(text.debugDescription)")
            XCTAssertEqual(root.path, "")
        }
    }

    func testCRLFLineEndsCountLinesAndBecomeLFInMultilineStrings() throws {
        let root = try XCTUnwrap(parseTOML("a = 1\r\n\r\nb = \"\"\"\r\nx\r\ny\"\"\"\r\nc = 3\r\n"))
        XCTAssertEqual(value(root, "b")?.kind, .string("x\ny"))
        XCTAssertEqual(value(root, "c")?.location.lineAndColumn, "6:5")
    }

    func testByteOrderMarkIsSkippedAndTakesNoColumn() throws {
        let root = try XCTUnwrap(parseTOML("\u{FEFF}name = \"x\""))
        XCTAssertEqual(root.entries.first?.keyLocation.lineAndColumn, "1:1")
        XCTAssertEqual(value(root, "name")?.location.lineAndColumn, "1:8")
        let fromBytes = try TOMLDocument.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a = 1".utf8))
        XCTAssertEqual(value(fromBytes, "a")?.kind, .integer("1"))
    }

    func testCommentsEverywhere() throws {
        let text = """
            # top
            [t] # after a header
            # between
            a = [ # after the bracket
              1, # after an element
              # alone in the array
              2 # before the comma
              , 3
            ] # after the array
            b = "# not a comment" # but this is
            [[arr]] # after an array header
            #end
            """
        let root = try XCTUnwrap(parseTOML(text))
        XCTAssertEqual(value(root, "t", "a")?.kind, .array([
            TOMLValue(.integer("1"), path: "t.a[0]", location: TOMLLocation(file: "tariff.toml", line: 5, column: 3)),
            TOMLValue(.integer("2"), path: "t.a[1]", location: TOMLLocation(file: "tariff.toml", line: 7, column: 3)),
            TOMLValue(.integer("3"), path: "t.a[2]", location: TOMLLocation(file: "tariff.toml", line: 8, column: 5)),
        ]))
        XCTAssertEqual(value(root, "t", "b")?.kind, .string("# not a comment"))
        XCTAssertEqual(try root.arrayOfTables("arr").count, 1)
    }

    func testUnicodeKeysAndTextCountColumnsInScalars() throws {
        let root = try XCTUnwrap(parseTOML("\"水费\" = \"每立方米 4.16 元 💧\"\n'tarif été'.taux = 1"))
        XCTAssertEqual(value(root, "水费")?.kind, .string("每立方米 4.16 元 💧"))
        XCTAssertEqual(value(root, "水费")?.column, 8)
        XCTAssertEqual(value(root, "tarif été", "taux")?.path, "\"tarif été\".taux")
        XCTAssertEqual(value(root, "tarif été", "taux")?.column, 20)
    }

    func testKeyOrderIsInsertionOrder() throws {
        let root = try XCTUnwrap(parseTOML("z = 1\na = 2\nm.y = 3\nm.b = 4\n[k]\n[c]"))
        XCTAssertEqual(root.keys, ["z", "a", "m", "k", "c"])
        XCTAssertEqual(try root.requireTable("m").keys, ["y", "b"])
    }

    func testInvalidUTF8BytesAreReportedWhereTheyAre() {
        XCTAssertThrowsError(try TOMLDocument.parse(bytes: Array("a = 1\nb = \"水".utf8) + [0xFF, 0x22], file: "t.toml")) {
            XCTAssertEqual(
                ($0 as? TOMLError)?.description,
                "t.toml:2:7: invalid utf-8: found byte 0xFF; the file must be encoded as utf-8")
        }
    }

    func testLoadReadsAFileAndReportsIOErrors() throws {
        let path = NSTemporaryDirectory() + "wbill-toml-\(getpid()).toml"
        try "rate = 4.16\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        let root = try TOMLDocument.load(path: path)
        XCTAssertEqual(value(root, "rate")?.location.file, path)
        XCTAssertEqual(value(root, "rate")?.kind, .decimal("4.16"))
        XCTAssertThrowsError(try TOMLDocument.load(path: "/nonexistent/tariff.toml")) {
            XCTAssertEqual(
                ($0 as? FileIOError)?.description, "cannot open /nonexistent/tariff.toml: No such file or directory")
        }
    }
}
