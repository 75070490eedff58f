import WBillSupport

/// How a reading stands.
public enum ReadingStatus: String, Sendable, CaseIterable {
    /// It counts: its consumption (if any) stands.
    case standing = ""
    /// Voided: its consumption was reversed.
    case voided
    /// An estimate a later real reading corrected: its consumption was reversed.
    case corrected
}

/// One reading as lists show it: the reading, its account, the consumption that stands for it.
public struct ReadingListEntry: Sendable, Equatable {
    public let reading: MeterReading
    public let accountNumber: String
    /// Its current consumption record (neither reversed nor a reversal); nil for an initial reading,
    /// a void one, a corrected estimate.
    public let consumption: ConsumptionRecord?
    public let status: ReadingStatus
    /// Why it was voided.
    public let voidReason: String?
}

/// Filters for listing readings; nil fields do not filter.
public struct ReadingFilter: Sendable {
    /// Only this meter's readings (a serial).
    public var serial: String?
    /// Only readings on this account (a number).
    public var accountNumber: String?
    /// Only readings at or after this time.
    public var since: Timestamp?
    /// Only readings before this time.
    public var until: Timestamp?
    /// Only readings whose standing consumption is flagged.
    public var flagged: Bool
    /// Only the newest this many (listed oldest first all the same).
    public var limit: Int?

    /// No filter.
    public init(serial: String? = nil, accountNumber: String? = nil, since: Timestamp? = nil, until: Timestamp? = nil,
                flagged: Bool = false, limit: Int? = nil) {
        self.serial = serial
        self.accountNumber = accountNumber
        self.since = since
        self.until = until
        self.flagged = flagged
        self.limit = limit
    }
}

