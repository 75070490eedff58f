import WBillSupport

/// `accounts`: every account with its holder, its customer type and its balance (the sum of its
/// ledger entries), in the order they were opened.
public enum AccountExport {
    /// The export of every account; money in `currency` (the utility's).
    public static func export(from database: Database) throws -> TableExport {
        let currency = try UtilitySettings(database: database).currency()
        return TableExport(name: "accounts", title: "Accounts", columns: columns(currency), notes: [
            "balance is the sum of the account's ledger entries in \(currency.code): negative when the account owes money",
        ], sql: """
            SELECT a.number, c.id, c.name, t.name, t.water_nature, a.business_mode, a.status, a.currency,
                   (SELECT coalesce(sum(l.amount), 0) FROM ledger_entries l WHERE l.account_id = a.id), a.opened_at, a.closed_at, a.minor_unit
            FROM accounts a JOIN customer_types t ON t.id = a.customer_type_id
            JOIN account_holders h ON h.account_id = a.id AND h.to_date IS NULL
            JOIN customers c ON c.id = h.customer_id
            ORDER BY a.id
            """) { row in
            [.text(row.text(0)), .integer(row.int64(1)), .text(row.text(2)), .text(row.text(3)),
             try row.choiceValue(4, as: WaterNature.self), try row.choiceValue(5, as: BusinessMode.self),
             try row.choiceValue(6, as: AccountStatus.self), .text(row.text(7)),
             .decimal(unscaled: row.int64(8), scale: row.int(11)),
             try row.timestampValue(9), try row.timestampValue(10)]
        }
    }

    static func columns(_ currency: Currency) -> [TabularColumn] {
        [TabularColumn("account", ExportColumns.accountNumber, nullable: false),
         TabularColumn("customer", ExportColumns.id, title: "holder", nullable: false),
         TabularColumn("name", ExportColumns.name, title: "holder name", nullable: false),
         TabularColumn("type", ExportColumns.name, title: "customer type", nullable: false),
         TabularColumn("nature", ExportColumns.choice(WaterNature.self), title: "water nature", nullable: false),
         TabularColumn("mode", ExportColumns.choice(BusinessMode.self), title: "business mode", nullable: false),
         TabularColumn("status", ExportColumns.choice(AccountStatus.self), nullable: false),
         TabularColumn("currency", .text(maximumLength: 3), nullable: false),
         TabularColumn("balance", ExportColumns.money(currency), nullable: false),
         TabularColumn("opened", .timestamp, title: "opened at", nullable: false),
         TabularColumn("closed", .timestamp, title: "closed at")]
    }
}
