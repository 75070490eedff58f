import WBillSupport

/// Where a bill is in its life. A bill is issued `open` (or `paid` when it charges nothing);
/// payments make it `partly-paid`, then `paid`; a wrong one is `cancelled` (and rebilled).
public enum BillStatus: String, Sendable, CaseIterable {
    case open
    case partlyPaid = "partly-paid"
    case paid
    case cancelled
}

/// How often an account is settled (rule 10): the length of a bill's period.
public enum BillingCycle: String, Sendable, CaseIterable {
    case daily, monthly, quarterly

    /// The calendar length of its periods.
    public var periodLength: CalendarPeriod.Length {
        switch self {
        case .daily: return .day
        case .monthly: return .month
        case .quarterly: return .quarter
        }
    }

    /// The cycle whose periods have `length`, if any (a year is no billing cycle).
    public init?(periodLength length: CalendarPeriod.Length) {
        guard let cycle = BillingCycle.allCases.first(where: { $0.periodLength == length }) else { return nil }
        self = cycle
    }
}

/// A postpaid bill as issued, with its status now. Everything but the status, the amount paid
/// and the cancellation is stored when the bill is issued and never changes, so a bill shown or
/// printed again is the bill issued.
public struct Bill: Sendable, Equatable {
    public let id: Int64
    /// Its number in its series: the series' prefix and eight digits (`B00000001`).
    public let number: String
    public let accountID: Int64
    public let accountNumber: String
    /// The account's holder when it was issued, with the name and address it was addressed to.
    public let customerID: Int64
    public let customerName: String
    public let address: String?
    /// The bill run that issued it; nil for a rebill.
    public let runID: Int64?
    /// The period billed (`2026-10`, `2026-Q4`, `2026-10-05`) and its cycle.
    public let period: String
    public let cycle: BillingCycle
    /// The period's days.
    public let periodSpan: DateSpan
    /// The days priced: the period's, from the day the account was opened when that was later.
    public let span: DateSpan
    /// What it was priced with: the tariff, the household size and the meter caliber.
    public let tariff: String
    public let persons: Int?
    public let caliber: Int?
    /// The water billed: the sum of the consumption records it rests on.
    public let volume: Volume
    /// The sewage volume charged by sewage-based components, when the account's stored basis was used.
    public let sewageVolume: Volume?
    /// The sum of its lines.
    public let total: Money
    public let issuedAt: String
    public let issuedBy: String
    public let issueDate: CivilDate
    public let dueDate: CivilDate
    public let status: BillStatus
    /// What payments have covered so far.
    public let paidAmount: Money
    /// The `bill-charge` ledger entry; nil for a bill of zero.
    public let ledgerEntryID: Int64?
    /// The bill this one replaces (a rebill), and the one that replaced this one.
    public let replacesNumber: String?
    public let replacedByNumber: String?
    public let cancelledAt: String?
    public let cancelledBy: String?
    public let cancelReason: String?

    /// What is left to pay: the total less what was paid (zero once cancelled).
    public var outstanding: Money {
        status == .cancelled ? .zero(total.currency) : Money(minorUnits: total.minorUnits - paidAmount.minorUnits, currency: total.currency)
    }
}

/// One consumption record a bill rests on, as its "readings used" section shows it.
public struct BillConsumption: Sendable, Equatable {
    public let consumptionID: Int64
    /// The meter and the reading that ends the span.
    public let serial: String
    public let readingID: Int64
    /// The register at the start (where the meter was put on the account, when the span starts
    /// there) and at the end.
    public let fromValue: Volume?
    public let toValue: Volume
    public let from: String
    public let to: String
    /// Negative for a reversal.
    public let volume: Volume
    public let kind: ConsumptionKind
}

/// A bill with its lines and the consumption it rests on: what show and print render.
public struct BillDetails: Sendable, Equatable {
    public let bill: Bill
    /// The priced lines in print order, exactly as the tariff engine gave them.
    public let lines: [PriceLine]
    public let consumptions: [BillConsumption]
    /// What was put on it and taken off it, oldest first, and the late fees charged on it: where it
    /// stands now (`bill show`), not part of the bill as issued (`bill print`).
    public var payments: [BillPayment] = []
    public var lateFees: [BillLateFee] = []
}

/// One amount put on a bill (or taken off it when it was cancelled), as stored.
public struct BillPayment: Sendable, Equatable {
    public let at: String
    public let amount: Money
    public let source: AllocationSource
    /// The payment's ledger entry, for money a payment brought.
    public let receipt: Int64?
    public let operatorName: String
}

/// One late fee charged on a bill, as stored.
public struct BillLateFee: Sendable, Equatable {
    public let days: DateSpan
    /// What the bill owed when it was computed, the rate per mille a day, and the fee.
    public let base: Money
    public let rate: FixedDecimal
    public let amount: Money
    /// Its ledger entry; nil for a fee of zero.
    public let receipt: Int64?
    public let at: String
}

/// Filters for listing bills; nil fields do not filter.
public struct BillFilter: Sendable {
    public var accountNumber: String?
    public var period: String?
    public var status: BillStatus?
    public var runID: Int64?
    public var limit: Int?
    public var offset: Int

    /// No filter.
    public init(accountNumber: String? = nil, period: String? = nil, status: BillStatus? = nil, runID: Int64? = nil,
                limit: Int? = nil, offset: Int = 0) {
        self.accountNumber = accountNumber
        self.period = period
        self.status = status
        self.runID = runID
        self.limit = limit
        self.offset = offset
    }
}