/// Meter readings in the database: the last reading of a meter, an account's readings, a listing.
/// Readings are written by `ReadingWriter` only, through the operations in this folder.
public struct MeterReadingStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    static let columns = "r.id, r.meter_id, m.serial, r.account_id, r.at, r.value, r.source, r.operator, r.voided_at"

    /// The readings of an account (bind its id twice): its meters' readings taken on it, found
    /// through each meter's readings (there is no index of readings by account).
    static let onAccount = "r.meter_id IN (SELECT meter_id FROM account_meters WHERE account_id = ?) AND r.account_id = ?"

    static func reading(_ row: Row) throws -> MeterReading {
        MeterReading(id: row.int64(0), meterID: row.int64(1), serial: row.text(2), accountID: row.int64(3),
                     at: row.text(4), value: Volume(litres: row.int64(5)),
                     source: try row.stored(6, as: ReadingSource.self), operatorName: row.text(7), voidedAt: row.optionalText(8))
    }

    /// The meter's latest reading that is not void, on `account` when given.
    public func last(of meter: Meter, on account: Account? = nil) throws -> MeterReading? {
        var sql = "SELECT \(MeterReadingStore.columns) FROM meter_readings r JOIN meters m ON m.id = r.meter_id WHERE r.meter_id = ? AND r.voided_at IS NULL"
        var values: [SQLBindable] = [meter.id]
        if let account {
            sql += " AND r.account_id = ?"
            values.append(account.id)
        }
        return try database.first(sql + " ORDER BY r.at DESC, r.id DESC LIMIT 1", values, MeterReadingStore.reading)
    }

    /// The readings taken on `account` that are not void, oldest first.
    public func readings(on account: Account) throws -> [MeterReading] {
        try database.query("""
            SELECT \(MeterReadingStore.columns) FROM meter_readings r JOIN meters m ON m.id = r.meter_id
            WHERE \(MeterReadingStore.onAccount) AND r.voided_at IS NULL ORDER BY r.at, r.id
            """, [account.id, account.id], MeterReadingStore.reading)
    }

    /// The lowest value the meter's register can show now without rolling over: its last real
    /// reading (estimates do not count), else its initial reading.
    public func floor(of meter: Meter) throws -> (value: Volume, reading: MeterReading?) {
        let last = try database.first("""
            SELECT \(MeterReadingStore.columns) FROM meter_readings r JOIN meters m ON m.id = r.meter_id
            WHERE r.meter_id = ? AND r.voided_at IS NULL AND r.source <> 'estimated' ORDER BY r.at DESC, r.id DESC LIMIT 1
            """, [meter.id], MeterReadingStore.reading)
        return (last?.value ?? meter.initialReading, last)
    }

    /// Checks a reading typed by a person: at most 3 decimals, not below the meter's last real
    /// reading (or initial reading), within what its register shows.
    /// - Returns: the value, or the problem.
    public func validate(_ text: String, for meter: Meter) throws -> Result<Volume, ReadingProblem> {
        func problem(_ reason: String) -> Result<Volume, ReadingProblem> {
            .failure(ReadingProblem(serial: meter.serial, value: text, reason: reason))
        }
        let value: Volume
        do {
            value = try Volume(parsing: text.trimmed)
        } catch NumberError.tooManyDecimals {
            return problem("a reading has at most 3 decimals (\(try UtilitySettings(database: database).volumeUnit().smallestStep))")
        } catch {
            return problem("expected a reading in \(try UtilitySettings(database: database).volumeUnit().symbol) such as 1234.5")
        }
        if value.isNegative { return problem("a reading cannot be negative") }
        let type = try MeterTypeStore(database: database).named(meter.typeName)
        if value.litres > type.registerCapacityLitres {
            return problem("more than its \(type.registerDigits)-digit register shows (at most \(Volume(litres: type.registerCapacityLitres)))")
        }
        let floor = try floor(of: meter)
        if value < floor.value {
            let what = floor.reading.map { "its last reading \($0.value) at \($0.at)" } ?? "its initial reading \(floor.value)"
            return problem("below \(what)")
        }
        return .success(value)
    }

    /// The reading with id `id`, as lists show it.
    /// - Throws: `ReadingError.notFound`.
    public func find(_ id: String) throws -> ReadingListEntry {
        guard let number = Int64(id.trimmed), let entry = try database.first(
            MeterReadingStore.listSelect + " WHERE r.id = ?", [number], MeterReadingStore.entry) else {
            throw ReadingError.notFound(id)
        }
        return entry
    }

    static let listSelect = """
        SELECT \(columns), a.number, r.void_reason,
               c.id, c.reading_id, c.meter_id, c.account_id, c.from_reading_id, c.from_at, c.to_at, c.volume, c.kind, c.flags,
               c.reverses_id, c.reason, c.cumulative
        FROM meter_readings r JOIN meters m ON m.id = r.meter_id JOIN accounts a ON a.id = r.account_id
        LEFT JOIN consumptions c ON c.reading_id = r.id AND c.kind <> 'reversal'
             AND NOT EXISTS (SELECT 1 FROM consumptions x WHERE x.reverses_id = c.id)
        """

    /// The listing of flagged readings starts from the flagged consumption records (an index of them only).
    static let flaggedSelect = """
        SELECT \(columns), a.number, r.void_reason,
               c.id, c.reading_id, c.meter_id, c.account_id, c.from_reading_id, c.from_at, c.to_at, c.volume, c.kind, c.flags,
               c.reverses_id, c.reason, c.cumulative
        FROM consumptions c JOIN meter_readings r ON r.id = c.reading_id JOIN meters m ON m.id = r.meter_id
        JOIN accounts a ON a.id = r.account_id
        WHERE c.flags <> '' AND NOT EXISTS (SELECT 1 FROM consumptions x WHERE x.reverses_id = c.id)
        """

    static func entry(_ row: Row) throws -> ReadingListEntry {
        let reading = try reading(row)
        let consumption = row.isNull(11) ? nil : ConsumptionRecord(
            id: row.int64(11), readingID: row.int64(12), meterID: row.int64(13), accountID: row.int64(14),
            fromReadingID: row.optionalInt64(15), from: row.text(16), to: row.text(17), volume: Volume(litres: row.int64(18)),
            kind: try row.stored(19, as: ConsumptionKind.self), flags: try ConsumptionFlags(storedText: row.text(20)),
            reversesID: row.optionalInt64(21), reason: row.optionalText(22), cumulative: row.optionalInt64(23).map(Volume.init(litres:)))
        let status: ReadingStatus = reading.voidedAt != nil ? .voided
            : (reading.source == .estimated && consumption == nil ? .corrected : .standing)
        return ReadingListEntry(reading: reading, accountNumber: row.text(9), consumption: consumption, status: status,
                                voidReason: row.optionalText(10))
    }

    /// Readings matching `filter`, oldest first (the newest `limit` of them when a limit is set:
    /// for a meter or an account the newest in time, otherwise the last recorded). Each is an index
    /// search, by meter, by the account's meters, or over the flagged records; with neither, a walk
    /// back through the readings as recorded, stopped by the limit.
    /// - Throws: `CatalogueError.notFound` for an unknown meter, `AccountError.notFound` for an unknown account.
    public func list(_ filter: ReadingFilter) throws -> [ReadingListEntry] {
        var conditions: [String] = []
        var values: [SQLBindable] = []
        if let serial = filter.serial {
            conditions.append("r.meter_id = ?")
            values.append(try MeterStore(database: database).find(serial).id)
        }
        if let number = filter.accountNumber {
            let account = try AccountStore(database: database).find(number)
            conditions.append(MeterReadingStore.onAccount)
            values += [account.id, account.id]
        }
        let time = filter.flagged ? "c.to_at" : "r.at"
        if let since = filter.since {
            conditions.append("\(time) >= ?")
            values.append(since.description)
        }
        if let until = filter.until {
            conditions.append("\(time) < ?")
            values.append(until.description)
        }
        var sql = filter.flagged ? MeterReadingStore.flaggedSelect : MeterReadingStore.listSelect
        if !conditions.isEmpty { sql += (filter.flagged ? " AND " : " WHERE ") + conditions.joined(separator: " AND ") }
        if filter.flagged {
            sql += " ORDER BY c.to_at DESC, c.id DESC"
        } else if filter.serial != nil || filter.accountNumber != nil {
            sql += " ORDER BY r.at DESC, r.id DESC"
        } else {
            sql += " ORDER BY r.id DESC"
        }
        if let limit = filter.limit {
            sql += " LIMIT ?"
            values.append(limit)
        }
        let entries = try database.query(sql, values, MeterReadingStore.entry)
        return entries.sorted { ($0.reading.at, $0.reading.id) < ($1.reading.at, $1.reading.id) }
    }
}
