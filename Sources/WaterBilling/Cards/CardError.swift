import WBillSupport

/// Why a card could not be read as this utility's card, or a card operation was refused.
public enum CardError: ClassifiedError, Equatable {
    /// The database has no card secret (it was not migrated).
    case noSecret
    /// A wbill card of a layout version this build does not know.
    case unsupportedLayoutVersion(found: Int, known: Int)
    /// A wbill card of a kind this build does not know.
    case unknownCardKind(UInt8)
    /// An area whose CRC does not match its bytes (both copies, for the purchase area).
    case damaged(area: String)
    /// A value that does not fit its field on the card.
    case doesNotFit(field: String, value: String, reason: String)

    public var failureKind: FailureKind {
        switch self {
        case .noSecret: return .refused
        case .unsupportedLayoutVersion, .unknownCardKind, .damaged: return .badInput
        case .doesNotFit: return .refused
        }
    }

    public var description: String {
        switch self {
        case .noSecret:
            return "the database has no card secret; its schema must be brought up to date first"
        case .unsupportedLayoutVersion(let found, let known):
            return "the card is written in card layout version \(found), and this wbill knows version \(known) only"
        case .unknownCardKind(let kind):
            return "the card is of kind \(kind), which this wbill does not know"
        case .damaged(let area):
            return "the card's \(area) is damaged (its CRC does not match)"
        case .doesNotFit(let field, let value, let reason):
            return "the \(field) '\(value)' does not fit on a card: \(reason)"
        }
    }
}
