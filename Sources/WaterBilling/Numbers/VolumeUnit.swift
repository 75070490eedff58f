/// The unit a utility bills volumes in, chosen once for its database (`UtilitySettings.volumeUnit()`).
///
/// Nothing is converted: every `Volume` is a number of thousandths of this unit (litres when it is
/// m³, gallons when it is kgal), tariffs are written in it and rates are prices of one of it. The
/// unit only names volumes in headers and messages.
///
/// ```swift
/// let unit = VolumeUnit(rawValue: "ccf")!   // as typed after `wbill init --volume-unit`
/// unit.symbol                                // "CCF"
/// ```
public enum VolumeUnit: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Cubic metres: the default, and the unit of every database that never chose one.
    case cubicMetres = "m3"
    /// Hundred cubic feet (CCF, about 2.83 m³), as many US utilities bill.
    case hundredCubicFeet = "ccf"
    /// Thousands of US gallons.
    case thousandGallons = "kgal"
    /// US gallons.
    case gallons = "gal"

    /// The unit of a database that never chose one.
    public static let `default` = VolumeUnit.cubicMetres

    /// The settings key it is stored under.
    public static let settingKey = "volume_unit"

    /// The unit as a reader expects it after a number: `m³`, `CCF`, `kgal`, `gal`.
    public var symbol: String {
        switch self {
        case .cubicMetres: return "m³"
        case .hundredCubicFeet: return "CCF"
        case .thousandGallons: return "kgal"
        case .gallons: return "gal"
        }
    }

    /// The unit in a table header, in capitals like every header: `M3`, `CCF`, `KGAL`, `GAL`.
    public var headerText: String { rawValue.uppercased() }

    /// The unit in words: `cubic metres`, `hundred cubic feet`, `thousand gallons`, `gallons`.
    public var name: String {
        switch self {
        case .cubicMetres: return "cubic metres"
        case .hundredCubicFeet: return "hundred cubic feet"
        case .thousandGallons: return "thousand gallons"
        case .gallons: return "gallons"
        }
    }

    /// The smallest volume (a thousandth of the unit) in words: `one litre`, `0.001 CCF`, `one gallon`.
    public var smallestStep: String {
        switch self {
        case .cubicMetres: return "one litre"
        case .thousandGallons: return "one gallon"
        case .hundredCubicFeet, .gallons: return "0.001 \(symbol)"
        }
    }

    /// `symbol (name)`: `CCF (hundred cubic feet)`.
    public var description: String { "\(symbol) (\(name))" }
}
