/// A meter's average daily use, as the total volume and total time of its recent measured
/// consumptions (see `MeterReadingState.average`): kept as the two totals so that every
/// comparison with it is exact.
public struct AverageUse: Sendable, Equatable {
    /// The volumes added up, in thousandths of the volume unit.
    public let volume: Int64
    /// Their spans added up, in milliseconds (more than zero).
    public let milliseconds: Int64

    /// An average over `volume` used in `milliseconds` (more than zero).
    public init(volume: Int64, milliseconds: Int64) {
        precondition(milliseconds > 0, "an average is over some time")
        self.volume = volume
        self.milliseconds = milliseconds
    }

    /// The use expected over `span` milliseconds, rounded half-up to the thousandth.
    public func expected(over span: Int64) -> Volume {
        Volume(litres: Int64(RoundingRule.halfUp.divide(Int128(volume) * Int128(span), by: Int128(milliseconds))))
    }

    /// Whether `consumption` over `span` is more than `percent` % of the expected use (exactly:
    /// consumption × 100 × time > percent × volume × span).
    func exceeds(_ consumption: Volume, over span: Int64, percent: Int64) -> Bool {
        Int128(consumption.litres) * 100 * Int128(milliseconds) > Int128(percent) * Int128(volume) * Int128(span)
    }

    /// `consumption` over `span` milliseconds as a whole percentage of the expected use, rounded
    /// half-up: consumption × 100 × time ÷ (volume × span), exactly; nil when nothing is expected
    /// (no volume, or no span). The value a high or low consumption alarm records.
    public func percent(of consumption: Volume, over span: Int64) -> Int64? {
        let expected = Int128(volume) * Int128(span)
        guard expected > 0 else { return nil }
        return Int64(clamping: RoundingRule.halfUp.divide(Int128(consumption.litres) * 100 * Int128(milliseconds), by: expected))
    }

    /// Whether `consumption` over `span` is less than `percent` % of the expected use.
    func fallsShort(_ consumption: Volume, over span: Int64, percent: Int64) -> Bool {
        Int128(consumption.litres) * 100 * Int128(milliseconds) < Int128(percent) * Int128(volume) * Int128(span)
    }
}

/// What a reading adds to its meter's consumption, and the flags it earns.
public struct DerivedConsumption: Sendable, Equatable {
    public let volume: Volume
    public let flags: ConsumptionFlags
    /// The volume as a whole percentage of the use the meter's average expected over the span
    /// (`AverageUse.percent`), when it had an average to judge by; what high and low are flagged on.
    public var percentOfExpected: Int64? = nil
}

/// A reading below the previous one that is not plausibly a rollover.
public struct ImplausibleRollover: Error, Sendable, Equatable {
    /// The consumption it would mean as a rollover: range − previous + current.
    public let implied: Volume
    /// The plausible limit: a tenth of the register's range.
    public let limit: Volume
    /// The use expected over the span from the meter's average, when it has one.
    public let expected: Volume?
}

/// How consumption is derived from two consecutive real readings of one meter: the rules in one
/// place, with no database, for the recorder and for tests.
///
/// - A value at or above the previous one: the difference.
/// - A value below the previous one: the register went past its top (`10^digits` volume units less
///   a thousandth) and started again from zero, when that is plausible; the consumption is then
///   `range − previous + current`, where range is `10^digits` units. It is plausible when that
///   consumption is less than a tenth of the range (the previous value was in the register's last
///   tenth and the current one is in its first), or when the meter has an average and that
///   consumption would not be flagged high. Otherwise it is refused, unless forced: then it is taken
///   as a rollover all the same and flagged `forced-rollover`.
/// - Flags: `rollover`/`forced-rollover` as above; `zero` when nothing was used; `high` above the
///   high threshold of the expected use (the average over the span), `low` below the low threshold
///   but above zero. Without an average (no history, or a history of nothing used) neither high nor
///   low is flagged.
public enum ConsumptionDerivation {
    /// The range of a register with `digits` whole-unit digits, in thousandths: 10^digits × 1000.
    public static func range(digits: Int) -> Int64 {
        var range: Int64 = 1000
        for _ in 0..<digits { range *= 10 }
        return range
    }

    /// The consumption from `previous` to `current` over `span` milliseconds.
    /// - Parameters:
    ///   - previous: the meter's previous real reading (or where it started on the account).
    ///   - current: the new reading, within the register (0 to range − 0.001).
    ///   - digits: the register's digits.
    ///   - average: the meter's average use, if it has one.
    ///   - span: the time between the two readings, in milliseconds (0 or more).
    ///   - thresholds: when to flag high and low.
    ///   - force: take an implausible rollover as one instead of refusing it.
    /// - Returns: the consumption and its flags, or why a value below the previous one is refused.
    public static func derive(previous: Volume, current: Volume, digits: Int, average: AverageUse?, span: Int64,
                              thresholds: ConsumptionThresholds, force: Bool) -> Result<DerivedConsumption, ImplausibleRollover> {
        var flags = ConsumptionFlags()
        let volume: Volume
        let usable = average.flatMap { $0.volume > 0 ? $0 : nil }
        if current >= previous {
            volume = Volume(litres: current.litres - previous.litres)
        } else {
            let range = range(digits: digits)
            volume = Volume(litres: range - previous.litres + current.litres)
            let withinLastTenth = volume.litres < range / 10
            let notHigh = usable.map { !$0.exceeds(volume, over: span, percent: thresholds.highPercent) } ?? false
            if withinLastTenth || notHigh {
                flags.insert(.rollover)
            } else if force {
                flags.insert(.forcedRollover)
            } else {
                return .failure(ImplausibleRollover(implied: volume, limit: Volume(litres: range / 10),
                                                    expected: usable?.expected(over: span)))
            }
        }
        if volume.isZero { flags.insert(.zero) }
        if let usable {
            if usable.exceeds(volume, over: span, percent: thresholds.highPercent) {
                flags.insert(.high)
            } else if !volume.isZero && usable.fallsShort(volume, over: span, percent: thresholds.lowPercent) {
                flags.insert(.low)
            }
        }
        return .success(DerivedConsumption(volume: volume, flags: flags, percentOfExpected: usable?.percent(of: volume, over: span)))
    }

    /// An estimate over `span` milliseconds from `previous`: the expected use (rounded half-up to
    /// the thousandth) and the value the register would show, past its top when it would roll over.
    public static func estimate(from previous: Volume, digits: Int, average: AverageUse, span: Int64) -> (value: Volume, consumption: DerivedConsumption) {
        let used = average.expected(over: span)
        let range = range(digits: digits)
        var flags = ConsumptionFlags()
        var value = previous.litres + used.litres
        if value >= range {
            value %= range
            flags.insert(.rollover)
        }
        return (Volume(litres: value), DerivedConsumption(volume: used, flags: flags))
    }
}
