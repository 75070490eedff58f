import WBillSupport

/// A meter's time on an account.
struct Installation {
    let accountID: Int64
    let installedAt: String
    /// Where the account's number is read from, when a message needs it.
    private let database: Database

    init(accountID: Int64, installedAt: String, database: Database) {
        self.accountID = accountID
        self.installedAt = installedAt
        self.database = database
    }

    /// The account's number (read only when asked: an import needs it for bad rows only).
    var accountNumber: String {
        get throws { try database.scalarText("SELECT number FROM accounts WHERE id = ?", [accountID]) ?? "" }
    }
}

/// A reading as the judging of the next one needs it.
struct StoredReading: Sendable, Equatable {
    let id: Int64
    let accountID: Int64
    let at: String
    let value: Volume
    let source: ReadingSource

    var facts: ReadingFacts { ReadingFacts(id: id, at: at, value: value, source: source) }
    var point: RegisterPoint { RegisterPoint(readingID: id, at: at, value: value) }
}

/// A meter as a new reading of it is judged: its state and register, the account it is on, its
/// last reading. Read in one query per reading (`MeterReadingStates.state(serial:)`).
struct MeterReadingState {
    let meterID: Int64
    let serial: String
    let state: MeterState
    let initialReading: Volume
    let registerDigits: Int
    /// The account it is on now, if it is installed.
    let installation: Installation?
    /// Its last reading that is not void, on any account.
    let last: StoredReading?
    /// The time of its latest reading, void or not.
    let latestAt: String?

    /// The largest value its register shows.
    var capacity: Volume { Volume(litres: ConsumptionDerivation.range(digits: registerDigits) - 1) }

    /// Whether `reading` was taken on the meter's current installation.
    func isOnInstallation(_ reading: StoredReading) -> Bool {
        guard let installation else { return false }
        return reading.accountID == installation.accountID && reading.at >= installation.installedAt
    }
}

/// The queries readings are judged with, prepared once (an import runs them for every row).
final class MeterReadingStates {
    let database: Database
    private var bySerial: Statement?
    private var byID: Statement?

    init(database: Database) {
        self.database = database
    }

    /// The meter, the account it is on, and its latest reading, void or not (a void one is rare: the
    /// last that is not void is then read by `lastStanding`). Register digits come from `digits`.
    private static func stateSQL(_ condition: String) -> String {
        """
        SELECT m.id, m.serial, m.state, m.initial_reading, m.meter_type_id, am.account_id, am.installed_at,
               r.id, r.account_id, r.at, r.value, r.source, r.voided_at
        FROM meters m
        LEFT JOIN account_meters am INDEXED BY account_meters_installed ON am.meter_id = m.id AND am.removed_at IS NULL
        LEFT JOIN meter_readings r ON r.id = (SELECT id FROM meter_readings WHERE meter_id = m.id ORDER BY at DESC, id DESC LIMIT 1)
        WHERE \(condition)
        """
    }

    /// Register digits by meter type, read once per type.
    private var digitsByType: [Int64: Int] = [:]

    private func digits(ofType typeID: Int64) throws -> Int {
        if let digits = digitsByType[typeID] { return digits }
        let digits = Int(try database.scalarInt("SELECT register_digits FROM meter_types WHERE id = ?", [typeID]) ?? 0)
        digitsByType[typeID] = digits
        return digits
    }

    /// The meter with the normalised `serial`, or nil when there is none.
    func state(serial: String) throws -> MeterReadingState? {
        if bySerial == nil { bySerial = try database.prepare(Self.stateSQL("m.serial = ?")) }
        let statement = bySerial!
        statement.reset()
        try statement.bind(serial, at: 1)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return try state(statement.row)
    }

    /// How many meters `states(serials:)` reads at once.
    static let batchSize = 200
    private var bySerials: Statement?

    /// The meters with the normalised `serials` (at most `batchSize`), by serial; a serial no meter
    /// has is missing. One statement for them all: an import reads its rows' meters in batches.
    func states(serials: [String]) throws -> [String: MeterReadingState] {
        precondition(serials.count <= Self.batchSize, "at most \(Self.batchSize) meters at once")
        if serials.count <= 4 {
            // A file of one meter's readings after another's cuts batches short: a look-up each then.
            var states: [String: MeterReadingState] = [:]
            for serial in serials { states[serial] = try state(serial: serial) }
            return states
        }
        if bySerials == nil {
            let list = Array(repeating: "?", count: Self.batchSize).joined(separator: ", ")
            bySerials = try database.prepare(Self.stateSQL("m.serial IN (\(list))"))
        }
        let statement = bySerials!
        statement.reset()
        for index in 0..<Self.batchSize {
            if index < serials.count { try statement.bind(serials[index], at: Int32(index + 1)) }
            else { try statement.bind(nil as Int64?, at: Int32(index + 1)) }
        }
        defer { statement.reset() }
        var states: [String: MeterReadingState] = [:]
        states.reserveCapacity(serials.count)
        while try statement.step() {
            let state = try state(statement.row)
            states[state.serial] = state
        }
        return states
    }

