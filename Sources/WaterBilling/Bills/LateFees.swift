import WBillSupport

/// One late fee charged on a bill by a late-fee run.
public struct LateFeeCharge: Sendable, Equatable {
    public let billNumber: String
    public let accountNumber: String
    /// The days charged (inclusive): from the day after the last day charged before (or after
    /// the due date and the grace days) through the run's date.
    public let days: DateSpan
    /// What the bill still owed when the fee was computed.
    public let base: Money
    /// Per mille a day.
    public let rate: FixedDecimal
    /// The fee, rounded half-up to the minor unit (may be zero).
    public let amount: Money
    /// Its `late-fee` ledger entry; nil for a fee of zero.
    public let receipt: Int64?
}

/// Late fees on postpaid bills, charged by an explicit run (`charge(asOf:)`, a cron job) rather than
/// as time passes.
///
/// A bill open or partly paid on the run's date is late for each day after its due date plus the
/// grace days (`BillOptions`). Each run charges every late bill for the days it has not been
/// charged for, through its date: fee = what the bill still owes × the rate (per mille a day) ×
/// the days ÷ 1000, computed exactly and rounded half-up to the currency's minor unit once per
/// bill and run. The fee is a `late-fee` entry in the ledger (referenced `late-fee NUMBER
/// FROM..TO`, its reason naming the bill, days, rate and base) and a `late_fees` row
/// (`LateFeeWriter`) for the days; a fee that rounds to zero still marks its days charged. So a
/// second run on the same date charges nothing, and a later run charges only the days since.
/// Unpaid fees lower the account's credit, so a payment covers them before bills (`BillSettlement`).
public struct LateFees {
    let database: Database

    /// Late fees over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// The reference of a late fee's ledger entry.
    static func reference(_ number: String, days: DateSpan) -> String { "late-fee \(number) \(days)" }

    /// Charges every late bill for its days not charged yet, through `asOf`, in the caller's
    /// transaction, with an audit entry per fee and one for the run.
    /// - Returns: the fees charged, by bill number (none when the rate is zero or nothing is late).
    /// - Throws: `BillError.lateFeesAhead` for a date after today (the audit context's).
    public func charge(asOf: CivilDate, audit: AuditTrail) throws -> [LateFeeCharge] {
        let today = audit.context.time.date
        guard asOf <= today else { throw BillError.lateFeesAhead(asOf: asOf, today: today) }
        let options = try BillOptions.current(in: database)
        let rate = options.lateFeePerMille
        guard !rate.isZero else {
            try audit.record(entity: "late-fee-run", id: asOf.description, action: "run", changes: [
                AuditChange("rate_per_mille", old: nil, new: rate.description), AuditChange("bills", old: nil, new: "0"),
            ])
            return []
        }
        // Late on asOf: due before asOf minus the grace days (the bills_status index).
        let lastDueDate = asOf.adding(days: -options.graceDays - 1)
        let late = try database.query("""
            SELECT id, number, account_id, total - paid_amount, currency, minor_unit, due_date FROM bills
            WHERE (status = 'open' OR status = 'partly-paid') AND due_date <= ?
            ORDER BY number
            """, [lastDueDate.description]) { row in
            (id: row.int64(0), number: row.text(1), accountID: row.int64(2), owed: row.int64(3),
             currency: try Currency(code: row.text(4), minorUnit: row.int(5)), due: try CivilDate(parsing: row.text(6)))
        }
        let writer = LateFeeWriter(database: database)
        let accounts = AccountStore(database: database)
        let ledger = Ledger(database: database)
        var charges: [LateFeeCharge] = []
        var total: [String: Int64] = [:]
        for bill in late where bill.owed > 0 {
            let firstLateDay = bill.due.adding(days: options.graceDays + 1)
            let from = try writer.lastDayCharged(billID: bill.id).map { max($0.adding(days: 1), firstLateDay) } ?? firstLateDay
            guard from <= asOf else { continue }
            let days = try DateSpan(from: from, through: asOf)
            let fee = try LateFees.fee(on: bill.owed, perMille: rate, days: days.days)
            let money = { Money(minorUnits: $0, currency: bill.currency) }
            var entryID: Int64?
            let account = try accounts.find(id: bill.accountID)
            if fee > 0 {
                entryID = try ledger.post(
                    LedgerPosting(kind: .lateFee, amount: money(-fee), reference: LateFees.reference(bill.number, days: days),
                                  reason: "late fee on bill \(bill.number): \(days.days) day\(days.days == 1 ? "" : "s") (\(days)) at \(rate) per mille a day on \(money(bill.owed))"),
                    to: account, audit: audit)
            }
            try writer.insert(billID: bill.id, days: days, base: bill.owed, rate: rate, amount: fee, ledgerEntryID: entryID,
                              context: audit.context)
            var changes = [AuditChange("days", old: nil, new: days.description), AuditChange("base", old: nil, new: money(bill.owed).description),
                           AuditChange("rate_per_mille", old: nil, new: rate.description), AuditChange("fee", old: nil, new: money(fee).description)]
            if let entryID { changes.append(AuditChange("receipt", old: nil, new: String(entryID))) }
            try audit.record(entity: "bill", id: bill.number, action: "late-fee", changes: changes)
            total[bill.currency.code, default: 0] += fee
            charges.append(LateFeeCharge(billNumber: bill.number, accountNumber: account.number, days: days, base: money(bill.owed),
                                         rate: rate, amount: money(fee), receipt: entryID))
        }
        try audit.record(entity: "late-fee-run", id: asOf.description, action: "run", changes: [
            AuditChange("rate_per_mille", old: nil, new: rate.description), AuditChange("grace_days", old: nil, new: String(options.graceDays)),
            AuditChange("bills", old: nil, new: String(charges.count)),
        ] + total.keys.sorted().map { AuditChange("total_\($0)", old: nil, new: String(total[$0] ?? 0)) })
        return charges
    }

    /// The fee in minor units on `owed` minor units at `perMille` a day for `days` days: exact,
    /// then rounded half-up to the minor unit. 100.00 owed at 0.5 ‰ for 10 days: 10000 × 0.5 × 10
    /// ÷ 1000 = 50 (0.50).
    /// - Throws: `NumberError.overflow` for a fee beyond 64 bits.
    static func fee(on owed: Int64, perMille rate: FixedDecimal, days: Int) throws -> Int64 {
        let numerator = Int128(owed) * Int128(rate.units) * Int128(days)
        var denominator: Int128 = 1000
        for _ in 0..<rate.scale { denominator *= 10 }
        let fee = RoundingRule.halfUp.divide(numerator, by: denominator)
        guard let exact = Int64(exactly: fee) else { throw NumberError.overflow("a late fee") }
        return exact
    }
}
