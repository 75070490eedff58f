import WBillSupport

/// Filters for listing meters; nil fields do not filter.
public struct MeterFilter: Sendable {
    public var state: MeterState?
    public var typeName: String?
    public var group: String?
    public var manufacturer: String?
    public var serialPrefix: String?
    /// At most this many meters.
    public var limit: Int?
    /// Skip this many first (for paging).
    public var offset: Int

    /// No filter.
    public init(state: MeterState? = nil, typeName: String? = nil, group: String? = nil, manufacturer: String? = nil,
                serialPrefix: String? = nil, limit: Int? = nil, offset: Int = 0) {
        self.state = state
        self.typeName = typeName
        self.group = group
        self.manufacturer = manufacturer
        self.serialPrefix = serialPrefix
        self.limit = limit
        self.offset = offset
    }
}

/// One entry of a meter's history.
public struct MeterHistoryEntry: Sendable, Equatable {
    public let at: String
    public let operatorName: String
    public let event: String
    public let fromState: String?
    public let toState: String?
    public let detail: String
}

/// Changes to a meter's descriptive fields; nil fields stay. Type, caliber and initial reading
/// can change only while the meter is in stock.
public struct MeterChanges: Sendable {
    public var typeName: String?
    public var caliber: String?
    public var manufacturer: String?
    public var model: String?
    public var initialReading: String?
    public var location: String?
    /// `in-stock` ↔ `faulty` only; installing and removing go through accounts.
    public var state: MeterState?

    /// No changes.
    public init() {}
}

