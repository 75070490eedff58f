import WBillSupport

/// The one writer of `bills`, `bill_lines`, `bill_consumptions` and `bill_series`, for a single
/// bill and a run alike: numbers from a series, a bill with its lines and the records it rests on,
/// and the one change a bill takes (its status). It decides nothing: `BillIssue` and
/// `BillCorrection` do.
final class BillWriter {
    let database: Database

    init(database: Database) {
        self.database = database
    }

    /// Takes the next number of the series `prefix`, in the caller's transaction (a rollback gives
    /// it back, so numbers have no gaps).
    func nextNumber(prefix: String) throws -> String {
        let sequence = try database.scalarInt(
            "UPDATE bill_series SET last_number = last_number + 1 WHERE prefix = ? RETURNING last_number", [prefix])
        if let sequence { return BillOptions.number(prefix: prefix, sequence: sequence) }
        try database.run("INSERT INTO bill_series (prefix, last_number) VALUES (?, 1)", [prefix])
        return BillOptions.number(prefix: prefix, sequence: 1)
    }

    /// Inserts the bill `draft` describes, with its lines and the records it rests on.
    /// - Returns: its row id.
    func insert(_ draft: BillDraft, number: String, runID: Int64?, replacesID: Int64?, ledgerEntryID: Int64?,
                issueDate: CivilDate, dueDate: CivilDate, context: AuditContext) throws -> Int64 {
        try database.run("""
            INSERT INTO bills (number, account_id, customer_id, customer_name, address, run_id, period, cycle, period_from, period_to,
                               span_from, span_to, tariff, persons, caliber, volume, sewage_volume, currency, minor_unit, total,
                               issued_at, issued_by, issue_date, due_date, status, paid_amount, ledger_entry_id, replaces_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            """, [number, draft.account.id, draft.account.holderID, draft.account.holderName, draft.address, runID,
                  draft.period.label, draft.cycle.rawValue, draft.period.span.first.description, draft.period.span.last.description,
                  draft.span.first.description, draft.span.last.description, draft.tariff, draft.persons, draft.caliber,
                  draft.volume.litres, draft.sewageVolume?.litres, draft.total.currency.code, draft.total.currency.minorUnit,
                  draft.total.minorUnits, context.timeText, context.operatorName, issueDate.description, dueDate.description,
                  draft.total.isZero ? BillStatus.paid.rawValue : BillStatus.open.rawValue, ledgerEntryID, replacesID])
        let id = database.lastInsertRowID
        for (index, line) in draft.breakdown.allLines.enumerated() {
            try database.run("""
                INSERT INTO bill_lines (bill_id, line, kind, tariff, component, label, tier_from, tier_to, span_from, span_to,
                                        version, season, volume, rate, amount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, index + 1, line.kind.rawValue, line.tariff, line.component, line.label, line.tiers?.lowerBound,
                      line.tiers?.upperBound, line.span.first.description, line.span.last.description, line.version, line.season,
                      line.exactVolume?.description, line.rate?.description, line.amount.minorUnits])
        }
        for consumptionID in draft.consumptionIDs {
            try database.run("INSERT INTO bill_consumptions (bill_id, consumption_id) VALUES (?, ?)", [id, consumptionID])
        }
        return id
    }

    /// Marks the bill `id` cancelled, with when, by whom and why.
    func cancel(_ id: Int64, reason: String, context: AuditContext) throws {
        try database.run("UPDATE bills SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?",
                         [context.timeText, context.operatorName, reason, id])
    }
}
