import WBillSupport

/// The one writer of `bill_allocations`: a row for each amount put on a bill or taken off it, in
/// the caller's transaction. It decides nothing: `BillSettlement` does.
struct BillAllocationWriter {
    let database: Database

    /// Records `amount` minor units put on (positive) or taken off (negative) the bill `billID`.
    func insert(billID: Int64, accountID: Int64, amount: Int64, source: AllocationSource, ledgerEntryID: Int64?,
                context: AuditContext) throws {
        try database.run("""
            INSERT INTO bill_allocations (bill_id, account_id, amount, source, ledger_entry_id, at, operator)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [billID, accountID, amount, source.rawValue, ledgerEntryID, context.timeText, context.operatorName])
    }

    /// What the payment `ledgerEntryID` put on bills, in the order it was allocated, with each
    /// bill as it stands now.
    func allocations(ofPayment ledgerEntryID: Int64) throws -> [BillAllocation] {
        try database.query("""
            SELECT b.number, x.amount, b.currency, b.minor_unit, b.paid_amount, b.status, b.total
            FROM bill_allocations x JOIN bills b ON b.id = x.bill_id
            WHERE x.ledger_entry_id = ? ORDER BY x.id
            """, [ledgerEntryID]) { row in
            let currency = try Currency(code: row.text(2), minorUnit: row.int(3))
            let status = try row.stored(5, as: BillStatus.self)
            let paid = row.int64(4)
            return BillAllocation(billNumber: row.text(0), amount: Money(minorUnits: row.int64(1), currency: currency),
                                  source: .payment, ledgerEntryID: ledgerEntryID,
                                  paidAfter: Money(minorUnits: paid, currency: currency), statusAfter: status,
                                  outstandingAfter: Money(minorUnits: status == .cancelled ? 0 : row.int64(6) - paid, currency: currency))
        }
    }
}
