import WBillSupport

/// What is wrong at the first broken link `AuditVerifier` finds.
public enum ChainProblemKind: String, Sendable, Equatable {
    /// The row's hash is not the one its values and the row before it give: it was changed, or
    /// a row before it was removed or changed, or it was written by something other than wbill.
    case hashMismatch = "hash mismatch"
    /// Ids jump: the rows between were removed.
    case rowMissing = "row missing"
    /// A ledger entry no audit entry names.
    case entryWithoutAudit = "entry without audit"
    /// An audit entry names a ledger entry that is not there.
    case auditedEntryMissing = "audited entry missing"
    /// A ledger entry's chain hash is not the one its audit entry recorded (the ledger was changed
    /// and chained again).
    case entryDiffersFromAudit = "entry differs from its audit"
    /// A stored amount is not the sum of what it sums.
    case sumMismatch = "sum mismatch"
    /// The head recorded earlier is not the hash of any row of the audit chain.
    case expectedHeadNotFound = "expected head not found"
}

/// The first broken link: where and what.
public struct ChainProblem: Sendable, Equatable {
    /// The table (`audit_log`, `ledger_entries`, `bills`).
    public let table: String
    /// The row's id (nil for the expected head, which is no row).
    public let rowID: Int64?
    public let kind: ChainProblemKind
    /// The facts, for people: "ids jump from 4 to 6", "paid 12.00, allocations 10.00".
    public let detail: String
}

/// What `AuditVerifier` found: both chains' sizes and heads, and the first problem, if any.
public struct AuditVerification: Sendable, Equatable {
    public var auditEntries: Int64 = 0
    /// The last audit row's chain hash (nil for an empty trail).
    public var auditHead: String?
    public var ledgerEntries: Int64 = 0
    public var ledgerHead: String?
    /// Bills whose paid amount and charge were checked against their allocations and the ledger.
    public var billsChecked: Int64 = 0
    /// The id of the audit row whose hash is the head asked for (`--expect`), when found.
    public var expectedHeadRow: Int64?
    /// The first broken link; nil when everything holds.
    public var problem: ChainProblem?
}

/// The first broken link of the audit trail or the ledger, as an error (exit 1).
public struct AuditChainBrokenError: ClassifiedError, Equatable {
    public let problem: ChainProblem
    /// The error for `problem`.
    public init(problem: ChainProblem) {
        self.problem = problem
    }
    public var failureKind: FailureKind { .refused }
    public var description: String {
        let place = problem.rowID.map { "\(problem.table) row \($0)" } ?? problem.table
        return "the audit trail does not verify: \(place): \(problem.kind.rawValue): \(problem.detail)"
    }
}

/// Walks the audit chain and the ledger chain in id order, streaming (memory stays flat), and
/// checks, reporting the first problem: (1) each audit row's id follows the one before and its
/// hash is its own (`ChainEncoding`); (2) each ledger entry likewise, and each is named by exactly
/// the audit entry that recorded it (`ledger_ids`), the last one named with the hash that entry
/// recorded (`ledger_hash`); (3) each bill's paid amount is the sum of its allocations and its
/// charge is its ledger entry's amount, and each late fee is its entry's; (4) a head recorded
/// earlier is the hash of one of the audit rows.
public struct AuditVerifier {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Verifies, in one read transaction.
    /// - Parameter expectedHead: a head recorded earlier (64 hex digits), or nil.
    public func verify(expectedHead: String? = nil) throws -> AuditVerification {
        try database.readTransaction {
            var result = AuditVerification()
            let expected = expectedHead?.lowercased()
            result.problem = try walkAudit(&result, expected: expected)
            if result.problem == nil { result.problem = try walkLedger(&result) }
            if result.problem == nil { result.problem = try checkBills(&result) }
            if result.problem == nil, let expected, result.expectedHeadRow == nil {
                result.problem = ChainProblem(table: "audit_log", rowID: nil, kind: .expectedHeadNotFound,
                                              detail: "no audit row has the hash \(expected)")
            }
            return result
        }
    }

