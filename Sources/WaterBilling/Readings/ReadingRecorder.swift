import WBillSupport

/// Where a real reading's consumption starts, and the estimates since that it corrects.
struct MeasuredBase: Equatable {
    /// The meter's last real reading on its account, or where it started there.
    let point: RegisterPoint
    /// That reading, when it is one.
    let reading: StoredReading?
    /// The current consumption records of the estimates after it (to reverse), oldest first.
    let estimates: [ConsumptionRecord]
}

/// What recording one reading came to.
enum ReadingOutcome: Equatable {
    /// Recorded now, with its consumption (none for an initial reading) and the reversals of the
    /// estimates it corrected.
    case recorded(readingID: Int64, consumption: ConsumptionRecord?, corrections: [ConsumptionRecord])
    /// The same reading (meter, time, value) was recorded before: nothing was written.
    case alreadyRecorded(readingID: Int64, importID: Int64?, line: Int64?)
}

/// Judges readings against their meter's history and records them with the consumption they
/// yield: the rules every way of entering a reading shares (`reading add`, `reading import`,
/// `reading estimate`, final readings at customer close and meter exchange).
///
/// A reading is refused when its meter is not installed on an account, when it is dated before the
/// installation or after now, when the meter has a later reading (out of time order) or another
/// reading at the same time (a duplicate), when it is more than the register shows, and when it is
/// below the previous real reading without being a plausible rollover (`ConsumptionDerivation`)
/// unless forced, and when a consumption follower does not admit its consumption (a system-prepaid
/// account's tariff cannot price it): nothing of it is written then. The same reading again (meter, time and value) is not an error: nothing is
/// written, so retries and re-imports are safe.
///
/// An accepted reading's consumption runs from the meter's previous real reading on the account
/// (or from where the meter started on it); estimates in between are corrected: their consumption
/// is reversed, so the real reading's consumption is the only one counted for the span.
///
/// It writes through `ReadingWriter` and `ConsumptionWriter`, inside the caller's transaction, and
/// records no audit entry: the operations over it do (one per reading for a single reading, one
/// per run for an import).
final class ReadingRecorder {
    let database: Database
    /// The time the command runs at: nothing is dated after it.
    let now: Timestamp
    let thresholds: ConsumptionThresholds
    let states: MeterReadingStates
    let readings: ReadingWriter
    let consumptions: ConsumptionWriter

    /// A recorder writing to `database` as `context` says, for the import run `importID` if any,
    /// calling `followers` after each consumption record. With `staging` (an import), what it
    /// records is written at `flush()` (see `ReadingWriter`): the caller flushes before it judges
    /// another reading of a meter it recorded since the last flush.
    init(database: Database, context: AuditContext, thresholds: ConsumptionThresholds, importID: Int64? = nil,
         followers: [ConsumptionFollower], staging: Bool = false) {
        self.database = database
        self.now = context.time
        self.thresholds = thresholds
        self.states = MeterReadingStates(database: database)
        self.readings = ReadingWriter(database: database, context: context, importID: importID, staging: staging)
        self.consumptions = ConsumptionWriter(database: database, context: context, followers: followers, staging: staging)
    }

    /// Writes what a staging recorder staged: the readings, then their consumption records.
    func flush() throws {
        try readings.flush()
        try consumptions.flush()
    }

