import WBillSupport

/// Corrects bills without editing them: a cancellation marks the bill cancelled (its status is the
/// only thing that changes), reverses its `bill-charge` with a `reversal` entry through
/// `Ledger.append`, turns what was paid on it back into credit that `BillSettlement` puts on the
/// account's other open bills (or the rebill), and puts the consumption it rested on back on the billing queue; a rebill
/// cancels and prices the account again for the same period and days (after a corrected reading,
/// say), issuing a new bill linked to the one it replaces. Each in the caller's transaction, with
/// its audit entries.
public struct BillCorrection {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Cancels the bill numbered `number`, saying why.
    /// - Throws: `BillError.notFound`, `.alreadyCancelled`, `.invalidReason`; nothing is written then.
    @discardableResult
    public func cancel(_ number: String, reason: String, audit: AuditTrail) throws -> Bill {
        let store = BillStore(database: database)
        let bill = try store.find(number)
        if bill.status == .cancelled {
            throw BillError.alreadyCancelled(number: bill.number, at: bill.cancelledAt ?? "", by: bill.cancelledBy ?? "")
        }
        let trimmed = reason.trimmed
        guard (1...200).contains(trimmed.count), !TextChecks.hasControlCharacters(trimmed) else { throw BillError.invalidReason(reason) }
        var changes = [AuditChange("status", old: bill.status.rawValue, new: BillStatus.cancelled.rawValue),
                       AuditChange("reason", old: nil, new: trimmed)]
        if let entryID = bill.ledgerEntryID {
            let account = try AccountStore(database: database).find(id: bill.accountID)
            let reversal = try Ledger(database: database).append(
                LedgerPosting(kind: .reversal, amount: bill.total, reason: "bill \(bill.number) cancelled: \(trimmed)", reversesID: entryID),
                to: account, audit: audit)
            changes.append(AuditChange("receipt", old: nil, new: String(reversal.id)))
        }
        try BillWriter(database: database).cancel(bill.id, reason: trimmed, context: audit.context)
        // What was paid on it is credit again, and goes to the account's other open bills.
        let settlement = BillSettlement(database: database)
        try settlement.release(bill, context: audit.context)
        if bill.paidAmount.minorUnits > 0 { changes.append(AuditChange("credited", old: nil, new: bill.paidAmount.description)) }
        try BillingQueue(database: database).restore(try store.consumptionIDs(of: bill.id), of: bill.accountID)
        try audit.record(entity: "bill", id: bill.number, action: "cancel", changes: changes)
        try settlement.settle(accountID: bill.accountID, source: .credit, audit: audit)
        return try store.find(id: bill.id)
    }

    /// Cancels the bill numbered `number` (unless it was cancelled before and not replaced yet) and
    /// issues a new one for its account, period and days, priced again from the consumption not
    /// billed now (the cancelled bill's records, and any correction since), linked to it.
    /// - Returns: the cancelled bill and the new one.
    /// - Throws: what `cancel` throws; `BillError.alreadyReplaced`; `BillError.notRebilled` when the
    ///   account cannot be priced again (then nothing is written, the cancellation neither).
    public func rebill(_ number: String, reason: String, audit: AuditTrail) throws -> (cancelled: Bill, new: Bill) {
        let existing = try BillStore(database: database).find(number)
        let cancelled: Bill
        if existing.status == .cancelled {
            // Cancelled before (to void a reading it rested on, say) and not replaced yet: priced again now.
            if let replacement = existing.replacedByNumber { throw BillError.alreadyReplaced(number: existing.number, by: replacement) }
            guard (1...200).contains(reason.trimmed.count), !TextChecks.hasControlCharacters(reason.trimmed) else {
                throw BillError.invalidReason(reason)
            }
            cancelled = existing
        } else {
            cancelled = try cancel(number, reason: reason, audit: audit)
        }
        let account = try AccountStore(database: database).find(id: cancelled.accountID)
        let period = CalendarPeriod(cancelled.cycle.periodLength, containing: cancelled.periodSpan.first)
        func refuse(_ reason: NotBilledReason) -> BillError {
            .notRebilled(number: cancelled.number, account: account.number, reason: reason)
        }
        let pricing = BillPricing(database: database)
        guard let tariff = try pricing.chargedTariff(ofCustomerType: account.customerTypeID) else {
            throw refuse(.notPriced(tariff: cancelled.tariff, reason: "customer type '\(account.customerTypeName)' charges nothing"))
        }
        if let other = try BillStore(database: database).standingBill(of: account.id, overlapping: cancelled.span) {
            throw refuse(.overlaps(number: other.number, period: other.period))
        }
        let bounds = PeriodBounds(period)
        let meters = try pricing.meters(of: account.id, span: cancelled.span, bounds: bounds)
        if !meters.withoutReading.isEmpty { throw refuse(.noReading(serials: meters.withoutReading)) }
        switch try pricing.draft(for: try pricing.billable(account), tariffName: tariff, bounds: bounds, cycle: cancelled.cycle,
                                 span: cancelled.span, caliber: meters.caliber) {
        case .failure(let reason):
            throw refuse(reason)
        case .success(let draft):
            let issued = try BillIssue(database: database, options: try BillOptions.current(in: database))
                .issue(draft, runID: nil, replaces: cancelled, audit: audit)
            return (try BillStore(database: database).find(id: cancelled.id), try BillStore(database: database).find(id: issued.id))
        }
    }
}
