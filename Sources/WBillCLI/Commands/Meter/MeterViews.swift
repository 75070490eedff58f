import WaterBilling
import WBillSupport

/// How a meter is shown: the columns and cells every meter listing uses.
enum MeterViews {
    /// The columns of a meter row, in `meter list`, `meter show` and `meter group show`; the
    /// initial reading's header names the utility's volume unit.
    static func columns(_ unit: VolumeUnit) -> [Column] {
        [
            Column("serial"), Column("type"), Column("caliber"), Column("manufacturer"), Column("model"),
            Column("initial_reading", title: VolumeLabels.header("INITIAL", unit)), Column("location"), Column("state"),
            Column("group"),
        ]
    }

    /// One meter as a row of `columns`.
    static func row(_ meter: Meter) -> [Cell] {
        [.text(meter.serial), .text(meter.typeName), .integer(Int64(meter.caliber)), .text(meter.manufacturer),
         .text(meter.model), .decimal(meter.initialReading.description), .text(meter.location), .text(meter.state.rawValue),
         meter.group.map(Cell.text) ?? .null]
    }
}
