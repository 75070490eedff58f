/// Where an alarm is in its life: open → acknowledged → closed (or open → closed).
public enum AlarmState: String, Sendable, CaseIterable {
    /// Raised, nobody has looked at it yet.
    case open
    /// Someone has seen it and is dealing with it; still active.
    case acknowledged
    /// Dealt with. The same condition may raise a new alarm after this.
    case closed
}

/// A whole number in an alarm kind's measure, with what it takes to show it.
public struct AlarmQuantity: Sendable, Equatable {
    /// Minor units, days or a percentage (`AlarmMeasure`).
    public let amount: Int64
    public let measure: AlarmMeasure
    /// The currency of a money quantity.
    public let currency: Currency

    /// The quantity as people read it: `9.00`, `30`, `300`.
    public var text: String {
        measure == .money ? Money(minorUnits: amount, currency: currency).description : String(amount)
    }

    /// Its unit: the currency code, `days` or `%`; nil for events.
    public static func unit(of measure: AlarmMeasure, currency: Currency) -> String? {
        switch measure {
        case .money: return currency.code
        case .days: return "days"
        case .percent: return "%"
        case .event: return nil
        }
    }
}

/// One alarm record as stored, with its account's number and its meter's serial.
public struct Alarm: Sendable, Equatable {
    public let id: Int64
    public let kind: AlarmKind
    public let accountID: Int64?
    public let accountNumber: String?
    public let meterID: Int64?
    public let meterSerial: String?
    /// What was measured (nil for events).
    public let value: AlarmQuantity?
    /// The threshold it was measured against when raised (nil for events).
    public let threshold: AlarmQuantity?
    /// What raised it, e.g. `refund receipt 3`.
    public let cause: String
    public let raisedAt: String
    public let raisedBy: String
    public let state: AlarmState
    public let acknowledgedAt: String?
    public let acknowledgedBy: String?
    public let closedAt: String?
    public let closedBy: String?

    /// The unit of its value and threshold: the currency code, `days` or `%`; nil for events.
    public var unit: String? {
        AlarmQuantity.unit(of: kind.measure, currency: value?.currency ?? threshold?.currency ?? .cny)
    }

    /// What it is about, for people: `account AC00000001`, `meter WM-1 on account AC00000001`.
    public var subject: String {
        switch (meterSerial, accountNumber) {
        case let (serial?, number?): return "meter \(serial) on account \(number)"
        case let (serial?, nil): return "meter \(serial)"
        case let (nil, number?): return "account \(number)"
        case (nil, nil): return "nothing"
        }
    }
}

/// Filters for listing alarms; nil fields do not filter.
public struct AlarmFilter: Sendable {
    public var state: AlarmState?
    public var kind: AlarmKind?
    /// An account number (looked up; an unknown one is refused).
    public var accountNumber: String?
    /// A meter serial (looked up; an unknown one is refused).
    public var meterSerial: String?
    public var limit: Int?
    public var offset: Int

    /// No filter.
    public init(state: AlarmState? = nil, kind: AlarmKind? = nil, accountNumber: String? = nil, meterSerial: String? = nil,
                limit: Int? = nil, offset: Int = 0) {
        self.state = state
        self.kind = kind
        self.accountNumber = accountNumber
        self.meterSerial = meterSerial
        self.limit = limit
        self.offset = offset
    }
}
