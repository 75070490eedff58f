import WBillSupport

/// Where a consumption span starts: a reading, or where the meter was put on the account (no reading).
struct RegisterPoint: Sendable, Equatable {
    /// The reading, if the span starts at one.
    let readingID: Int64?
    /// When (`2026-11-23T09:30:00.000Z`).
    let at: String
    /// The register's value then.
    let value: Volume
}

/// The one writer of `consumptions`, which is append-only: a record per accepted reading and a
/// reversal per record taken back. After each record it writes it calls the followers it was
/// given (see `ConsumptionFollower`), in the same transaction, and tells them when the records
/// written together are done (`finished`).
///
/// A staging writer (an import's) numbers each record at once but writes the records only at
/// `flush()`, many in one INSERT, and calls the followers then, once the records are in the table
/// (see `ReadingWriter`: nothing else may insert into the table until it has flushed).
final class ConsumptionWriter {
    let database: Database
    /// When the records are written.
    let time: String
    let followers: [ConsumptionFollower]
    /// Whether records wait for `flush()`.
    let staging: Bool
    private var insertStatement: Statement?
    private var staged: [ConsumptionRecord] = []
    private var nextID: Int64?
    private var multiRowInserts: [Int: Statement] = [:]

    /// A writer to `database`, stamping records with `context`'s time, calling `followers` after
    /// each; with `staging`, records are written at `flush()`.
    init(database: Database, context: AuditContext, followers: [ConsumptionFollower], staging: Bool = false) {
        self.database = database
        self.time = context.timeText
        self.followers = followers
        self.staging = staging
    }

    /// Asks every follower to admit `pending` before it, or its reading, is written (see
    /// `ConsumptionFollower.admit`).
    /// - Throws: what a follower refuses it with (`ReadingError.notPriced`).
    func admit(_ pending: PendingConsumption) throws {
        for follower in followers { try follower.admit(pending) }
    }

    /// Records the consumption of the reading `readingID` from `start` to `at`.
    /// - Parameter cumulative: for a measured record, the running total up to its end (see `ConsumptionRecord`).
    @discardableResult
    func record(readingID: Int64, meterID: Int64, accountID: Int64, from start: RegisterPoint, to at: String,
                consumption: DerivedConsumption, kind: ConsumptionKind, cumulative: Volume? = nil) throws -> ConsumptionRecord {
        precondition(kind != .reversal, "a reversal is written by reverse(_:reason:)")
        precondition((kind == .measured) == (cumulative != nil), "measured records, and only they, carry a running total")
        if staging {
            return try stage { id in
                ConsumptionRecord(id: id, readingID: readingID, meterID: meterID, accountID: accountID, fromReadingID: start.readingID,
                                  from: start.at, to: at, volume: consumption.volume, kind: kind, flags: consumption.flags,
                                  reversesID: nil, reason: nil, cumulative: cumulative, percentOfExpected: consumption.percentOfExpected)
            }
        }
        let insert = try preparedInsert()
        try insert.bind(readingID, at: 1)
        try insert.bind(meterID, at: 2)
        try insert.bind(accountID, at: 3)
        try insert.bind(start.readingID, at: 4)
        try insert.bind(start.at, at: 5)
        try insert.bind(at, at: 6)
        try insert.bind(consumption.volume.litres, at: 7)
        try insert.bind(kind.rawValue, at: 8)
        try insert.bind(consumption.flags.storedText, at: 9)
        try insert.bind(cumulative?.litres, at: 11)
        try insert.executeBound()
        let record = ConsumptionRecord(id: database.lastInsertRowID, readingID: readingID, meterID: meterID, accountID: accountID,
                                       fromReadingID: start.readingID, from: start.at, to: at, volume: consumption.volume,
                                       kind: kind, flags: consumption.flags, reversesID: nil, reason: nil, cumulative: cumulative,
                                       percentOfExpected: consumption.percentOfExpected)
        for follower in followers { try follower.recorded(record) }
        for follower in followers { try follower.finished() }
        return record
    }

