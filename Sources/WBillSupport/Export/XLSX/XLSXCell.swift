/// A value for one cell of a worksheet, as it should mean in Excel.
public enum XLSXCell: Sendable, Equatable {
    /// Text, as text.
    case text(String)
    /// An exact decimal `unscaled` × 10^-`scale` (money in minor units, volume in thousandths),
    /// written as a number shown with exactly `scale` decimals and thousands separators.
    case decimal(unscaled: Int64, scale: Int)
    /// A whole number (a count), shown with thousands separators.
    case integer(Int64)
    /// A calendar date, as a date shown `yyyy-mm-dd`.
    case date(CivilDate)
    /// A moment in UTC, as a date and time shown `yyyy-mm-dd hh:mm:ss`.
    case dateTime(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
    /// Nothing.
    case empty
}
