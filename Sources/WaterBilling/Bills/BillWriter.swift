import WBillSupport

/// The one writer of `bills`, `bill_lines`, `bill_consumptions` and `bill_series`, for a single
/// bill and a run alike: numbers from a series, a bill with its lines and the records it rests on,
/// and the changes a bill takes (its paid amount and status, its cancellation). It decides nothing: `BillIssue` and
/// `BillCorrection` do.
///
/// A staging writer (a bill run's) keeps the series' last number in memory while its transaction
/// lasts and writes it at `flush()`, which the run calls before each COMMIT: one UPDATE a batch
/// instead of one a bill. A writer that does not stage writes it at once.
final class BillWriter {
    let database: Database
    let staging: Bool
    /// The series and its last number taken, while staging and not flushed.
    private var series: (prefix: String, last: Int64, stored: Bool)?
    private var billInsert: Statement?
    private var lineInserts: [Int: Statement] = [:]
    private var consumptionInsert: Statement?
    /// Texts of days and decimals a run writes again and again (periods, line spans, rates).
    private var dayTexts: [Int: String] = [:]
    private struct DecimalKey: Hashable {
        let units: Int64
        let scale: Int
    }
    private var decimalTexts: [DecimalKey: String] = [:]

    init(database: Database, staging: Bool = false) {
        self.database = database
        self.staging = staging
    }

    /// Takes the next number of the series `prefix`, in the caller's transaction (a rollback gives
    /// it back, so numbers have no gaps).
    func nextNumber(prefix: String) throws -> String {
        if series?.prefix != prefix {
            try flush()
            let last = try database.scalarInt("SELECT last_number FROM bill_series WHERE prefix = ?", [prefix])
            series = (prefix, last ?? 0, last != nil)
        }
        guard var current = series else { preconditionFailure("the series was just read") }
        current.last += 1
        series = current
        if !staging { try flush() }
        return BillOptions.number(prefix: prefix, sequence: current.last)
    }

    /// Writes the series' last number taken; the next number is read from the table again (another
    /// command may take numbers between a run's batches).
    func flush() throws {
        guard let current = series else { return }
        if current.stored {
            try database.run("UPDATE bill_series SET last_number = ? WHERE prefix = ?", [current.last, current.prefix])
        } else {
            try database.run("INSERT INTO bill_series (prefix, last_number) VALUES (?, ?)", [current.prefix, current.last])
        }
        series = nil
    }

    /// Inserts the bill `draft` describes, with its lines and the records it rests on.
    /// - Returns: its row id.
    func insert(_ draft: BillDraft, number: String, runID: Int64?, replacesID: Int64?, ledgerEntryID: Int64?,
                issueDate: String, dueDate: String, context: AuditContext) throws -> Int64 {
        let insert = try billInsert ?? database.prepare("""
            INSERT INTO bills (number, account_id, customer_id, customer_name, address, run_id, period, cycle, period_from, period_to,
                               span_from, span_to, tariff, persons, caliber, volume, sewage_volume, currency, minor_unit, total,
                               issued_at, issued_by, issue_date, due_date, status, paid_amount, ledger_entry_id, replaces_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            """)
        billInsert = insert
        let account = draft.account
        let period = draft.period.span
        try insert.bind(number, at: 1)
        try insert.bind(account.id, at: 2)
        try insert.bind(account.holderID, at: 3)
        try insert.bind(account.holderName, at: 4)
        try bind(draft.address, to: insert, at: 5)
        try insert.bind(runID, at: 6)
        try insert.bind(draft.period.label, at: 7)
        try insert.bind(draft.cycle.rawValue, at: 8)
        try insert.bind(text(period.first), at: 9)
        try insert.bind(text(period.last), at: 10)
        try insert.bind(text(draft.span.first), at: 11)
        try insert.bind(text(draft.span.last), at: 12)
        try insert.bind(draft.tariff, at: 13)
        try insert.bind(draft.persons.map(Int64.init), at: 14)
        try insert.bind(draft.caliber.map(Int64.init), at: 15)
        try insert.bind(draft.volume.litres, at: 16)
        try insert.bind(draft.sewageVolume?.litres, at: 17)
        try insert.bind(draft.total.currency.code, at: 18)
        try insert.bind(Int64(draft.total.currency.minorUnit), at: 19)
        try insert.bind(draft.total.minorUnits, at: 20)
        try insert.bind(context.timeText, at: 21)
        try insert.bind(context.operatorName, at: 22)
        try insert.bind(issueDate, at: 23)
        try insert.bind(dueDate, at: 24)
        try insert.bind(draft.total.isZero ? BillStatus.paid.rawValue : BillStatus.open.rawValue, at: 25)
        try insert.bind(ledgerEntryID, at: 26)
        try insert.bind(replacesID, at: 27)
        try insert.executeBound()
        let id = database.lastInsertRowID
        try insertLines(draft.breakdown.allLines, of: id)
        let records = try consumptionInsert ?? database.prepare("INSERT INTO bill_consumptions (bill_id, consumption_id) VALUES (?, ?)")
        consumptionInsert = records
        for consumptionID in draft.consumptionIDs {
            try records.bind(id, at: 1)
            try records.bind(consumptionID, at: 2)
            try records.executeBound()
        }
        return id
    }

