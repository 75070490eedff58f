import WBillSupport

/// Moving an account to a new holder from a date, as asked for.
public struct TransferRequest: Sendable, Equatable {
    /// Who takes the account over.
    public enum NewHolder: Sendable, Equatable {
        /// A new customer with this basic information.
        case newCustomer(CustomerDraft)
        /// A customer already registered.
        case existing(Int64)
    }

    public var accountNumber: String
    public var newHolder: NewHolder
    /// The first day the new holder holds the account.
    public var date: CivilDate

    /// A request.
    public init(accountNumber: String, newHolder: NewHolder, date: CivilDate) {
        self.accountNumber = accountNumber
        self.newHolder = newHolder
        self.date = date
    }
}

/// What a transfer did, with the money as it stood.
public struct TransferResult: Sendable, Equatable {
    /// The account after the transfer.
    public let account: Account
    public let previous: Customer
    public let holder: Customer
    /// Whether the holder was registered by the transfer.
    public let holderIsNew: Bool
    public let date: CivilDate
    /// The balance at the transfer: a prepaid credit carries over to the new holder; money owed
    /// on a postpaid account stays on the previous holder's statement (its entries keep their holder).
    public let balance: Money
}

/// Transfers accounts (change of holder). The previous holder stays in the ownership history
/// until the day before the date; ledger entries made so far keep their holder, so a postpaid
/// account's open bill charges stay on the previous holder's statement, while the balance of a
/// prepaid account carries over (refund it first to pay it out to the previous holder).
public struct AccountTransfer {
    let database: Database

    /// Transfers over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Makes the transfer, in the caller's transaction.
    /// - Throws: `AccountError`; `DatedBeforeExistenceError`; `CustomerError.transferOfClosedAccount`, `.transferDateInFuture`,
    ///   `.transferDateNotAfterHolding`, `.alreadyHolder`, `.invalidInformation`, `.notFound`.
    public func transfer(_ request: TransferRequest, audit: AuditTrail) throws -> TransferResult {
        let accounts = AccountStore(database: database)
        let account = try accounts.find(request.accountNumber)
        if account.status == .closed {
            throw CustomerError.transferOfClosedAccount(account.number)
        }
        try audit.context.requireNotBefore(account.openedAt, change: "a transfer", subject: "account \(account.number)", event: "opened")
        let today = audit.context.time.date
        if request.date > today {
            throw CustomerError.transferDateInFuture(request.date)
        }
        guard let current = try accounts.holders(of: account).last(where: { $0.toDate == nil }) else {
            preconditionFailure("account \(account.number) has no holder")
        }
        guard request.date.description > current.fromDate else {
            throw CustomerError.transferDateNotAfterHolding(holder: current.customerName, account: account.number,
                                                           since: current.fromDate)
        }
        let customers = CustomerStore(database: database)
        let previous = try customers.find(account.holderID)
        let holder: Customer
        switch request.newHolder {
        case .existing(let id):
            holder = try customers.find(id)
            if holder.id == previous.id {
                throw CustomerError.alreadyHolder(customer: id, name: holder.name, account: account.number)
            }
        case .newCustomer(let draft):
            let nature = try CustomerTypeStore(database: database).withID(account.customerTypeID).waterNature
            switch BasicInformation.validate(draft, for: nature) {
            case .valid(let valid): holder = try customers.add(valid, audit: audit)
            case .invalid(let problems): throw CustomerError.invalidInformation(problems)
            }
        }
        let now = audit.context.time.description
        try database.run("UPDATE account_holders SET to_date = ? WHERE account_id = ? AND to_date IS NULL",
                         [request.date.description, account.id])
        try database.run("""
            INSERT INTO account_holders (account_id, customer_id, from_date, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)
            """, [account.id, holder.id, request.date.description, now, audit.context.operatorName])
        let balance = try Ledger(database: database).balance(of: account)
        try audit.record(entity: "account", id: account.number, action: "transfer", changes: [
            AuditChange("holder", old: String(previous.id), new: String(holder.id)),
            AuditChange("from_date", old: current.fromDate, new: request.date.description),
            AuditChange("balance", old: nil, new: balance.description),
        ])
        let holderIsNew: Bool
        if case .newCustomer = request.newHolder { holderIsNew = true } else { holderIsNew = false }
        return TransferResult(account: try accounts.find(id: account.id), previous: previous, holder: holder,
                              holderIsNew: holderIsNew, date: request.date, balance: balance)
    }
}
