import WBillSupport

/// What voiding a reading did.
public struct VoidedReading: Sendable, Equatable {
    /// The reading, void now.
    public let entry: ReadingListEntry
    /// The consumption records reversed: the voided reading's, and the next real reading's.
    public let reversals: [ConsumptionRecord]
    /// The next real reading's consumption derived again without the voided one, if it has one.
    public let rederived: ConsumptionRecord?
}

/// Voids wrong readings. A reading is never deleted: it is marked void with the reason, its
/// consumption is reversed, and the next real reading of the meter, whose consumption started
/// at it, gets its consumption reversed and derived again from the reading before. The sum of the
/// account's consumption over the span stays what the remaining readings say, counted once.
///
/// Refused for a final or initial reading (a closing or an exchange rests on it), on a closed
/// account, for a reading an estimate was made from (void the estimate first), when the next real
/// reading would then be below the one before without a plausible rollover, and when something
/// uses the consumption it would reverse (`ConsumptionDependencies`: a bill, once bills exist).
public struct ReadingVoiding {
    let database: Database

    /// Voiding in `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Voids the reading with id `id`, in the caller's transaction.
    /// - Throws: `ReadingError`.
    public func void(_ id: String, reason: String, audit: AuditTrail) throws -> VoidedReading {
        let store = MeterReadingStore(database: database)
        let entry = try store.find(id)
        let reading = entry.reading
        if let voidedAt = reading.voidedAt {
            let by = try database.scalarText("SELECT voided_by FROM meter_readings WHERE id = ?", [reading.id]) ?? ""
            throw ReadingError.alreadyVoided(id: reading.id, at: voidedAt, by: by)
        }
        let trimmed = reason.trimmed
        guard (1...200).contains(trimmed.count), !TextChecks.hasControlCharacters(trimmed) else {
            throw ReadingError.invalidReason(reason)
        }
        if reading.source == .final || reading.source == .initial {
            throw ReadingError.takesMeterOnOrOff(id: reading.id, serial: reading.serial, source: reading.source)
        }
        let account = try AccountStore(database: database).find(entry.accountNumber)
        if account.status == .closed { throw ReadingError.accountClosed(id: reading.id, account: account.number) }

        let states = MeterReadingStates(database: database)
        let later = try laterReadings(than: reading)
        // The readings after it, up to the next real one: an estimate still standing was made from it
        // (or from an estimate made from it); corrected estimates are left as they are.
        var next: (reading: StoredReading, consumption: ConsumptionRecord?)?
        for candidate in later {
            if candidate.reading.source.isMeasured { next = candidate; break }
            if candidate.consumption != nil {
                throw ReadingError.estimatedFrom(id: reading.id, estimate: candidate.reading.facts)
            }
        }
        var reversing = [entry.consumption].compactMap { $0 }
        if reading.source.isMeasured, let consumption = next?.consumption { reversing.append(consumption) }
        let dependents = try ConsumptionDependencies.dependents(of: reversing, in: database)
        if !dependents.isEmpty { throw ReadingError.consumptionInUse(id: reading.id, dependents: dependents) }

        let recorder = ReadingRecorder(database: database, context: audit.context,
                                       thresholds: try ConsumptionThresholds.current(in: database),
                                       followers: ConsumptionFollowers.standard(in: database, audit: audit))
        try recorder.readings.void(readingID: reading.id, reason: trimmed)
        var reversals: [ConsumptionRecord] = []
        for record in reversing {
            let why = record.readingID == reading.id ? "reading \(reading.id) voided" : "reading \(reading.id) voided: derived again"
            reversals.append(try recorder.consumptions.reverse(record, reason: why))
        }
        var rederived: ConsumptionRecord?
        if reading.source.isMeasured, let next, next.consumption != nil {
            rederived = try deriveAgain(next.reading, voided: reading, states: states, recorder: recorder)
        }
        let after = try store.find(String(reading.id))
        var changes = [
            AuditChange("status", old: entry.status == .corrected ? "corrected" : "standing", new: "voided"),
            AuditChange("reason", old: nil, new: trimmed),
            AuditChange("reading", old: nil, new: "\(reading.serial) \(reading.value) at \(reading.at)"),
        ]
        if !reversals.isEmpty {
            changes.append(AuditChange("reversed_consumptions", old: nil, new: reversals.map { String($0.reversesID ?? 0) }.joined(separator: " ")))
        }
        if let rederived {
            changes.append(AuditChange("rederived", old: nil, new: "reading \(rederived.readingID): \(rederived.volume)"))
        }
        try audit.record(entity: "reading", id: String(reading.id), action: "void", changes: changes)
        return VoidedReading(entry: after, reversals: reversals, rederived: rederived)
    }

