import WBillSupport

/// What an operator does with money at the counter.
public enum CashierAction: String, Sendable, CaseIterable {
    /// Money paid in (rule 7).
    case recharge
    /// Money paid back, never more than the balance (rule 7).
    case refund
    /// A signed correction with a reason.
    case adjust
    /// Money paid towards a postpaid account's bills: put on its open bills, the oldest first,
    /// the rest kept as credit for the next bill (`BillSettlement`).
    case pay

    /// The ledger kind it writes.
    public var kind: LedgerEntryKind {
        switch self {
        case .recharge: return .recharge
        case .refund: return .refund
        case .adjust: return .adjustment
        case .pay: return .payment
        }
    }
}

/// One recharge, refund, adjustment or payment as asked for, before any checks.
public struct MoneyRequest: Sendable, Equatable {
    public var action: CashierAction
    public var accountNumber: String
    /// The amount as typed: positive for recharge and refund, signed for an adjustment.
    public var amount: String
    /// Required for recharge, refund and payment; not taken by an adjustment.
    public var channel: PaymentChannel?
    /// A receipt or payment-gateway id that makes a retry harmless.
    public var reference: String?
    /// Required for an adjustment.
    public var reason: String?

    /// A request.
    public init(action: CashierAction, accountNumber: String, amount: String, channel: PaymentChannel? = nil,
                reference: String? = nil, reason: String? = nil) {
        self.action = action
        self.accountNumber = accountNumber
        self.amount = amount
        self.channel = channel
        self.reference = reference
        self.reason = reason
    }
}

/// What a money request did.
public struct MoneyOutcome: Sendable, Equatable {
    /// The entry written, or for a retry the one written the first time.
    public let entry: LedgerEntry
    /// Whether this was a retry of a movement already recorded (nothing was written).
    public let isRetry: Bool
    /// What a payment put on bills, oldest first (for a retry, what the first time did, with the
    /// bills as they stand now); empty for other movements.
    public let allocations: [BillAllocation]

    init(entry: LedgerEntry, isRetry: Bool, allocations: [BillAllocation] = []) {
        self.entry = entry
        self.isRetry = isRetry
        self.allocations = allocations
    }
}

/// Recharges, refunds, adjustments and payments of postpaid bills, with every rule checked before one ledger entry is written:
/// none moves more than the utility's `TransactionLimit`, and a balance whose entries would add up
/// beyond 64 bits is refused (`AccountError.balanceOutOfRange`) instead of wrapping.
///
/// Call inside an IMMEDIATE write transaction: the balance a refund is checked against cannot
/// change before its entry is appended, so concurrent counters never overdraw an account.
///
/// Idempotency: a request with a reference already used by the same kind of movement writes
/// nothing. When the account, amount, channel (and for an adjustment the reason) are the same, it
/// returns the original entry, whose time and balance after are those of the first time;
/// otherwise it is refused naming what differs.
public struct Cashier {
    let database: Database

