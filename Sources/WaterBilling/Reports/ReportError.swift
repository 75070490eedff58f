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

/// A share as a percentage with one decimal, exactly: `part / whole × 100`, rounded half-up (half
/// away from zero) to a tenth, by integer arithmetic in 128 bits (no binary floating point).
public struct Percentage: Sendable, Equatable, CustomStringConvertible {
    /// The percentage in tenths (`875` is 87.5 %).
    public let tenths: Int64

    /// `part / whole` as a percentage, or nil when `whole` is not positive (nothing to divide by).
    public init?(_ part: Int64, of whole: Int64) {
        guard whole > 0 else { return nil }
        // tenths = round(part × 1000 / whole), half away from zero: (2 × |part| × 1000 + whole) / (2 × whole).
        let magnitude = part.magnitude
        let numerator = magnitude.multipliedFullWidth(by: 2000)
        let (withHalf, carry) = numerator.low.addingReportingOverflow(UInt64(whole))
        let high = numerator.high + (carry ? 1 : 0)
        let divisor = UInt64(whole) * 2
        guard high < divisor else { return nil }
        let (quotient, _) = divisor.dividingFullWidth((high: high, low: withHalf))
        guard quotient <= UInt64(Int64.max) else { return nil }
        tenths = part < 0 ? -Int64(quotient) : Int64(quotient)
    }

    /// `87.5`, `100.0`, `-3.2`.
    public var description: String {
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(tenths.magnitude / 10).\(tenths.magnitude % 10)"
    }
}