    /// Judges and records a real reading of the meter in `state`.
    /// - Parameters:
    ///   - force: take a reading below the previous one as a rollover even when that is not plausible,
    ///     and record a reading that was voided before again.
    ///   - line: its line in the import file, for an import run.
    /// - Throws: `ReadingError`.
    func record(_ value: Volume, at time: Timestamp, source: ReadingSource, state: MeterReadingState, force: Bool = false,
                line: Int? = nil) throws -> ReadingOutcome {
        precondition(source.isMeasured && source != .initial, "estimates and initial readings have their own paths")
        let (installation, at) = try check(time, of: state)
        if value > state.capacity {
            throw ReadingError.aboveRegister(serial: state.serial, value: value, digits: state.registerDigits)
        }
        if let known = try existing(at: at, value: value, of: state, force: force) { return known }
        let base = try measuredBase(of: state, on: installation)
        let (derived, cumulative) = try derive(value, at: time, from: base, state: state, installation: installation, force: force)
        try consumptions.admit(PendingConsumption(meterID: state.meterID, serial: state.serial, accountID: installation.accountID,
                                                  from: base.point.at, to: at, volume: derived.volume, kind: .measured))
        let readingID = try readings.insert(meterID: state.meterID, accountID: installation.accountID, at: at, value: value,
                                            source: source, line: line)
        var corrections: [ConsumptionRecord] = []
        for estimate in base.estimates {
            corrections.append(try consumptions.reverse(estimate, reason: "estimate corrected by reading \(readingID)"))
        }
        let consumption = try consumptions.record(readingID: readingID, meterID: state.meterID, accountID: installation.accountID,
                                                  from: base.point, to: at, consumption: derived, kind: .measured, cumulative: cumulative)
        return .recorded(readingID: readingID, consumption: consumption, corrections: corrections)
    }

    /// Estimates the meter's reading at `time` from its average daily use on its account, and
    /// records it as an estimated reading with an estimated consumption.
    /// - Throws: `ReadingError` (`noHistory` when it has no measured consumption to go by).
    func estimate(at time: Timestamp, state: MeterReadingState) throws -> ReadingOutcome {
        let (installation, at) = try check(time, of: state)
        if let latest = state.latestAt, at <= latest {
            let effective = try states.readings(meterID: state.meterID, at: at).filter { $0.voidedAt == nil }.map(\.reading)
            if let same = effective.first(where: { $0.source == .estimated }) {
                return .alreadyRecorded(readingID: same.id, importID: nil, line: nil)
            }
            if let other = effective.first {
                throw ReadingError.duplicate(serial: state.serial, at: at, value: other.value, existing: other.facts)
            }
            if let last = state.last, at < last.at {
                throw ReadingError.outOfOrder(serial: state.serial, at: at, later: last.facts)
            }
        }
        guard let average = try states.average(of: state, on: installation, upTo: try measuredBase(of: state, on: installation).reading) else {
            throw ReadingError.noHistory(serial: state.serial, account: try installation.accountNumber)
        }
        let base = try estimateBase(of: state, on: installation)
        let span = time.millisecondsSinceEpoch - (try Timestamp(parsing: base.at)).millisecondsSinceEpoch
        let (value, derived) = ConsumptionDerivation.estimate(from: base.value, digits: state.registerDigits, average: average, span: span)
        try consumptions.admit(PendingConsumption(meterID: state.meterID, serial: state.serial, accountID: installation.accountID,
                                                  from: base.at, to: at, volume: derived.volume, kind: .estimated))
        let readingID = try readings.insert(meterID: state.meterID, accountID: installation.accountID, at: at, value: value,
                                            source: .estimated)
        let consumption = try consumptions.record(readingID: readingID, meterID: state.meterID, accountID: installation.accountID,
                                                  from: base, to: at, consumption: derived, kind: .estimated)
        return .recorded(readingID: readingID, consumption: consumption, corrections: [])
    }

    /// Records the first reading of a meter just put on an account (a meter exchange): it starts
    /// the meter's consumption there and yields none itself. The caller checked the value.
    func recordInitial(_ value: Volume, at: String, meterID: Int64, accountID: Int64) throws -> Int64 {
        try readings.insert(meterID: meterID, accountID: accountID, at: at, value: value, source: .initial)
    }

    /// The checks of time every reading passes: the meter is installed, the time is not after now
    /// nor before the installation.
    /// - Returns: the installation, and the time as stored.
    private func check(_ time: Timestamp, of state: MeterReadingState) throws -> (Installation, String) {
        guard state.state == .installed, let installation = state.installation else {
            throw ReadingError.notInstalled(serial: state.serial, state: state.state)
        }
        let at = time.description
        if time > now { throw ReadingError.inTheFuture(serial: state.serial, at: at, now: now.description) }
        if at < installation.installedAt {
            throw ReadingError.beforeInstallation(serial: state.serial, at: at, account: try installation.accountNumber,
                                                  installedAt: installation.installedAt)
        }
        return (installation, at)
    }