    /// Takes `record` back with a record of the opposite volume, saying why.
    @discardableResult
    func reverse(_ record: ConsumptionRecord, reason: String) throws -> ConsumptionRecord {
        precondition(record.kind != .reversal, "a reversal is not reversed")
        let volume = try record.volume.negated()
        func reversal(_ id: Int64) -> ConsumptionRecord {
            ConsumptionRecord(id: id, readingID: record.readingID, meterID: record.meterID, accountID: record.accountID,
                              fromReadingID: record.fromReadingID, from: record.from, to: record.to, volume: volume, kind: .reversal,
                              flags: ConsumptionFlags(), reversesID: record.id, reason: reason)
        }
        if staging { return try stage(reversal) }
        try database.run("""
            INSERT INTO consumptions (reading_id, meter_id, account_id, from_reading_id, from_at, to_at, volume, kind, flags,
                                      reverses_id, reason, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'reversal', '', ?, ?, ?)
            """, [record.readingID, record.meterID, record.accountID, record.fromReadingID, record.from, record.to,
                  volume.litres, record.id, reason, time])
        let written = reversal(database.lastInsertRowID)
        for follower in followers { try follower.recorded(written) }
        for follower in followers { try follower.finished() }
        return written
    }

    /// The insert of a record, prepared on first use with the time bound once.
    private func preparedInsert() throws -> Statement {
        if let insertStatement { return insertStatement }
        let statement = try database.prepare("""
            INSERT INTO consumptions (reading_id, meter_id, account_id, from_reading_id, from_at, to_at, volume, kind, flags, recorded_at,
                                      cumulative)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.bind(time, at: 10)
        insertStatement = statement
        return statement
    }

    /// Numbers a record and stages it.
    private func stage(_ make: (Int64) -> ConsumptionRecord) throws -> ConsumptionRecord {
        let id = try nextID ?? (database.scalarInt("SELECT max(id) FROM consumptions") ?? 0) + 1
        nextID = id + 1
        let record = make(id)
        staged.append(record)
        if staged.count >= ReadingWriter.rowsPerInsert { try flush() }
        return record
    }

    /// Writes the staged records in the order staged, then calls the followers with each.
    func flush() throws {
        guard !staged.isEmpty else { return }
        let count = staged.count
        let columns = 13
        let statement: Statement
        if let prepared = multiRowInserts[count] {
            statement = prepared
        } else {
            // The time every record shares is bound once, as ?1.
            let rows = (0..<count).map { index in
                "(" + (0..<columns).map { "?\(2 + index * columns + $0)" }.joined(separator: ", ") + ", ?1)"
            }
            statement = try database.prepare("""
                INSERT INTO consumptions (id, reading_id, meter_id, account_id, from_reading_id, from_at, to_at, volume, kind, flags,
                                          reverses_id, reason, cumulative, recorded_at)
                VALUES \(rows.joined(separator: ", "))
                """)
            try statement.bind(time, at: 1)
            multiRowInserts[count] = statement
        }
        statement.reset()
        for (index, record) in staged.enumerated() {
            let base = Int32(2 + index * columns)
            try statement.bind(record.id, at: base)
            try statement.bind(record.readingID, at: base + 1)
            try statement.bind(record.meterID, at: base + 2)
            try statement.bind(record.accountID, at: base + 3)
            try statement.bind(record.fromReadingID, at: base + 4)
            try statement.bind(record.from, at: base + 5)
            try statement.bind(record.to, at: base + 6)
            try statement.bind(record.volume.litres, at: base + 7)
            try statement.bind(record.kind.rawValue, at: base + 8)
            try statement.bind(record.flags.storedText, at: base + 9)
            try statement.bind(record.reversesID, at: base + 10)
            if let reason = record.reason { try statement.bind(reason, at: base + 11) } else { try statement.bind(nil as Int64?, at: base + 11) }
            try statement.bind(record.cumulative?.litres, at: base + 12)
        }
        try statement.executeBound()
        let written = staged
        staged.removeAll(keepingCapacity: true)
        for record in written {
            for follower in followers { try follower.recorded(record) }
        }
        for follower in followers { try follower.finished() }
    }
}
