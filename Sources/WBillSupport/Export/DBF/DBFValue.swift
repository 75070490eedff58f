/// A value for one field of a record.
public enum DBFValue: Sendable, Equatable {
    /// Text for a `C` field.
    case text(String)
    /// An exact decimal for an `N` field: `unscaled` × 10^-`scale` (money in minor units has the
    /// currency's scale, volume in thousandths has scale 3). Never a floating-point number.
    case decimal(unscaled: Int64, scale: Int)
    /// A date for a `D` field.
    case date(CivilDate)
    /// A truth value for an `L` field.
    case logical(Bool)
    /// No value: spaces (`?` in a logical field).
    case null
}
