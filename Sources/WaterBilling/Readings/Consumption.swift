import WBillSupport

/// What a consumption record is.
public enum ConsumptionKind: String, Sendable, CaseIterable {
    /// Between two real readings (or from where the meter was put on the account to a real reading).
    case measured
    /// Up to an estimated reading; reversed when the next real reading corrects it.
    case estimated
    /// Takes back a record: its reading was voided, or its estimate corrected. The volume is the
    /// opposite of the record's.
    case reversal
}

/// One record of the `consumptions` table: a volume a meter measured (or is estimated to have
/// measured) for an account over a span, or the reversal of one. Every accepted reading yields
/// one, in the transaction that records the reading; what prices consumption (prepaid deductions,
/// bill runs) prices these records, reversals included, so nothing is counted twice.
public struct ConsumptionRecord: Sendable, Equatable {
    public let id: Int64
    /// The reading that ends the span (for a reversal: the reversed record's).
    public let readingID: Int64
    public let meterID: Int64
    public let accountID: Int64
    /// The reading the span starts at; nil when it starts where the meter was put on the account.
    public let fromReadingID: Int64?
    public let from: String
    public let to: String
    /// In thousandths of the volume unit; negative only for a reversal.
    public let volume: Volume
    public let kind: ConsumptionKind
    public let flags: ConsumptionFlags
    /// The record a reversal takes back.
    public let reversesID: Int64?
    /// Why a reversal was made (`reading 12 voided`, `estimate corrected by reading 15`).
    public let reason: String?
    /// For a measured record: the meter's measured consumption on the account from where it was put
    /// on it to the end of this span (a running total); nil for the others.
    public var cumulative: Volume? = nil
    /// For a record being written, its volume as a whole percentage of the use the meter's average
    /// expected (`DerivedConsumption.percentOfExpected`), for the followers that raise high and low
    /// consumption alarms with it. Not stored: nil on a record read back.
    public var percentOfExpected: Int64? = nil
}

/// A consumption about to be recorded, before anything of it (or of its reading) is written: what
/// a follower may refuse (`ConsumptionFollower.admit`).
public struct PendingConsumption: Sendable, Equatable {
    public let meterID: Int64
    /// The meter's serial, for messages.
    public let serial: String
    public let accountID: Int64
    /// Where the span starts and ends, as the record will store them.
    public let from: String
    public let to: String
    public let volume: Volume
    /// Measured or estimated (reversals are never refused).
    public let kind: ConsumptionKind
}

/// Something that must happen with each consumption record in the transaction that writes it:
/// the seam for pricing readings (system-side prepaid deductions through the tariff engine, a
/// reversal refunding its deduction) and for alarms raised from flags. `ConsumptionWriter` calls
/// every follower it was given after each record it writes, reversals included; a follower that
/// throws undoes the whole operation (the reading, the import, the void).
///
/// Before a reading and its consumption are written, the recorder asks the followers to `admit`
/// the consumption: a follower that cannot follow it (a deduction its tariff cannot price) refuses
/// it there, so that the reading is refused like any bad reading — in an import, one bad row —
/// with nothing of it written.
public protocol ConsumptionFollower {
    /// Called before `pending` (and its reading) is written; throws to refuse it.
    func admit(_ pending: PendingConsumption) throws
    /// Called after `record` was written, inside the same transaction.
    func recorded(_ record: ConsumptionRecord) throws
    /// Called after the records written together (one, or a staging writer's flush) were each
    /// `recorded`, inside the same transaction: a follower that gathers its writes writes them now.
    func finished() throws
}

extension ConsumptionFollower {
    /// Admits everything.
    public func admit(_ pending: PendingConsumption) throws {}

    public func finished() throws {}
}

/// Whether anything already uses consumption records that an operation would reverse: a standing
/// bill that rests on one (a void is refused until that bill is cancelled).
public enum ConsumptionDependencies {
    /// What depends on `records`, for people (`bill B00000012 (2026-10) of account AC00000001`);
    /// empty when nothing does.
    static func dependents(of records: [ConsumptionRecord], in database: Database) throws -> [String] {
        try BillStore(database: database).standingBills(restingOn: records.map(\.id)).map {
            "bill \($0.number) (\($0.period)) of account \($0.accountNumber)"
        }
    }
}

/// The followers every operation that records readings gives its `ConsumptionWriter`, so that each
/// accepted reading is priced and watched in its own transaction whichever way it came: system-side
/// prepaid deductions priced with the tariff engine (`PrepaidDeduction`), the consumption alarms
/// raised from flags (`ConsumptionAlarms`), and the queue of what postpaid bills have still to
/// price (`BillingQueue`).
enum ConsumptionFollowers {
    /// The followers for operations on `database`, recording with `audit`.
    static func standard(in database: Database, audit: AuditTrail) -> [ConsumptionFollower] {
        [PrepaidDeduction(database: database, audit: audit), ConsumptionAlarms(database: database, audit: audit),
         BillingQueue(database: database)]
    }
}
