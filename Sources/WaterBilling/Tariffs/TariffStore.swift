import WBillSupport

/// A tariff as listed: its versions counted, the one in effect on a day, who uses it.
public struct TariffSummary: Sendable, Equatable {
    /// The name.
    public let name: String
    /// The kind.
    public let kind: TariffKind
    /// The currency code.
    public let currency: String
    /// How many versions it has.
    public let versions: Int
    /// The version in effect on the day asked about, if any.
    public let current: Int?
    /// That version's effective date.
    public let currentFrom: CivilDate?
    /// How many customer types use it.
    public let customerTypes: Int
}

/// The tariffs in the database: add, add a version, look up, list, delete. Runs in the caller's
/// transaction and records each change in the audit trail it is given. A tariff must be in the
/// utility's currency (`UtilitySettings.currency`) to be stored or to price anything.
public struct TariffStore {
    let database: Database

    /// The tariffs of `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Adds a new tariff with its first version.
    ///
    /// - Parameters:
    ///   - file: The validated file.
    ///   - effectiveFrom: The first day the version prices (`TariffVersion.beginning` for any day).
    ///   - audit: Who and when, for the tariff's rows and the audit entry.
    /// - Throws: `TariffStoreError.duplicateName`, `PricingError.currencyMismatch`, part errors, `SQLiteError`.
    @discardableResult
    public func add(_ file: TariffFile, effectiveFrom: CivilDate, audit: AuditTrail) throws -> Tariff {
        let definition = file.definition
        try checkCurrency(name: definition.name, currency: definition.currency)
        let time = audit.context.time, operatorName = audit.context.operatorName
        if let existing = try database.scalarText("SELECT name FROM tariffs WHERE name = ?", [definition.name]) {
            throw TariffStoreError.duplicateName(existing)
        }
        return try database.writeTransaction {  // a savepoint inside the caller's transaction: all or nothing
            try database.run("""
                INSERT INTO tariffs (name, kind, currency, minor_unit, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
                """, [definition.name, definition.kind.rawValue, definition.currency.code, Int64(definition.currency.minorUnit),
                      time.description, operatorName])
            let id = database.lastInsertRowID
            try insertVersion(1, of: id, file: file, effectiveFrom: effectiveFrom, time: time, operatorName: operatorName)
            let tariff = try tariff(named: definition.name)
            try audit.record(entity: "tariff", id: tariff.name, action: "create", changes: [
                AuditChange("kind", old: nil, new: tariff.kind.rawValue),
                AuditChange("currency", old: nil, new: tariff.currency.code),
                AuditChange("version", old: nil, new: "1"),
                AuditChange("effective_from", old: nil, new: effectiveFrom.description),
                AuditChange("file", old: nil, new: file.path),
            ])
            return tariff
        }
    }

    /// Adds a version of an existing tariff, in effect from `effectiveFrom`.
    ///
    /// - Throws: `TariffStoreError.unknownTariff`, `.nameMismatch`, `.kindChanged`,
    ///   `.effectiveNotAfterLatest`, `PricingError.currencyMismatch`, part errors.
    @discardableResult
    public func addVersion(to name: String, _ file: TariffFile, effectiveFrom: CivilDate,
                           audit: AuditTrail) throws -> TariffVersion {
        let existing = try tariff(named: name)
        let definition = file.definition
        guard definition.name.lowercased() == existing.name.lowercased() else {
            throw TariffStoreError.nameMismatch(expected: existing.name, found: definition.name)
        }
        guard definition.kind == existing.kind else {
            throw TariffStoreError.kindChanged(name: existing.name, from: existing.kind, to: definition.kind)
        }
        try checkCurrency(name: definition.name, currency: definition.currency)
        let latest = existing.versions.last!
        guard effectiveFrom > latest.effectiveFrom else {
            throw TariffStoreError.effectiveNotAfterLatest(name: existing.name, effective: effectiveFrom, latest: latest.effectiveFrom)
        }
        return try database.writeTransaction {
            let number = latest.number + 1
            try insertVersion(number, of: existing.id, file: file, effectiveFrom: effectiveFrom, time: audit.context.time,
                              operatorName: audit.context.operatorName)
            try audit.record(entity: "tariff", id: existing.name, action: "update", changes: [
                AuditChange("version", old: String(latest.number), new: String(number)),
                AuditChange("effective_from", old: nil, new: effectiveFrom.description),
                AuditChange("file", old: nil, new: file.path),
            ])
            return try tariff(named: existing.name).versions.last!
        }
    }

    /// The tariff named `name` (any case) with every version read back from its stored file.
    ///
    /// - Throws: `TariffStoreError.unknownTariff` with the nearest name as a suggestion.
    public func tariff(named name: String) throws -> Tariff {
        guard let row = try database.first("SELECT id, name, kind, currency, minor_unit FROM tariffs WHERE name = ?", [name], {
            ($0.int64(0), $0.text(1), try $0.stored(2, as: TariffKind.self), $0.text(3), $0.int(4))
        }) else {
            let names = try database.query("SELECT name FROM tariffs ORDER BY name") { $0.text(0) }
            throw TariffStoreError.unknownTariff(name: name, suggestion: closestMatch(to: name, among: names))
        }
        let versions = try database.query("""
            SELECT version, effective_from, source FROM tariff_versions WHERE tariff_id = ? ORDER BY effective_from
            """, [row.0]) { ($0.int(0), $0.text(1), $0.text(2)) }
        return Tariff(
            id: row.0, name: row.1, kind: row.2,
            currency: try Currency(code: row.3, minorUnit: row.4),
            versions: try versions.map { number, from, source in
                do {
                    let definition = try TariffFileLoader.parse(source, file: "\(row.1) version \(number)")
                    return TariffVersion(number: number, effectiveFrom: try CivilDate(parsing: from), definition: definition)
                } catch let error as ClassifiedError {
                    throw TariffStoreError.corruptVersion(name: row.1, version: number, problem: error.description)
                }
            })
    }

