import WBillSupport

/// The one place money is put on bills, for a payment, a bill's issue and a cancellation alike.
///
/// The money is the ledger's: an account's credit not yet on a bill is its balance (the sum of its
/// entries) plus what its standing bills still owe. A settlement puts that credit on the
/// account's open and partly paid bills, the oldest first (by due date, then number), each up to
/// what it owes; what is left stays credit, which the next bill issued takes. Debts that are not
/// bills (late fees, debit adjustments) lower the balance and so the credit: a payment covers
/// them first, then the bills (as costs come before the principal in the PRC Civil Code, art. 561).
///
/// Each amount is a `bill_allocations` row (`BillAllocationWriter`), and the bill's paid amount and
/// status change through `BillWriter`, with an audit entry per bill, in the caller's transaction.
///
/// Everything that raises an account's credit or adds to its bills settles, so after each change
/// an account either has no credit or no open bill: it holds credit only when its balance is above
/// zero. A bill issued leaves the credit as it was (its charge and what it owes cancel out), so the
/// issuer asks the ledger balance before the charge alone (`settleIssued`), one look-up a bill.
final class BillSettlement {
    let database: Database
    private let allocations: BillAllocationWriter
    private let bills: BillWriter
    private var balanceQuery: Statement?

    init(database: Database, writer: BillWriter? = nil) {
        self.database = database
        self.allocations = BillAllocationWriter(database: database)
        self.bills = writer ?? BillWriter(database: database)
    }

    /// The account's credit not on any bill, in minor units (negative when it owes more than its bills).
    func unallocatedCredit(accountID: Int64) throws -> Int64 {
        try database.scalarInt("""
            SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = ?1)
                 + (SELECT coalesce(sum(total - paid_amount), 0) FROM bills
                    WHERE account_id = ?1 AND (status = 'open' OR status = 'partly-paid'))
            """, [accountID]) ?? 0
    }

    /// Settles after a bill of `charge` minor units was issued to the account: only when the account
    /// held credit before it (its balance without the charge above zero).
    @discardableResult
    func settleIssued(accountID: Int64, charge: Int64, audit: AuditTrail) throws -> [BillAllocation] {
        let query = try balanceQuery ?? database.prepare("SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account_id = ?")
        balanceQuery = query
        try query.bind(accountID, at: 1)
        defer { query.reset() }
        guard try query.step() else { return [] }
        let (before, overflow) = query.row.int64(0).addingReportingOverflow(charge)
        guard overflow || before > 0 else { return [] }
        query.reset()
        return try settle(accountID: accountID, source: .credit, audit: audit)
    }

    /// Puts the account's credit on its open bills, oldest first.
    /// - Parameters:
    ///   - source: what brought the credit (a payment names its ledger entry in `ledgerEntryID`).
    /// - Returns: each amount put on a bill, in order (none when there is no credit or no open bill).
    @discardableResult
    func settle(accountID: Int64, source: AllocationSource, ledgerEntryID: Int64? = nil,
                audit: AuditTrail) throws -> [BillAllocation] {
        var credit = try unallocatedCredit(accountID: accountID)
        guard credit > 0 else { return [] }
        let open = try database.query("""
            SELECT id, number, total, paid_amount, status, currency, minor_unit FROM bills
            WHERE account_id = ? AND (status = 'open' OR status = 'partly-paid') ORDER BY due_date, number
            """, [accountID]) { row in
            (id: row.int64(0), number: row.text(1), total: row.int64(2), paid: row.int64(3),
             status: try row.stored(4, as: BillStatus.self), currency: try Currency(code: row.text(5), minorUnit: row.int(6)))
        }
        var done: [BillAllocation] = []
        for bill in open where credit > 0 {
            let part = min(credit, bill.total - bill.paid)
            guard part > 0 else { continue }
            credit -= part
            let paid = bill.paid + part
            let status: BillStatus = paid == bill.total ? .paid : .partlyPaid
            try allocations.insert(billID: bill.id, accountID: accountID, amount: part, source: source, ledgerEntryID: ledgerEntryID,
                                   context: audit.context)
            try bills.recordPaid(bill.id, paidAmount: paid, status: status)
            let money = { Money(minorUnits: $0, currency: bill.currency) }
            var changes = [AuditChange("paid", old: money(bill.paid).description, new: money(paid).description),
                           AuditChange("allocated", old: nil, new: money(part).description),
                           AuditChange("source", old: nil, new: source.rawValue)]
            if status != bill.status { changes.append(AuditChange("status", old: bill.status.rawValue, new: status.rawValue)) }
            if let ledgerEntryID { changes.append(AuditChange("receipt", old: nil, new: String(ledgerEntryID))) }
            try audit.record(entity: "bill", id: bill.number, action: "allocate", changes: changes)
            done.append(BillAllocation(billNumber: bill.number, amount: money(part), source: source, ledgerEntryID: ledgerEntryID,
                                       paidAfter: money(paid), statusAfter: status, outstandingAfter: money(bill.total - paid)))
        }
        return done
    }

    /// Takes what was paid on `bill`, being cancelled, back off it (a negative allocation), so it
    /// is the account's credit again. The bill keeps its paid amount as a record of what it had.
    func release(_ bill: Bill, context: AuditContext) throws {
        guard bill.paidAmount.minorUnits > 0 else { return }
        try allocations.insert(billID: bill.id, accountID: bill.accountID, amount: -bill.paidAmount.minorUnits, source: .cancellation,
                               ledgerEntryID: nil, context: context)
    }
}