    /// The cashier over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Performs `request`.
    /// - Throws: `AccountError` for every refusal, `DatedBeforeExistenceError` for a time before the
    ///   account was opened; nothing is written then.
    public func perform(_ request: MoneyRequest, audit: AuditTrail) throws -> MoneyOutcome {
        let account = try AccountStore(database: database).find(request.accountNumber)
        let amount = try parseAmount(request, currency: account.currency)
        let reference = try request.reference.map(Cashier.validReference)
        let reason = try request.reason.map(Cashier.validReason)
        let ledger = Ledger(database: database)
        let kind = request.action.kind

        if let reference, let original = try ledger.entry(kind: kind, reference: reference) {
            var differences: [String] = []
            if original.accountID != account.id {
                differences.append("account (\(account.number) instead of \(original.accountNumber))")
            }
            if original.amount != amount { differences.append("amount (\(amount) instead of \(original.amount))") }
            if original.channel != request.channel {
                differences.append("channel (\(request.channel?.rawValue ?? "none") instead of \(original.channel?.rawValue ?? "none"))")
            }
            if request.action == .adjust && original.reason != reason {
                differences.append("reason ('\(reason ?? "")' instead of '\(original.reason ?? "")')")
            }
            guard differences.isEmpty else {
                throw AccountError.referenceReused(reference: reference, kind: kind, original: original, differences: differences)
            }
            let allocations = request.action == .pay
                ? try BillAllocationWriter(database: database).allocations(ofPayment: original.id) : []
            return MoneyOutcome(entry: original, isRetry: true, allocations: allocations)
        }

        if account.status == .closed {
            throw AccountError.closed(number: account.number, since: account.closedAt ?? "")
        }
        try audit.context.requireNotBefore(account.openedAt, change: request.action == .adjust ? "an adjustment" : "a \(request.action.rawValue)",
                                           subject: "account \(account.number)", event: "opened")
        let limit = try TransactionLimit.current(in: database, currency: account.currency)
        guard amount.minorUnits.magnitude <= limit.minorUnits.magnitude else {
            throw AccountError.aboveTransactionLimit(action: request.action, amount: request.action == .refund ? try amount.negated() : amount,
                                                     limit: limit)
        }
        if request.action == .pay && account.businessMode != .postpaid {
            throw AccountError.notPostpaid(number: account.number, businessMode: account.businessMode)
        }
        if request.action != .adjust {
            if account.isCardMeter { throw AccountError.cardMeter(account.number) }
            guard let channel = request.channel else { preconditionFailure("a \(request.action.rawValue) needs a channel") }
            let type = try CustomerTypeStore(database: database).withID(account.customerTypeID)
            guard type.channels.contains(channel) else {
                throw AccountError.channelNotAccepted(channel: channel, customerType: type.name, accepted: type.channels)
            }
        }
        if request.action == .refund {
            let balance = try ledger.balance(of: account)
            let requested = try amount.negated()
            guard requested <= balance else {
                throw AccountError.insufficientBalance(number: account.number, balance: balance, requested: requested)
            }
        }
        let entry = try ledger.append(
            LedgerPosting(kind: kind, amount: amount, channel: request.channel, reference: reference, reason: reason),
            to: account, audit: audit)
        try audit.record(entity: "account", id: account.number, action: request.action.rawValue, changes: [
            AuditChange("receipt", old: nil, new: String(entry.id)),
            AuditChange("amount", old: nil, new: entry.amount.description),
            AuditChange("balance", old: try entry.balanceAfter.subtracting(entry.amount).description,
                        new: entry.balanceAfter.description),
        ] + [("channel", entry.channel?.rawValue), ("reference", entry.reference), ("reason", entry.reason)].compactMap { field, value in
            value.map { AuditChange(field, old: nil, new: $0) }
        })
        // On a postpaid account money paid in (a payment, a recharge, a credit adjustment) goes to its
        // open bills at once, so its credit and its open bills never stand side by side.
        var allocations: [BillAllocation] = []
        if request.action == .pay {
            allocations = try BillSettlement(database: database).settle(accountID: account.id, source: .payment, ledgerEntryID: entry.id,
                                                                        audit: audit)
        } else if account.businessMode == .postpaid && amount.minorUnits > 0 {
            try BillSettlement(database: database).settle(accountID: account.id, source: .credit, audit: audit)
        }
        return MoneyOutcome(entry: entry, isRetry: false, allocations: allocations)
    }

    /// The request's amount as signed ledger money: a refund's positive amount becomes negative.
    private func parseAmount(_ request: MoneyRequest, currency: Currency) throws -> Money {
        let text = request.amount.trimmed
        switch request.action {
        case .recharge, .refund, .pay:
            let money = try Cashier.parsePositive(text, currency: currency, action: request.action)
            return request.action == .refund ? try money.negated() : money
        case .adjust:
            let money = try Cashier.parse(text, currency: currency)
            guard !money.isZero else {
                throw AccountError.invalidAmount(text, reason: "an adjustment must not be zero (positive credits the account, negative debits it)")
            }
            return money
        }
    }

    /// A recharge's or refund's amount as typed: more than zero, in `currency`'s minor units.
    static func parsePositive(_ text: String, currency: Currency, action: CashierAction) throws -> Money {
        let money = try parse(text, currency: currency)
        guard money.minorUnits > 0 else {
            throw AccountError.invalidAmount(text, reason: "a \(action == .pay ? "payment" : action.rawValue) must be more than zero")
        }
        return money
    }

    private static func parse(_ text: String, currency: Currency) throws -> Money {
        do {
            return try Money(parsing: text, currency: currency)
        } catch NumberError.tooManyDecimals(_, let allowed) {
            throw AccountError.invalidAmount(text, reason: "\(currency.code) amounts have at most \(allowed) decimal\(allowed == 1 ? "" : "s")")
        } catch NumberError.overflow {
            throw AccountError.invalidAmount(text, reason: "too large")
        } catch {
            throw AccountError.invalidAmount(text, reason: "expected an amount such as 100.00")
        }
    }

    static func validReference(_ text: String) throws -> String {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty, trimmed.count <= DomainLimits.referenceLength, !TextChecks.hasControlCharacters(trimmed) else {
            throw AccountError.invalidReference(text)
        }
        return trimmed
    }

    static func validReason(_ text: String) throws -> String {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty, trimmed.count <= DomainLimits.reasonLength, !TextChecks.hasControlCharacters(trimmed) else {
            throw AccountError.invalidReason(text)
        }
        return trimmed
    }
}