    /// The meter with row id `meterID`.
    func state(meterID: Int64) throws -> MeterReadingState {
        if byID == nil { byID = try database.prepare(Self.stateSQL("m.id = ?")) }
        let statement = byID!
        statement.reset()
        try statement.bind(meterID, at: 1)
        defer { statement.reset() }
        guard try statement.step() else { preconditionFailure("meter \(meterID) is missing") }
        return try state(statement.row)
    }

    private func state(_ row: Row) throws -> MeterReadingState {
        let meterID = row.int64(0)
        var installation: Installation?
        if !row.isNull(5) {
            installation = Installation(accountID: row.int64(5), installedAt: row.text(6), database: database)
        }
        var latest: StoredReading?
        if !row.isNull(7) {
            latest = StoredReading(id: row.int64(7), accountID: row.int64(8), at: row.text(9), value: Volume(litres: row.int64(10)),
                                   source: try row.stored(11, as: ReadingSource.self))
        }
        let last = row.isNull(12) ? latest : try lastStanding(meterID: meterID)
        return MeterReadingState(meterID: meterID, serial: row.text(1), state: try row.stored(2, as: MeterState.self),
                                 initialReading: Volume(litres: row.int64(3)), registerDigits: try digits(ofType: row.int64(4)),
                                 installation: installation, last: last, latestAt: latest?.at)
    }

    /// The meter's last reading that is not void.
    private func lastStanding(meterID: Int64) throws -> StoredReading? {
        try database.first("""
            SELECT id, account_id, at, value, source FROM meter_readings WHERE meter_id = ? AND voided_at IS NULL
            ORDER BY at DESC, id DESC LIMIT 1
            """, [meterID]) { row in
            StoredReading(id: row.int64(0), accountID: row.int64(1), at: row.text(2), value: Volume(litres: row.int64(3)),
                          source: try row.stored(4, as: ReadingSource.self))
        }
    }

    /// The meter's readings at exactly `at`, void ones included, with when each was voided.
    func readings(meterID: Int64, at: String) throws -> [(reading: StoredReading, voidedAt: String?, importID: Int64?, line: Int64?)] {
        try database.query("""
            SELECT id, account_id, at, value, source, voided_at, import_id, import_line FROM meter_readings
            WHERE meter_id = ? AND at = ? ORDER BY id
            """, [meterID, at]) { row in
            (StoredReading(id: row.int64(0), accountID: row.int64(1), at: row.text(2), value: Volume(litres: row.int64(3)),
                           source: try row.stored(4, as: ReadingSource.self)),
             row.optionalText(5), row.optionalInt64(6), row.optionalInt64(7))
        }
    }

    /// The reading's current consumption record: the one that is neither a reversal nor reversed;
    /// nil for a reading without one (an initial reading, a corrected estimate, a void reading).
    func currentConsumption(of readingID: Int64) throws -> ConsumptionRecord? {
        try database.first(ConsumptionRecords.select + """
             WHERE c.reading_id = ? AND c.kind <> 'reversal'
              AND NOT EXISTS (SELECT 1 FROM consumptions x WHERE x.reverses_id = c.id)
            """, [readingID], ConsumptionRecords.record)
    }

    /// The meter's readings that are not void on `installation`, newest first, each with its
    /// current consumption record.
    func history(of state: MeterReadingState, on installation: Installation, after: String? = nil) throws
        -> [(reading: StoredReading, consumption: ConsumptionRecord?)] {
        let rows = try database.query("""
            SELECT id, account_id, at, value, source FROM meter_readings
            WHERE meter_id = ? AND voided_at IS NULL AND at >= ? AND account_id = ?
            ORDER BY at DESC, id DESC
            """, [state.meterID, after ?? installation.installedAt, installation.accountID]) { row in
            StoredReading(id: row.int64(0), accountID: row.int64(1), at: row.text(2), value: Volume(litres: row.int64(3)),
                          source: try row.stored(4, as: ReadingSource.self))
        }
        return try rows.map { ($0, try currentConsumption(of: $0.id)) }
    }

