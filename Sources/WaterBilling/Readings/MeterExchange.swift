import WBillSupport

/// A meter exchange as asked for (`meter exchange`): the parts as typed.
public struct ExchangeRequest: Sendable {
    /// The meter coming off the account.
    public var oldSerial: String
    /// The meter going on, from stock.
    public var newSerial: String
    /// The old meter's last reading, as typed.
    public var finalReading: String
    /// The new meter's first reading, as typed.
    public var initialReading: String
    /// When, as typed; nil for now.
    public var at: String?
    /// Where the old meter goes: out of service (`removed`, the default) or back to stock (`in-stock`).
    public var oldMeterState: MeterState

    /// A request.
    public init(oldSerial: String, newSerial: String, finalReading: String, initialReading: String, at: String? = nil,
                oldMeterState: MeterState = .removed) {
        self.oldSerial = oldSerial
        self.newSerial = newSerial
        self.finalReading = finalReading
        self.initialReading = initialReading
        self.at = at
        self.oldMeterState = oldMeterState
    }
}

/// What an exchange did.
public struct ExchangedMeter: Sendable, Equatable {
    public let accountNumber: String
    /// The old meter, off the account now.
    public let old: Meter
    /// The new meter, on it now.
    public let new: Meter
    /// The old meter's final reading, with its last consumption on the account.
    public let final: ReadingListEntry
    /// The new meter's initial reading.
    public let initial: ReadingListEntry
}

/// Why an exchange was refused (besides a refused final reading, a `ReadingError`).
public enum MeterExchangeError: ClassifiedError, Equatable {
    /// The same meter on both sides.
    case sameMeter(String)
    /// The new meter is not in stock.
    case newMeterNotInStock(serial: String, state: MeterState, account: String?)
    /// The account's customer type does not allow the new meter's type.
    case meterTypeNotAllowed(serial: String, meterType: String, customerType: String, allowed: [String])
    /// The new meter's initial reading is below what its register already showed.
    case initialBelowFloor(serial: String, value: Volume, floor: Volume, reading: ReadingFacts?)
    /// The exchange is dated before the new meter entered the system.
    case beforeNewMeterExisted(serial: String, at: String, createdAt: String)

    public var failureKind: FailureKind {
        switch self {
        case .initialBelowFloor, .beforeNewMeterExisted: return .badInput
        default: return .refused
        }
    }

    public var description: String {
        switch self {
        case .sameMeter(let serial):
            return "meter \(serial) cannot be exchanged for itself"
        case .newMeterNotInStock(let serial, let state, let account):
            let what = state == .installed ? "installed\(account.map { " on account \($0)" } ?? "")"
                : (state == .faulty ? "marked faulty" : "removed from service")
            return "meter \(serial) is not in stock: it is \(what)"
        case .meterTypeNotAllowed(let serial, let meterType, let customerType, let allowed):
            return "meter \(serial) is of meter type '\(meterType)'; customer type '\(customerType)' allows \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
        case .initialBelowFloor(let serial, let value, let floor, let reading):
            let what = reading.map { "its last reading \($0.described)" } ?? "its initial reading \(floor)"
            return "the initial reading \(value) of meter \(serial) is below \(what)"
        case .beforeNewMeterExisted(let serial, let at, let createdAt):
            return "meter \(serial) entered the system at \(createdAt); it cannot have been put on an account at \(at)"
        }
    }
}

/// Exchanges a meter on an account for one from stock: the old meter's final reading (its last
/// consumption on the account, judged like any reading), the old meter off the account (out of
/// service or back to stock), the new meter on it from the same time with its initial reading,
/// from which its consumption on the account starts. The account keeps its history; its
/// consumption across the exchange is the old meter's part plus the new meter's, each from its own
/// register, so it is never negative and never counted twice.
public struct MeterExchange {
    let database: Database

