import WaterBilling
import WBillSupport

/// Priced lines as `tariff quote` shows them — tariff, line kind, component, tier, days, version,
/// season, volume, rate, amount — then a total row: the one rendering of a quote and of a bill's
/// charges, so a bill's lines read exactly as the quote of the same volume and days.
enum PriceLinesTable {
    /// `lines`, then `total` on a row of `tariff`.
    static func table(_ lines: [PriceLine], tariff: String, total: Money, unit: VolumeUnit) -> DataTable {
        var table = DataTable(columns: [
            Column("tariff"), Column("line"), Column("component"), Column("tier"), Column("from"), Column("to"),
            Column("version"), Column("season"), Column("volume", title: VolumeLabels.quoteVolumeTitle(unit)),
            Column("rate"), Column("amount"),
        ])
        for line in lines {
            table.append([
                .text(line.tariff), .text(line.kind.rawValue), .text(line.component),
                line.tiers == nil ? .null : .text(line.tierText), .text(line.span.first.description), .text(line.span.last.description),
                line.version.map { .integer(Int64($0)) } ?? .null, line.season.map(Cell.text) ?? .null,
                line.exactVolume.map { .decimal($0.description) } ?? .null, line.rate.map { .decimal($0.description) } ?? .null,
                .decimal(line.amount.description),
            ])
        }
        table.append([.text(tariff), .text("total"), .null, .null, .null, .null, .null, .null, .null, .null,
                      .decimal(total.description)])
        return table
    }
}
