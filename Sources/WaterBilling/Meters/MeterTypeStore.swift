import WBillSupport

/// Meter types in the database: add, find, list, edit, delete, with the catalogue's rules.
public struct MeterTypeStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// All meter types, by name.
    public func all() throws -> [MeterType] {
        let calibers = try database.query("SELECT meter_type_id, caliber FROM meter_type_calibers ORDER BY caliber") {
            ($0.int64(0), $0.int(1))
        }
        let byType = Dictionary(grouping: calibers, by: \.0).mapValues { $0.map(\.1) }
        return try database.query("""
            SELECT id, name, kind, payment_model, has_valve, reading_method, register_digits
            FROM meter_types ORDER BY name COLLATE NOCASE
            """) { row in
            MeterType(id: row.int64(0), name: row.text(1), kind: try row.stored(2, as: MeterKind.self),
                      paymentModel: try row.stored(3, as: PaymentModel.self),
                      calibers: byType[row.int64(0)] ?? [], hasValve: row.bool(4),
                      readingMethod: try row.stored(5, as: ReadingMethod.self), registerDigits: row.int(6))
        }
    }

    /// The meter type named `name` (case-insensitive).
    /// - Throws: `CatalogueError.notFound` with the nearest name.
    public func named(_ name: String) throws -> MeterType {
        let types = try all()
        if let found = types.first(where: { $0.name.lowercased() == name.trimmed.lowercased() }) { return found }
        throw CatalogueError.notFound(entity: "meter type", name: name, suggestion: closestMatch(to: name, among: types.map(\.name)))
    }

    /// Adds a meter type.
    /// - Throws: `CatalogueError` for a taken name or invalid fields.
    @discardableResult
    public func add(_ draft: MeterTypeDraft, audit: AuditTrail) throws -> MeterType {
        let name = try validName(draft.name, entity: "meter type")
        let calibers = try validCalibers(draft.calibers)
        try validDigits(draft.registerDigits)
        if try database.scalarInt("SELECT id FROM meter_types WHERE name = ?", [name]) != nil {
            throw CatalogueError.alreadyExists(entity: "meter type", name: name)
        }
        let reading = draft.readingMethod ?? draft.kind.usualReadingMethod
        try database.run("""
            INSERT INTO meter_types (name, kind, payment_model, has_valve, reading_method, register_digits, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [name, draft.kind.rawValue, draft.paymentModel.rawValue, draft.hasValve, reading.rawValue,
                  draft.registerDigits, audit.context.time.description])
        let id = database.lastInsertRowID
        try insertCalibers(calibers, for: id)
        let type = MeterType(id: id, name: name, kind: draft.kind, paymentModel: draft.paymentModel, calibers: calibers,
                             hasValve: draft.hasValve, readingMethod: reading, registerDigits: draft.registerDigits)
        try audit.record(entity: "meter-type", id: name, action: "create", changes: fields(of: type).map {
            AuditChange($0.0, old: nil, new: $0.1)
        })
        return type
    }

    /// Edits a meter type. Once meters of the type exist, only the name can change and calibers
    /// can only be added; a payment model used by customer types cannot change (rule 2).
    /// - Throws: `CatalogueError`.
    @discardableResult
    public func edit(_ name: String, _ changes: MeterTypeChanges, audit: AuditTrail) throws -> MeterType {
        let before = try named(name)
        var after = before
        if let newName = changes.name { after.name = try validName(newName, entity: "meter type") }
        after.kind = changes.kind ?? before.kind
        after.paymentModel = changes.paymentModel ?? before.paymentModel
        after.hasValve = changes.hasValve ?? before.hasValve
        after.readingMethod = changes.readingMethod ?? before.readingMethod
        after.registerDigits = changes.registerDigits ?? before.registerDigits
        if let calibers = changes.calibers { after.calibers = try validCalibers(calibers) }
        try validDigits(after.registerDigits)

        let meterCount = try self.meterCount(before.id)
        if meterCount > 0 {
            var locked: [String] = []
            if after.kind != before.kind { locked.append("kind") }
            if after.paymentModel != before.paymentModel { locked.append("payment model") }
            if after.hasValve != before.hasValve { locked.append("valve") }
            if after.readingMethod != before.readingMethod { locked.append("reading method") }
            if after.registerDigits != before.registerDigits { locked.append("register digits") }
            let dropped = Set(before.calibers).subtracting(after.calibers)
            if !dropped.isEmpty { locked.append("calibers (only new ones can be added)") }
            if !locked.isEmpty {
                throw CatalogueError.meterTypeLocked(name: before.name, meters: meterCount, fields: locked)
            }
        }
        if after.paymentModel != before.paymentModel {
            let users = try customerTypeNames(using: before.id)
            if !users.isEmpty {
                throw CatalogueError.paymentModelInUse(meterType: before.name, paymentModel: before.paymentModel, customerTypes: users)
            }
        }
        if after.name.lowercased() != before.name.lowercased(),
           try database.scalarInt("SELECT id FROM meter_types WHERE name = ?", [after.name]) != nil {
            throw CatalogueError.alreadyExists(entity: "meter type", name: after.name)
        }
        let changed = zip(fields(of: before), fields(of: after)).filter { $0.0.1 != $0.1.1 }
        guard !changed.isEmpty else { return before }
        try database.run("""
            UPDATE meter_types SET name = ?, kind = ?, payment_model = ?, has_valve = ?, reading_method = ?, register_digits = ?
            WHERE id = ?
            """, [after.name, after.kind.rawValue, after.paymentModel.rawValue, after.hasValve, after.readingMethod.rawValue,
                  after.registerDigits, before.id])
        try database.run("DELETE FROM meter_type_calibers WHERE meter_type_id = ?", [before.id])
        try insertCalibers(after.calibers, for: before.id)
        try audit.record(entity: "meter-type", id: after.name, action: "update",
                         changes: changed.map { AuditChange($0.0.0, old: $0.0.1, new: $0.1.1) })
        return after
    }

    /// Deletes a meter type that no meter and no customer type uses.
    /// - Throws: `CatalogueError.inUse` naming the users.
    public func delete(_ name: String, audit: AuditTrail) throws {
        let type = try named(name)
        let meterCount = try self.meterCount(type.id)
        if meterCount > 0 {
            throw CatalogueError.inUse(entity: "meter type", name: type.name, usedBy: counted(meterCount, "meter"))
        }
        let users = try customerTypeNames(using: type.id)
        if !users.isEmpty {
            throw CatalogueError.inUse(entity: "meter type", name: type.name,
                                     usedBy: "customer type(s) " + users.map { "'\($0)'" }.joined(separator: ", "))
        }
        try database.run("DELETE FROM meter_types WHERE id = ?", [type.id])
        try audit.record(entity: "meter-type", id: type.name, action: "delete", changes: fields(of: type).map {
            AuditChange($0.0, old: $0.1, new: nil)
        })
    }

    /// How many meters are of the type.
    public func meterCount(_ typeID: Int64) throws -> Int {
        Int(try database.scalarInt("SELECT count(*) FROM meters WHERE meter_type_id = ?", [typeID]) ?? 0)
    }

    private func customerTypeNames(using typeID: Int64) throws -> [String] {
        try database.query("""
            SELECT c.name FROM customer_types c JOIN customer_type_meter_types m ON m.customer_type_id = c.id
            WHERE m.meter_type_id = ? ORDER BY c.name
            """, [typeID]) { $0.text(0) }
    }

    private func insertCalibers(_ calibers: [Int], for id: Int64) throws {
        let insert = try database.prepare("INSERT INTO meter_type_calibers (meter_type_id, caliber) VALUES (?, ?)")
        for caliber in calibers { try insert.execute([id, caliber]) }
    }

    private func validCalibers(_ calibers: [Int]) throws -> [Int] {
        guard !calibers.isEmpty else {
            throw CatalogueError.invalid(field: "caliber", value: "", expected: "at least one caliber in mm (e.g. 15, 20)")
        }
        for caliber in calibers where !DomainLimits.caliber.contains(caliber) {
            throw CatalogueError.invalid(field: "caliber", value: String(caliber), expected: "a nominal diameter in mm from \(DomainLimits.spelled(DomainLimits.caliber))")
        }
        return Array(Set(calibers)).sorted()
    }

    /// The register counts whole units of the utility's volume unit.
    private func validDigits(_ digits: Int) throws {
        guard DomainLimits.registerDigits.contains(digits) else {
            let unit = try UtilitySettings(database: database).volumeUnit()
            throw CatalogueError.invalid(field: "register digits", value: String(digits),
                                         expected: "\(DomainLimits.spelled(DomainLimits.registerDigits)) whole-\(unit.symbol) digits")
        }
    }

    /// The type's fields as (key, text) pairs, for records and the audit trail.
    public func fields(of type: MeterType) -> [(String, String)] {
        [("name", type.name), ("kind", type.kind.rawValue), ("payment_model", type.paymentModel.rawValue),
         ("calibers", type.calibers.map(String.init).joined(separator: ",")), ("valve", type.hasValve ? "yes" : "no"),
         ("reading_method", type.readingMethod.rawValue), ("register_digits", String(type.registerDigits))]
    }
}

/// A catalogue name: trimmed, not empty, at most 100 characters, no control characters.
func validName(_ name: String, entity: String) throws -> String {
    let trimmed = name.trimmed
    guard !trimmed.isEmpty, trimmed.count <= DomainLimits.nameLength, !TextChecks.hasControlCharacters(trimmed) else {
        throw CatalogueError.invalid(field: "\(entity) name", value: name, expected: "1 to \(DomainLimits.nameLength) printable characters")
    }
    return trimmed
}
