import WaterBilling

/// How commands name the utility's volume unit (`wbill init --volume-unit`) in headers, messages and help.
enum VolumeLabels {
    /// For help and man pages, which are the same for every database: where the unit is meant.
    static let inTheUtilitysUnit = "in the utility's volume unit (m³ unless 'wbill init --volume-unit' chose another)"

    /// A table header for a volume column: `prefix` and the unit, `INITIAL CCF` (a column of
    /// volumes alone is titled `unit.headerText`).
    static func header(_ prefix: String, _ unit: VolumeUnit) -> String {
        "\(prefix) \(unit.headerText)"
    }

    /// The title of a quote's volume column: `VOLUME` in m³ (as it always read), else `VOLUME CCF`,
    /// so that a quote in another unit cannot be read as m³.
    static func quoteVolumeTitle(_ unit: VolumeUnit) -> String {
        unit == .cubicMetres ? "VOLUME" : header("VOLUME", unit)
    }
}

extension CommandContext {
    /// The unit the database's volumes are in (m³ unless `wbill init --volume-unit` chose another).
    func volumeUnit() throws -> VolumeUnit {
        try UtilitySettings(database: database).volumeUnit()
    }
}
