import WBillSupport

/// A tariff change or lookup that the stored tariffs refuse; nothing was changed.
public enum TariffStoreError: ClassifiedError, Equatable {
    /// No tariff has this name; `suggestion` is the nearest name, if one is close.
    case unknownTariff(name: String, suggestion: String?)
    /// A tariff with this name exists already.
    case duplicateName(String)
    /// `tariff edit NAME` was given a file for another tariff.
    case nameMismatch(expected: String, found: String)
    /// A new version may not change the kind (customer types depend on it).
    case kindChanged(name: String, from: TariffKind, to: TariffKind)
    /// A new version must start after the latest one.
    case effectiveNotAfterLatest(name: String, effective: CivilDate, latest: CivilDate)
    /// Customer types use the tariff.
    case inUse(name: String, customerTypes: [String])
    /// Proportional tariffs split volume into this tariff.
    case referencedBy(name: String, tariffs: [String])
    /// A proportional part with another kind than the proportional tariff.
    case partKindMismatch(tariff: String, kind: TariffKind, part: String, partKind: TariffKind)
    /// No version with this number.
    case unknownVersion(name: String, version: Int, latest: Int)
    /// No version prices this date.
    case noVersionOn(name: String, date: CivilDate, firstEffective: CivilDate)
    /// A stored version no longer reads (the database was changed by hand).
    case corruptVersion(name: String, version: Int, problem: String)

    public var failureKind: FailureKind {
        switch self {
        case .corruptVersion: return .badInput
        default: return .refused
        }
    }

    public var description: String {
        switch self {
        case let .unknownTariff(name, suggestion):
            return "no tariff named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case let .duplicateName(name):
            return "a tariff named '\(name)' exists already"
        case let .nameMismatch(expected, found):
            return "the file is for tariff '\(found)', not '\(expected)'"
        case let .kindChanged(name, from, to):
            return "tariff '\(name)' is \(from.rawValue); a new version cannot make it \(to.rawValue) (add a new tariff instead)"
        case let .effectiveNotAfterLatest(name, effective, latest):
            return "a new version of '\(name)' must start after its latest version (\(latest)), not on \(effective)"
        case let .inUse(name, types):
            return "tariff '\(name)' is used by customer type\(types.count == 1 ? "" : "s") "
                + types.map { "'\($0)'" }.joined(separator: ", ") + "; give them another tariff first"
        case let .referencedBy(name, tariffs):
            return "tariff '\(name)' is a part of proportional tariff\(tariffs.count == 1 ? "" : "s") "
                + tariffs.map { "'\($0)'" }.joined(separator: ", ") + "; remove it from their split first"
        case let .partKindMismatch(tariff, kind, part, partKind):
            return "tariff '\(tariff)' is \(kind.rawValue) but its part '\(part)' is \(partKind.rawValue)"
        case let .unknownVersion(name, version, latest):
            return "tariff '\(name)' has no version \(version) (its versions are 1 to \(latest))"
        case let .noVersionOn(name, date, first):
            return "tariff '\(name)' has no version in effect on \(date); its first version starts \(first)"
        case let .corruptVersion(name, version, problem):
            return "stored version \(version) of tariff '\(name)' cannot be read: \(problem)"
        }
    }
}

/// A tariff file that cannot be read or is wrong.
public enum TariffFileError: ClassifiedError, Equatable {
    /// The file cannot be opened or read (missing: exit 66).
    case unreadable(FileIOError)
    /// The file is not a valid tariff: `FILE:LINE:COL: key.path: message` (exit 65).
    case invalid(TOMLError)

    public var failureKind: FailureKind {
        switch self {
        case .unreadable: return .missingInput
        case .invalid: return .badInput
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let error): return "cannot \(error.operation) \(error.path): \(error.reason.lowercased())"
        case .invalid(let error): return error.description
        }
    }
}