    /// What the meter already has at `at`: the same reading (nothing to do), a voided one, another
    /// one, or a later one.
    /// - Returns: `.alreadyRecorded` for the same reading; nil when the reading is new.
    private func existing(at: String, value: Volume, of state: MeterReadingState, force: Bool) throws -> ReadingOutcome? {
        guard let latest = state.latestAt, at <= latest else { return nil }
        let found = try states.readings(meterID: state.meterID, at: at)
        if let same = found.first(where: { $0.voidedAt == nil && $0.reading.value == value }) {
            return .alreadyRecorded(readingID: same.reading.id, importID: same.importID, line: same.line)
        }
        if !force, let voided = found.first(where: { $0.voidedAt != nil && $0.reading.value == value }) {
            throw ReadingError.voided(serial: state.serial, existing: voided.reading.facts, voidedAt: voided.voidedAt ?? "")
        }
        if let other = found.first(where: { $0.voidedAt == nil }) {
            throw ReadingError.duplicate(serial: state.serial, at: at, value: value, existing: other.reading.facts)
        }
        if let last = state.last, at < last.at {
            throw ReadingError.outOfOrder(serial: state.serial, at: at, later: last.facts)
        }
        return nil
    }

    /// The consumption of `value` at `time` from `base`, judged against the meter's average on its
    /// account up to the base, and the running total it brings the meter to.
    /// - Throws: `ReadingError.belowPrevious` for a value below the base that is not a plausible rollover.
    func derive(_ value: Volume, at time: Timestamp, from base: MeasuredBase, state: MeterReadingState,
                installation: Installation, force: Bool) throws -> (DerivedConsumption, cumulative: Volume) {
        let span = time.millisecondsSinceEpoch - (try Timestamp(parsing: base.point.at)).millisecondsSinceEpoch
        let average = try states.average(of: state, on: installation, upTo: base.reading)
        switch ConsumptionDerivation.derive(previous: base.point.value, current: value, digits: state.registerDigits,
                                            average: average, span: span, thresholds: thresholds, force: force) {
        case .success(let consumption):
            return (consumption, try states.cumulative(upTo: base.reading?.id).adding(consumption.volume))
        case .failure(let rollover):
            throw ReadingError.belowPrevious(serial: state.serial, value: value, previous: base.reading?.facts,
                                             previousValue: base.point.value, digits: state.registerDigits, rollover: rollover)
        }
    }

    /// Where a real reading's consumption starts: the meter's last real reading on its account
    /// (else where it started there), and the consumption of the estimates since, to reverse.
    func measuredBase(of state: MeterReadingState, on installation: Installation) throws -> MeasuredBase {
        guard let last = state.last, state.isOnInstallation(last) else {
            return MeasuredBase(point: try states.start(of: state, on: installation), reading: nil, estimates: [])
        }
        if last.source.isMeasured { return MeasuredBase(point: last.point, reading: last, estimates: []) }
        var estimates: [ConsumptionRecord] = []
        for (reading, consumption) in try states.history(of: state, on: installation) {
            if reading.source.isMeasured { return MeasuredBase(point: reading.point, reading: reading, estimates: estimates.reversed()) }
            if let consumption { estimates.append(consumption) }
        }
        return MeasuredBase(point: try states.start(of: state, on: installation), reading: nil, estimates: estimates.reversed())
    }

    /// Where an estimate's consumption starts: the meter's last reading on its account that is
    /// real or an estimate not yet corrected (else where it started there).
    private func estimateBase(of state: MeterReadingState, on installation: Installation) throws -> RegisterPoint {
        guard let last = state.last, state.isOnInstallation(last) else { return try states.start(of: state, on: installation) }
        if last.source.isMeasured { return last.point }
        for (reading, consumption) in try states.history(of: state, on: installation)
        where reading.source.isMeasured || consumption != nil {
            return reading.point
        }
        return try states.start(of: state, on: installation)
    }
}
