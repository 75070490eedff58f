/// Where a reading came from.
public enum ReadingSource: String, Sendable, CaseIterable {
    case manual
    case handheld
    case remote
    /// A third-party file.
    case file
    case card
    case estimated
    /// The last reading, taken when the meter comes off its account (customer close).
    case final
}

/// One register reading of a meter.
public struct MeterReading: Sendable, Equatable {
    public let id: Int64
    public let meterID: Int64
    public let serial: String
    /// The account the meter was on, if any.
    public let accountID: Int64?
    public let at: String
    /// The register's value.
    public let value: Volume
    public let source: ReadingSource
    public let operatorName: String
}

/// A reading that cannot be accepted.
public struct ReadingProblem: Error, Sendable, Equatable {
    public let serial: String
    public let value: String
    public let reason: String

    /// Creates a problem.
    public init(serial: String, value: String, reason: String) {
        self.serial = serial
        self.value = value
        self.reason = reason
    }
}