    /// The columns of `columns` the table has, the others selected as NULL, then `chain_hash`.
    private func selection(_ table: String, _ columns: [ChainColumn]) throws -> String {
        let present = Set(try database.query("SELECT name FROM pragma_table_info('\(table)')") { $0.text(0) })
        return (columns.map { present.contains($0.name) ? $0.name : "NULL" } + ["chain_hash"]).joined(separator: ", ")
    }

    /// One chained table's rows in id order: each checked for a gap and its hash; `each` sees the
    /// row (its id, and its hash as 64 hex digits) after it passed. Returns the first problem.
    private func walk(_ table: String, _ columns: [ChainColumn], count: inout Int64, head: inout String?,
                      each: (Int64, [UInt8]) throws -> ChainProblem?) throws -> ChainProblem? {
        let statement = try database.prepare("SELECT \(try selection(table, columns)) FROM \(table) ORDER BY id")
        defer { statement.reset() }
        var encoder = ChainRowEncoder(columns: columns)
        var previous = Array(ChainEncoding.genesis.utf8)
        var previousID: Int64 = 0
        let hashColumn = Int32(columns.count)
        while try statement.step() {
            let row = statement.row
            let id = row.int64(0)
            if id != previousID + 1 {
                return ChainProblem(table: table, rowID: previousID + 1, kind: .rowMissing,
                                    detail: previousID == 0 ? "the first row is \(id)" : "ids jump from \(previousID) to \(id)")
            }
            let computed = encoder.hash(of: row, after: previous)
            guard !row.isNull(hashColumn), row.withTextBytes(hashColumn, { $0.elementsEqual(computed) }) else {
                return ChainProblem(table: table, rowID: id, kind: .hashMismatch,
                                    detail: row.isNull(hashColumn) ? "it has no chain hash"
                                        : "its values and the row before it do not give its chain hash")
            }
            if let problem = try each(id, computed) { return problem }
            previous = computed
            previousID = id
            count += 1
        }
        head = count == 0 ? nil : String(decoding: previous, as: UTF8.self)
        return nil
    }

    private func walkAudit(_ result: inout AuditVerification, expected: String?) throws -> ChainProblem? {
        var found: Int64?
        var count: Int64 = 0
        var head: String?
        let expectedBytes = expected.map { Array($0.utf8) }
        let problem = try walk("audit_log", AuditChain.auditLog, count: &count, head: &head) { id, hash in
            if found == nil, hash == expectedBytes { found = id }
            return nil
        }
        result.auditEntries = count
        result.auditHead = head
        result.expectedHeadRow = found
        return problem
    }

    /// The audit rows that name ledger entries, in id order: (audit row, ids named, hash of the last).
    private struct Namings {
        let statement: Statement
        var ranges: [ClosedRange<Int64>] = []
        var rangeIndex = 0
        var next: Int64 = 0
        var auditRow: Int64 = 0
        var lastHash = ""

        init(_ database: Database) throws {
            statement = try database.prepare("SELECT id, ledger_ids, ledger_hash FROM audit_log WHERE ledger_ids IS NOT NULL ORDER BY id")
        }

        /// The next id named and the audit row naming it, whether it is the row's last; nil at the end.
        mutating func advance() throws -> (id: Int64, auditRow: Int64, isLast: Bool)? {
            if rangeIndex < ranges.count {
                let id = next
                if next < ranges[rangeIndex].upperBound { next += 1 } else {
                    rangeIndex += 1
                    if rangeIndex < ranges.count { next = ranges[rangeIndex].lowerBound }
                }
                return (id, auditRow, rangeIndex == ranges.count)
            }
            guard try statement.step() else { return nil }
            auditRow = statement.row.int64(0)
            lastHash = statement.row.text(2)
            ranges = AuditChain.ranges(statement.row.text(1)) ?? []
            rangeIndex = 0
            next = ranges.first?.lowerBound ?? 0
            return try advance()
        }
    }

