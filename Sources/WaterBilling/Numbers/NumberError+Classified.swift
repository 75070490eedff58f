import WBillSupport

extension NumberError: ClassifiedError {
    /// Malformed numbers are bad input; an overflow is input too large to handle exactly.
    public var failureKind: FailureKind {
        switch self {
        case .currencyMismatch: return .refused
        default: return .badInput
        }
    }
}
