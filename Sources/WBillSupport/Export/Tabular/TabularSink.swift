/// Where the rows of a typed table go, one at a time, so that a table of any length is written
/// with flat memory: `begin` with the columns, `append` each row (one value per column, in
/// order), then `finish`. A sink that writes a file commits it only in `finish`; one dropped
/// before `finish` leaves nothing under the file's name.
public protocol TabularSink: AnyObject {
    /// Starts the table.
    func begin(_ columns: [TabularColumn]) throws
    /// Writes one row.
    func append(_ row: [TabularValue]) throws
    /// Ends the table and commits what was written.
    func finish() throws
}
