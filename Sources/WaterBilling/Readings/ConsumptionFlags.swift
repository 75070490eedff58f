import WBillSupport

/// A remark about a consumption, stored with it: anomalies for a person to review (and, later,
/// for alarms to be raised from).
public enum ConsumptionFlag: String, Sendable, CaseIterable {
    /// The reading was below the previous one and taken as the register passing its top and
    /// starting again, which its digits made plausible (see `ConsumptionDerivation`).
    case rollover
    /// The reading was below the previous one, not plausibly a rollover, and accepted as one only
    /// because the operator insisted (`--force`).
    case forcedRollover = "forced-rollover"
    /// Nothing was used since the previous reading.
    case zero
    /// More than the high-consumption threshold of the meter's expected use over the span.
    case high
    /// Less than the low-consumption threshold of the meter's expected use over the span (but not zero).
    case low
}

/// A set of flags, in the order of `ConsumptionFlag.allCases`; stored as their names separated by
/// single spaces, the empty text for none.
public struct ConsumptionFlags: Sendable, Equatable, Sequence {
    private var members: [ConsumptionFlag] = []

    /// No flags.
    public init() {}

    /// The given flags.
    public init(_ flags: [ConsumptionFlag]) {
        for flag in flags { insert(flag) }
    }

    /// Adds `flag` in its place.
    public mutating func insert(_ flag: ConsumptionFlag) {
        guard !members.contains(flag) else { return }
        members.append(flag)
        members.sort { ConsumptionFlag.allCases.firstIndex(of: $0)! < ConsumptionFlag.allCases.firstIndex(of: $1)! }
    }

    /// Whether `flag` is set.
    public func contains(_ flag: ConsumptionFlag) -> Bool { members.contains(flag) }

    /// Whether no flag is set.
    public var isEmpty: Bool { members.isEmpty }

    public func makeIterator() -> IndexingIterator<[ConsumptionFlag]> { members.makeIterator() }

    /// The stored text: `rollover high`, or the empty text.
    public var storedText: String { members.map(\.rawValue).joined(separator: " ") }

    /// Reads the stored text.
    /// - Throws: `StoredValueError` for a name this program does not know.
    public init(storedText text: String, column: String = "flags") throws {
        for name in text.split(separator: " ") {
            guard let flag = ConsumptionFlag(rawValue: String(name)) else {
                throw StoredValueError(column: column, value: String(name), expected: ConsumptionFlag.allCases.map(\.rawValue))
            }
            insert(flag)
        }
    }
}
