import WBillSupport

/// Customer types in the database, with DOMAIN.md rules 1–5 enforced on every change.
public struct CustomerTypeStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// All customer types, by name.
    public func all() throws -> [CustomerType] {
        try load(where: nil)
    }

    /// The customer type with row id `id` (an account's type): three look-ups by key, whatever the
    /// size of the catalogue.
    /// - Throws: `CatalogueError.notFound` when no type has that id.
    public func withID(_ id: Int64) throws -> CustomerType {
        guard let type = try load(where: id).first else {
            throw CatalogueError.notFound(entity: "customer type", name: "#\(id)", suggestion: nil)
        }
        return type
    }

    /// The types (all, or the one with row id `id`) with their meter types and channels.
    private func load(where id: Int64?) throws -> [CustomerType] {
        let filter = id == nil ? "" : "WHERE l.customer_type_id = ?1"
        let arguments: [SQLBindable] = id.map { [$0] } ?? []
        let meterTypes = try database.query("""
            SELECT l.customer_type_id, t.name FROM customer_type_meter_types l JOIN meter_types t ON t.id = l.meter_type_id
            \(filter) ORDER BY t.name COLLATE NOCASE
            """, arguments) { ($0.int64(0), $0.text(1)) }
        let channels = try database.query(
            "SELECT customer_type_id, channel FROM customer_type_channels l \(filter)", arguments
        ) { ($0.int64(0), $0.text(1)) }
        let typesByID = Dictionary(grouping: meterTypes, by: \.0).mapValues { $0.map(\.1) }
        let channelsByID = Dictionary(grouping: channels, by: \.0).mapValues { pairs in
            PaymentChannel.allCases.filter { channel in pairs.contains { $0.1 == channel.rawValue } }
        }
        return try database.query("""
            SELECT c.id, c.name, c.water_nature, c.business_mode, c.count_consumption, c.charge, t.name
            FROM customer_types c LEFT JOIN tariffs t ON t.id = c.tariff_id
            \(id == nil ? "" : "WHERE c.id = ?1") ORDER BY c.name COLLATE NOCASE
            """, arguments) { row in
            CustomerType(id: row.int64(0), name: row.text(1), waterNature: try row.stored(2, as: WaterNature.self),
                         businessMode: try row.stored(3, as: BusinessMode.self),
                         meterTypes: typesByID[row.int64(0)] ?? [], countsConsumption: row.bool(4), charges: row.bool(5),
                         tariff: row.optionalText(6), channels: channelsByID[row.int64(0)] ?? [])
        }
    }

    /// The customer type named `name` (case-insensitive).
    /// - Throws: `CatalogueError.notFound` with the nearest name.
    public func named(_ name: String) throws -> CustomerType {
        let types = try all()
        if let found = types.first(where: { $0.name.lowercased() == name.trimmed.lowercased() }) { return found }
        throw CatalogueError.notFound(entity: "customer type", name: name, suggestion: closestMatch(to: name, among: types.map(\.name)))
    }

    /// How many accounts use the type (rule 5 locks it from the first).
    public func accountCount(_ typeID: Int64) throws -> Int {
        Int(try database.scalarInt("SELECT count(*) FROM accounts WHERE customer_type_id = ?", [typeID]) ?? 0)
    }

    /// Adds a customer type after checking rules 1, 2 and 4.
    /// - Throws: `CatalogueError` saying which pairing is wrong and what would be right.
    @discardableResult
    public func add(_ draft: CustomerTypeDraft, audit: AuditTrail) throws -> CustomerType {
        let resolved = try resolve(draft)
        if try database.scalarInt("SELECT id FROM customer_types WHERE name = ?", [resolved.name]) != nil {
            throw CatalogueError.alreadyExists(entity: "customer type", name: resolved.name)
        }
        try database.run("""
            INSERT INTO customer_types (name, water_nature, business_mode, count_consumption, charge, tariff_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [resolved.name, draft.waterNature.rawValue, draft.businessMode.rawValue, draft.countsConsumption,
                  draft.charges, resolved.tariffID, audit.context.time.description])
        let id = database.lastInsertRowID
        try insertLinks(id: id, resolved: resolved, channels: draft.channels)
        let type = try named(resolved.name)
        try audit.record(entity: "customer-type", id: type.name, action: "create",
                         changes: fields(of: type).map { AuditChange($0.0, old: nil, new: $0.1) })
        return type
    }

    /// Applies `changes` to a customer type, refused once any account uses it (rule 5).
    /// - Throws: `CatalogueError`.
    @discardableResult
    public func edit(_ name: String, _ changes: CustomerTypeChanges, audit: AuditTrail) throws -> CustomerType {
        let before = try named(name)
        try refuseIfUsed(before, deleting: false)
        let draft = changes.applied(to: before)
        let resolved = try resolve(draft)
        if resolved.name.lowercased() != before.name.lowercased(),
           try database.scalarInt("SELECT id FROM customer_types WHERE name = ?", [resolved.name]) != nil {
            throw CatalogueError.alreadyExists(entity: "customer type", name: resolved.name)
        }
        try database.run("""
            UPDATE customer_types SET name = ?, water_nature = ?, business_mode = ?, count_consumption = ?, charge = ?, tariff_id = ?
            WHERE id = ?
            """, [resolved.name, draft.waterNature.rawValue, draft.businessMode.rawValue, draft.countsConsumption,
                  draft.charges, resolved.tariffID, before.id])
        try database.run("DELETE FROM customer_type_meter_types WHERE customer_type_id = ?", [before.id])
        try database.run("DELETE FROM customer_type_channels WHERE customer_type_id = ?", [before.id])
        try insertLinks(id: before.id, resolved: resolved, channels: draft.channels)
        let after = try named(resolved.name)
        let changed = zip(fields(of: before), fields(of: after)).filter { $0.0.1 != $0.1.1 }
        if !changed.isEmpty {
            try audit.record(entity: "customer-type", id: after.name, action: "update",
                             changes: changed.map { AuditChange($0.0.0, old: $0.0.1, new: $0.1.1) })
        }
        return after
    }

    /// Deletes a customer type no account uses (rule 5).
    /// - Throws: `CatalogueError`.
    public func delete(_ name: String, audit: AuditTrail) throws {
        let type = try named(name)
        try refuseIfUsed(type, deleting: true)
        try database.run("DELETE FROM customer_types WHERE id = ?", [type.id])
        try audit.record(entity: "customer-type", id: type.name, action: "delete",
                         changes: fields(of: type).map { AuditChange($0.0, old: $0.1, new: nil) })
    }

    private func refuseIfUsed(_ type: CustomerType, deleting: Bool) throws {
        let accounts = try accountCount(type.id)
        if accounts > 0 {
            throw CatalogueError.customerTypeBound(name: type.name, accounts: accounts, deleting: deleting)
        }
    }

    private struct Resolved {
        let name: String
        let meterTypeIDs: [Int64]
        let tariffID: Int64?
    }

    /// Checks a draft against rules 1, 2 and 4 and looks up what it names.
    private func resolve(_ draft: CustomerTypeDraft) throws -> Resolved {
        let name = try validName(draft.name, entity: "customer type")
        let mode = draft.businessMode
        guard !draft.meterTypes.isEmpty else {
            throw CatalogueError.meterTypeRequired(mode: mode)
        }
        let meterTypes = MeterTypeStore(database: database)
        var ids: [Int64] = []
        for typeName in draft.meterTypes {
            let type = try meterTypes.named(typeName)
            guard type.paymentModel == mode.requiredPaymentModel else {
                throw CatalogueError.meterTypePaymentModel(meterType: type.name, paymentModel: type.paymentModel, mode: mode)
            }
            if !ids.contains(type.id) { ids.append(type.id) }
        }
        var tariffID: Int64?
        if draft.charges {
            guard let tariffName = draft.tariff else {
                throw CatalogueError.tariffRequired(mode: mode)
            }
            guard !draft.channels.isEmpty else {
                throw CatalogueError.channelRequired
            }
            let tariffs = try database.query("SELECT id, name, kind FROM tariffs ORDER BY name") { ($0.int64(0), $0.text(1), $0.text(2)) }
            guard let tariff = tariffs.first(where: { $0.1.lowercased() == tariffName.trimmed.lowercased() }) else {
                throw CatalogueError.notFound(entity: "tariff", name: tariffName,
                                              suggestion: closestMatch(to: tariffName, among: tariffs.map(\.1)))
            }
            guard tariff.2 == mode.requiredTariffKind else {
                throw CatalogueError.tariffKindMismatch(tariff: tariff.1, kind: tariff.2, mode: mode)
            }
            tariffID = tariff.0
        } else if draft.tariff != nil || !draft.channels.isEmpty {
            throw CatalogueError.freeTypeTakesNoTariffOrChannels
        }
        return Resolved(name: name, meterTypeIDs: ids, tariffID: tariffID)
    }

    private func insertLinks(id: Int64, resolved: Resolved, channels: [PaymentChannel]) throws {
        let meterLink = try database.prepare("INSERT INTO customer_type_meter_types (customer_type_id, meter_type_id) VALUES (?, ?)")
        for meterTypeID in resolved.meterTypeIDs { try meterLink.execute([id, meterTypeID]) }
        let channelLink = try database.prepare("INSERT OR IGNORE INTO customer_type_channels (customer_type_id, channel) VALUES (?, ?)")
        for channel in channels { try channelLink.execute([id, channel.rawValue]) }
    }

    /// The type's fields as (key, text) pairs, for records and the audit trail.
    public func fields(of type: CustomerType) -> [(String, String)] {
        [("name", type.name), ("water_nature", type.waterNature.rawValue), ("business_mode", type.businessMode.rawValue),
         ("meter_types", type.meterTypes.joined(separator: ", ")), ("count_consumption", type.countsConsumption ? "yes" : "no"),
         ("charge", type.charges ? "yes" : "no"), ("tariff", type.tariff ?? ""),
         ("channels", type.channels.map(\.rawValue).joined(separator: ", "))]
    }
}
