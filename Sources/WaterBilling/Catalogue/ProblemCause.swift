/// What a field or row problem is about, for the problems a front end may follow with how to fix
/// them. The problem's reason already says what is wrong; the cause names it as a value.
public enum ProblemCause: Sendable, Equatable {
    /// No meter has the serial.
    case unknownMeter
    /// No meter group has the name; `suggestion` is the nearest one, if one is close.
    case unknownMeterGroup(suggestion: String?)
    /// The serial is taken, by a meter in the database or on an earlier line of the same file.
    case duplicateSerial
}
