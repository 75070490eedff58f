import WBillSupport

/// `transactions`: the ledger, every movement of money on every account, with the account's
/// number and the holder it was made for.
public enum TransactionExport {
    /// The export of the entries made on `days` (by `at`, UTC) in time order, or of all in the
    /// order they were made; money in the utility's currency.
    public static func export(from database: Database, days: ExportDays = ExportDays()) throws -> TableExport {
        let currency = try UtilitySettings(database: database).currency()
        let range = days.conditions(on: "l.at")
        var sql = """
            SELECT l.id, a.number, l.customer_id, c.name, l.kind, l.amount, l.channel, l.reference, l.reason,
                   l.reverses_id, l.at, l.operator, a.minor_unit
            FROM ledger_entries l JOIN accounts a ON a.id = l.account_id JOIN customers c ON c.id = l.customer_id
            """
        if !range.sql.isEmpty { sql += " WHERE " + range.sql.joined(separator: " AND ") }
        sql += days.isEverything ? " ORDER BY l.id" : " ORDER BY l.at, l.id"
        return TableExport(name: "transactions", title: "Ledger entries", columns: columns(currency), parameters: days.parameters,
                           notes: ["amount is in \(currency.code): positive in the customer's favour, negative owed or paid out"],
                           sql: sql, bindings: range.values) { row in
            [.integer(row.int64(0)), .text(row.text(1)), .integer(row.int64(2)), .text(row.text(3)),
             try row.choiceValue(4, as: LedgerEntryKind.self), .decimal(unscaled: row.int64(5), scale: row.int(12)),
             try row.choiceValue(6, as: PaymentChannel.self), row.textValue(7), row.textValue(8), row.integerValue(9),
             try row.timestampValue(10), .text(row.text(11))]
        }
    }

    static func columns(_ currency: Currency) -> [TabularColumn] {
        [TabularColumn("id", ExportColumns.id, title: "entry", nullable: false),
         TabularColumn("account", ExportColumns.accountNumber, nullable: false),
         TabularColumn("customer", ExportColumns.id, nullable: false),
         TabularColumn("name", ExportColumns.name, title: "customer name", nullable: false),
         TabularColumn("kind", ExportColumns.choice(LedgerEntryKind.self), nullable: false),
         TabularColumn("amount", ExportColumns.money(currency), nullable: false),
         TabularColumn("channel", ExportColumns.choice(PaymentChannel.self)),
         TabularColumn("reference", .text(maximumLength: DomainLimits.referenceLength)),
         TabularColumn("reason", .text(maximumLength: DomainLimits.reasonLength)),
         TabularColumn("reverses", ExportColumns.id),
         TabularColumn("at", .timestamp, nullable: false),
         TabularColumn("operator", ExportColumns.operatorName, nullable: false)]
    }
}
