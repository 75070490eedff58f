import WBillSupport

/// One reading as asked for (`reading add`): the parts as typed.
public struct ReadingRequest: Sendable {
    public var serial: String
    public var value: String
    /// When it was taken, as typed; nil for now.
    public var at: String?
    public var source: ReadingSource
    /// Take a reading below the previous one as a rollover even when that is not plausible, and
    /// record again a reading that was voided.
    public var force: Bool

    /// A request.
    public init(serial: String, value: String, at: String? = nil, source: ReadingSource = .manual, force: Bool = false) {
        self.serial = serial
        self.value = value
        self.at = at
        self.source = source
        self.force = force
    }
}

/// What recording one reading did.
public struct RecordedReading: Sendable, Equatable {
    /// The reading as lists show it, with the consumption that stands for it.
    public let entry: ReadingListEntry
    /// The reversals of the estimates it corrected.
    public let corrections: [ConsumptionRecord]
    /// Whether it was there already (the same meter, time and value): nothing was written.
    public let alreadyRecorded: Bool
}

/// Readings one at a time: `reading add` and `reading estimate`, each with its audit entry.
public struct ReadingEntry {
    let database: Database

    /// Entry into `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Records a reading, in the caller's transaction (see `ReadingRecorder` for the rules).
    /// The same reading again (meter, time, value) writes nothing and says so.
    /// - Throws: `ReadingError`, `CatalogueError.notFound` for an unknown meter.
    public func add(_ request: ReadingRequest, audit: AuditTrail) throws -> RecordedReading {
        precondition(ReadingSource.entered.contains(request.source), "a reading is entered from one of ReadingSource.entered")
        let value = try ReadingInput.value(request.value)
        let time = try request.at.map(ReadingInput.time) ?? audit.context.time
        let state = try meterState(request.serial)
        let outcome = try recorder(audit).record(value, at: time, source: request.source, state: state, force: request.force)
        return try finish(outcome, action: "create", audit: audit)
    }

    /// Estimates the meter's reading at `at` (now when nil) from its average daily use on its
    /// account, in the caller's transaction: marked estimated, corrected by the next real reading.
    /// - Throws: `ReadingError` (`noHistory` without measured consumption to go by), `CatalogueError.notFound`.
    public func estimate(serial: String, at: String?, audit: AuditTrail) throws -> RecordedReading {
        let time = try at.map(ReadingInput.time) ?? audit.context.time
        let state = try meterState(serial)
        return try finish(try recorder(audit).estimate(at: time, state: state), action: "estimate", audit: audit)
    }

    private func recorder(_ audit: AuditTrail) throws -> ReadingRecorder {
        ReadingRecorder(database: database, context: audit.context, thresholds: try ConsumptionThresholds.current(in: database),
                        followers: ConsumptionFollowers.standard(in: database, audit: audit))
    }

    private func meterState(_ serial: String) throws -> MeterReadingState {
        let normalised = (try? MeterSerial.normalise(serial).get()) ?? serial.trimmed.uppercased()
        guard let state = try MeterReadingStates(database: database).state(serial: normalised) else {
            throw CatalogueError.notFound(entity: "meter", name: normalised, suggestion: nil)
        }
        return state
    }

    /// The reading as recorded, with its audit entry when it is new.
    private func finish(_ outcome: ReadingOutcome, action: String, audit: AuditTrail) throws -> RecordedReading {
        switch outcome {
        case .alreadyRecorded(let id, _, _):
            return RecordedReading(entry: try MeterReadingStore(database: database).find(String(id)), corrections: [],
                                   alreadyRecorded: true)
        case .recorded(let id, _, let corrections):
            let entry = try MeterReadingStore(database: database).find(String(id))
            try audit.record(entity: "reading", id: String(id), action: action, changes: ReadingAudit.changes(of: entry)
                             + (corrections.isEmpty ? [] : [AuditChange("corrected_estimates", old: nil,
                                                                        new: corrections.map { String($0.readingID) }.joined(separator: " "))]))
            return RecordedReading(entry: entry, corrections: corrections, alreadyRecorded: false)
        }
    }
}

/// The audit entry's fields of a reading.
enum ReadingAudit {
    static func changes(of entry: ReadingListEntry) -> [AuditChange] {
        var changes = [
            AuditChange("meter", old: nil, new: entry.reading.serial), AuditChange("account", old: nil, new: entry.accountNumber),
            AuditChange("at", old: nil, new: entry.reading.at), AuditChange("value", old: nil, new: entry.reading.value.description),
            AuditChange("source", old: nil, new: entry.reading.source.rawValue),
        ]
        if let consumption = entry.consumption {
            changes.append(AuditChange("consumption", old: nil, new: consumption.volume.description))
            if !consumption.flags.isEmpty { changes.append(AuditChange("flags", old: nil, new: consumption.flags.storedText)) }
        }
        return changes
    }
}
