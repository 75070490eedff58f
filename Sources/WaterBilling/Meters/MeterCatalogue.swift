/// What kind of device a meter type is.
public enum MeterKind: String, Sendable, CaseIterable {
    case mechanical
    case icCard = "ic-card"
    case remote
    case ultrasonic
    case largeCaliber = "large-caliber"

    /// How meters of this kind are usually read.
    public var usualReadingMethod: ReadingMethod {
        switch self {
        case .icCard: return .card
        case .remote: return .remote
        default: return .manual
        }
    }
}

/// Whether a meter type is paid for before (prepaid) or after (postpaid) use.
public enum PaymentModel: String, Sendable, CaseIterable {
    case prepaid
    case postpaid
}

/// How a meter's readings reach the system.
public enum ReadingMethod: String, Sendable, CaseIterable {
    case manual
    case remote
    case card
}

/// Where a meter is in its life.
public enum MeterState: String, Sendable, CaseIterable {
    /// In the store, not on any account ("uninstalled").
    case inStock = "in-stock"
    /// On an account.
    case installed
    /// Taken out of service for good (exchanged or retired).
    case removed
    /// Known to be broken.
    case faulty
}
