/// What a valve command asks a meter's valve to do.
public enum ValveAction: String, Sendable, CaseIterable {
    /// Shut off the water (the prepaid balance is at or below zero).
    case close
    /// Let the water flow again (the balance is above zero again).
    case open
}

/// Where a valve command is: waiting for the head-end system, or taken by it.
public enum ValveCommandState: String, Sendable, CaseIterable {
    /// Queued; the head-end has not acknowledged it yet.
    case pending
    /// The head-end (or an operator for it) acknowledged it.
    case acknowledged
}

/// One command of the valve queue, with its meter's serial and its account's number.
public struct ValveCommand: Sendable, Equatable {
    public let id: Int64
    public let action: ValveAction
    public let meterID: Int64
    public let meterSerial: String
    public let accountNumber: String?
    /// The balance the movement left, which called for the command.
    public let balance: Money?
    /// The ledger entry (receipt) of that movement.
    public let ledgerEntryID: Int64?
    public let queuedAt: String
    public let queuedBy: String
    public let state: ValveCommandState
    public let acknowledgedAt: String?
    public let acknowledgedBy: String?
}

/// Filters for listing the valve queue; nil fields do not filter.
public struct ValveCommandFilter: Sendable {
    public var state: ValveCommandState?
    public var action: ValveAction?
    /// An account number (looked up; an unknown one is refused).
    public var accountNumber: String?
    /// A meter serial (looked up; an unknown one is refused).
    public var meterSerial: String?
    public var limit: Int?
    public var offset: Int

    /// No filter.
    public init(state: ValveCommandState? = nil, action: ValveAction? = nil, accountNumber: String? = nil,
                meterSerial: String? = nil, limit: Int? = nil, offset: Int = 0) {
        self.state = state
        self.action = action
        self.accountNumber = accountNumber
        self.meterSerial = meterSerial
        self.limit = limit
        self.offset = offset
    }
}
