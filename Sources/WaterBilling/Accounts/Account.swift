/// Where an account is in its life.
public enum AccountStatus: String, Sendable, CaseIterable {
    /// In use: readings are billed or deducted, money can be taken.
    case open
    /// Held back (reserved for arrears and disputes; nothing sets it yet).
    case suspended
    /// Closed for good: its meters are off it and its balance was zero when it closed.
    case closed
}

/// What is billed: a number, the customer holding it now, the customer type it was opened under,
/// and its status. Its meters, holders and money live in their own tables.
public struct Account: Sendable, Equatable {
    public let id: Int64
    /// The account number, e.g. `AC00000001` (see `AccountNumbering`).
    public let number: String
    public let customerTypeID: Int64
    public let customerTypeName: String
    /// The customer type's business mode when the account was opened (rule 5 keeps it fixed).
    public let businessMode: BusinessMode
    public let status: AccountStatus
    /// The currency its ledger is kept in.
    public let currency: Currency
    /// The customer holding the account now.
    public let holderID: Int64
    public let holderName: String
    public let openedAt: String
    public let openedBy: String
    public let closedAt: String?
    public let closedBy: String?

    /// Whether its balance is prepaid money (system-prepaid or meter-prepaid) rather than postpaid bills.
    public var isPrepaid: Bool { businessMode.isPrepaid }

    /// Whether it is a card-meter account, whose money moves through the IC card (rule 7).
    public var isCardMeter: Bool { businessMode == .meterPrepaid }

    /// `postpaid`, `prepaid` or `prepaid (card meter)`, for people.
    public var paymentDescription: String {
        switch businessMode {
        case .postpaid: return "postpaid"
        case .systemPrepaid: return "prepaid"
        case .meterPrepaid: return "prepaid (card meter)"
        }
    }
}

/// Filters for listing accounts (and customers, one row per account); nil fields do not filter.
public struct AccountFilter: Sendable {
    /// Matches a name or phone containing the text, or exactly an account number, a meter serial
    /// (any meter the account has had), an ID number or a tax number.
    public var search: String?
    public var customerTypeName: String?
    public var status: AccountStatus?
    public var businessMode: BusinessMode?
    /// Only accounts whose balance is below zero (money owed).
    public var owing: Bool
    public var limit: Int?
    public var offset: Int

    /// No filter.
    public init(search: String? = nil, customerTypeName: String? = nil, status: AccountStatus? = nil,
                businessMode: BusinessMode? = nil, owing: Bool = false, limit: Int? = nil, offset: Int = 0) {
        self.search = search
        self.customerTypeName = customerTypeName
        self.status = status
        self.businessMode = businessMode
        self.owing = owing
        self.limit = limit
        self.offset = offset
    }
}

/// One row of an account listing: the account, its holder's contact fields, meters and balance.
public struct AccountSummary: Sendable, Equatable {
    public let account: Account
    public let phone: String?
    /// The ID number, or for organisations the tax number.
    public let identity: String?
    public let address: String?
    /// Serials of the meters on it now, by serial.
    public let meterSerials: [String]
    public let balance: Money
}
