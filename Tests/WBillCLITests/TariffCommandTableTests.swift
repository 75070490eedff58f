@testable import WBillCLI
import WaterBilling
import XCTest

/// The tariff rows of the command table, the man page's file example, and the quote's rows.
final class TariffCommandTableTests: XCTestCase {
    func testTariffCommandsAreRegistered() {
        let table = CommandTable.standard
        XCTAssertEqual(table.children(of: ["tariff"]), ["add", "edit", "list", "show", "delete", "check", "quote"])
        XCTAssertNotNil(table.group(at: ["tariff"]))
        for verb in ["add", "edit", "delete"] {
            XCTAssertEqual(table.command(at: ["tariff", verb])?.requirements, .writeDatabase, verb)
        }
        XCTAssertEqual(table.command(at: ["tariff", "check"])?.requirements, .nothing)
        XCTAssertEqual(table.command(at: ["tariff", "quote"])?.listOutput, true)
        XCTAssertEqual(table.command(at: ["tariff", "quote"])?.usage, "wbill tariff quote --volume VOLUME [OPTIONS] NAME")
    }

    /// The verbatim lines (indented by two spaces) that follow `heading` in the file-format section.
    private func verbatimBlock(after heading: String) -> String {
        let lines = TariffManual.fileFormat.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return "" }
        var block: [Substring] = []
        for line in lines[(start + 1)...] {
            if !line.isEmpty && !line.hasPrefix("  ") { break }
            block.append(line.dropFirst(2))
        }
        return block.joined(separator: "\n")
    }

    func testTheManualsCompleteExampleIsAValidTariff() throws {
        let example = try TariffFileLoader.parse(verbatimBlock(after: "A complete example"), file: "manual")
        XCTAssertEqual(example.name, "residential-annual")
        guard case .priced(let scheme) = example.body else { return XCTFail("expected a priced tariff") }
        XCTAssertEqual(scheme.components.map(\.name), ["water", "resource", "sewage"])
        XCTAssertEqual(scheme.seasons.map(\.name), ["summer"])
        XCTAssertEqual(scheme.fixedCharges.first?.byCaliber.map(\.caliber), [15, 20, 25])
        XCTAssertNotNil(scheme.minimumCharge)
        XCTAssertNotNil(scheme.perCapita)
        XCTAssertEqual(scheme.tax?.label, "VAT")
        let split = try TariffFileLoader.parse(verbatimBlock(after: "A proportional tariff"), file: "manual")
        XCTAssertEqual(split.body, .proportional([ProportionalShare(tariff: "residential-annual", percent: FixedDecimal(70)),
                                                  ProportionalShare(tariff: "commercial-flat", percent: FixedDecimal(30))]))
    }

    func testTheManualsSheetExampleIsAValidTariff() throws {
        let example = try TariffFileLoader.parse(verbatimBlock(after: "Charges as sheets state them"), file: "manual")
        guard case .priced(let scheme) = example.body else { return XCTFail("expected a priced tariff") }
        XCTAssertEqual(scheme.proration, .readCycle(toleranceDays: 3))
        XCTAssertEqual(scheme.components.map { $0.minimum?.includes?.description }, ["3.000", "3.000"])
        XCTAssertEqual(scheme.components[1].tiers?.count, 2)
        XCTAssertEqual(scheme.fixedCharges.map(\.per), [.daily, .cycle(.annual)])
        XCTAssertEqual(scheme.fixedCharges[1].byVolume?.basis, .annual)
    }

    func testQuoteRowsEndWithTheirTotal() throws {
        let definition = try TariffFileLoader.parse("""
            name = "flat"
            kind = "postpaid"
            currency = "CNY"
            [components.water]
            rate = 4.16
            [fixed-charges.service]
            per = "monthly"
            amount = 5
            [tax]
            label = "VAT"
            percent = 9
            """, file: "flat.toml")
        let tariff = Tariff(id: 1, name: "flat", kind: .postpaid, currency: .cny,
                            versions: [TariffVersion(number: 1, effectiveFrom: TariffVersion.beginning, definition: definition)])
        let breakdown = try TariffEngine.price(consumption: Volume(parsing: "10"), span: .month(year: 2026, month: 10),
                                               context: PricingContext(), tariff: tariff)
        let table = try TariffQuoteCommand.table(breakdown, tariff: "flat", unit: .cubicMetres)
        XCTAssertEqual(TableRenderer.render(table, as: .csv), [
            "tariff,line,component,tier,from,to,version,season,volume,rate,amount",
            "flat,volume,water,,2026-10-01,2026-10-31,1,,10.000,4.16,41.60",
            "flat,fixed,service,,2026-10-01,2026-10-31,1,,,5.00,5.00",
            "flat,tax,VAT,,2026-10-01,2026-10-31,1,,,9,4.19",
            "flat,total,,,,,,,,,50.79",
        ].map { $0 + "\r\n" }.joined())
    }
}
