import WBillSupport

/// The one writer of `late_fees`: a row for each late fee charged on a bill for a run of days, in
/// the caller's transaction. It decides nothing: `LateFees` does.
struct LateFeeWriter {
    let database: Database

    /// The last day the bill `billID` has been charged late fees for, if any.
    func lastDayCharged(billID: Int64) throws -> CivilDate? {
        guard let text = try database.first("SELECT max(to_date) FROM late_fees WHERE bill_id = ?", [billID], { $0.optionalText(0) })
            .flatMap({ $0 })
        else { return nil }
        return try CivilDate(parsing: text)
    }

    /// Records the fee `amount` (minor units) on the bill `billID` for `days`, computed on `base`
    /// at `rate` per mille a day, with its ledger entry (none for a fee of zero).
    func insert(billID: Int64, days: DateSpan, base: Int64, rate: FixedDecimal, amount: Int64, ledgerEntryID: Int64?,
                context: AuditContext) throws {
        try database.run("""
            INSERT INTO late_fees (bill_id, from_date, to_date, days, base, rate, amount, ledger_entry_id, at, operator)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [billID, days.first.description, days.last.description, Int64(days.days), base, rate.description, amount,
                  ledgerEntryID, context.timeText, context.operatorName])
    }
}