/// Meters in the database: add, find, list, history, edit, retire. The rules live here; the rows
/// are written by `MeterWriter` (as are the state changes accounts make: install, remove).
public struct MeterStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    static let selectColumns = """
        SELECT m.id, m.serial, t.name, m.caliber, m.manufacturer, m.model, m.initial_reading, m.location, m.state,
               g.name, m.created_at, m.created_by, m.import_id
        FROM meters m JOIN meter_types t ON t.id = m.meter_type_id LEFT JOIN meter_groups g ON g.id = m.group_id
        """

    static func meter(_ row: Row) throws -> Meter {
        Meter(id: row.int64(0), serial: row.text(1), typeName: row.text(2), caliber: row.int(3), manufacturer: row.text(4),
              model: row.text(5), initialReading: Volume(litres: row.int64(6)), location: row.text(7),
              state: try row.stored(8, as: MeterState.self), group: row.optionalText(9), createdAt: row.text(10),
              createdBy: row.text(11), importID: row.optionalInt64(12))
    }

    /// Adds one meter, in stock.
    /// - Throws: `MeterDraftError` listing every bad field, or `CatalogueError.alreadyExists`.
    @discardableResult
    public func add(_ draft: MeterDraft, audit: AuditTrail) throws -> Meter {
        let valid: ValidMeter
        var validator = try MeterValidator(database: database)
        switch validator.validate(draft) {
        case .valid(let meter): valid = meter
        case .invalid(let problems): throw MeterDraftError(problems: problems)
        }
        // The insert skips a taken serial (ON CONFLICT DO NOTHING) and says so: no look-up first.
        guard try MeterWriter(database: database, context: audit.context).insert(valid) else {
            throw CatalogueError.alreadyExists(entity: "meter", name: valid.serial)
        }
        let meter = try find(valid.serial)
        try audit.record(entity: "meter", id: meter.serial, action: "create",
                         changes: fields(of: meter).map { AuditChange($0.0, old: nil, new: $0.1) })
        return meter
    }

    /// The meter with `serial` (normalised first).
    /// - Throws: `CatalogueError.notFound`.
    public func find(_ serial: String) throws -> Meter {
        let normalised = serial.trimmed.uppercased()
        if let meter = try database.first(MeterStore.selectColumns + " WHERE m.serial = ?", [normalised], MeterStore.meter) {
            return meter
        }
        throw CatalogueError.notFound(entity: "meter", name: normalised, suggestion: nil)
    }

    /// The meter with row id `id` (ids come from other tables, so it exists).
    func find(id: Int64) throws -> Meter {
        guard let meter = try database.first(MeterStore.selectColumns + " WHERE m.id = ?", [id], MeterStore.meter) else {
            preconditionFailure("meter \(id) is missing")
        }
        return meter
    }

    /// Meters matching `filter`, by serial.
    public func list(_ filter: MeterFilter) throws -> [Meter] {
        var conditions: [String] = []
        var values: [SQLBindable] = []
        if let state = filter.state { conditions.append("m.state = ?"); values.append(state.rawValue) }
        if let type = filter.typeName { conditions.append("t.name = ? COLLATE NOCASE"); values.append(type.trimmed) }
        if let group = filter.group { conditions.append("g.name = ? COLLATE NOCASE"); values.append(group.trimmed) }
        if let manufacturer = filter.manufacturer { conditions.append("m.manufacturer = ? COLLATE NOCASE"); values.append(manufacturer.trimmed) }
        if let prefix = filter.serialPrefix?.trimmed.uppercased(), !prefix.isEmpty {
            // A range scan on the serial index instead of LIKE (which would not use it).
            conditions.append("m.serial >= ? AND m.serial < ?")
            values.append(prefix)
            values.append(prefix + "\u{10FFFF}")
        }
        var sql = MeterStore.selectColumns
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY m.serial LIMIT ? OFFSET ?"
        values.append(filter.limit ?? -1)
        values.append(filter.offset)
        return try database.query(sql, values, MeterStore.meter)
    }

    /// The meter's history, oldest first: its creation, then every recorded change.
    public func history(of meter: Meter) throws -> [MeterHistoryEntry] {
        var source = meter.importID.map { "imported (run \($0))" } ?? "added"
        if meter.importID == nil, meter.createdBy.isEmpty { source = "added" }
        let created = MeterHistoryEntry(at: meter.createdAt, operatorName: meter.createdBy, event: source, fromState: nil,
                                        toState: MeterState.inStock.rawValue, detail: "")
        return [created] + (try database.query("""
            SELECT at, operator, event, from_state, to_state, detail FROM meter_events WHERE meter_id = ? ORDER BY id
            """, [meter.id]) { row in
            MeterHistoryEntry(at: row.text(0), operatorName: row.text(1), event: row.text(2), fromState: row.optionalText(3),
                              toState: row.optionalText(4), detail: row.text(5))
        })
    }

    /// Changes a meter's descriptive fields, or moves it between in-stock and faulty.
    /// - Throws: `MeterDraftError` for bad values, `CatalogueError` for changes its state forbids.
    @discardableResult
    public func edit(_ serial: String, _ changes: MeterChanges, audit: AuditTrail) throws -> Meter {
        let before = try find(serial)
        let touchesIdentity = changes.typeName != nil || changes.caliber != nil || changes.initialReading != nil
        if touchesIdentity && before.state != .inStock {
            throw CatalogueError.meterNotInStock(serial: before.serial, state: before.state)
        }
        if let state = changes.state, state != before.state {
            let allowed: Set<MeterState> = [.inStock, .faulty]
            guard allowed.contains(state), allowed.contains(before.state) else {
                throw CatalogueError.meterStateNotEditable(serial: before.serial, state: before.state)
            }
        }
        let draft = MeterDraft(
            serial: before.serial, typeName: changes.typeName ?? before.typeName,
            caliber: changes.caliber ?? (changes.typeName == nil ? String(before.caliber) : ""),
            manufacturer: changes.manufacturer ?? before.manufacturer, model: changes.model ?? before.model,
            initialReading: changes.initialReading ?? before.initialReading.formattedTrimmed,
            location: changes.location ?? before.location, group: before.group ?? "")
        let valid: ValidMeter
        var validator = try MeterValidator(database: database)
        switch validator.validate(draft) {
        case .valid(let meter): valid = meter
        case .invalid(let problems): throw MeterDraftError(problems: problems)
        }
        let writer = MeterWriter(database: database, context: audit.context)
        try writer.updateDetails(of: before.id, to: valid, includingGroup: false)
        let edited = try find(before.serial)
        let changed = zip(fields(of: before), fields(of: edited)).filter { $0.0.1 != $0.1.1 }
        let detail = changed.map { "\($0.0.0): \($0.0.1) → \($0.1.1)" }.joined(separator: "; ")
        if !changed.isEmpty {
            try writer.recordEvent("edited", of: edited, movingTo: nil, detail: detail)
        }
        if let state = changes.state, state != before.state {
            try writer.recordEvent(state == .faulty ? "marked faulty" : "repaired", of: edited, movingTo: state, detail: "")
        }
        let after = try find(before.serial)
        let allChanges = zip(fields(of: before), fields(of: after)).filter { $0.0.1 != $0.1.1 }
        if !allChanges.isEmpty {
            try audit.record(entity: "meter", id: after.serial, action: "update",
                             changes: allChanges.map { AuditChange($0.0.0, old: $0.0.1, new: $0.1.1) })
        }
        return after
    }

    /// Takes a meter out of service for good: in stock or faulty → removed.
    /// - Throws: `CatalogueError.meterInstalled` or `.meterAlreadyRemoved`.
    @discardableResult
    public func retire(_ serial: String, reason: String, audit: AuditTrail) throws -> Meter {
        let meter = try find(serial)
        switch meter.state {
        case .installed:
            let account = try database.scalarText("""
                SELECT a.number FROM account_meters am JOIN accounts a ON a.id = am.account_id
                WHERE am.meter_id = ? AND am.removed_at IS NULL
                """, [meter.id])
            throw CatalogueError.meterInstalled(serial: meter.serial, account: account)
        case .removed:
            throw CatalogueError.meterAlreadyRemoved(serial: meter.serial)
        case .inStock, .faulty:
            try MeterWriter(database: database, context: audit.context).recordEvent("retired", of: meter, movingTo: .removed, detail: reason)
            try audit.record(entity: "meter", id: meter.serial, action: "retire",
                             changes: [AuditChange("state", old: meter.state.rawValue, new: MeterState.removed.rawValue),
                                       AuditChange("reason", old: nil, new: reason)])
            return try find(meter.serial)
        }
    }

    /// The meter's fields as (key, text) pairs, for records and the audit trail.
    public func fields(of meter: Meter) -> [(String, String)] {
        [("serial", meter.serial), ("type", meter.typeName), ("caliber", String(meter.caliber)),
         ("manufacturer", meter.manufacturer), ("model", meter.model), ("initial_reading", meter.initialReading.description),
         ("location", meter.location), ("state", meter.state.rawValue), ("group", meter.group ?? "")]
    }
}

/// A meter draft with bad fields: every problem, so a person can fix them all at once.
public struct MeterDraftError: ClassifiedError, Equatable {
    public let problems: [MeterFieldProblem]

    public var failureKind: FailureKind { .badInput }
    public var description: String {
        problems.count == 1 ? "\(problems[0].field) '\(problems[0].value)': \(problems[0].reason)"
            : "the meter has \(problems.count) problems"
    }
    public var details: [String] {
        problems.count == 1 ? [] : problems.map { "  \($0.field) '\($0.value)': \($0.reason)" }
    }
}