    private func walkLedger(_ result: inout AuditVerification) throws -> ChainProblem? {
        var namings = try Namings(database)
        defer { namings.statement.reset() }
        var named = try namings.advance()
        var lastNamed: Int64 = 0
        var count: Int64 = 0
        var head: String?
        let problem = try walk("ledger_entries", AuditChain.ledgerEntries, count: &count, head: &head) { id, hash in
            if let naming = named, naming.id < id {
                if naming.id <= lastNamed {
                    return ChainProblem(table: "audit_log", rowID: naming.auditRow, kind: .hashMismatch,
                                        detail: "it names ledger entry \(naming.id) out of order")
                }
                return ChainProblem(table: "ledger_entries", rowID: naming.id, kind: .auditedEntryMissing,
                                    detail: "audit row \(naming.auditRow) names it and it is not there")
            }
            guard let naming = named, naming.id == id else {
                return ChainProblem(table: "ledger_entries", rowID: id, kind: .entryWithoutAudit, detail: "no audit row names it")
            }
            if naming.isLast, !hash.elementsEqual(namings.lastHash.utf8) {
                return ChainProblem(table: "ledger_entries", rowID: id, kind: .entryDiffersFromAudit,
                                    detail: "audit row \(naming.auditRow) recorded its chain hash as \(namings.lastHash)")
            }
            lastNamed = id
            named = try namings.advance()
            return nil
        }
        result.ledgerEntries = count
        result.ledgerHead = head
        if let problem { return problem }
        if let naming = named {
            return ChainProblem(table: "ledger_entries", rowID: naming.id, kind: .auditedEntryMissing,
                                detail: "audit row \(naming.auditRow) names it and it is not there")
        }
        return nil
    }

    /// Bills: paid amount = allocations, total = −(its charge entry); late fees = −(their entries).
    private func checkBills(_ result: inout AuditVerification) throws -> ChainProblem? {
        let bills = try database.prepare("""
            SELECT b.id, b.number, b.paid_amount, b.total,
                   coalesce((SELECT sum(a.amount) FROM bill_allocations a WHERE a.bill_id = b.id), 0),
                   (SELECT -e.amount FROM ledger_entries e WHERE e.id = b.ledger_entry_id)
            FROM bills b ORDER BY b.id
            """)
        defer { bills.reset() }
        while try bills.step() {
            let row = bills.row
            result.billsChecked += 1
            if row.int64(2) != row.int64(4) {
                return ChainProblem(table: "bills", rowID: row.int64(0), kind: .sumMismatch,
                                    detail: "bill \(row.text(1)) has paid \(row.int64(2)) minor units and its allocations add up to \(row.int64(4))")
            }
            if row.int64(3) != 0 && row.optionalInt64(5) != row.int64(3) {
                return ChainProblem(table: "bills", rowID: row.int64(0), kind: .sumMismatch,
                                    detail: "bill \(row.text(1)) totals \(row.int64(3)) minor units and its ledger charge is \(row.optionalInt64(5).map(String.init) ?? "missing")")
            }
        }
        let fees = try database.prepare("""
            SELECT f.id, f.amount, (SELECT -e.amount FROM ledger_entries e WHERE e.id = f.ledger_entry_id)
            FROM late_fees f WHERE f.ledger_entry_id IS NOT NULL ORDER BY f.id
            """)
        defer { fees.reset() }
        while try fees.step() {
            let row = fees.row
            if row.optionalInt64(2) != row.int64(1) {
                return ChainProblem(table: "late_fees", rowID: row.int64(0), kind: .sumMismatch,
                                    detail: "the fee is \(row.int64(1)) minor units and its ledger entry is \(row.optionalInt64(2).map(String.init) ?? "missing")")
            }
        }
        return nil
    }
}