    /// The stored file text of one version.
    public func source(of tariff: Tariff, version: Int) throws -> String {
        try database.scalarText("SELECT source FROM tariff_versions WHERE tariff_id = ? AND version = ?",
                                [tariff.id, Int64(version)]) ?? ""
    }

    /// When and by whom a version was added.
    public func provenance(of tariff: Tariff, version: Int) throws -> (at: String, by: String) {
        try database.first("SELECT created_at, created_by FROM tariff_versions WHERE tariff_id = ? AND version = ?",
                           [tariff.id, Int64(version)]) { ($0.text(0), $0.text(1)) } ?? ("", "")
    }

    /// Every tariff by name, with the version in effect on `date`.
    public func list(on date: CivilDate) throws -> [TariffSummary] {
        try database.query("""
            SELECT t.name, t.kind, t.currency,
                   (SELECT count(*) FROM tariff_versions v WHERE v.tariff_id = t.id),
                   (SELECT v.version FROM tariff_versions v WHERE v.tariff_id = t.id AND v.effective_from <= ?
                     ORDER BY v.effective_from DESC LIMIT 1),
                   (SELECT v.effective_from FROM tariff_versions v WHERE v.tariff_id = t.id AND v.effective_from <= ?
                     ORDER BY v.effective_from DESC LIMIT 1),
                   (SELECT count(*) FROM customer_types c WHERE c.tariff_id = t.id)
            FROM tariffs t ORDER BY t.name
            """, [date.description, date.description]) { row in
            TariffSummary(name: row.text(0), kind: try row.stored(1, as: TariffKind.self), currency: row.text(2),
                          versions: row.int(3), current: row.optionalInt64(4).map(Int.init),
                          currentFrom: row.optionalText(5).flatMap { try? CivilDate(parsing: $0) },
                          customerTypes: row.int(6))
        }
    }

    /// Deletes a tariff and all its versions.
    ///
    /// - Throws: `TariffStoreError.inUse` while customer types use it, `.referencedBy` while a
    ///   proportional tariff splits into it, `.unknownTariff`.
    @discardableResult
    public func delete(named name: String, audit: AuditTrail) throws -> Tariff {
        let existing = try tariff(named: name)
        let types = try database.query("SELECT name FROM customer_types WHERE tariff_id = ? ORDER BY name", [existing.id]) { $0.text(0) }
        guard types.isEmpty else { throw TariffStoreError.inUse(name: existing.name, customerTypes: types) }
        let owners = try database.query("""
            SELECT DISTINCT t.name FROM tariff_version_parts p JOIN tariffs t ON t.id = p.tariff_id
            WHERE p.part_tariff_id = ? ORDER BY t.name
            """, [existing.id]) { $0.text(0) }
        guard owners.isEmpty else { throw TariffStoreError.referencedBy(name: existing.name, tariffs: owners) }
        try database.run("DELETE FROM tariffs WHERE id = ?", [existing.id])
        try audit.record(entity: "tariff", id: existing.name, action: "delete", changes: [
            AuditChange("kind", old: existing.kind.rawValue, new: nil),
            AuditChange("versions", old: String(existing.versions.count), new: nil),
        ])
        return existing
    }

    private func insertVersion(_ number: Int, of id: Int64, file: TariffFile, effectiveFrom: CivilDate, time: Timestamp,
                               operatorName: String) throws {
        try database.run("""
            INSERT INTO tariff_versions (tariff_id, version, effective_from, source, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [id, Int64(number), effectiveFrom.description, file.source, time.description, operatorName])
        guard case .proportional(let shares) = file.definition.body else { return }
        for (position, share) in shares.enumerated() {
            let part = try tariff(named: share.tariff)
            if part.versions.contains(where: { if case .proportional = $0.definition.body { return true } else { return false } }) {
                throw PricingError.nestedProportional(tariff: file.definition.name, part: part.name)
            }
            guard part.kind == file.definition.kind else {
                throw TariffStoreError.partKindMismatch(tariff: file.definition.name, kind: file.definition.kind,
                                                        part: part.name, partKind: part.kind)
            }
            try database.run("""
                INSERT INTO tariff_version_parts (tariff_id, version, position, part_tariff_id, percent) VALUES (?, ?, ?, ?, ?)
                """, [id, Int64(number), Int64(position + 1), part.id, share.percent.description])
        }
    }

    /// The tariff named `name`, refused when it is not in the utility's currency: it could not
    /// price this utility's consumption (quotes, bills and prepaid deductions all start here).
    ///
    /// - Throws: `TariffStoreError.unknownTariff`, `PricingError.currencyMismatch`.
    public func pricingTariff(named name: String) throws -> Tariff {
        let tariff = try tariff(named: name)
        try checkCurrency(name: tariff.name, currency: tariff.currency)
        return tariff
    }

    /// The one currency rule: a tariff is in the utility's currency.
    private func checkCurrency(name: String, currency: Currency) throws {
        let utility = try UtilitySettings(database: database).currency()
        guard currency == utility else {
            throw PricingError.currencyMismatch(tariff: name, tariffCurrency: currency, utility: utility)
        }
    }
}
