/// One bad row, or one bad field of a row, of an import file: what every import reports the same
/// way (the line, the column, the value found, the reason) and front ends word alike.
public protocol ImportRowProblem: Sendable {
    /// The line the row starts on.
    var line: Int { get }
    /// The column to blame, if one field is.
    var column: String? { get }
    /// The value found.
    var value: String { get }
    /// What was wrong and what was expected.
    var reason: String { get }
    /// What it is about, when a front end may add how to fix it.
    var cause: ProblemCause? { get }
}

extension MeterImportProblem: ImportRowProblem {}
extension CustomerImportProblem: ImportRowProblem {}
