import WBillSupport

/// A reading route or book of meters, optionally with a master (district) meter.
public struct MeterGroup: Sendable, Equatable {
    public let id: Int64
    public let name: String
    /// The staff member who reads it.
    public let reader: String?
    /// The master meter's serial: its consumption minus its members' is non-revenue water.
    public let masterSerial: String?
    public let memberCount: Int
}

/// Meter groups in the database.
public struct MeterGroupStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// All groups with their member counts, by name.
    public func all() throws -> [MeterGroup] {
        try database.query("""
            SELECT g.id, g.name, g.reader, mm.serial, (SELECT count(*) FROM meters m WHERE m.group_id = g.id)
            FROM meter_groups g LEFT JOIN meters mm ON mm.id = g.master_meter_id ORDER BY g.name COLLATE NOCASE
            """) { row in
            MeterGroup(id: row.int64(0), name: row.text(1), reader: row.optionalText(2), masterSerial: row.optionalText(3),
                       memberCount: row.int(4))
        }
    }

    /// The group named `name` (case-insensitive).
    /// - Throws: `CatalogueError.notFound` with the nearest name.
    public func named(_ name: String) throws -> MeterGroup {
        let groups = try all()
        if let group = groups.first(where: { $0.name.lowercased() == name.trimmed.lowercased() }) { return group }
        throw CatalogueError.notFound(entity: "meter group", name: name, suggestion: closestMatch(to: name, among: groups.map(\.name)))
    }

    /// Adds a group.
    @discardableResult
    public func add(name: String, reader: String?, masterSerial: String?, audit: AuditTrail) throws -> MeterGroup {
        let groupName = try validName(name, entity: "meter group")
        if try database.scalarInt("SELECT id FROM meter_groups WHERE name = ?", [groupName]) != nil {
            throw CatalogueError.alreadyExists(entity: "meter group", name: groupName)
        }
        let master = try masterSerial.map { try MeterStore(database: database).find($0) }
        try database.run("INSERT INTO meter_groups (name, reader, master_meter_id, created_at) VALUES (?, ?, ?, ?)",
                         [groupName, reader?.trimmed, master?.id, audit.context.time.description])
        try audit.record(entity: "meter-group", id: groupName, action: "create", changes: [
            AuditChange("name", old: nil, new: groupName), AuditChange("reader", old: nil, new: reader?.trimmed),
            AuditChange("master", old: nil, new: master?.serial),
        ])
        return try named(groupName)
    }

    /// The group's members, by serial.
    public func members(of group: MeterGroup) throws -> [Meter] {
        try database.query(MeterStore.selectColumns + " WHERE m.group_id = ? ORDER BY m.serial", [group.id], MeterStore.meter)
    }

    /// Puts meters into the group (moving them out of any other group).
    /// - Returns: how many meters changed group.
    /// - Throws: `CatalogueError.notFound` for the first unknown serial (nothing is changed).
    @discardableResult
    public func assign(_ serials: [String], to groupName: String, audit: AuditTrail) throws -> Int {
        let group = try named(groupName)
        let store = MeterStore(database: database)
        return try move(try serials.map { try store.find($0) }, to: group, audit: audit)
    }

    /// Takes meters out of the group.
    /// - Throws: `CatalogueError` for an unknown serial or a meter not in the group.
    @discardableResult
    public func unassign(_ serials: [String], from groupName: String, audit: AuditTrail) throws -> Int {
        let group = try named(groupName)
        let store = MeterStore(database: database)
        let meters = try serials.map { try store.find($0) }
        for meter in meters where meter.group?.lowercased() != group.name.lowercased() {
            throw CatalogueError.meterNotInGroup(serial: meter.serial, group: group.name)
        }
        return try move(meters, to: nil, from: group, audit: audit)
    }

    /// Moves each meter to `group` (nil: no group), recording the change; meters already there are left.
    @discardableResult
    private func move(_ meters: [Meter], to group: MeterGroup?, from source: MeterGroup? = nil, audit: AuditTrail) throws -> Int {
        let writer = MeterWriter(database: database, context: audit.context)
        var moved = 0
        var seen: Set<Int64> = []
        for meter in meters where seen.insert(meter.id).inserted {
            guard meter.group?.lowercased() != group?.name.lowercased() else { continue }
            try writer.setGroup(of: meter.id, to: group?.id)
            try writer.recordEvent(group == nil ? "left group" : "joined group", of: meter, movingTo: nil,
                                   detail: group?.name ?? source?.name ?? "")
            try audit.record(entity: "meter", id: meter.serial, action: "group",
                             changes: [AuditChange("group", old: meter.group, new: group?.name)])
            moved += 1
        }
        return moved
    }

    /// Deletes a group; its meters leave it. Refused while it has members unless `force`.
    public func delete(_ name: String, force: Bool, audit: AuditTrail) throws {
        let group = try named(name)
        if group.memberCount > 0 && !force {
            throw CatalogueError.meterGroupNotEmpty(name: group.name, meters: group.memberCount)
        }
        if group.memberCount > 0 {
            try move(try members(of: group), to: nil, from: group, audit: audit)
        }
        try database.run("DELETE FROM meter_groups WHERE id = ?", [group.id])
        try audit.record(entity: "meter-group", id: group.name, action: "delete",
                         changes: [AuditChange("name", old: group.name, new: nil)])
    }
}
