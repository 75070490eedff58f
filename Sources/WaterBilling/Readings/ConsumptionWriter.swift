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
/// given (see `ConsumptionFollower`), in the same transaction.
final class ConsumptionWriter {
    let database: Database
    /// When the records are written.
    let time: String
    let followers: [ConsumptionFollower]
    private var insertStatement: Statement?

    /// A writer to `database`, stamping records with `context`'s time, calling `followers` after each.
    init(database: Database, context: AuditContext, followers: [ConsumptionFollower]) {
        self.database = database
        self.time = context.timeText
        self.followers = followers
    }

    /// Records the consumption of the reading `readingID` from `start` to `at`.
    @discardableResult
    func record(readingID: Int64, meterID: Int64, accountID: Int64, from start: RegisterPoint, to at: String,
                consumption: DerivedConsumption, kind: ConsumptionKind) throws -> ConsumptionRecord {
        precondition(kind != .reversal, "a reversal is written by reverse(_:reason:)")
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
        try insert.executeBound()
        let record = ConsumptionRecord(id: database.lastInsertRowID, readingID: readingID, meterID: meterID, accountID: accountID,
                                       fromReadingID: start.readingID, from: start.at, to: at, volume: consumption.volume,
                                       kind: kind, flags: consumption.flags, reversesID: nil, reason: nil)
        for follower in followers { try follower.recorded(record) }
        return record
    }

    /// Takes `record` back with a record of the opposite volume, saying why.
    @discardableResult
    func reverse(_ record: ConsumptionRecord, reason: String) throws -> ConsumptionRecord {
        precondition(record.kind != .reversal, "a reversal is not reversed")
        let volume = try record.volume.negated()
        try database.run("""
            INSERT INTO consumptions (reading_id, meter_id, account_id, from_reading_id, from_at, to_at, volume, kind, flags,
                                      reverses_id, reason, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'reversal', '', ?, ?, ?)
            """, [record.readingID, record.meterID, record.accountID, record.fromReadingID, record.from, record.to,
                  volume.litres, record.id, reason, time])
        let reversal = ConsumptionRecord(id: database.lastInsertRowID, readingID: record.readingID, meterID: record.meterID,
                                         accountID: record.accountID, fromReadingID: record.fromReadingID, from: record.from,
                                         to: record.to, volume: volume, kind: .reversal, flags: ConsumptionFlags(),
                                         reversesID: record.id, reason: reason)
        for follower in followers { try follower.recorded(reversal) }
        return reversal
    }

    /// The insert of a record, prepared on first use with the time bound once.
    private func preparedInsert() throws -> Statement {
        if let insertStatement { return insertStatement }
        let statement = try database.prepare("""
            INSERT INTO consumptions (reading_id, meter_id, account_id, from_reading_id, from_at, to_at, volume, kind, flags, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.bind(time, at: 10)
        insertStatement = statement
        return statement
    }
}
