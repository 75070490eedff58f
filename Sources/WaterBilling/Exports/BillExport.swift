import WBillSupport

/// `bills`: every postpaid bill as issued, with what has been paid on it and its status.
public enum BillExport {
    /// The export of the bills issued on `days` (by issue date), or of all; money in the utility's currency.
    public static func export(from database: Database, days: ExportDays = ExportDays()) throws -> TableExport {
        let currency = try UtilitySettings(database: database).currency()
        let range = days.conditions(on: "b.issue_date")
        var sql = """
            SELECT b.number, a.number, b.customer_name, b.period, b.period_from, b.period_to, b.tariff, b.volume,
                   b.total, b.paid_amount, b.status, b.issue_date, b.due_date, b.cancelled_at, b.minor_unit
            FROM bills b JOIN accounts a ON a.id = b.account_id
            """
        if !range.sql.isEmpty { sql += " WHERE " + range.sql.joined(separator: " AND ") }
        sql += days.isEverything ? " ORDER BY b.id" : " ORDER BY b.issue_date, b.id"
        return TableExport(name: "bills", title: "Bills", columns: columns(currency), parameters: days.parameters,
                           notes: ["total and paid are in \(currency.code); volume in the utility's volume unit"],
                           sql: sql, bindings: range.values) { row in
            let scale = row.int(14)
            return [.text(row.text(0)), .text(row.text(1)), .text(row.text(2)), .text(row.text(3)), try row.dateValue(4),
                    try row.dateValue(5), .text(row.text(6)), row.decimalValue(7, scale: Volume.scale),
                    row.decimalValue(8, scale: scale), row.decimalValue(9, scale: scale), try row.choiceValue(10, as: BillStatus.self),
                    try row.dateValue(11), try row.dateValue(12), try row.timestampValue(13)]
        }
    }

    static func columns(_ currency: Currency) -> [TabularColumn] {
        [TabularColumn("number", .text(maximumLength: BillOptions.prefixLength.upperBound + BillOptions.numberDigits),
                       title: "bill", nullable: false),
         TabularColumn("account", ExportColumns.accountNumber, nullable: false),
         TabularColumn("name", ExportColumns.name, title: "customer name", nullable: false),
         TabularColumn("period", .text(maximumLength: 10), nullable: false),
         TabularColumn("from_date", .date, title: "period from", nullable: false),
         TabularColumn("to_date", .date, title: "period to", nullable: false),
         TabularColumn("tariff", .text(maximumLength: DomainLimits.tariffNameLength), nullable: false),
         TabularColumn("volume", ExportColumns.volume, nullable: false),
         TabularColumn("total", ExportColumns.money(currency), nullable: false),
         TabularColumn("paid", ExportColumns.money(currency), nullable: false),
         TabularColumn("status", ExportColumns.choice(BillStatus.self), nullable: false),
         TabularColumn("issued", .date, title: "issue date", nullable: false),
         TabularColumn("due", .date, title: "due date", nullable: false),
         TabularColumn("cancelled", .timestamp, title: "cancelled at")]
    }
}
