import WaterBilling
import WBillSupport

/// `wbill audit verify`: both hash chains, each ledger entry's audit row, the stored sums.
enum AuditVerifyCommand {
    static let spec = CommandSpec(
        ["audit", "verify"], summary: "check that the audit trail and the ledger are as wbill wrote them",
        discussion: """
            Walks the audit trail and the ledger in id order and recomputes each row's chain hash;
            checks that every ledger entry is named by the audit entry that recorded it, with the
            hash that entry recorded, that each bill's paid amount is the sum of its allocations
            and its total its ledger charge, and that each late fee is its ledger entry. Prints
            both chains' sizes and heads (the hash of their last row). The first broken link is
            named (table, row id, what is wrong: hash mismatch, row missing, entry without audit,
            audited entry missing, entry differs from its audit, sum mismatch) and the exit status
            is 1.

            --expect HASH checks a head recorded earlier: it must still be the hash of a row of
            the audit chain (rows appended since are fine). A trail rewritten from that row on,
            hashes recomputed, no longer leads to it: exit 1.
            """,
        options: [.value("expect", .text, placeholder: "HASH", help: "an audit head recorded earlier (64 hex digits) the chain must still lead to")],
        requirements: .readDatabase, listOutput: true, writesTableFiles: false,
        examples: ["wbill audit verify", "wbill audit verify --expect \"$(tail -n 1 /srv/wbill-heads.txt | cut -d ' ' -f 2)\" --format json"],
        handler: verify)

    static func verify(_ context: CommandContext) throws -> CommandOutput {
        let expected = context.arguments.value("expect")
        if let expected, expected.count != 64 || !expected.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) }) {
            throw context.usageError("--expect takes a chain hash: 64 hexadecimal digits, as audit verify prints it as audit_head")
        }
        let result = try AuditVerifier(database: context.database).verify(expectedHead: expected)
        var record = DataRecord()
        record.append("result", .text(result.problem == nil ? "ok" : "broken"))
        record.append("audit_entries", .integer(result.auditEntries))
        record.append("audit_head", result.auditHead.map(Cell.text) ?? .null)
        record.append("ledger_entries", .integer(result.ledgerEntries))
        record.append("ledger_head", result.ledgerHead.map(Cell.text) ?? .null)
        record.append("bills_checked", .integer(result.billsChecked))
        if let expected {
            record.append("expected_head", .text(expected.lowercased()))
            record.append("expected_head_row", result.expectedHeadRow.map(Cell.integer) ?? .null)
        }
        guard let problem = result.problem else { return .record(record) }
        record.append("broken_table", .text(problem.table))
        record.append("broken_row", problem.rowID.map(Cell.integer) ?? .null)
        record.append("problem", .text(problem.kind.rawValue))
        record.append("detail", .text(problem.detail))
        return .failed(.record(record), AuditChainBrokenError(problem: problem))
    }

    /// The man page's section on the chains and their encoding.
    static let chainManual = """
        Every row of the audit trail (audit_log) and of the ledger (ledger_entries) carries
        chain_hash: the SHA-256, in 64 lower-case hex digits, of the bytes of the previous row's
        chain_hash (64 ASCII digits; 64 zeros for a table's first row) followed by the row's
        canonical encoding. Rows are chained in id order, and ids follow each other without gaps.

        The canonical encoding is, for each column of the table's list below, in that order,
        whose value is not NULL (a NULL column is left out, so a nullable column added later does
        not change the hash of rows written before it):

          NAME "=" TYPE LENGTH ":" VALUE "\\n"

        NAME is the column's name in ASCII; TYPE is "i" for an integer, "t" for a text; VALUE is
        an integer in ASCII decimal ("-" before a negative one, no leading zeros) or a text's
        UTF-8 bytes; LENGTH is VALUE's length in bytes, in ASCII decimal; "\\n" is the byte 0x0A.
        Example: the id 7 is encoded "id=i1:7\\n", the kind 'recharge' "kind=t8:recharge\\n".

        audit_log: id, at, real_at, operator, on_behalf_of, command, entity, entity_id, action,
        changes, ledger_ids, ledger_hash. real_at is NULL unless WBILL_NOW overrode the clock,
        on_behalf_of unless an operator acted for another, ledger_ids and ledger_hash unless the
        entry records movements of money.

        ledger_entries: id, account_id, customer_id, kind, amount (minor units), channel,
        reference, reason, reverses_id, at, operator.

        Each ledger entry is named by the audit entry its operation recorded next: ledger_ids
        lists the entries an audit entry records, as ids and ranges ("41-42,45"), and
        ledger_hash is the chain_hash of the last of them. So every entry has its audit row, and
        a head of the audit chain recorded elsewhere vouches for the ledger up to that point too:
        rewriting the ledger and recomputing its hashes breaks the audit chain. The migration
        'audit chain' chained the rows a database held before it, in id order, and recorded it in
        its own audit entry (entity schema, action migrate): how many audit and ledger rows it
        chained (audit_entries, ledger_entries), and, in ledger_ids, every ledger entry there was.

        The chain shows that rows were changed; it does not stop anyone who can write the file
        from rewriting both chains whole. Record the head (audit verify prints it as audit_head)
        where the database's users cannot write, daily, and check it with audit verify --expect
        HASH: a rewritten trail no longer leads to it.
        """
}
