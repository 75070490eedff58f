/// A cell value a sheet reader will not turn into text, with the value as text and why (lower
/// case); the reader reports it as `CSVError.Kind.refusedCell` at the cell.
struct CellRefusal: Error, Equatable {
    /// What the cell holds, as text.
    let value: String
    /// Why it is refused, and what to do.
    let reason: String
}
