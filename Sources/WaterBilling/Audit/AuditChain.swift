import WBillSupport

/// The two hash-chained tables, the columns each row is hashed over (`ChainEncoding`), and where a
/// chain stands. Only `AuditTrail.record` and `Ledger`'s one INSERT write these tables, each linking
/// its row to the one before it in the same statement's transaction.
public enum AuditChain {
    /// `audit_log`'s columns in the order they are encoded. `on_behalf_of` (the operator an entry
    /// was made for, when another acted for them) is nullable and may be absent from a schema: it
    /// is then NULL, as it is in every row that does not carry it.
    public static let auditLog = [
        ChainColumn("id", .integer), ChainColumn("at", .text), ChainColumn("real_at", .text),
        ChainColumn("operator", .text), ChainColumn("on_behalf_of", .text), ChainColumn("command", .text),
        ChainColumn("entity", .text), ChainColumn("entity_id", .text), ChainColumn("action", .text),
        ChainColumn("changes", .text), ChainColumn("ledger_ids", .text), ChainColumn("ledger_hash", .text),
    ]

    /// `ledger_entries`' columns in the order they are encoded.
    public static let ledgerEntries = [
        ChainColumn("id", .integer), ChainColumn("account_id", .integer), ChainColumn("customer_id", .integer),
        ChainColumn("kind", .text), ChainColumn("amount", .integer), ChainColumn("channel", .text),
        ChainColumn("reference", .text), ChainColumn("reason", .text), ChainColumn("reverses_id", .integer),
        ChainColumn("at", .text), ChainColumn("operator", .text),
    ]

    /// The last row of `table`: its id and chain hash (`ChainEncoding.genesis` for an empty table
    /// or a row with none), read by rowid, an index search, once per transaction: then kept in
    /// memory (`ChainHeads`) as each row is written, until something is rolled back.
    static func head(of table: String, in database: Database) throws -> (id: Int64, hash: String) {
        if let kept = ChainHeads.of(database).kept(table, in: database) { return kept }
        return try database.first("SELECT id, chain_hash FROM \(table) ORDER BY id DESC LIMIT 1") {
            ($0.int64(0), $0.optionalText(1) ?? ChainEncoding.genesis)
        } ?? (0, ChainEncoding.genesis)
    }

    /// Notes that `table`'s last row is now `id` with `hash` (just written).
    static func wrote(_ table: String, id: Int64, hash: String, in database: Database) {
        ChainHeads.of(database).keep(table, id: id, hash: hash, in: database)
    }

    /// How many rows `audit_log` holds and the chain hash of its last row (nil before the chain
    /// exists or when the log is empty); nil for a file without an audit trail (schema version 0).
    public static func auditState(in database: Database) throws -> (entries: Int64, head: String?)? {
        let columns = Set(try database.query("SELECT name FROM pragma_table_info('audit_log')") { $0.text(0) })
        guard !columns.isEmpty else { return nil }
        let entries = try database.scalarInt("SELECT count(*) FROM audit_log") ?? 0
        guard columns.contains("chain_hash") else { return (entries, nil) }
        return (entries, try database.scalarText("SELECT chain_hash FROM audit_log ORDER BY id DESC LIMIT 1"))
    }

    /// Ledger ids as ranges: `[1, 2, 3, 5]` → `1-3,5` (ascending, each once).
    static func rangesText(_ ids: [Int64]) -> String {
        var parts: [String] = []
        var index = 0
        while index < ids.count {
            var end = index
            while end + 1 < ids.count && ids[end + 1] == ids[end] + 1 { end += 1 }
            parts.append(end == index ? String(ids[index]) : "\(ids[index])-\(ids[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// The ids `rangesText` wrote, ascending, or nil when the text is not such a list.
    static func ranges(_ text: String) -> [ClosedRange<Int64>]? {
        var ranges: [ClosedRange<Int64>] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 1 || bounds.count == 2, let low = Int64(bounds[0]), let high = Int64(bounds[bounds.count - 1]),
                  low >= 1, low <= high, ranges.last.map({ $0.upperBound < low }) ?? true else { return nil }
            ranges.append(low...high)
        }
        return ranges.isEmpty ? nil : ranges
    }
}

/// The heads of the chains as this connection last wrote them, valid while it stays in the same
/// transaction with nothing rolled back (`Database.transactionEpoch`): a bulk run reads each head
/// once per transaction or batch, not once per row. No other connection writes while this one
/// holds the write lock, and every row of these tables is written through `AuditChain.wrote`.
final class ChainHeads {
    private var heads: [String: (epoch: Int, id: Int64, hash: String)] = [:]

    static func of(_ database: Database) -> ChainHeads { database.attachment { ChainHeads() } }

    func kept(_ table: String, in database: Database) -> (id: Int64, hash: String)? {
        guard database.isInTransaction, let head = heads[table], head.epoch == database.transactionEpoch else { return nil }
        return (head.id, head.hash)
    }

    func keep(_ table: String, id: Int64, hash: String, in database: Database) {
        heads[table] = database.isInTransaction ? (database.transactionEpoch, id, hash) : nil
    }
}

/// The ledger entries this connection wrote that no audit entry names yet: `Ledger` notes each
/// entry it inserts, and the next audit entry the operation records names them (`ledger_ids`)
/// and the chain hash of the last (`ledger_hash`), so each entry has its audit row and the audit
/// chain vouches for the ledger chain up to it. An entry a rolled-back savepoint took away is
/// dropped: only entries still there with the hash noted are named.
final class LedgerAuditLink {
    private var pending: [(id: Int64, hash: String)] = []
    /// What the next claim names whatever was noted: entries written before the chain existed,
    /// which the migration that chains them names in its own entry.
    private var preset: (ids: String, lastHash: String)?

    static func of(_ database: Database) -> LedgerAuditLink { database.attachment { LedgerAuditLink() } }

    func note(id: Int64, hash: String) { pending.append((id, hash)) }

    /// Makes the next claim name `ids` (ranges text), the last with `lastHash`.
    func nameNext(ids: String, lastHash: String) { preset = (ids, lastHash) }

    /// The entries noted since the last claim that are still in the ledger, as `ledger_ids` and
    /// `ledger_hash`; nil when there are none.
    func claim(in database: Database) throws -> (ids: String, lastHash: String)? {
        if let preset {
            self.preset = nil
            pending.removeAll()
            return preset
        }
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll() }
        var kept: [Int64: String] = [:]
        for (id, hash) in pending {
            if try database.scalarInt("SELECT 1 FROM ledger_entries WHERE id = ? AND chain_hash = ?", [id, hash]) != nil {
                kept[id] = hash
            }
        }
        let ids = kept.keys.sorted()
        guard let last = ids.last, let hash = kept[last] else { return nil }
        return (AuditChain.rangesText(ids), hash)
    }
}
