/// What an alarm's value and threshold count.
public enum AlarmMeasure: Sendable, Equatable {
    /// Money: minor units of the account's currency (the utility's).
    case money
    /// Whole days.
    case days
    /// A whole percentage of a meter's expected use.
    case percent
    /// Nothing: the alarm is an event a meter reports, with no value or threshold.
    case event
}

/// What an alarm is about. Each kind has one measure, one threshold setting (none for events) and a
/// documented default (`AlarmOptions`).
public enum AlarmKind: String, Sendable, CaseIterable {
    /// A system-prepaid balance dropped below the threshold amount (raised by `BalanceCrossing`).
    case lowBalance = "low-balance"
    /// A meter recorded no consumption for the threshold's days or more.
    case zeroConsumption = "zero-consumption"
    /// A consumption above the threshold's percentage of the meter's expected use.
    case highConsumption = "high-consumption"
    /// A consumption below the threshold's percentage of the meter's expected use, but not zero.
    case lowConsumption = "low-consumption"
    /// A remote meter sent no reading for the threshold's days or more.
    case meterOffline = "meter-offline"
    /// A remote reading reported water flowing backwards.
    case reverseFlow = "reverse-flow"
    /// A remote reading reported tampering.
    case tamper
    /// A remote reading reported a low battery.
    case lowBattery = "low-battery"
    /// A remote reading reported a valve fault.
    case valveFault = "valve-fault"

    /// What its value and threshold count.
    public var measure: AlarmMeasure {
        switch self {
        case .lowBalance: return .money
        case .zeroConsumption, .meterOffline: return .days
        case .highConsumption, .lowConsumption: return .percent
        case .reverseFlow, .tamper, .lowBattery, .valveFault: return .event
        }
    }

    /// The settings key of its threshold (nil for events). High and low consumption share theirs
    /// with the consumption flags of readings, whose thresholds they are.
    public var thresholdKey: String? {
        switch self {
        case .lowBalance: return "low_balance_threshold"
        case .zeroConsumption: return "zero_consumption_days"
        case .highConsumption: return "high_consumption_percent"
        case .lowConsumption: return "low_consumption_percent"
        case .meterOffline: return "meter_offline_days"
        case .reverseFlow, .tamper, .lowBattery, .valveFault: return nil
        }
    }

    /// The settings key of whether alarms of the kind are raised (`yes` or `no`; yes without it).
    public var enabledKey: String {
        String(rawValue.map { $0 == "-" ? "_" : $0 }) + "_alarm"
    }

    /// The default threshold in its measure (nil for events); for money, in the currency's main
    /// unit (`AlarmOptions` scales it to minor units).
    public var defaultThreshold: Int64? {
        switch self {
        case .lowBalance: return 10
        case .zeroConsumption: return 30
        case .highConsumption: return 300
        case .lowConsumption: return 30
        case .meterOffline: return 7
        case .reverseFlow, .tamper, .lowBattery, .valveFault: return nil
        }
    }

    /// The thresholds it accepts, in its measure (nil for money, which takes any amount of 0 or more,
    /// and for events).
    public var thresholdRange: ClosedRange<Int64>? {
        switch self {
        case .zeroConsumption, .meterOffline: return 1...3650
        case .highConsumption: return 101...100_000
        case .lowConsumption: return 0...99
        case .lowBalance, .reverseFlow, .tamper, .lowBattery, .valveFault: return nil
        }
    }

    /// When an alarm of the kind is raised, for people.
    public var raisedWhen: String {
        switch self {
        case .lowBalance: return "a system-prepaid balance drops below the threshold"
        case .zeroConsumption: return "a meter uses nothing for the threshold's days or more"
        case .highConsumption: return "use is above the threshold % of the meter's expected use"
        case .lowConsumption: return "use is below the threshold % of expected use, but not zero"
        case .meterOffline: return "a remote meter sends no reading for the threshold's days"
        case .reverseFlow: return "a remote reading reports water flowing backwards"
        case .tamper: return "a remote reading reports tampering"
        case .lowBattery: return "a remote reading reports a low battery"
        case .valveFault: return "a remote reading reports a valve fault"
        }
    }
}