    /// The meter's readings after `reading` on its account that are not void, oldest first, each
    /// with its current consumption.
    private func laterReadings(than reading: MeterReading) throws -> [(reading: StoredReading, consumption: ConsumptionRecord?)] {
        let states = MeterReadingStates(database: database)
        let rows = try database.query("""
            SELECT id, account_id, at, value, source FROM meter_readings
            WHERE meter_id = ? AND account_id = ? AND voided_at IS NULL AND (at > ? OR (at = ? AND id > ?))
            ORDER BY at, id
            """, [reading.meterID, reading.accountID, reading.at, reading.at, reading.id]) { row in
            StoredReading(id: row.int64(0), accountID: row.int64(1), at: row.text(2), value: Volume(litres: row.int64(3)),
                          source: try row.stored(4, as: ReadingSource.self))
        }
        return try rows.map { ($0, try states.currentConsumption(of: $0.id)) }
    }

    /// The consumption of `next` from the real reading before it now that `voided` is void (or from
    /// where the meter started on the account), judged as a new reading would be, never forced.
    private func deriveAgain(_ next: StoredReading, voided: MeterReading, states: MeterReadingStates,
                             recorder: ReadingRecorder) throws -> ConsumptionRecord {
        let state = try states.state(meterID: voided.meterID)
        guard let installedAt = try database.scalarText("""
            SELECT installed_at FROM account_meters WHERE account_id = ? AND meter_id = ? AND installed_at <= ?
            ORDER BY installed_at DESC LIMIT 1
            """, [next.accountID, voided.meterID, next.at]) else {
            preconditionFailure("reading \(next.id) is on no installation")
        }
        let installation = Installation(accountID: next.accountID, installedAt: installedAt, database: database)
        let before = try database.first("""
            SELECT id, account_id, at, value, source FROM meter_readings
            WHERE meter_id = ? AND account_id = ? AND voided_at IS NULL AND source <> 'estimated' AND at >= ?
              AND (at < ? OR (at = ? AND id < ?))
            ORDER BY at DESC, id DESC LIMIT 1
            """, [voided.meterID, next.accountID, installedAt, next.at, next.at, next.id]) { row in
            StoredReading(id: row.int64(0), accountID: row.int64(1), at: row.text(2), value: Volume(litres: row.int64(3)),
                          source: try row.stored(4, as: ReadingSource.self))
        }
        let start = try before?.point ?? states.start(meterID: voided.meterID, on: installation, initialReading: state.initialReading)
        let base = MeasuredBase(point: start, reading: before, estimates: [])
        let derived: (DerivedConsumption, cumulative: Volume)
        do {
            derived = try recorder.derive(next.value, at: try Timestamp(parsing: next.at), from: base, state: state,
                                          installation: installation, force: false)
        } catch ReadingError.belowPrevious(_, _, _, let previousValue, _, let rollover) {
            throw ReadingError.voidLeavesNextBelow(id: voided.id, next: next.facts, previousValue: previousValue, rollover: rollover)
        }
        try recorder.consumptions.admit(PendingConsumption(meterID: voided.meterID, serial: state.serial, accountID: next.accountID,
                                                           from: base.point.at, to: next.at, volume: derived.0.volume, kind: .measured))
        return try recorder.consumptions.record(readingID: next.id, meterID: voided.meterID, accountID: next.accountID,
                                                from: base.point, to: next.at, consumption: derived.0, kind: .measured,
                                                cumulative: derived.cumulative)
    }
}
