import WBillSupport

/// Schema version 17: the audit trail and the ledger become hash chains (`AuditChain`,
/// `ChainEncoding`).
///
/// - `audit_log.chain_hash` and `ledger_entries.chain_hash`: each row's hash, linked to the row
///   before it, written by the one INSERT of each table (`AuditTrail`, `Ledger`).
/// - `audit_log.ledger_ids` and `ledger_hash`: the ledger entries an audit entry records (ids as
///   ranges, `41-42`) and the chain hash of the last of them, so every ledger entry has its audit
///   row and the audit chain vouches for the ledger chain.
/// - Every existing row is chained once, in id order; the append-only triggers are dropped only
///   for that and created again as they were. The step's own audit entry (itself chained, the
///   first row hashed as it is written) records the chaining: how many audit and ledger rows were
///   chained (`audit_entries`, `ledger_entries`), and it names every ledger entry there was and
///   the ledger's head (`ledger_ids`, `ledger_hash`).
/// The version is named once, here (`version`): if another branch's step lands first, only this
/// number changes.
enum Migration0017AuditChain {
    static let version = 17

    static let auditNoUpdate = """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """
    static let ledgerNoUpdate = """
        CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only; correct with a reversing entry'); END;
        """

    /// The columns `audit_log` gains.
    static let auditColumns = """
        ALTER TABLE audit_log ADD COLUMN ledger_ids TEXT;
        ALTER TABLE audit_log ADD COLUMN ledger_hash TEXT;
        ALTER TABLE audit_log ADD COLUMN chain_hash TEXT;
        """

    static let migration = Migration(version: version, name: "audit chain", sql: auditColumns + """
        ALTER TABLE ledger_entries ADD COLUMN chain_hash TEXT;
        DROP TRIGGER audit_log_no_update;
        DROP TRIGGER ledger_entries_no_update;
        """, finish: chainExistingRows)

    /// Chains every row there is, in id order, and puts the triggers back; the step's audit entry
    /// names the ledger entries (`LedgerAuditLink.nameNext`) and adds the counts returned.
    @Sendable static func chainExistingRows(_ database: Database) throws -> [AuditChange] {
        let ledger = try chain(table: "ledger_entries", columns: AuditChain.ledgerEntries, in: database)
        let entries = try chain(table: "audit_log", columns: AuditChain.auditLog, in: database)
        try database.execute(auditNoUpdate)
        try database.execute(ledgerNoUpdate)
        if ledger.rows > 0 {
            let ids = try database.query("SELECT id FROM ledger_entries ORDER BY id") { $0.int64(0) }
            LedgerAuditLink.of(database).nameNext(ids: AuditChain.rangesText(ids), lastHash: ledger.head)
        }
        return [AuditChange("audit_entries", old: nil, new: String(entries.rows)),
                AuditChange("ledger_entries", old: nil, new: String(ledger.rows))]
    }

    /// Sets `chain_hash` on every row of `table`, in id order, a page at a time (no statement
    /// reads the table while it is being updated).
    static func chain(table: String, columns: [ChainColumn], in database: Database) throws -> (rows: Int64, head: String) {
        let present = Set(try database.query("SELECT name FROM pragma_table_info('\(table)')") { $0.text(0) })
        let selected = columns.map { present.contains($0.name) ? $0.name : "NULL" }.joined(separator: ", ")
        var encoder = ChainRowEncoder(columns: columns)
        var previous = Array(ChainEncoding.genesis.utf8)
        var rows: Int64 = 0
        var after: Int64 = 0
        while true {
            let page = try database.query("SELECT \(selected) FROM \(table) WHERE id > ? ORDER BY id LIMIT 10000", [after]) { row in
                previous = encoder.hash(of: row, after: previous)
                return (row.int64(0), String(decoding: previous, as: UTF8.self))
            }
            guard let last = page.last else { break }
            for (id, hash) in page { try database.run("UPDATE \(table) SET chain_hash = ? WHERE id = ?", [hash, id]) }
            rows += Int64(page.count)
            after = last.0
        }
        return (rows, String(decoding: previous, as: UTF8.self))
    }
}
