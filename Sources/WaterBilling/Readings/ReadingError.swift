import WBillSupport

/// A reading already stored, as errors name it.
public struct ReadingFacts: Sendable, Equatable {
    public let id: Int64
    public let at: String
    public let value: Volume
    public let source: ReadingSource

    /// Facts of a reading.
    public init(id: Int64, at: String, value: Volume, source: ReadingSource) {
        self.id = id
        self.at = at
        self.value = value
        self.source = source
    }

    /// `123.000 at 2026-11-23T09:30:00.000Z (reading 7, estimated)`.
    public var described: String {
        "\(value) at \(at) (reading \(id)\(source == .estimated ? ", estimated" : ""))"
    }
}

/// Why a reading was refused, why an estimate could not be made, or why a void was refused.
/// Messages are lower-case and state the facts; a front end adds how to fix them.
public enum ReadingError: ClassifiedError, Equatable {
    /// A value that is not a register reading: the text, and what was expected.
    case invalidValue(String, reason: String)
    /// A time that is not one: the text, and what was expected.
    case invalidTime(String, reason: String)
    /// A source a reading cannot be entered with.
    case invalidSource(String)
    /// The meter is not on an account (in stock, faulty, removed): nothing is read from it.
    case notInstalled(serial: String, state: MeterState)
    /// The reading is dated before the meter was put on its account.
    case beforeInstallation(serial: String, at: String, account: String, installedAt: String)
    /// The reading is dated after the time the command runs at.
    case inTheFuture(serial: String, at: String, now: String)
    /// More than the register can show.
    case aboveRegister(serial: String, value: Volume, digits: Int)
    /// The meter has a reading later than this one: readings are recorded in time order.
    case outOfOrder(serial: String, at: String, later: ReadingFacts)
    /// The meter already has another reading at the same time.
    case duplicate(serial: String, at: String, value: Volume, existing: ReadingFacts)
    /// The same reading was recorded before and voided.
    case voided(serial: String, existing: ReadingFacts, voidedAt: String)
    /// Below the previous real reading and not plausibly a rollover of the register.
    case belowPrevious(serial: String, value: Volume, previous: ReadingFacts?, previousValue: Volume, digits: Int,
                       rollover: ImplausibleRollover)
    /// An estimate needs the meter's measured consumption on its account, and it has none.
    case noHistory(serial: String, account: String)
    /// No reading has this id.
    case notFound(String)
    /// A reason (for a void) that is empty, too long or unprintable.
    case invalidReason(String)
    /// The reading was voided already.
    case alreadyVoided(id: Int64, at: String, by: String)
    /// A final or initial reading: the meter's exchange or its account's closing rests on it.
    case takesMeterOnOrOff(id: Int64, serial: String, source: ReadingSource)
    /// The reading's account is closed: its consumption is settled.
    case accountClosed(id: Int64, account: String)
    /// An estimate was made from the reading; it must go first.
    case estimatedFrom(id: Int64, estimate: ReadingFacts)
    /// Without the reading, the next real one would be below the one before: not a plausible rollover.
    case voidLeavesNextBelow(id: Int64, next: ReadingFacts, previousValue: Volume, rollover: ImplausibleRollover)
    /// Something uses the reading's consumption (a bill): what, for people.
    case consumptionInUse(id: Int64, dependents: [String])
    /// The consumption of a reading of meter `serial` at `at` on a system-prepaid account cannot be
    /// priced by its tariff, so nothing could be deducted: the account, the tariff and the engine's reason.
    case notPriced(serial: String, at: String, account: String, tariff: String, reason: String)

    public var failureKind: FailureKind {
        switch self {
        case .invalidValue, .invalidTime, .invalidSource, .invalidReason, .beforeInstallation, .inTheFuture, .aboveRegister, .outOfOrder,
             .duplicate, .belowPrevious:
            return .badInput
        case .notInstalled, .voided, .noHistory, .notFound, .alreadyVoided, .takesMeterOnOrOff, .accountClosed,
             .estimatedFrom, .voidLeavesNextBelow, .consumptionInUse, .notPriced:
            return .refused
        }
    }

