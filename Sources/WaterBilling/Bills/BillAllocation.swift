import WBillSupport

/// Where money put on a bill (or taken off it) came from.
public enum AllocationSource: String, Sendable, CaseIterable {
    /// A payment (`account pay`): the allocation names its ledger entry.
    case payment
    /// Credit the account already held (an earlier overpayment, a recharge paid in advance, a
    /// cancelled bill's payments), put on a bill when it is issued or when a cancellation frees it.
    case credit
    /// The bill was cancelled: what was paid on it goes back to the account's credit (negative).
    case cancellation
}

/// One amount put on a bill by a settlement, with the bill as it stands after it.
public struct BillAllocation: Sendable, Equatable {
    public let billNumber: String
    /// Positive: put on the bill; negative: taken off it (a cancellation).
    public let amount: Money
    public let source: AllocationSource
    /// The payment's ledger entry, when a payment brought the money.
    public let ledgerEntryID: Int64?
    /// The bill's paid amount, status and what is left to pay after it.
    public let paidAfter: Money
    public let statusAfter: BillStatus
    public let outstandingAfter: Money
}
