import WBillSupport

/// Issues one bill from its draft, in the caller's transaction: the next number of the series,
/// the bill's charge as one `bill-charge` ledger entry through `Ledger.post` (referenced
/// `bill NUMBER`; none for a bill of zero, which is issued paid), the bill with its lines and the
/// records it rests on (taken off the billing queue), the account's credit put on it (`BillSettlement`:
/// an overpayment or money paid in advance pays the next bill), and its audit entry. The due date is the
/// issue date plus the payment terms (`BillOptions`).
struct BillIssue {
    let database: Database
    let options: BillOptions
    let writer: BillWriter
    private let queue: BillingQueue
    private let settlement: BillSettlement

    /// Issuing into `database` with `options`; a staging issuer (a bill run's) writes the series'
    /// number at `flush()`, which must come before each COMMIT.
    init(database: Database, options: BillOptions, staging: Bool = false) {
        self.database = database
        self.options = options
        self.writer = BillWriter(database: database, staging: staging)
        self.queue = BillingQueue(database: database)
        self.settlement = BillSettlement(database: database, writer: writer)
    }

    /// The reference of a bill's charge in the ledger.
    static func reference(_ number: String) -> String { "bill \(number)" }

    /// Writes what a staging issuer keeps until its transaction commits.
    func flush() throws {
        try writer.flush()
    }

    /// Issues `draft`.
    /// - Parameters:
    ///   - runID: the run issuing it, if any.
    ///   - replaces: the cancelled bill it replaces (a rebill).
    /// - Returns: the bill's number and row id.
    @discardableResult
    func issue(_ draft: BillDraft, runID: Int64?, replaces: Bill? = nil, audit: AuditTrail) throws -> (number: String, id: Int64) {
        let number = try writer.nextNumber(prefix: options.numberPrefix)
        let issueDate = audit.context.time.date
        let dueDate = issueDate.adding(days: options.dueDays).description
        var entryID: Int64?
        if !draft.total.isZero {
            entryID = try Ledger(database: database).post(
                LedgerPosting(kind: .billCharge, amount: try draft.total.negated(), reference: Self.reference(number),
                              reason: "bill \(number) for \(draft.period.label)"),
                to: draft.account, audit: audit)
        }
        let id = try writer.insert(draft, number: number, runID: runID, replacesID: replaces?.id, ledgerEntryID: entryID,
                                   issueDate: issueDate.description, dueDate: dueDate, context: audit.context)
        try queue.take(draft.consumptionIDs, of: draft.account.id)
        var changes = [
            AuditChange("account", old: nil, new: draft.account.number),
            AuditChange("period", old: nil, new: draft.period.label),
            AuditChange("volume", old: nil, new: draft.volume.description),
            AuditChange("total", old: nil, new: draft.total.description),
            AuditChange("due", old: nil, new: dueDate),
        ]
        if let sewage = draft.sewageVolume { changes.append(AuditChange("sewage_volume", old: nil, new: sewage.description)) }
        if let entryID { changes.append(AuditChange("receipt", old: nil, new: String(entryID))) }
        if let replaces { changes.append(AuditChange("replaces", old: nil, new: replaces.number)) }
        try audit.record(entity: "bill", id: number, action: "issue", changes: changes)
        try settlement.settleIssued(accountID: draft.account.id, charge: draft.total.minorUnits, audit: audit)
        return (number, id)
    }
}