    /// The column of an import file to blame: `serial`, `value`, `at` or `source`.
    public var column: String {
        switch self {
        case .invalidValue, .aboveRegister, .belowPrevious, .duplicate, .voided: return "value"
        case .invalidTime, .beforeInstallation, .inTheFuture, .outOfOrder: return "at"
        case .invalidSource: return "source"
        default: return "serial"
        }
    }

    public var description: String {
        switch self {
        case .invalidValue(let text, let reason):
            return "invalid reading '\(text)': \(reason)"
        case .invalidTime(let text, let reason):
            return "invalid time '\(text)': \(reason)"
        case .invalidSource(let text):
            return "invalid source '\(text)': expected one of \(ReadingSource.entered.map(\.rawValue).joined(separator: ", "))"
        case .notInstalled(let serial, let state):
            let what: String
            switch state {
            case .inStock: what = "in stock"
            case .faulty: what = "marked faulty"
            case .removed: what = "removed from service"
            case .installed: what = "not on an account"
            }
            return "meter \(serial) is \(what): only a meter installed on an account is read"
        case .beforeInstallation(let serial, let at, let account, let installedAt):
            return "a reading at \(at) is from before meter \(serial) was put on account \(account) at \(installedAt)"
        case .inTheFuture(_, let at, let now):
            return "a reading at \(at) is later than now (\(now))"
        case .aboveRegister(let serial, let value, let digits):
            let most = Volume(litres: ConsumptionDerivation.range(digits: digits) - 1)
            return "\(value) is more than meter \(serial)'s \(digits)-digit register shows (at most \(most))"
        case .outOfOrder(let serial, let at, let later):
            return "meter \(serial) already has a later reading, \(later.described); a reading at \(at) is out of time order"
        case .duplicate(let serial, let at, let value, let existing):
            return "meter \(serial) already has a reading at \(at): \(existing.value) (reading \(existing.id)), not \(value)"
        case .voided(let serial, let existing, let voidedAt):
            return "meter \(serial)'s reading \(existing.described) was voided at \(voidedAt)"
        case .belowPrevious(let serial, let value, let previous, let previousValue, let digits, let rollover):
            let before = previous.map { "its previous reading \($0.described)" } ?? "its value \(previousValue) when it was put on its account"
            var text = "\(value) is below \(before), and not a plausible rollover of meter \(serial)'s \(digits)-digit register: "
                + "that would mean a consumption of \(rollover.implied), not less than a tenth of the register (\(rollover.limit))"
            if let expected = rollover.expected { text += " and high against the \(expected) its average use expects" }
            return text
        case .noHistory(let serial, let account):
            return "meter \(serial) has no measured consumption on account \(account) to estimate from"
        case .notFound(let id):
            return "no reading '\(id)'"
        case .invalidReason(let text):
            return "invalid reason '\(text)': expected 1 to 200 printable characters"
        case .alreadyVoided(let id, let at, let by):
            return "reading \(id) was already voided at \(at) by \(by)"
        case .takesMeterOnOrOff(let id, let serial, let source):
            return "reading \(id) is meter \(serial)'s \(source.rawValue) reading: the \(source == .final ? "change that took the meter off its account" : "exchange that put the meter on its account") rests on it"
        case .accountClosed(let id, let account):
            return "reading \(id) is on account \(account), which is closed"
        case .estimatedFrom(let id, let estimate):
            return "the estimate \(estimate.described) was made from reading \(id)"
        case .voidLeavesNextBelow(let id, let next, let previousValue, let rollover):
            return "without reading \(id), the next one, \(next.described), would be below \(previousValue), and not a plausible rollover (a consumption of \(rollover.implied))"
        case .consumptionInUse(let id, let dependents):
            return "the consumption of reading \(id) is used by \(dependents.joined(separator: ", "))"
        case .notPriced(let serial, let at, let account, let tariff, let reason):
            return "the consumption of meter \(serial) up to \(at) cannot be deducted from prepaid account \(account): tariff '\(tariff)' does not price it (\(reason))"
        }
    }
}