    /// Where the meter's consumption on `installation` starts: its value when it was put on the
    /// account (its last reading before, else its initial reading), at the installation's time.
    func start(of state: MeterReadingState, on installation: Installation) throws -> RegisterPoint {
        if let last = state.last, !state.isOnInstallation(last) {
            return RegisterPoint(readingID: nil, at: installation.installedAt, value: last.value)
        }
        if state.latestAt == nil {
            // Never read: it starts at its initial reading.
            return RegisterPoint(readingID: nil, at: installation.installedAt, value: state.initialReading)
        }
        return try start(meterID: state.meterID, on: installation, initialReading: state.initialReading)
    }

    /// Where the consumption of the meter `meterID` on `installation` starts (see `start(of:on:)`),
    /// from its readings before the installation.
    func start(meterID: Int64, on installation: Installation, initialReading: Volume) throws -> RegisterPoint {
        let before = try database.scalarInt("""
            SELECT value FROM meter_readings WHERE meter_id = ? AND voided_at IS NULL AND (account_id <> ? OR at < ?)
            ORDER BY at DESC, id DESC LIMIT 1
            """, [meterID, installation.accountID, installation.installedAt])
        return RegisterPoint(readingID: nil, at: installation.installedAt, value: before.map(Volume.init(litres:)) ?? initialReading)
    }

    /// The running total of measured consumption on its installation up to the reading `readingID`:
    /// its standing measured record's (a reading's latest measured record is its standing one: a
    /// record is reversed only with its reading, or replaced by a newer one); zero for none (where
    /// the meter started on the account, an exchange's initial reading).
    func cumulative(upTo readingID: Int64?) throws -> Volume {
        guard let readingID else { return .zero }
        return Volume(litres: try database.scalarInt("""
            SELECT cumulative FROM consumptions WHERE reading_id = ? AND kind = 'measured' ORDER BY id DESC LIMIT 1
            """, [readingID]) ?? 0)
    }

    /// How far back the meter's average looks: a year.
    static let averageSpan: Int64 = 365 * 86_400_000

    /// The meter's average use on `installation`, up to its real reading `last`: the measured
    /// consumption between the last real reading at least a year before (else where it started on
    /// the account) and `last`, over the time between, from the two running totals. Nil without
    /// such a reading or over no time.
    func average(of state: MeterReadingState, on installation: Installation, upTo last: StoredReading?) throws -> AverageUse? {
        guard let last else { return nil }
        let end = try Timestamp(parsing: last.at).millisecondsSinceEpoch
        let yearBefore = Timestamp(millisecondsSinceEpoch: end - Self.averageSpan).description
        let earlier = try database.first("""
            SELECT r.at, (SELECT cumulative FROM consumptions c WHERE c.reading_id = r.id AND c.kind = 'measured' ORDER BY c.id DESC LIMIT 1)
            FROM meter_readings r
            WHERE r.meter_id = ? AND r.at >= ? AND r.at <= ? AND r.account_id = ? AND r.voided_at IS NULL AND r.source <> 'estimated'
            ORDER BY r.at DESC, r.id DESC LIMIT 1
            """, [state.meterID, installation.installedAt, yearBefore, installation.accountID]) { row in
            (at: row.text(0), total: row.optionalInt64(1) ?? 0)
        }
        let start = try Timestamp(parsing: earlier?.at ?? installation.installedAt).millisecondsSinceEpoch
        let volume = try cumulative(upTo: last.id).litres - (earlier?.total ?? 0)
        return end > start ? AverageUse(volume: volume, milliseconds: end - start) : nil
    }
}

/// Reading `consumptions` rows.
enum ConsumptionRecords {
    static let select = """
        SELECT c.id, c.reading_id, c.meter_id, c.account_id, c.from_reading_id, c.from_at, c.to_at, c.volume, c.kind, c.flags,
               c.reverses_id, c.reason, c.cumulative FROM consumptions c
        """

    static func record(_ row: Row) throws -> ConsumptionRecord {
        ConsumptionRecord(id: row.int64(0), readingID: row.int64(1), meterID: row.int64(2), accountID: row.int64(3),
                          fromReadingID: row.optionalInt64(4), from: row.text(5), to: row.text(6), volume: Volume(litres: row.int64(7)),
                          kind: try row.stored(8, as: ConsumptionKind.self), flags: try ConsumptionFlags(storedText: row.text(9)),
                          reversesID: row.optionalInt64(10), reason: row.optionalText(11),
                          cumulative: row.optionalInt64(12).map(Volume.init(litres:)))
    }
}