    /// Exchanges in `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Exchanges the meters, in the caller's transaction.
    /// - Throws: `CatalogueError.notFound` for an unknown meter, `MeterExchangeError`, `ReadingError`.
    public func exchange(_ request: ExchangeRequest, audit: AuditTrail) throws -> ExchangedMeter {
        precondition(request.oldMeterState == .removed || request.oldMeterState == .inStock)
        let meters = MeterStore(database: database)
        let old = try meters.find(request.oldSerial)
        let new = try meters.find(request.newSerial)
        if old.id == new.id { throw MeterExchangeError.sameMeter(old.serial) }
        let finalValue = try ReadingInput.value(request.finalReading)
        let initialValue = try ReadingInput.value(request.initialReading)
        let time = try request.at.map(ReadingInput.time) ?? audit.context.time
        let at = time.description

        let states = MeterReadingStates(database: database)
        let oldState = try states.state(meterID: old.id)
        guard oldState.state == .installed, let installation = oldState.installation else {
            throw ReadingError.notInstalled(serial: old.serial, state: old.state)
        }
        let newState = try states.state(meterID: new.id)
        guard new.state == .inStock else {
            throw MeterExchangeError.newMeterNotInStock(serial: new.serial, state: new.state, account: try newState.installation?.accountNumber)
        }
        let account = try AccountStore(database: database).find(id: installation.accountID)
        let customerType = try CustomerTypeStore(database: database).named(account.customerTypeName)
        guard customerType.meterTypes.contains(where: { $0.lowercased() == new.typeName.lowercased() }) else {
            throw MeterExchangeError.meterTypeNotAllowed(serial: new.serial, meterType: new.typeName, customerType: customerType.name,
                                                         allowed: customerType.meterTypes)
        }
        if at < new.createdAt { throw MeterExchangeError.beforeNewMeterExisted(serial: new.serial, at: at, createdAt: new.createdAt) }
        if let latest = newState.latestAt, at <= latest, let last = newState.last {
            throw ReadingError.outOfOrder(serial: new.serial, at: at, later: last.facts)
        }
        if initialValue > newState.capacity {
            throw ReadingError.aboveRegister(serial: new.serial, value: initialValue, digits: newState.registerDigits)
        }
        let floor = try MeterReadingStore(database: database).floor(of: new)
        if initialValue < floor.value {
            let facts = floor.reading.map { ReadingFacts(id: $0.id, at: $0.at, value: $0.value, source: $0.source) }
            throw MeterExchangeError.initialBelowFloor(serial: new.serial, value: initialValue, floor: floor.value, reading: facts)
        }

        let recorder = ReadingRecorder(database: database, context: audit.context,
                                       thresholds: try ConsumptionThresholds.current(in: database),
                                       followers: ConsumptionFollowers.standard(in: database, audit: audit))
        let store = MeterReadingStore(database: database)
        let outcome = try recorder.record(finalValue, at: time, source: .final, state: oldState)
        guard case .recorded(let finalID, _, _) = outcome else {
            // The same value at the same time is a reading already there, not a final one.
            guard case .alreadyRecorded(let id, _, _) = outcome else { preconditionFailure("an outcome is one or the other") }
            let existing = try store.find(String(id)).reading
            throw ReadingError.duplicate(serial: old.serial, at: at, value: finalValue,
                                         existing: ReadingFacts(id: id, at: existing.at, value: existing.value, source: existing.source))
        }
        try database.run("UPDATE account_meters SET removed_at = ? WHERE account_id = ? AND meter_id = ? AND removed_at IS NULL",
                         [at, account.id, old.id])
        try database.run("INSERT INTO account_meters (account_id, meter_id, installed_at) VALUES (?, ?, ?)", [account.id, new.id, at])
        let writer = MeterWriter(database: database, context: audit.context)
        try writer.recordEvent("exchanged", of: old, movingTo: request.oldMeterState,
                               detail: "account \(account.number) at \(at); replaced by \(new.serial); final reading \(finalValue)")
        try writer.recordEvent("installed", of: new, movingTo: .installed,
                               detail: "account \(account.number) at \(at); exchange for \(old.serial); initial reading \(initialValue)")
        let initialID = try recorder.recordInitial(initialValue, at: at, meterID: new.id, accountID: account.id)

        let final = try store.find(String(finalID))
        let initial = try store.find(String(initialID))
        try audit.record(entity: "reading", id: String(finalID), action: "create", changes: ReadingAudit.changes(of: final))
        try audit.record(entity: "reading", id: String(initialID), action: "create", changes: ReadingAudit.changes(of: initial))
        try audit.record(entity: "meter", id: old.serial, action: "exchange", changes: [
            AuditChange("state", old: old.state.rawValue, new: request.oldMeterState.rawValue),
            AuditChange("account", old: account.number, new: nil),
            AuditChange("replaced_by", old: nil, new: new.serial),
            AuditChange("final_reading", old: nil, new: finalValue.description),
            AuditChange("at", old: nil, new: at),
        ])
        try audit.record(entity: "meter", id: new.serial, action: "install", changes: [
            AuditChange("state", old: new.state.rawValue, new: MeterState.installed.rawValue),
            AuditChange("account", old: nil, new: account.number),
            AuditChange("exchange_for", old: nil, new: old.serial),
            AuditChange("initial_reading", old: nil, new: initialValue.description),
            AuditChange("at", old: nil, new: at),
        ])
        return ExchangedMeter(accountNumber: account.number, old: try meters.find(old.serial), new: try meters.find(new.serial),
                              final: final, initial: initial)
    }
}
