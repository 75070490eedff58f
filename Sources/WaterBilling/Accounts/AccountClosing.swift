import WBillSupport

/// Closing an account (customer close) as asked for.
public struct ClosingRequest: Sendable {
    public var accountNumber: String
    /// The final reading of each installed meter: (serial as typed, value in the volume unit as typed).
    public var readings: [(serial: String, value: String)]
    /// Where the meters go: back in stock (`in-stock`) or out of service (`removed`).
    public var meterState: MeterState

    /// A request.
    public init(accountNumber: String, readings: [(serial: String, value: String)], meterState: MeterState = .inStock) {
        self.accountNumber = accountNumber
        self.readings = readings
        self.meterState = meterState
    }
}

/// What closing did.
public struct ClosedAccount: Sendable, Equatable {
    public let account: Account
    /// The final readings taken, one per meter.
    public let readings: [MeterReading]
    /// Where the meters went.
    public let meterState: MeterState
}

/// Closes accounts: takes a final reading of each installed meter, refuses while money is owed
/// (postpaid: a negative balance, i.e. bill charges not yet paid) or a balance remains (refund
/// it first), takes the meters off the account (back to stock or out of service) and marks it closed.
/// A system-prepaid account's final readings are deducted from its balance (`PrepaidDeduction`),
/// so its balance is judged after them: it must be exactly what they cost.
public struct AccountClosing {
    let database: Database

    /// Closing over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Closes the account, in the caller's transaction.
    /// - Throws: `AccountError.notFound`; `DatedBeforeExistenceError`; `CustomerError.alreadyClosed`, `.closeWhileOwing`,
    ///   `.closeWithBalance`, `.meterNotOnAccount`, `.missingReadings`, `.invalidReadings`.
    public func close(_ request: ClosingRequest, audit: AuditTrail) throws -> ClosedAccount {
        precondition(request.meterState == .inStock || request.meterState == .removed)
        let accounts = AccountStore(database: database)
        let account = try accounts.find(request.accountNumber)
        if account.status == .closed {
            throw CustomerError.alreadyClosed(account: account.number, closedAt: account.closedAt ?? "")
        }
        try audit.context.requireNotBefore(account.openedAt, change: "the closing", subject: "account \(account.number)", event: "opened")
        let ledger = Ledger(database: database)
        let balance = try ledger.balance(of: account)
        if balance.isNegative {
            throw CustomerError.closeWhileOwing(account: account.number, owed: try balance.negated())
        }
        // A system-prepaid balance pays for the final readings, which are deducted from it: it is
        // judged once they are (below).
        let settlesByDeduction = account.businessMode == .systemPrepaid
        if !balance.isZero && !settlesByDeduction {
            throw CustomerError.closeWithBalance(account: account.number, balance: balance, cardMeter: account.isCardMeter)
        }
        let meters = try accounts.installedMeters(of: account)
        var given: [String: String] = [:]
        var problems: [ReadingProblem] = []
        for (serial, value) in request.readings {
            let key = (try? MeterSerial.normalise(serial).get()) ?? serial
            guard meters.contains(where: { $0.serial == key }) else {
                throw CustomerError.meterNotOnAccount(serial: key, account: account.number, installed: meters.map(\.serial))
            }
            if given[key] != nil {
                problems.append(ReadingProblem(serial: key, value: value, reason: "a second reading of the same meter"))
            }
            given[key] = value
        }
        let missing = meters.map(\.serial).filter { given[$0] == nil }
        if !missing.isEmpty {
            throw CustomerError.missingReadings(account: account.number, serials: missing,
                                                unit: try UtilitySettings(database: database).volumeUnit())
        }
        let readingStore = MeterReadingStore(database: database)
        var values: [(Meter, Volume)] = []
        for meter in meters {
            switch try readingStore.validate(given[meter.serial] ?? "", for: meter) {
            case .success(let value): values.append((meter, value))
            case .failure(let problem): problems.append(problem)
            }
        }
        if !problems.isEmpty { throw CustomerError.invalidReadings(problems) }

        let now = audit.context.time.description
        let meterWriter = MeterWriter(database: database, context: audit.context)
        var readings: [MeterReading] = []
        // Each final reading yields the meter's last consumption on the account.
        let recorder = ReadingRecorder(database: database, context: audit.context,
                                       thresholds: try ConsumptionThresholds.current(in: database),
                                       followers: ConsumptionFollowers.standard(in: database, audit: audit))
        let states = MeterReadingStates(database: database)
        for (meter, value) in values {
            let outcome = try recorder.record(value, at: audit.context.time, source: .final, state: try states.state(meterID: meter.id))
            guard case .recorded(let readingID, _, _) = outcome else {
                throw CustomerError.invalidReadings([ReadingProblem(serial: meter.serial, value: value.description,
                                                                    reason: "the meter has a reading at this very time already")])
            }
            let entry = try readingStore.find(String(readingID))
            try audit.record(entity: "reading", id: String(readingID), action: "create", changes: ReadingAudit.changes(of: entry))
            readings.append(entry.reading)
            try database.run("UPDATE account_meters SET removed_at = ? WHERE account_id = ? AND meter_id = ? AND removed_at IS NULL",
                             [now, account.id, meter.id])
            let event = request.meterState == .inStock ? "returned to stock" : "removed"
            try meterWriter.recordEvent(event, of: meter, movingTo: request.meterState,
                                        detail: "account \(account.number) closed; final reading \(value)")
            try audit.record(entity: "meter", id: meter.serial, action: request.meterState == .inStock ? "uninstall" : "remove", changes: [
                AuditChange("state", old: meter.state.rawValue, new: request.meterState.rawValue),
                AuditChange("account", old: account.number, new: nil),
            ])
        }
        if settlesByDeduction {
            let settled = try ledger.balance(of: account)
            if settled.isNegative {
                throw CustomerError.closeWhileOwing(account: account.number, owed: try settled.negated())
            }
            if !settled.isZero {
                throw CustomerError.closeWithBalance(account: account.number, balance: settled, cardMeter: false)
            }
        }
        try database.run("UPDATE accounts SET status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?",
                         [now, audit.context.operatorName, account.id])
        try audit.record(entity: "account", id: account.number, action: "close", changes: [
            AuditChange("status", old: account.status.rawValue, new: AccountStatus.closed.rawValue),
            AuditChange("meters", old: meters.map(\.serial).joined(separator: " "), new: nil),
        ])
        return ClosedAccount(account: try accounts.find(id: account.id), readings: readings, meterState: request.meterState)
    }
}
