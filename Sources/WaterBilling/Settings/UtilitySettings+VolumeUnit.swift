import WBillSupport

/// The utility's volume unit (`VolumeUnit`): stored under `volume_unit` when `wbill init` chose one,
/// m³ when nothing is stored (every database made before units existed).
extension UtilitySettings {
    /// The unit every volume of this utility is in.
    /// - Throws: `StoredValueError` for a stored value this program does not know.
    public func volumeUnit() throws -> VolumeUnit {
        guard let stored = try value(VolumeUnit.settingKey) else { return .default }
        guard let unit = VolumeUnit(rawValue: stored) else {
            throw StoredValueError(column: "settings.\(VolumeUnit.settingKey)", value: stored,
                                   expected: VolumeUnit.allCases.map(\.rawValue))
        }
        return unit
    }

    /// What already holds volumes in the unit: tariffs (thresholds and rates per unit) and meters
    /// (readings). While both are zero the unit may still change.
    public func volumeHolders() throws -> (tariffs: Int, meters: Int) {
        let counts = try database.query("SELECT (SELECT count(*) FROM tariffs), (SELECT count(*) FROM meters)") {
            (Int($0.int64(0)), Int($0.int64(1)))
        }
        return counts.first ?? (0, 0)
    }

    /// Sets the unit (in the caller's transaction); refuses to change it once tariffs or meters
    /// hold volumes in the current one, since nothing would convert them.
    /// - Returns: the unit before, when it changed.
    /// - Throws: `SettingsError.volumeUnitFixed`.
    @discardableResult
    public func setVolumeUnit(_ unit: VolumeUnit) throws -> VolumeUnit? {
        let current = try volumeUnit()
        guard unit != current else { return nil }
        let holders = try volumeHolders()
        guard holders.tariffs == 0 && holders.meters == 0 else {
            throw SettingsError.volumeUnitFixed(current: current, requested: unit, tariffs: holders.tariffs, meters: holders.meters)
        }
        try set(VolumeUnit.settingKey, to: unit.rawValue)
        return current
    }
}
