/// The nature of the water use, which decides the basic information a customer needs.
public enum WaterNature: String, Sendable, CaseIterable {
    case residential
    case commercial
    case industrial
    case special
    case `public`
    case statistical
}

/// How a customer type pays (DOMAIN.md rule 1).
public enum BusinessMode: String, Sendable, CaseIterable {
    /// The customer buys volume onto an IC card; the meter counts it down.
    case meterPrepaid = "meter-prepaid"
    /// The system holds a money balance and deducts each reading's charge.
    case systemPrepaid = "system-prepaid"
    /// Readings are billed per period and paid afterwards.
    case postpaid

    /// The payment model every meter type of such a customer type must have (rule 2).
    public var requiredPaymentModel: PaymentModel {
        self == .meterPrepaid ? .prepaid : .postpaid
    }

    /// The tariff kind such a customer type must use (rule 1); tariff kinds are named like business modes.
    public var requiredTariffKind: String { rawValue }

    /// Whether accounts of this mode hold a prepaid balance (as opposed to postpaid bills).
    public var isPrepaid: Bool { self != .postpaid }
}

/// A way a customer can pay (DOMAIN.md rule 11).
public enum PaymentChannel: String, Sendable, CaseIterable {
    case cash
    case bankTransfer = "bank-transfer"
    case bankCollection = "bank-collection"
    case wechat
    case alipay
    case unionpayPOS = "unionpay-pos"
}
