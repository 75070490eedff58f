import WBillSupport

/// Meter readings in the database: the minimum customer close needs (record a validated final
/// reading, the last known reading); the readings issue builds on it.
public struct MeterReadingStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    static let columns = "r.id, r.meter_id, m.serial, r.account_id, r.at, r.value, r.source, r.operator"

    static func reading(_ row: Row) throws -> MeterReading {
        MeterReading(id: row.int64(0), meterID: row.int64(1), serial: row.text(2), accountID: row.optionalInt64(3),
                     at: row.text(4), value: Volume(litres: row.int64(5)),
                     source: try row.stored(6, as: ReadingSource.self), operatorName: row.text(7))
    }

    /// The meter's latest reading, on `account` when given.
    public func last(of meter: Meter, on account: Account? = nil) throws -> MeterReading? {
        var sql = "SELECT \(MeterReadingStore.columns) FROM meter_readings r JOIN meters m ON m.id = r.meter_id WHERE r.meter_id = ?"
        var values: [SQLBindable] = [meter.id]
        if let account {
            sql += " AND r.account_id = ?"
            values.append(account.id)
        }
        return try database.first(sql + " ORDER BY r.at DESC, r.id DESC LIMIT 1", values, MeterReadingStore.reading)
    }

    /// The readings taken on `account`, oldest first.
    public func readings(on account: Account) throws -> [MeterReading] {
        try database.query("""
            SELECT \(MeterReadingStore.columns) FROM meter_readings r JOIN meters m ON m.id = r.meter_id
            WHERE r.account_id = ? ORDER BY r.at, r.id
            """, [account.id], MeterReadingStore.reading)
    }

    /// The lowest value the meter's register can show now: its last reading, else its initial reading.
    public func floor(of meter: Meter) throws -> Volume {
        try last(of: meter)?.value ?? meter.initialReading
    }

    /// Checks a reading typed by a person: at most 3 decimals, not below the meter's last known
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
        if value < floor {
            let what = try last(of: meter).map { "its last reading \($0.value) at \($0.at)" } ?? "its initial reading \(floor)"
            return problem("below \(what)")
        }
        return .success(value)
    }

    /// Records a reading (validated by the caller) in the caller's transaction.
    @discardableResult
    public func record(_ value: Volume, of meter: Meter, on account: Account?, source: ReadingSource,
                       audit: AuditTrail) throws -> MeterReading {
        try database.run("""
            INSERT INTO meter_readings (meter_id, account_id, at, value, source, operator) VALUES (?, ?, ?, ?, ?, ?)
            """, [meter.id, account?.id, audit.context.time.description, value.litres, source.rawValue,
                  audit.context.operatorName])
        let id = database.lastInsertRowID
        try audit.record(entity: "reading", id: String(id), action: "create", changes: [
            AuditChange("meter", old: nil, new: meter.serial), AuditChange("value", old: nil, new: value.description),
            AuditChange("source", old: nil, new: source.rawValue),
        ] + (account.map { [AuditChange("account", old: nil, new: $0.number)] } ?? []))
        guard let reading = try database.first("""
            SELECT \(MeterReadingStore.columns) FROM meter_readings r JOIN meters m ON m.id = r.meter_id WHERE r.id = ?
            """, [id], MeterReadingStore.reading) else { preconditionFailure("reading \(id) is missing") }
        return reading
    }
}
