import WBillSupport

/// Registering a customer (rule 6) as asked for: the customer type, the basic information and
/// the meters, before any checks.
public struct RegistrationRequest: Sendable, Equatable {
    /// Step 1: the customer type's name.
    public var typeName: String
    /// Step 2: the basic information.
    public var customer: CustomerDraft
    /// Step 3: serials of in-stock meters of a type the customer type allows.
    public var meterSerials: [String]

    /// A request.
    public init(typeName: String, customer: CustomerDraft, meterSerials: [String]) {
        self.typeName = typeName
        self.customer = customer
        self.meterSerials = meterSerials
    }
}

/// One thing wrong with a registration, named by its option/column.
public struct RegistrationProblem: Sendable, Equatable {
    /// `type`, `meter`, or a basic-information field's column (`id_number`).
    public let field: String
    public let value: String
    public let reason: String
    /// Bad data (exit 65) or a rule (exit 1).
    public let failureKind: FailureKind
    /// What it is about, when a front end may add how to fix it.
    public let cause: ProblemCause?

    /// `meter 'WM-1': is installed on account AC00000001`.
    public var message: String {
        value.isEmpty ? "\(field): \(reason)" : "\(field) '\(value)': \(reason)"
    }

    /// Creates a problem.
    public init(field: String, value: String, reason: String, failureKind: FailureKind, cause: ProblemCause? = nil) {
        self.field = field
        self.value = value
        self.reason = reason
        self.failureKind = failureKind
        self.cause = cause
    }
}

/// Everything checked about a registration: what it resolved to, and every problem.
public struct RegistrationCheck: Sendable {
    public var type: CustomerType?
    public var customer: ValidCustomer?
    public var meters: [Meter] = []
    /// The type could not be found.
    public var typeProblem: RegistrationProblem?
    public var customerProblems: [CustomerFieldProblem] = []
    public var meterProblems: [RegistrationProblem] = []

    /// Every problem, as registration problems.
    public var problems: [RegistrationProblem] {
        (typeProblem.map { [$0] } ?? [])
            + customerProblems.map { RegistrationProblem(field: $0.field.column, value: $0.value, reason: $0.reason, failureKind: .badInput) }
            + meterProblems
    }
}

/// A registered customer with the account it opened.
public struct OpenedAccount: Sendable, Equatable {
    public let account: Account
    public let customer: Customer
    /// The meters installed on it, in the order given.
    public let meters: [Meter]
}

/// Registers customers (rule 6): checks the three steps, then in one transaction adds the
/// customer, opens the account (postpaid or prepaid by the type's business mode), installs the
/// meters and records it all in the meters' histories and the audit trail.
public struct CustomerRegistrar {
    let database: Database
    /// What every registration of a batch reads, loaded once (nil: read for each registration).
    private let catalogue: Catalogue?

    private struct Catalogue {
        let types: [CustomerType]
        let currency: Currency
        let numbering: AccountNumbering
    }

    /// The registrar over `database`.
    public init(database: Database) {
        self.database = database
        self.catalogue = nil
    }

    /// A registrar for a batch in one transaction: the customer types, the currency and the
    /// account numbering are read once.
    init(batchIn database: Database) throws {
        self.database = database
        self.catalogue = Catalogue(types: try CustomerTypeStore(database: database).all(),
                                   currency: try UtilitySettings(database: database).currency(),
                                   numbering: try AccountNumbering.current(in: database))
    }

    /// The customer type named `name` (case-insensitive).
    /// - Throws: `CatalogueError.notFound` with the nearest name.
    func customerType(named name: String) throws -> CustomerType {
        guard let types = catalogue?.types else { return try CustomerTypeStore(database: database).named(name) }
        if let found = types.first(where: { $0.name.lowercased() == name.trimmed.lowercased() }) { return found }
        throw CatalogueError.notFound(entity: "customer type", name: name, suggestion: closestMatch(to: name, among: types.map(\.name)))
    }

    /// In-stock meters of the types `type` allows, by serial: the meters step 3 can choose from.
    public func eligibleMeters(for type: CustomerType, limit: Int? = nil) throws -> [Meter] {
        try database.query(MeterStore.selectColumns + """
             WHERE m.state = 'in-stock'
               AND m.meter_type_id IN (SELECT meter_type_id FROM customer_type_meter_types WHERE customer_type_id = ?)
             ORDER BY m.serial LIMIT ?
            """, [type.id, limit ?? -1], MeterStore.meter)
    }

    /// How many meters step 3 can choose from.
    public func eligibleMeterCount(for type: CustomerType) throws -> Int {
        Int(try database.scalarInt("""
            SELECT count(*) FROM meters WHERE state = 'in-stock'
               AND meter_type_id IN (SELECT meter_type_id FROM customer_type_meter_types WHERE customer_type_id = ?)
            """, [type.id]) ?? 0)
    }