    /// The bill's lines in one INSERT, numbered from 1 in print order.
    private func insertLines(_ lines: [PriceLine], of billID: Int64) throws {
        guard !lines.isEmpty else { return }
        let columns = 14
        let statement: Statement
        if let prepared = lineInserts[lines.count] {
            statement = prepared
        } else {
            // The bill's id is bound once, as ?1.
            let rows = (0..<lines.count).map { index in
                "(?1, " + (0..<columns).map { "?\(2 + index * columns + $0)" }.joined(separator: ", ") + ")"
            }
            statement = try database.prepare("""
                INSERT INTO bill_lines (bill_id, line, kind, tariff, component, label, tier_from, tier_to, span_from, span_to,
                                        version, season, volume, rate, amount)
                VALUES \(rows.joined(separator: ", "))
                """)
            lineInserts[lines.count] = statement
        }
        try statement.bind(billID, at: 1)
        for (index, line) in lines.enumerated() {
            let base = Int32(2 + index * columns)
            try statement.bind(Int64(index + 1), at: base)
            try statement.bind(line.kind.rawValue, at: base + 1)
            try statement.bind(line.tariff, at: base + 2)
            try statement.bind(line.component, at: base + 3)
            try statement.bind(line.label, at: base + 4)
            try statement.bind(line.tiers.map { Int64($0.lowerBound) }, at: base + 5)
            try statement.bind(line.tiers.map { Int64($0.upperBound) }, at: base + 6)
            try statement.bind(text(line.span.first), at: base + 7)
            try statement.bind(text(line.span.last), at: base + 8)
            try statement.bind(line.version.map(Int64.init), at: base + 9)
            try bind(line.season, to: statement, at: base + 10)
            try bind(line.exactVolume.map(text), to: statement, at: base + 11)
            try bind(line.rate.map(text), to: statement, at: base + 12)
            try statement.bind(line.amount.minorUnits, at: base + 13)
        }
        try statement.executeBound()
    }

    /// `2026-10-01`, formatted once a day.
    private func text(_ day: CivilDate) -> String {
        if let known = dayTexts[day.daysSinceEpoch] { return known }
        let text = day.description
        if dayTexts.count > 4096 { dayTexts.removeAll() }
        dayTexts[day.daysSinceEpoch] = text
        return text
    }

    /// A decimal's text, with its scale, formatted once.
    private func text(_ decimal: FixedDecimal) -> String {
        let key = DecimalKey(units: decimal.units, scale: decimal.scale)
        if let known = decimalTexts[key] { return known }
        let text = decimal.description
        if decimalTexts.count > 65_536 { decimalTexts.removeAll() }
        decimalTexts[key] = text
        return text
    }

    private func bind(_ text: String?, to statement: Statement, at index: Int32) throws {
        if let text { try statement.bind(text, at: index) } else { try statement.bind(nil as Int64?, at: index) }
    }

    /// Records what payments have covered of the bill `id` and the status that follows (see
    /// `BillSettlement`, which decides both).
    func recordPaid(_ id: Int64, paidAmount: Int64, status: BillStatus) throws {
        try database.run("UPDATE bills SET paid_amount = ?, status = ? WHERE id = ?", [paidAmount, status.rawValue, id])
    }

    /// Marks the bill `id` cancelled, with when, by whom and why.
    func cancel(_ id: Int64, reason: String, context: AuditContext) throws {
        try database.run("UPDATE bills SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?",
                         [context.timeText, context.operatorName, reason, id])
    }
}
