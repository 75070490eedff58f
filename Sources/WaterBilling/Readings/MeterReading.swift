/// Where a reading came from, or what role it plays in the meter's history.
public enum ReadingSource: String, Sendable, CaseIterable {
    /// Typed in by a person.
    case manual
    /// A handheld terminal's export.
    case handheld
    /// A remote (AMR) reading.
    case remote
    /// A third party's file.
    case thirdParty = "third-party"
    /// Read from an IC card.
    case card
    /// Estimated from the meter's average daily use (`reading estimate`); the next real reading corrects it.
    case estimated
    /// The last reading of a meter coming off its account (customer close, meter exchange).
    case final
    /// The first reading of a meter put on an account by a meter exchange.
    case initial

    /// The sources a person or a file may give a reading (`reading add --source`, an import's `source`
    /// column): the others are set by the operations that record them.
    public static let entered: [ReadingSource] = [.manual, .handheld, .remote, .thirdParty, .card]

    /// Whether the register was really read (everything but an estimate).
    public var isMeasured: Bool { self != .estimated }
}

/// One register reading of a meter.
public struct MeterReading: Sendable, Equatable {
    public let id: Int64
    public let meterID: Int64
    public let serial: String
    /// The account the meter was on when it was read.
    public let accountID: Int64
    /// When the register showed the value (`2026-11-23T09:30:00.000Z`).
    public let at: String
    /// The register's value.
    public let value: Volume
    public let source: ReadingSource
    public let operatorName: String
    /// When it was voided, if it was.
    public var voidedAt: String? = nil
}

/// A reading that cannot be accepted, as a person typed it (customer close's final readings).
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