    /// Checks every step of `request` and collects every problem.
    public func check(_ request: RegistrationRequest) throws -> RegistrationCheck {
        var check = RegistrationCheck()
        do {
            check.type = try customerType(named: request.typeName)
        } catch let error as CatalogueError {
            check.typeProblem = RegistrationProblem(field: "type", value: request.typeName, reason: error.description,
                                                    failureKind: .refused)
        }
        if let type = check.type {
            switch BasicInformation.validate(request.customer, for: type.waterNature) {
            case .valid(let customer): check.customer = customer
            case .invalid(let problems): check.customerProblems = problems
            }
        }
        if request.meterSerials.isEmpty {
            check.meterProblems.append(RegistrationProblem(field: "meter", value: "", reason: "at least one meter is required",
                                                           failureKind: .badInput))
        }
        var seen: Set<String> = []
        let meters = MeterStore(database: database)
        for given in request.meterSerials {
            func problem(_ reason: String, _ kind: FailureKind = .refused, cause: ProblemCause? = nil) {
                check.meterProblems.append(RegistrationProblem(field: "meter", value: given, reason: reason, failureKind: kind,
                                                               cause: cause))
            }
            let serial: String
            switch MeterSerial.normalise(given) {
            case .success(let value): serial = value
            case .failure(let failure):
                problem(failure.reason, .badInput)
                continue
            }
            guard seen.insert(serial).inserted else {
                problem("given twice", .badInput)
                continue
            }
            let meter: Meter
            do {
                meter = try meters.find(serial)
            } catch is CatalogueError {
                problem("no such meter", cause: .unknownMeter)
                continue
            }
            switch meter.state {
            case .inStock: break
            case .installed:
                let account = try database.scalarText("""
                    SELECT a.number FROM account_meters am JOIN accounts a ON a.id = am.account_id
                    WHERE am.meter_id = ? AND am.removed_at IS NULL
                    """, [meter.id])
                problem("is not in stock: it is installed\(account.map { " on account \($0)" } ?? "")")
                continue
            case .faulty:
                problem("is not in stock: it is marked faulty")
                continue
            case .removed:
                problem("is not in stock: it was removed from service")
                continue
            }
            if let type = check.type, !type.meterTypes.contains(where: { $0.lowercased() == meter.typeName.lowercased() }) {
                problem("is of meter type '\(meter.typeName)'; customer type '\(type.name)' allows \(type.meterTypes.map { "'\($0)'" }.joined(separator: ", "))")
                continue
            }
            check.meters.append(meter)
        }
        return check
    }

    /// Registers the customer and opens the account.
    /// - Throws: `CatalogueError.notFound` for an unknown customer type,
    ///   `CustomerError.invalidInformation` for bad or missing basic information,
    ///   `CustomerError.meterProblems` for meters that cannot be installed; nothing is written then.
    public func open(_ request: RegistrationRequest, audit: AuditTrail) throws -> OpenedAccount {
        let check = try check(request)
        if check.typeProblem != nil { _ = try customerType(named: request.typeName) }
        if !check.customerProblems.isEmpty { throw CustomerError.invalidInformation(check.customerProblems) }
        if !check.meterProblems.isEmpty { throw CustomerError.meterProblems(check.meterProblems) }
        guard let type = check.type, let customer = check.customer else { preconditionFailure("a checked registration") }
        return try open(type: type, customer: customer, meters: check.meters, audit: audit)
    }

    /// Writes a checked registration, in the caller's transaction (as one savepoint, so a caller
    /// that goes on after a failure keeps nothing of it).
    func open(type: CustomerType, customer valid: ValidCustomer, meters: [Meter], audit: AuditTrail) throws -> OpenedAccount {
        try database.writeTransaction { try write(type: type, customer: valid, meters: meters, audit: audit) }
    }

    /// Writes a checked registration straight into the caller's transaction, with no savepoint of
    /// its own: for a batch that is all or nothing, whose failure rolls the whole transaction back.
    /// (A savepoint per row has SQLite copy every page the row changes, some thirty, into a
    /// journal kept until the savepoint ends.)
    /// - Precondition: a transaction is open, and the caller rolls it back when this throws.
    func write(type: CustomerType, customer valid: ValidCustomer, meters: [Meter], audit: AuditTrail) throws -> OpenedAccount {
        precondition(database.isInTransaction, "a registration is written inside the caller's transaction")
        let customer = try CustomerStore(database: database).add(valid, audit: audit)
        let currency = try catalogue?.currency ?? UtilitySettings(database: database).currency()
        let sequence = try AccountNumbering.nextSequence(in: database)
        let number = try (catalogue?.numbering ?? AccountNumbering.current(in: database)).number(sequence)
        let now = audit.context.timeText
        try database.run("""
            INSERT INTO accounts (id, number, customer_type_id, business_mode, currency, minor_unit, opened_at, opened_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [sequence, number, type.id, type.businessMode.rawValue, currency.code, currency.minorUnit, now,
                  audit.context.operatorName])
        try database.run("""
            INSERT INTO account_holders (account_id, customer_id, from_date, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)
            """, [sequence, customer.id, audit.context.time.date.description, now, audit.context.operatorName])
        let writer = MeterWriter(database: database, context: audit.context)
        for meter in meters {
            try database.run("INSERT INTO account_meters (account_id, meter_id, installed_at) VALUES (?, ?, ?)",
                             [sequence, meter.id, now])
            try writer.recordEvent("installed", of: meter, movingTo: .installed, detail: "account \(number)")
            try audit.record(entity: "meter", id: meter.serial, action: "install", changes: [
                AuditChange("state", old: meter.state.rawValue, new: MeterState.installed.rawValue),
                AuditChange("account", old: nil, new: number),
            ])
        }
        // The account as just written (a re-read would give the same; a test compares the two).
        let account = Account(id: sequence, number: number, customerTypeID: type.id, customerTypeName: type.name,
                              businessMode: type.businessMode, status: .open, currency: currency, holderID: customer.id,
                              holderName: customer.name, openedAt: now, openedBy: audit.context.operatorName,
                              closedAt: nil, closedBy: nil)
        try audit.record(entity: "account", id: number, action: "open", changes: [
            AuditChange("customer", old: nil, new: String(customer.id)),
            AuditChange("customer_type", old: nil, new: type.name),
            AuditChange("business_mode", old: nil, new: type.businessMode.rawValue),
            AuditChange("meters", old: nil, new: meters.map(\.serial).joined(separator: " ")),
        ])
        return OpenedAccount(account: account, customer: customer, meters: meters.map { $0.moved(to: .installed) })
    }
}
