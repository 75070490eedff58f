import WaterBilling
import XCTest
import WBillSupport

/// The repository's `examples/tariffs` directory.
let exampleTariffs = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples/tariffs").path

/// A date from `YYYY-MM-DD`.
func day(_ text: String) -> CivilDate {
    try! CivilDate(parsing: text)
}

/// The span `first...last`.
func span(_ first: String, _ last: String) -> DateSpan {
    try! DateSpan(from: day(first), through: day(last))
}

/// A volume in m³.
func m3(_ text: String) -> Volume {
    try! Volume(parsing: text)
}

/// Reads tariff text as `tariff.toml`.
func definition(_ text: String) throws -> TariffDefinition {
    try TariffFileLoader.parse(text, file: "tariff.toml")
}

/// A tariff whose versions are `texts`, effective from the given dates (the first from any day).
func tariff(_ texts: [String], effective: [String] = []) throws -> Tariff {
    let definitions = try texts.map(definition)
    let dates = [TariffVersion.beginning] + effective.map(day)
    let versions = definitions.enumerated().map { TariffVersion(number: $0.offset + 1, effectiveFrom: dates[$0.offset], definition: $0.element) }
    return Tariff(id: 1, name: definitions[0].name, kind: definitions[0].kind, currency: definitions[0].currency, versions: versions)
}

/// The example tariff in `examples/tariffs/NAME.toml`.
func exampleTariff(_ name: String) throws -> Tariff {
    let file = try TariffFileLoader.load(path: "\(exampleTariffs)/\(name).toml")
    return Tariff(id: 1, name: file.definition.name, kind: file.definition.kind, currency: file.definition.currency,
                  versions: [TariffVersion(number: 1, effectiveFrom: TariffVersion.beginning, definition: file.definition)])
}

/// Prices `volume` over `span` with `tariff`.
func quote(_ tariff: Tariff, _ volume: String, _ span: DateSpan, _ context: PricingContext = PricingContext()) throws -> PriceBreakdown {
    try TariffEngine.price(consumption: m3(volume), span: span, context: context, tariff: tariff)
}

/// Lines as compact text for exact comparisons: `kind component tier from..to vN season volume rate amount`.
func describe(_ breakdown: PriceBreakdown) -> [String] {
    breakdown.allLines.map { line in
        [line.kind.rawValue, line.component, line.tierText, line.span.description, line.version.map { "v\($0)" } ?? "",
         line.season ?? "", line.exactVolume?.description ?? "", line.rate?.description ?? "", line.amount.description]
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// The total as text.
func totalText(_ breakdown: PriceBreakdown) throws -> String {
    try breakdown.total.description
}
