import WBillSupport

/// What a ledger entry records. The sign of its amount follows from the kind (see `Ledger`).
public enum LedgerEntryKind: String, Sendable, CaseIterable {
    /// Money paid in to a prepaid balance (or pre-stored on a postpaid account): positive.
    case recharge
    /// Money paid back out of the balance: negative.
    case refund
    /// A reading's charge taken from a system-prepaid balance: negative.
    case deduction
    /// A postpaid bill's amount: negative.
    case billCharge = "bill-charge"
    /// A payment towards postpaid bills: positive.
    case payment
    /// Volume bought onto an IC card (card-meter accounts).
    case cardPurchase = "card-purchase"
    /// A correction by an operator, with a reason: either sign.
    case adjustment
    /// The exact opposite of an earlier entry.
    case reversal
    /// A late fee on an overdue postpaid bill (`LateFees`): negative.
    case lateFee = "late-fee"

    /// The sign an amount of this kind must have: +1, -1, or 0 when either is allowed.
    public var requiredSign: Int {
        switch self {
        case .recharge, .payment: return 1
        case .refund, .deduction, .billCharge, .lateFee: return -1
        case .cardPurchase, .adjustment, .reversal: return 0
        }
    }
}

/// One movement of money on an account, as stored, with the account's balance right after it.
public struct LedgerEntry: Sendable, Equatable {
    /// The entry's number; also the receipt number.
    public let id: Int64
    public let accountID: Int64
    public let accountNumber: String
    /// The customer holding the account when the entry was made (whose statement it is on).
    public let customerID: Int64
    public let kind: LedgerEntryKind
    /// Signed: positive in the customer's favour, negative owed or paid out.
    public let amount: Money
    public let channel: PaymentChannel?
    public let reference: String?
    public let reason: String?
    public let reversesID: Int64?
    public let at: String
    public let operatorName: String
    /// The account's balance after this entry: the sum of its entries up to and including it.
    public let balanceAfter: Money
}

/// A movement about to be appended to the ledger.
public struct LedgerPosting: Sendable, Equatable {
    public var kind: LedgerEntryKind
    /// Signed, in the account's currency.
    public var amount: Money
    public var channel: PaymentChannel?
    public var reference: String?
    public var reason: String?
    public var reversesID: Int64?

    /// A posting.
    public init(kind: LedgerEntryKind, amount: Money, channel: PaymentChannel? = nil, reference: String? = nil,
                reason: String? = nil, reversesID: Int64? = nil) {
        self.kind = kind
        self.amount = amount
        self.channel = channel
        self.reference = reference
        self.reason = reason
        self.reversesID = reversesID
    }
}

/// Filters for an account's transactions; nil fields do not filter.
public struct LedgerFilter: Sendable {
    /// Entries on or after this date (UTC).
    public var from: CivilDate?
    /// Entries on or before this date (UTC).
    public var to: CivilDate?
    public var kinds: [LedgerEntryKind]
    /// Only the newest this many (still listed oldest first).
    public var last: Int?

    /// No filter.
    public init(from: CivilDate? = nil, to: CivilDate? = nil, kinds: [LedgerEntryKind] = [], last: Int? = nil) {
        self.from = from
        self.to = to
        self.kinds = kinds
        self.last = last
    }
}
