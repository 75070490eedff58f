import WBillSupport

/// Bills in the database: find by number, list with filters, a bill's stored lines and the
/// consumption it rests on, and what stands for an account and period. Every query is an index
/// search (by number, account, period, run, status, consumption record).
public struct BillStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    static let select = """
        SELECT b.id, b.number, b.account_id, a.number, b.customer_id, b.customer_name, b.address, b.run_id, b.period, b.cycle,
               b.period_from, b.period_to, b.span_from, b.span_to, b.tariff, b.persons, b.caliber, b.volume, b.sewage_volume,
               b.currency, b.minor_unit, b.total, b.issued_at, b.issued_by, b.issue_date, b.due_date, b.status, b.paid_amount,
               b.ledger_entry_id, r.number, (SELECT n.number FROM bills n WHERE n.replaces_id = b.id),
               b.cancelled_at, b.cancelled_by, b.cancel_reason
        FROM bills b JOIN accounts a ON a.id = b.account_id LEFT JOIN bills r ON r.id = b.replaces_id
        """

    static func bill(_ row: Row) throws -> Bill {
        let currency = try Currency(code: row.text(19), minorUnit: row.int(20))
        func span(_ first: Int32) throws -> DateSpan {
            try DateSpan(from: CivilDate(parsing: row.text(first)), through: CivilDate(parsing: row.text(first + 1)))
        }
        return Bill(
            id: row.int64(0), number: row.text(1), accountID: row.int64(2), accountNumber: row.text(3), customerID: row.int64(4),
            customerName: row.text(5), address: row.optionalText(6), runID: row.optionalInt64(7), period: row.text(8),
            cycle: try row.stored(9, as: BillingCycle.self), periodSpan: try span(10), span: try span(12), tariff: row.text(14),
            persons: row.optionalInt64(15).map(Int.init), caliber: row.optionalInt64(16).map(Int.init),
            volume: Volume(litres: row.int64(17)), sewageVolume: row.optionalInt64(18).map(Volume.init(litres:)),
            total: Money(minorUnits: row.int64(21), currency: currency), issuedAt: row.text(22), issuedBy: row.text(23),
            issueDate: try CivilDate(parsing: row.text(24)), dueDate: try CivilDate(parsing: row.text(25)),
            status: try row.stored(26, as: BillStatus.self), paidAmount: Money(minorUnits: row.int64(27), currency: currency),
            ledgerEntryID: row.optionalInt64(28), replacesNumber: row.optionalText(29), replacedByNumber: row.optionalText(30),
            cancelledAt: row.optionalText(31), cancelledBy: row.optionalText(32), cancelReason: row.optionalText(33))
    }

    /// The bill numbered `number` (spaces trimmed, case ignored).
    /// - Throws: `BillError.notFound`.
    public func find(_ number: String) throws -> Bill {
        let normalised = number.trimmed.uppercased()
        guard let bill = try database.first(BillStore.select + " WHERE b.number = ?", [normalised], BillStore.bill) else {
            throw BillError.notFound(normalised)
        }
        return bill
    }

    /// The bill with row id `id`.
    func find(id: Int64) throws -> Bill {
        guard let bill = try database.first(BillStore.select + " WHERE b.id = ?", [id], BillStore.bill) else {
            preconditionFailure("bill \(id) is missing")
        }
        return bill
    }

    /// The bill numbered `number` with its lines and the consumption it rests on.
    /// - Throws: `BillError.notFound`.
    public func details(_ number: String) throws -> BillDetails {
        let bill = try find(number)
        var details = BillDetails(bill: bill, lines: try lines(of: bill), consumptions: try consumptions(of: bill))
        let currency = bill.total.currency
        details.payments = try database.query("""
            SELECT at, amount, source, ledger_entry_id, operator FROM bill_allocations WHERE bill_id = ? ORDER BY id
            """, [bill.id]) { row in
            BillPayment(at: row.text(0), amount: Money(minorUnits: row.int64(1), currency: currency),
                        source: try row.stored(2, as: AllocationSource.self), receipt: row.optionalInt64(3), operatorName: row.text(4))
        }
        details.lateFees = try database.query("""
            SELECT from_date, to_date, base, rate, amount, ledger_entry_id, at FROM late_fees WHERE bill_id = ? ORDER BY to_date
            """, [bill.id]) { row in
            BillLateFee(days: try DateSpan(from: CivilDate(parsing: row.text(0)), through: CivilDate(parsing: row.text(1))),
                        base: Money(minorUnits: row.int64(2), currency: currency), rate: try FixedDecimal(parsing: row.text(3)),
                        amount: Money(minorUnits: row.int64(4), currency: currency), receipt: row.optionalInt64(5), at: row.text(6))
        }
        return details
    }

    /// Bills matching `filter`, in the order they were issued. An account's, a period's, a run's or
    /// a status's are found through their index; without a filter a page (`limit`) walks the newest
    /// rows only.
    public func list(_ filter: BillFilter) throws -> [Bill] {
        var conditions: [String] = []
        var values: [SQLBindable] = []
        if let number = filter.accountNumber {
            conditions.append("b.account_id = ?")
            values.append(try AccountStore(database: database).find(number).id)
        }
        if let period = filter.period {
            conditions.append("b.period = ?")
            values.append(period)
        }
        if let runID = filter.runID {
            conditions.append("b.run_id = ?")
            values.append(runID)
        }
        if let status = filter.status {
            conditions.append("b.status = ?")
            values.append(status.rawValue)
        }
        var sql = BillStore.select
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY b.id LIMIT ? OFFSET ?"
        values.append(filter.limit ?? -1)
        values.append(filter.offset)
        return try database.query(sql, values, BillStore.bill)
    }

    /// The bill's lines as stored, in print order.
    public func lines(of bill: Bill) throws -> [PriceLine] {
        try database.query("""
            SELECT kind, tariff, component, label, tier_from, tier_to, span_from, span_to, version, season, volume, rate, amount
            FROM bill_lines WHERE bill_id = ? ORDER BY line
            """, [bill.id]) { row in
            let tiers: ClosedRange<Int>? = row.optionalInt64(4).map { Int($0)...Int(row.int64(5)) }
            return PriceLine(kind: try row.stored(0, as: PriceLine.Kind.self), tariff: row.text(1), component: row.text(2),
                             label: row.text(3), tiers: tiers,
                             span: try DateSpan(from: CivilDate(parsing: row.text(6)), through: CivilDate(parsing: row.text(7))),
                             version: row.optionalInt64(8).map(Int.init), season: row.optionalText(9),
                             exactVolume: try row.optionalText(10).map { try FixedDecimal(parsing: $0) },
                             rate: try row.optionalText(11).map { try FixedDecimal(parsing: $0) },
                             amount: Money(minorUnits: row.int64(12), currency: bill.total.currency))
        }
    }

    /// The consumption records the bill rests on, oldest first, with their meters and readings.
    public func consumptions(of bill: Bill) throws -> [BillConsumption] {
        try database.query("""
            SELECT c.id, m.serial, c.reading_id,
                   coalesce(fr.value, (SELECT p.value FROM meter_readings p WHERE p.meter_id = c.meter_id AND p.voided_at IS NULL
                                       AND (p.account_id <> c.account_id OR p.at < c.from_at) ORDER BY p.at DESC, p.id DESC LIMIT 1),
                            m.initial_reading),
                   tr.value, c.from_at, c.to_at, c.volume, c.kind
            FROM bill_consumptions bc JOIN consumptions c ON c.id = bc.consumption_id JOIN meters m ON m.id = c.meter_id
            JOIN meter_readings tr ON tr.id = c.reading_id LEFT JOIN meter_readings fr ON fr.id = c.from_reading_id
            WHERE bc.bill_id = ? ORDER BY c.id
            """, [bill.id]) { row in
            BillConsumption(consumptionID: row.int64(0), serial: row.text(1), readingID: row.int64(2),
                            fromValue: row.optionalInt64(3).map(Volume.init(litres:)), toValue: Volume(litres: row.int64(4)),
                            from: row.text(5), to: row.text(6), volume: Volume(litres: row.int64(7)),
                            kind: try row.stored(8, as: ConsumptionKind.self))
        }
    }

    /// The ids of the consumption records the bill rests on.
    func consumptionIDs(of billID: Int64) throws -> [Int64] {
        try database.query("SELECT consumption_id FROM bill_consumptions WHERE bill_id = ? ORDER BY consumption_id", [billID]) { $0.int64(0) }
    }

    /// The account's standing (not cancelled) bill whose period shares a day with `span`, if any.
    func standingBill(of accountID: Int64, overlapping span: DateSpan) throws -> (number: String, period: String)? {
        try standingBill(of: accountID, first: span.first.description, last: span.last.description)
    }

    /// The account's standing bill whose period shares a day with the period `bounds` describes, if any.
    func standingBill(of accountID: Int64, overlapping bounds: PeriodBounds) throws -> (number: String, period: String)? {
        try standingBill(of: accountID, first: bounds.first, last: bounds.last)
    }

    private func standingBill(of accountID: Int64, first: String, last: String) throws -> (number: String, period: String)? {
        try database.first("""
            SELECT number, period FROM bills
            WHERE account_id = ? AND period_from <= ? AND period_to >= ? AND status <> 'cancelled'
            ORDER BY period_from LIMIT 1
            """, [accountID, last, first]) { (number: $0.text(0), period: $0.text(1)) }
    }

    /// The standing bills resting on any of the consumption records `ids`, by number.
    func standingBills(restingOn ids: [Int64]) throws -> [(number: String, period: String, accountNumber: String)] {
        guard !ids.isEmpty else { return [] }
        return try database.query("""
            SELECT DISTINCT b.number, b.period, a.number FROM bill_consumptions bc JOIN bills b ON b.id = bc.bill_id
            JOIN accounts a ON a.id = b.account_id
            WHERE bc.consumption_id IN (\(ids.map { _ in "?" }.joined(separator: ", "))) AND b.status <> 'cancelled'
            ORDER BY b.number
            """, ids) { (number: $0.text(0), period: $0.text(1), accountNumber: $0.text(2)) }
    }
}
