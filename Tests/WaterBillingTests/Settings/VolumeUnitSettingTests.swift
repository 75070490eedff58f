import XCTest
@testable import WaterBilling
import WBillSupport

/// The utility's volume unit as a setting: m³ until one is chosen, refused unknown values, and
/// fixed once tariffs or meters hold volumes.
final class VolumeUnitSettingTests: XCTestCase {
    func testAMissingSettingIsCubicMetresAndAChoiceIsStored() throws {
        let fixture = try TestDatabase()
        let settings = UtilitySettings(database: fixture.database)
        XCTAssertEqual(try settings.volumeUnit(), .cubicMetres)
        XCTAssertNil(try settings.setVolumeUnit(.cubicMetres), "choosing the unit already in force is no change")
        XCTAssertNil(try settings.value(VolumeUnit.settingKey))
        XCTAssertEqual(try settings.setVolumeUnit(.hundredCubicFeet), .cubicMetres)
        XCTAssertEqual(try settings.value(VolumeUnit.settingKey), "ccf")
        XCTAssertEqual(try settings.volumeUnit(), .hundredCubicFeet)
    }

    func testAnUnknownStoredUnitIsRefusedNotGuessed() throws {
        let fixture = try TestDatabase()
        let settings = UtilitySettings(database: fixture.database)
        try settings.set(VolumeUnit.settingKey, to: "litres")
        XCTAssertThrowsError(try settings.volumeUnit()) { error in
            XCTAssertEqual(error as? StoredValueError,
                           StoredValueError(column: "settings.volume_unit", value: "litres", expected: ["m3", "ccf", "kgal", "gal"]))
        }
    }

    func testTheUnitIsFixedOnceATariffOrMeterExists() throws {
        let fixture = try TestDatabase()
        let settings = UtilitySettings(database: fixture.database)
        let file = try TariffFileLoader.file(source: "name = \"t\"\nkind = \"postpaid\"\ncurrency = \"CNY\"\n[components.water]\nrate = 1\n",
                                             path: "t.toml")
        try TariffStore(database: fixture.database).add(file, effectiveFrom: TariffVersion.beginning, audit: fixture.audit)
        XCTAssertThrowsError(try settings.setVolumeUnit(.gallons)) { error in
            XCTAssertEqual(error as? SettingsError, .volumeUnitFixed(current: .cubicMetres, requested: .gallons, tariffs: 1, meters: 0))
            XCTAssertEqual((error as? ClassifiedError)?.failureKind, .refused)
            XCTAssertEqual("\(error)", "this database keeps volumes in m³ and 1 tariff holds them; the volume unit cannot change "
                           + "to gal once tariffs or meters exist (nothing converts their volumes)")
        }
        XCTAssertEqual(try settings.volumeUnit(), .cubicMetres)
        XCTAssertNil(try settings.setVolumeUnit(.cubicMetres), "the same unit is still accepted")
    }
}
