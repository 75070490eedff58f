import WBillSupport

/// Validates meter drafts against the catalogue, fast enough for a million-row import:
/// meter types and groups are loaded once into dictionaries. An import checks each row's bytes
/// first (`validatedRow`, in MeterValidator+Bytes.swift) and makes strings only for the rows
/// that check cannot pass on its own.
public struct MeterValidator {
    // A struct with caches: `validate` is mutating so each import keeps its own.
    private let typesByName: [String: MeterType]
    private let groupsByName: [String: Int64]
    private let typeNames: [String]
    private let groupNames: [String]
    /// The utility's volume unit, which messages about readings name.
    private let volumeUnit: VolumeUnit
    /// Names exactly as written in files, resolved once: a file repeats the same few names.
    private var typesAsWritten: [String: MeterType] = [:]
    private var groupsAsWritten: [String: Int64] = [:]
    /// Every meter type, for `validatedRow`, which remembers names by their exact bytes: types as
    /// an index into `types`, groups by id.
    let types: [MeterType]
    var typesByBytes = BytesKeyedCache()
    var groupsByBytes = BytesKeyedCache()

    /// Loads the catalogue from `database`.
    public init(database: Database) throws {
        let types = try MeterTypeStore(database: database).all()
        self.types = types
        typesByName = Dictionary(types.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        typeNames = types.map(\.name)
        let groups = try database.query("SELECT id, name FROM meter_groups") { ($0.int64(0), $0.text(1)) }
        groupsByName = Dictionary(groups.map { ($0.1.lowercased(), $0.0) }, uniquingKeysWith: { first, _ in first })
        groupNames = groups.map(\.1)
        volumeUnit = try UtilitySettings(database: database).volumeUnit()
    }

    /// Checks every field of `draft`; returns the valid meter or every problem found.
    public mutating func validate(_ draft: MeterDraft) -> MeterCheck {
        var problems: [MeterFieldProblem] = []
        var serial = ""
        switch MeterSerial.normalise(draft.serial) {
        case .success(let value): serial = value
        case .failure(let problem): problems.append(problem)
        }
        let type = meterType(named: draft.typeName)
        if type == nil {
            let near = closestMatch(to: draft.typeName.trimmed, among: typeNames)
            let reason = draft.typeName.trimmed.isEmpty ? "a meter type is required"
                : "no such meter type" + (near.map { "; did you mean '\($0)'?" } ?? "")
            problems.append(MeterFieldProblem(field: "type", value: draft.typeName, reason: reason))
        }
        var caliber = 0
        let caliberText = draft.caliber.trimmed
        if caliberText.isEmpty {
            if let type {
                if type.calibers.count == 1 {
                    caliber = type.calibers[0]
                } else {
                    problems.append(MeterFieldProblem(field: "caliber", value: draft.caliber,
                        reason: "required: meter type '\(type.name)' comes in \(type.calibers.map(String.init).joined(separator: ", ")) mm"))
                }
            }
        } else if let value = Int(caliberText.hasPrefix("DN") || caliberText.hasPrefix("dn") ? String(caliberText.dropFirst(2)) : caliberText) {
            caliber = value
            if let type, !type.calibers.contains(value) {
                problems.append(MeterFieldProblem(field: "caliber", value: draft.caliber,
                    reason: "meter type '\(type.name)' comes in \(type.calibers.map(String.init).joined(separator: ", ")) mm"))
            }
        } else {
            problems.append(MeterFieldProblem(field: "caliber", value: draft.caliber, reason: "a caliber in mm such as 20 or DN20"))
        }
        var reading = Volume.zero
        let readingText = draft.initialReading.trimmed
        if !readingText.isEmpty {
            do {
                reading = try Volume(parsing: readingText)
                if reading.isNegative {
                    problems.append(MeterFieldProblem(field: "initial_reading", value: draft.initialReading, reason: "a reading cannot be negative"))
                } else if let type, reading.litres > type.registerCapacityLitres {
                    problems.append(MeterFieldProblem(field: "initial_reading", value: draft.initialReading,
                        reason: "more than a \(type.registerDigits)-digit register shows"))
                }
            } catch {
                problems.append(MeterFieldProblem(field: "initial_reading", value: draft.initialReading,
                                                  reason: "a reading in \(volumeUnit.symbol) with at most 3 decimals, such as 12.5"))
            }
        }
        // Free text may span lines (a quoted CSV field); CRLF and lone CR line ends are stored as LF.
        let manufacturer = TextChecks.normalisingLineEnds(draft.manufacturer)
        let model = TextChecks.normalisingLineEnds(draft.model)
        let location = TextChecks.normalisingLineEnds(draft.location)
        for (field, value, given) in [("manufacturer", manufacturer, draft.manufacturer), ("model", model, draft.model),
                                      ("location", location, draft.location)] {
            if value.utf8.count > DomainLimits.freeTextLength && value.count > DomainLimits.freeTextLength || TextChecks.hasControlCharacters(value, allowingNewline: true) {
                problems.append(MeterFieldProblem(field: field, value: given, reason: "at most \(DomainLimits.freeTextLength) printable characters"))
            }
        }
        var groupID: Int64?
        let groupName = draft.group.trimmed
        if !groupName.isEmpty {
            groupID = group(named: draft.group)
            if groupID == nil {
                let near = closestMatch(to: groupName, among: groupNames)
                problems.append(MeterFieldProblem(field: "group", value: draft.group,
                    reason: "no such meter group" + (near.map { "; did you mean '\($0)'?" } ?? ""),
                    cause: .unknownMeterGroup(suggestion: near)))
            }
        }
        guard problems.isEmpty, let type else { return .invalid(problems) }
        return .valid(ValidMeter(serial: serial, typeID: type.id, caliber: caliber, manufacturer: manufacturer.trimmed,
                                   model: model.trimmed, initialReading: reading, location: location.trimmed,
                                   groupID: groupID))
    }

    /// The meter type a draft names (spaces around the name and letter case aside), remembered by
    /// the text as written.
    mutating func meterType(named written: String) -> MeterType? {
        if let type = typesAsWritten[written] { return type }
        guard let found = typesByName[written.trimmed.lowercased()] else { return nil }
        typesAsWritten[written] = found
        return found
    }

    /// The id of the meter group a draft names (spaces around the name and letter case aside),
    /// remembered by the text as written; nil for no such group. The caller treats a blank name
    /// as no group first.
    mutating func group(named written: String) -> Int64? {
        guard let id = groupsAsWritten[written] ?? groupsByName[written.trimmed.lowercased()] else { return nil }
        groupsAsWritten[written] = id
        return id
    }
}
