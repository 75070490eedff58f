import WBillSupport

/// One physical meter.
public struct Meter: Sendable, Equatable {
    public let id: Int64
    /// Normalised serial: surrounding spaces removed, upper case.
    public let serial: String
    public let typeName: String
    public let caliber: Int
    public let manufacturer: String
    public let model: String
    /// The register's reading when the meter entered the system.
    public let initialReading: Volume
    public let location: String
    public let state: MeterState
    /// The meter group (reading route) it belongs to, if any.
    public let group: String?
    public let createdAt: String
    public let createdBy: String
    /// The import run that brought it in, if any.
    public let importID: Int64?
}

/// The fields of a new meter as given (by a person or a CSV row), before validation.
public struct MeterDraft: Sendable, Equatable {
    public var serial: String
    public var typeName: String
    /// Empty means: the type's only caliber.
    public var caliber: String
    public var manufacturer: String
    public var model: String
    /// Empty means 0.
    public var initialReading: String
    public var location: String
    /// Empty means no group.
    public var group: String

    /// Creates a draft.
    public init(serial: String, typeName: String, caliber: String = "", manufacturer: String = "", model: String = "",
                initialReading: String = "", location: String = "", group: String = "") {
        self.serial = serial
        self.typeName = typeName
        self.caliber = caliber
        self.manufacturer = manufacturer
        self.model = model
        self.initialReading = initialReading
        self.location = location
        self.group = group
    }
}

/// A meter draft that passed validation, with what it names resolved to ids.
public struct ValidMeter: Sendable, Equatable {
    public let serial: String
    public let typeID: Int64
    public let caliber: Int
    public let manufacturer: String
    public let model: String
    public let initialReading: Volume
    public let location: String
    public let groupID: Int64?
}

/// One field of a meter draft that is not acceptable.
public struct MeterFieldProblem: Error, Sendable, Equatable {
    /// The field (CSV column) name.
    public let field: String
    /// The value as given.
    public let value: String
    /// What was wrong and what was expected.
    public let reason: String
    /// What it is about, when a front end may add how to fix it.
    public var cause: ProblemCause? = nil
}

/// Normalises serial numbers so that ` wm-001 ` and `WM-001` are the same meter.
public enum MeterSerial {
    /// The normalised serial (trimmed, upper case), or a reason it is not a serial.
    public static func normalise(_ text: String) -> Result<String, MeterFieldProblem> {
        let trimmed = text.trimmed
        let serial = trimmed.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x80 }) ? trimmed.uppercased() : trimmed
        guard !serial.isEmpty else {
            return .failure(MeterFieldProblem(field: "serial", value: text, reason: "a serial is required"))
        }
        guard serial.count <= maximumLength else {
            return .failure(MeterFieldProblem(field: "serial", value: text, reason: "at most \(maximumLength) characters"))
        }
        guard serial.utf8.allSatisfy({ isAllowed($0) }) else {
            return .failure(MeterFieldProblem(field: "serial", value: text,
                                              reason: "letters A-Z, digits and - _ . / only"))
        }
        return .success(serial)
    }

    /// The longest serial, in characters.
    static let maximumLength = 64

    /// Whether a normalised serial may hold this byte: A-Z, 0-9, `-`, `_`, `.` or `/`.
    static func isAllowed(_ byte: UInt8) -> Bool { allowed[Int(byte)] }

    /// Allowed bytes of a normalised serial, as a 256-entry table.
    private static let allowed: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./".utf8 { table[Int(byte)] = true }
        return table
    }()
}

/// The outcome of validating a meter draft.
public enum MeterCheck: Sendable, Equatable {
    /// Every field is acceptable.
    case valid(ValidMeter)
    /// Every problem found.
    case invalid([MeterFieldProblem])
}

extension Meter {
    /// The same meter after `MeterWriter` moved it to `state` (what a re-read would give, without one).
    func moved(to state: MeterState) -> Meter {
        Meter(id: id, serial: serial, typeName: typeName, caliber: caliber, manufacturer: manufacturer, model: model,
              initialReading: initialReading, location: location, state: state, group: group, createdAt: createdAt,
              createdBy: createdBy, importID: importID)
    }
}
