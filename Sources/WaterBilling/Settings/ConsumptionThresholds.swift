import WBillSupport

/// When a consumption is flagged too high or too low against the meter's own average: a
/// percentage of the use expected over its span (the meter's average daily use × the span's days).
///
/// Stored in `settings` under `high_consumption_percent` and `low_consumption_percent`, as whole
/// percentages; without them, the defaults: more than 300 % of the expected use is high, less than
/// 30 % (but more than nothing) is low. No command sets them yet: the alarm options will (they
/// are the thresholds of the high/low consumption alarms), reading and writing these keys.
public struct ConsumptionThresholds: Sendable, Equatable {
    // Keys, defaults and accepted ranges are the high- and low-consumption alarm options' own
    // (`AlarmKind`), named once: these thresholds are those options.
    /// The settings key of `highPercent`.
    public static let highKey = AlarmKind.highConsumption.thresholdKey!
    /// The settings key of `lowPercent`.
    public static let lowKey = AlarmKind.lowConsumption.thresholdKey!
    /// The defaults: high above 300 %, low below 30 %.
    public static let defaults = ConsumptionThresholds(highPercent: AlarmKind.highConsumption.defaultThreshold!,
                                                       lowPercent: AlarmKind.lowConsumption.defaultThreshold!)

    /// A consumption above this percentage of the expected use is flagged high (more than 100).
    public let highPercent: Int64
    /// A consumption below this percentage of the expected use, but above zero, is flagged low (0 to 99; 0 never flags).
    public let lowPercent: Int64

    /// Thresholds.
    public init(highPercent: Int64, lowPercent: Int64) {
        self.highPercent = highPercent
        self.lowPercent = lowPercent
    }

    /// The thresholds stored in `database`, each one that is missing or not a usable percentage
    /// replaced by its default.
    public static func current(in database: Database) throws -> ConsumptionThresholds {
        let settings = UtilitySettings(database: database)
        let high = try settings.value(highKey).flatMap { Int64($0.trimmed) }.flatMap { AlarmKind.highConsumption.thresholdRange!.contains($0) ? $0 : nil }
        let low = try settings.value(lowKey).flatMap { Int64($0.trimmed) }.flatMap { AlarmKind.lowConsumption.thresholdRange!.contains($0) ? $0 : nil }
        return ConsumptionThresholds(highPercent: high ?? defaults.highPercent, lowPercent: low ?? defaults.lowPercent)
    }
}
