import WBillSupport

/// The consumption records no standing bill has taken yet, per account: the bill run's queue, and
/// the one writer of `unbilled_consumptions`.
///
/// As a `ConsumptionFollower` it queues every record written for a postpaid account whose customer
/// type charges (reversals too: a correction after a bill is billed with the next one), in the
/// transaction that writes the record. A bill takes the records it prices off the queue; a
/// cancellation puts them back, so the next bill (or the rebill) prices them again.
final class BillingQueue: ConsumptionFollower {
    let database: Database
    /// Records written and not queued yet: gathered while a writer writes, queued when it is done
    /// (one INSERT for an import's many, checking each account in it).
    private var pending: [(accountID: Int64, consumptionID: Int64)] = []
    private var inserts: [Int: Statement] = [:]

    /// The queue in `database`.
    init(database: Database) {
        self.database = database
    }

    func recorded(_ record: ConsumptionRecord) throws {
        pending.append((record.accountID, record.id))
        if pending.count >= 500 { try finished() }
    }

    /// Queues the records gathered, those of charged postpaid accounts.
    func finished() throws {
        guard !pending.isEmpty else { return }
        let count = pending.count
        let statement: Statement
        if let prepared = inserts[count] {
            statement = prepared
        } else {
            let rows = (0..<count).map { "(?\(2 * $0 + 1), ?\(2 * $0 + 2))" }.joined(separator: ", ")
            statement = try database.prepare("""
                WITH written (account_id, consumption_id) AS (VALUES \(rows))
                INSERT INTO unbilled_consumptions (account_id, consumption_id)
                SELECT w.account_id, w.consumption_id FROM written w JOIN accounts a ON a.id = w.account_id
                JOIN customer_types t ON t.id = a.customer_type_id
                WHERE a.business_mode = 'postpaid' AND t.charge = 1
                """)
            if inserts.count > 16 { inserts.removeAll() }
            inserts[count] = statement
        }
        for (index, record) in pending.enumerated() {
            try statement.bind(record.accountID, at: Int32(2 * index + 1))
            try statement.bind(record.consumptionID, at: Int32(2 * index + 2))
        }
        pending.removeAll(keepingCapacity: true)
        try statement.executeBound()
    }

    /// The account's queued records whose span ends before `end` (a day: records ending on it or
    /// later stay queued), oldest first.
    func records(of accountID: Int64, endingBefore end: CivilDate) throws -> [(id: Int64, volume: Volume)] {
        try database.query("""
            SELECT c.id, c.volume FROM unbilled_consumptions u JOIN consumptions c ON c.id = u.consumption_id
            WHERE u.account_id = ? AND c.to_at < ? ORDER BY c.id
            """, [accountID, end.description]) { (id: $0.int64(0), volume: Volume(litres: $0.int64(1))) }
    }

    /// Takes the records `ids` of the account off the queue (a bill priced them).
    func take(_ ids: [Int64], of accountID: Int64) throws {
        for id in ids {
            try database.run("DELETE FROM unbilled_consumptions WHERE account_id = ? AND consumption_id = ?", [accountID, id])
        }
    }

    /// Puts the records `ids` of the account back on the queue (the bill that took them was cancelled).
    func restore(_ ids: [Int64], of accountID: Int64) throws {
        for id in ids {
            try database.run("INSERT INTO unbilled_consumptions (account_id, consumption_id) VALUES (?, ?)", [accountID, id])
        }
    }
}
