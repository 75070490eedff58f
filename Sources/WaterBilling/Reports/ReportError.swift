import WBillSupport

/// Why a report could not be computed.
public enum ReportError: ClassifiedError, Equatable {
    /// A sum the report adds (`what`: a column and a row) goes beyond what 64 bits of minor units hold.
    case sumOutOfRange(what: String, currency: Currency)

    public var failureKind: FailureKind { .badInput }

    public var description: String {
        switch self {
        case .sumOutOfRange(let what, let currency):
            let most = Money(minorUnits: Int64.max, currency: currency)
            return "the sum of \(what) goes beyond \(most.formatted(withCode: true)), more than a report can hold"
        }
    }
}

/// Exact sums for reports: Int64 with every overflow caught.
enum ReportArithmetic {
    /// `a + b`, or `ReportError.sumOutOfRange` naming `what`.
    static func add(_ a: Int64, _ b: Int64, what: @autoclosure () -> String, currency: Currency) throws -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw ReportError.sumOutOfRange(what: what(), currency: currency) }
        return sum
    }

    /// `-a`, or `ReportError.sumOutOfRange` naming `what` (only `Int64.min` has no opposite).
    static func negate(_ a: Int64, what: @autoclosure () -> String, currency: Currency) throws -> Int64 {
        guard a != .min else { throw ReportError.sumOutOfRange(what: what(), currency: currency) }
        return -a
    }

    /// Runs `body`, a query that sums amounts: SQLite refuses a `sum()` beyond 64 bits, and that
    /// refusal becomes `ReportError.sumOutOfRange` naming `what`.
    static func summing<T>(what: String, currency: Currency, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError where error.isIntegerOverflow {
            throw ReportError.sumOutOfRange(what: what, currency: currency)
        }
    }
}
